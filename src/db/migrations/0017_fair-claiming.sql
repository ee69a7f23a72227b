ALTER TABLE "projects" ADD COLUMN "max_running" integer;--> statement-breakpoint
ALTER TABLE "work_tickets" ADD COLUMN "priority" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "work_tickets_project_queue_idx" ON "work_tickets" USING btree ("project_id","priority" DESC NULLS LAST,"created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "work_tickets_running_project_idx" ON "work_tickets" USING btree ("project_id") WHERE status = 'running';--> statement-breakpoint
-- Fair claiming (issue 19): the running count a per-project limit is checked against. It takes the
-- project's claim lock first (transaction-level, exclusive; claims of one project from every worker
-- queue here for the moment a claim statement takes) and only THEN counts. A VOLATILE function's
-- queries each take a fresh snapshot under READ COMMITTED, so the count sees every claim committed
-- before the lock was granted; a count from the claim statement's own snapshot could miss one and
-- let two workers together exceed the limit. 1465077077 = 'WSMU' (the event ids use 'WSMT').
CREATE OR REPLACE FUNCTION worksmith_project_running(project uuid) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1465077077, hashtext(project::text));
  RETURN (SELECT count(*)::int FROM work_tickets WHERE project_id = project AND status = 'running');
END
$$;
