CREATE TABLE "ticket_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"key" text NOT NULL,
	"question" text NOT NULL,
	"answer_schema" jsonb NOT NULL,
	"default_answer" jsonb,
	"expires_in_s" integer,
	"expires_at" timestamp with time zone,
	"state" jsonb,
	"answer" jsonb,
	"answered_by" text,
	"answer_source" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_tickets" ADD COLUMN "resume_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ticket_questions" ADD CONSTRAINT "ticket_questions_ticket_id_work_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."work_tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_questions_key_idx" ON "ticket_questions" USING btree ("ticket_id","key");--> statement-breakpoint
CREATE INDEX "ticket_questions_expiry_idx" ON "ticket_questions" USING btree ("expires_at") WHERE answered_at IS NULL AND expires_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "work_tickets_resume_idx" ON "work_tickets" USING btree ("resume_at") WHERE status = 'waiting' AND resume_at IS NOT NULL;