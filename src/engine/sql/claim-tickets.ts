// Claiming: answered waiting tickets first (their runs continue where they asked, issue 16), then
// the oldest pending, `FOR UPDATE SKIP LOCKED` so concurrent workers never wait on or take the same
// ticket. One statement = one transaction: the status change, the attempt, the lease (a fresh owner
// token and an expiry from the database's clock), the `running` status events and their NOTIFYs
// commit together or not at all.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import { insertStatusEventsSql, notifyEventSql } from "../../events/status-events-sql.js";
import { transition } from "../../domain/ticket-status.js";
import { leaseExpirySql } from "../lease.js";
import { fromStatusesSql, queryRows, ticketsFromRows } from "./raw.js";

if (!transition("waiting", "resume").ok || transition("waiting", "claim").ok) {
  throw new Error("claim assumes waiting → running is `resume` (answered tickets only), never a plain claim");
}

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
  // `picked` reads `resumable` first and `queued` only for the slots left: a WITH query is evaluated
  // only as far as its reader pulls, so `queued` locks no more rows than are claimed. The partial
  // indexes work_tickets_resume_idx and work_tickets_pending_idx serve the two.
  // A resumed run keeps its attempt (waiting spends none); a pending ticket's claim counts one.
  // resume_at stays set on a resumed run (it says when it resumed) and is cleared on a fresh claim.
  const claimable = sql`(t.status IN ${fromStatusesSql("claim")} OR (t.status = 'waiting' AND t.resume_at IS NOT NULL))`;
  const rows = await queryRows(
    exec,
    sql`
    WITH resumable AS (
      SELECT id, 'waiting'::text AS previous FROM work_tickets
      WHERE status = 'waiting' AND resume_at IS NOT NULL
      ORDER BY resume_at
      LIMIT ${o.limit}
      FOR UPDATE SKIP LOCKED
    ), queued AS (
      SELECT id, 'pending'::text AS previous FROM work_tickets
      WHERE status IN ${fromStatusesSql("claim")}
      ORDER BY created_at
      LIMIT ${o.limit}
      FOR UPDATE SKIP LOCKED
    ), picked AS (
      SELECT * FROM (SELECT * FROM resumable UNION ALL SELECT * FROM queued) p LIMIT ${o.limit}
    ), claimed AS (
      UPDATE work_tickets t
      SET status = 'running', attempt = CASE WHEN t.status = 'waiting' THEN t.attempt ELSE t.attempt + 1 END,
          resume_at = CASE WHEN t.status = 'waiting' THEN t.resume_at END,
          lease_owner = ${o.workerId}, lease_token = gen_random_uuid(),
          lease_expires_at = ${leaseExpirySql(o.leaseMs)}, started_at = COALESCE(t.started_at, now()),
          updated_at = now()
      FROM picked
      WHERE t.id = picked.id AND ${claimable}
      RETURNING t.*, picked.previous AS claimed_from
    ), ev AS (
      ${insertStatusEventsSql(
        { rows: sql`claimed c`, ticketId: sql`c.id`, projectId: sql`c.project_id` },
        {
          status: "running",
          previous: sql`c.claimed_from`,
          attempt: sql`c.attempt`,
          reason: sql`CASE WHEN c.claimed_from = 'waiting' THEN 'answered; resuming' END`,
        },
      )}
    )
    SELECT to_jsonb(c) - 'claimed_from' AS ticket, ${notifyEventSql(sql`ev.id`)}
    FROM claimed c JOIN ev ON ev.ticket_id = c.id
    ORDER BY ev.id`,
  );
  return ticketsFromRows(rows);
}
