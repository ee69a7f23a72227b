ALTER TABLE "context_items" ADD COLUMN "internal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "context_items" ADD COLUMN "analysis" jsonb;--> statement-breakpoint
ALTER TABLE "context_items" drop column "search";--> statement-breakpoint
ALTER TABLE "context_items" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(analysis->>'text', body, ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "context_items_search_idx" ON "context_items" USING gin ("search");--> statement-breakpoint
ALTER TABLE "work_outputs" ADD COLUMN "grounding" jsonb;--> statement-breakpoint
ALTER TABLE "work_recipes" ADD COLUMN "model" jsonb;--> statement-breakpoint
ALTER TABLE "work_recipes" ADD COLUMN "max_steps" integer;--> statement-breakpoint
ALTER TABLE "work_recipes" ADD COLUMN "output_contract" jsonb DEFAULT '{"sections":[]}'::jsonb NOT NULL;
