-- Commit-order-safe event ids (docs/decisions/0002-event-ordering.md).
-- Every writer of ticket_events (appendEvent and the engine's batched CTEs alike) goes through this
-- trigger: it takes a SHARED transaction-level advisory lock (classid 1465077076 = 'WSMT', objid 1)
-- and only then draws the id. Shared locks never wait on each other, so writers are not serialised;
-- the lock only makes "a transaction that holds an unsettled event id" visible in pg_locks, which is
-- what the event hub reads to know up to which id the log is settled (src/events/watermark.ts).
-- The id drawn by the column default (before the lock) is discarded: ids have gaps, never disorder.
CREATE OR REPLACE FUNCTION worksmith_ticket_event_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1465077076, 1);
  NEW.id := nextval('ticket_events_id_seq'::regclass);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER ticket_events_settled_id BEFORE INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION worksmith_ticket_event_id();
