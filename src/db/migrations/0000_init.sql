CREATE TABLE "context_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"filename" text,
	"mime" text,
	"bytes" integer NOT NULL,
	"body" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_outputs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"file_key" text,
	"file_format" text,
	"filename" text,
	"mime" text,
	"bytes" integer,
	"generation_method" text NOT NULL,
	"agent_type" text NOT NULL,
	"output_type" text NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_recipes" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"icon" text NOT NULL,
	"agent_type" text NOT NULL,
	"output_format" text NOT NULL,
	"extra_formats" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"configurable_parameters" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"timeout_s" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"provider" text,
	"instructions" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"recipe_slug" text NOT NULL,
	"agent_type" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"requested_by" text,
	"idempotency_key" text,
	"usage" jsonb DEFAULT '{"input_tokens":0,"output_tokens":0}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"recipe_slug" text NOT NULL,
	"agent_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"timeout_s" integer NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"cancel_requested_at" timestamp with time zone,
	"retry_of" uuid,
	"todos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "context_items" ADD CONSTRAINT "context_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_work_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."work_tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_outputs" ADD CONSTRAINT "work_outputs_ticket_id_work_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."work_tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_requests" ADD CONSTRAINT "work_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_requests" ADD CONSTRAINT "work_requests_recipe_slug_work_recipes_slug_fk" FOREIGN KEY ("recipe_slug") REFERENCES "public"."work_recipes"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_tickets" ADD CONSTRAINT "work_tickets_request_id_work_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."work_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_tickets" ADD CONSTRAINT "work_tickets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "context_items_project_idx" ON "context_items" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "context_items_search_idx" ON "context_items" USING gin ("search");--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "ticket_events" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "ticket_events_project_idx" ON "ticket_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "work_outputs_ticket_idx" ON "work_outputs" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_requests_idempotency_idx" ON "work_requests" USING btree ("project_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "work_tickets_pending_idx" ON "work_tickets" USING btree ("created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "work_tickets_lease_idx" ON "work_tickets" USING btree ("lease_expires_at") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "work_tickets_project_idx" ON "work_tickets" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "work_tickets_created_idx" ON "work_tickets" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "work_tickets_request_idx" ON "work_tickets" USING btree ("request_id");