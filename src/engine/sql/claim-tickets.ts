// Claiming: oldest pending first, `FOR UPDATE SKIP LOCKED` so concurrent workers never wait on or
// take the same ticket. One statement = one transaction: the status change, the attempt, the lease
// (a fresh owner token and an expiry from the database's clock), the `running` status events and
// their NOTIFYs commit together or not at all.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import { insertStatusEventsSql, notifyEventSql } from "../../events/status-events-sql.js";
import { leaseExpirySql } from "../lease.js";
import { fromStatusesSql, queryRows, ticketsFromRows } from "./raw.js";

export interface ClaimOptions {
  /** Who holds the lease, for people and logs (lease_owner); the guard is the token drawn here. */
  workerId: string;
  /** Claim at most this many (the worker's free slots). */
  limit: number;
  leaseMs: number;
}

/** Claimed rows: each has a new `leaseToken`; `leaseOf(row)` is its lease. */
export async function claimTickets(exec: Executor, o: ClaimOptions): Promise<TicketRow[]> {
  if (o.limit <= 0) return [];
  // The partial index work_tickets_pending_idx (created_at WHERE status = 'pending') serves `picked`.
  const rows = await queryRows(
    exec,
    sql`
    WITH picked AS (
      SELECT id FROM work_tickets
      WHERE status IN ${fromStatusesSql("claim")}
      ORDER BY created_at
      LIMIT ${o.limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE work_tickets t
      SET status = 'running', attempt = t.attempt + 1, lease_owner = ${o.workerId}, lease_token = gen_random_uuid(),
          lease_expires_at = ${leaseExpirySql(o.leaseMs)}, started_at = COALESCE(t.started_at, now()),
          updated_at = now()
      FROM picked
      WHERE t.id = picked.id AND t.status IN ${fromStatusesSql("claim")}
      RETURNING t.*
    ), ev AS (
      ${insertStatusEventsSql(
        { rows: sql`claimed c`, ticketId: sql`c.id`, projectId: sql`c.project_id` },
        { status: "running", previous: "pending", attempt: sql`c.attempt`, reason: null },
      )}
    )
    SELECT to_jsonb(c) AS ticket, ${notifyEventSql(sql`ev.id`)}
    FROM claimed c JOIN ev ON ev.ticket_id = c.id
    ORDER BY ev.id`,
  );
  return ticketsFromRows(rows);
}
