// Graceful shutdown: tickets a worker could not finish in the grace period go back to pending
// WITHOUT consuming an attempt (attempt - 1: the claim counted one, but nothing went wrong), with a
// status event, and a NOTIFY so another worker picks them up at once. Guarded by each run's lease.
// A resumed run (resume_at set: its question was answered, issue 16) goes back to `waiting`, still
// answered and claimable, with its attempt as it was (the resume claim counted none).
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import { CHANNELS } from "../../domain/events.js";
import { insertStatusEventsSql, notifyEventSql } from "../../events/status-events-sql.js";
import { leasesSql, type Lease } from "../lease.js";
import { fromStatusesSql, queryRows, ticketsFromRows } from "./raw.js";

export const RELEASE_REASON = "worker shutting down; released";

export async function releaseTickets(exec: Executor, leases: readonly Lease[]): Promise<TicketRow[]> {
  if (leases.length === 0) return [];
  const rows = await queryRows(
    exec,
    sql`
    WITH input AS (${leasesSql(leases)}
    ), released AS (
      UPDATE work_tickets t
      SET status = CASE WHEN t.resume_at IS NOT NULL THEN 'waiting' ELSE 'pending' END,
          attempt = CASE WHEN t.resume_at IS NOT NULL THEN t.attempt ELSE GREATEST(t.attempt - 1, 0) END,
          lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = now()
      FROM input x
      WHERE t.id = x.id AND t.lease_token = x.owner AND t.attempt = x.attempt
        AND t.status IN ${fromStatusesSql("requeue")}
      RETURNING t.*
    ), ev AS (
      ${insertStatusEventsSql(
        { rows: sql`released r`, ticketId: sql`r.id`, projectId: sql`r.project_id` },
        { status: sql`r.status`, previous: "running", attempt: sql`r.attempt`, reason: RELEASE_REASON },
      )}
    )
    SELECT to_jsonb(r) AS ticket, ${notifyEventSql(sql`ev.id`)}, pg_notify(${CHANNELS.tickets}, r.id::text)
    FROM released r JOIN ev ON ev.ticket_id = r.id
    ORDER BY ev.id`,
  );
  return ticketsFromRows(rows);
}
