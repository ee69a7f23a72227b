CREATE TABLE "work_schedule_runs" (
	"schedule_id" uuid NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"ticket_id" uuid,
	"outcome" text NOT NULL,
	"missed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_schedule_runs_schedule_id_slot_at_pk" PRIMARY KEY("schedule_id","slot_at"),
	CONSTRAINT "work_schedule_runs_outcome_check" CHECK ("work_schedule_runs"."outcome" IN ('ticket', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "work_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"recipe_slug" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"cron" text NOT NULL,
	"timezone" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"missed_policy" text DEFAULT 'skip' NOT NULL,
	"paused_reason" text,
	"created_by" uuid,
	"next_run_at" timestamp with time zone,
	"last_slot_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_schedules_missed_policy_check" CHECK ("work_schedules"."missed_policy" IN ('skip', 'run_once'))
);
--> statement-breakpoint
ALTER TABLE "work_schedule_runs" ADD CONSTRAINT "work_schedule_runs_schedule_id_work_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."work_schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_schedule_runs" ADD CONSTRAINT "work_schedule_runs_ticket_id_work_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."work_tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_schedules_due_idx" ON "work_schedules" USING btree ("next_run_at") WHERE enabled;--> statement-breakpoint
CREATE INDEX "work_schedules_project_idx" ON "work_schedules" USING btree ("project_id","created_at");