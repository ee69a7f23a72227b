// Crash recovery: a running ticket whose lease expired lost its worker. It goes back to pending
// (attempt kept, so the next claim counts the next attempt) while attempts remain, else it fails
// "worker lost". SKIP LOCKED plus the re-checked guard make it safe for every worker to run this
// at once: each expired ticket is reaped by exactly one of them.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import { CHANNELS } from "../../domain/events.js";
import { transition } from "../../domain/ticket-status.js";
import { fromStatusesSql, isoParam, queryRows, ticketsFromRows } from "./raw.js";

export const REQUEUE_REASON = "worker lost; retrying";
export const WORKER_LOST = "worker lost";

// Both outcomes must be legal from the status the guard selects; fail loudly at import if the
// state machine ever changes under this statement.
if (!transition("running", "requeue").ok || !transition("running", "fail").ok) {
  throw new Error("reaper assumes running → pending and running → failed are legal");
}

export async function reapExpiredLeases(exec: Executor, now: Date, limit = 500): Promise<TicketRow[]> {
  const rows = await queryRows(
    exec,
    sql`
    WITH expired AS (
      SELECT id FROM work_tickets
      WHERE status IN ${fromStatusesSql("requeue")} AND lease_expires_at < ${isoParam(now)}
      ORDER BY lease_expires_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), reaped AS (
      UPDATE work_tickets t
      SET status = CASE WHEN t.attempt < t.max_attempts THEN 'pending' ELSE 'failed' END,
          lease_owner = NULL, lease_expires_at = NULL, updated_at = ${isoParam(now)},
          finished_at = CASE WHEN t.attempt < t.max_attempts THEN NULL ELSE ${isoParam(now)} END,
          metadata = CASE WHEN t.attempt < t.max_attempts THEN t.metadata ELSE t.metadata || jsonb_build_object(
            'execution_time_ms', GREATEST(0, (EXTRACT(EPOCH FROM (${isoParam(now)} - t.started_at)) * 1000)::bigint),
            'output_count', (SELECT count(*)::int FROM work_outputs o WHERE o.ticket_id = t.id),
            'final_todos', t.todos,
            'error_message', ${WORKER_LOST}::text) END
      FROM expired e
      WHERE t.id = e.id AND t.status IN ${fromStatusesSql("requeue")} AND t.lease_expires_at < ${isoParam(now)}
      RETURNING t.*
    ), ev AS (
      INSERT INTO ticket_events (ticket_id, project_id, type, data)
      SELECT r.id, r.project_id, 'status',
             CASE WHEN r.status = 'pending'
               THEN jsonb_build_object('status', 'pending', 'previous', 'running', 'attempt', r.attempt, 'reason', ${REQUEUE_REASON}::text)
               ELSE jsonb_build_object('status', 'failed', 'previous', 'running', 'attempt', r.attempt, 'reason', ${WORKER_LOST}::text,
                                       'error_message', ${WORKER_LOST}::text)
             END
      FROM reaped r
      RETURNING id, ticket_id
    )
    SELECT to_jsonb(r) AS ticket, pg_notify(${CHANNELS.events}, ev.id::text),
           CASE WHEN r.status = 'pending' THEN pg_notify(${CHANNELS.tickets}, r.id::text) END
    FROM reaped r JOIN ev ON ev.ticket_id = r.id
    ORDER BY ev.id`,
  );
  return ticketsFromRows(rows);
}
