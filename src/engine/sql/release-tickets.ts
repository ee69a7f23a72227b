// Graceful shutdown: tickets this worker could not finish in the grace period go back to pending
// WITHOUT consuming an attempt (attempt - 1: the claim counted one, but nothing went wrong), with a
// status event, and a NOTIFY so another worker picks them up at once.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import { CHANNELS } from "../../domain/events.js";
import { fromStatusesSql, isoParam, queryRows, ticketsFromRows } from "./raw.js";

export const RELEASE_REASON = "worker shutting down; released";

export async function releaseTickets(exec: Executor, workerId: string, now: Date, ticketIds: readonly string[]): Promise<TicketRow[]> {
  if (ticketIds.length === 0) return [];
  const rows = await queryRows(
    exec,
    sql`
    WITH released AS (
      UPDATE work_tickets t
      SET status = 'pending', attempt = GREATEST(t.attempt - 1, 0), lease_owner = NULL, lease_expires_at = NULL,
          updated_at = ${isoParam(now)}
      WHERE t.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ticketIds)}::jsonb)::uuid)
        AND t.status IN ${fromStatusesSql("requeue")} AND t.lease_owner = ${workerId}
      RETURNING t.*
    ), ev AS (
      INSERT INTO ticket_events (ticket_id, project_id, type, data)
      SELECT r.id, r.project_id, 'status',
             jsonb_build_object('status', 'pending', 'previous', 'running', 'attempt', r.attempt, 'reason', ${RELEASE_REASON}::text)
      FROM released r
      RETURNING id, ticket_id
    )
    SELECT to_jsonb(r) AS ticket, pg_notify(${CHANNELS.events}, ev.id::text), pg_notify(${CHANNELS.tickets}, r.id::text)
    FROM released r JOIN ev ON ev.ticket_id = r.id
    ORDER BY ev.id`,
  );
  return ticketsFromRows(rows);
}
