CREATE TABLE "work_recipe_versions" (
	"slug" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_recipe_versions_slug_version_pk" PRIMARY KEY("slug","version")
);
--> statement-breakpoint
ALTER TABLE "work_recipes" ADD COLUMN "system" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "work_recipes" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "work_recipes" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "work_recipe_versions" ADD CONSTRAINT "work_recipe_versions_slug_work_recipes_slug_fk" FOREIGN KEY ("slug") REFERENCES "public"."work_recipes"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_recipes" ADD CONSTRAINT "work_recipes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;