// A pending ticket's place in the queue, in the order the claim takes tickets (sql/claim-tickets.ts):
// how many tickets would start before it if nothing else arrived. Issue 19.
// fair: the claim takes the lowest keys (a project's running tickets + a ticket's place in its
// project's line). This ticket's key is k = running(P) + ahead(P) + 1; another project Q has
// min(pending(Q), k - running(Q) - 1) tickets with a smaller key, and one more if its ticket with the
// same key is older (the claim breaks ties by age).
// fifo: every pending ticket older than it, across projects.
// Per-project limits are not modelled: a ticket of a project at its limit waits for its own
// project's runs to end, whatever its position says.
import { sql } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import type { ClaimOrder } from "./sql/claim-tickets.js";
import { queryRows } from "./sql/raw.js";

/** Tickets ahead of this one (0: it starts next); null when it is not pending. */
export async function readQueuePosition(db: Executor, ticketId: string, order: ClaimOrder = "fair"): Promise<number | null> {
  const rows = await queryRows(db, order === "fifo" ? fifoPosition(ticketId) : fairPosition(ticketId));
  const position = rows[0]?.position;
  return position === undefined || position === null ? null : Number(position);
}

function fifoPosition(ticketId: string) {
  return sql`
    SELECT (SELECT count(*) FROM work_tickets p
             WHERE p.status = 'pending' AND (p.created_at, p.id) < (me.created_at, me.id))::int AS position
    FROM work_tickets me WHERE me.id = ${ticketId}::uuid AND me.status = 'pending'`;
}

function fairPosition(ticketId: string) {
  // `ahead` counts the project's answered waiting tickets too: the claim takes those first.
  return sql`
    WITH me AS (
      SELECT id, project_id, priority, created_at FROM work_tickets WHERE id = ${ticketId}::uuid AND status = 'pending'
    ), mine AS (
      SELECT me.project_id,
             (SELECT count(*) FROM work_tickets p
               WHERE p.project_id = me.project_id AND p.status = 'pending'
                 AND (p.priority > me.priority OR (p.priority = me.priority AND (p.created_at, p.id) < (me.created_at, me.id))))
           + (SELECT count(*) FROM work_tickets w
               WHERE w.project_id = me.project_id AND w.status = 'waiting' AND w.resume_at IS NOT NULL) AS ahead,
             (SELECT count(*) FROM work_tickets r WHERE r.project_id = me.project_id AND r.status = 'running') AS running
      FROM me
    ), others AS (
      SELECT q.project_id, count(*) AS pending,
             (SELECT count(*) FROM work_tickets r WHERE r.project_id = q.project_id AND r.status = 'running') AS running
      FROM work_tickets q, mine
      WHERE q.status = 'pending' AND q.project_id <> mine.project_id
      GROUP BY q.project_id
    ), counted AS (
      SELECT LEAST(o.pending, GREATEST(0, mine.running + mine.ahead - o.running))
           + CASE WHEN tie.created_at < me.created_at THEN 1 ELSE 0 END AS ahead
      FROM others o CROSS JOIN mine CROSS JOIN me
      LEFT JOIN LATERAL (
        -- Q's ticket with the same key: its (k - running(Q))-th in line.
        SELECT t.created_at FROM work_tickets t
        WHERE t.project_id = o.project_id AND t.status = 'pending'
        ORDER BY t.priority DESC NULLS LAST, t.created_at -- NULLS LAST: the order of work_tickets_project_queue_idx
        OFFSET GREATEST(0, mine.running + mine.ahead - o.running) LIMIT 1
      ) tie ON mine.running + mine.ahead - o.running >= 0
    )
    SELECT (mine.ahead + COALESCE((SELECT sum(ahead) FROM counted), 0))::int AS position
    FROM mine`;
}
