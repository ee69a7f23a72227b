DROP INDEX "work_requests_idempotency_idx";--> statement-breakpoint
CREATE INDEX "work_requests_project_idx" ON "work_requests" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "work_requests" DROP COLUMN "idempotency_key";