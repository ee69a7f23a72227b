// Crash recovery: a running ticket whose lease expired (by the database's clock) lost its worker.
// - A cancel was asked: it ends `cancelled` (cancel wins over requeue), keeping its todos and outputs.
// - Attempts remain: back to pending (attempt kept, so the next claim counts the next attempt).
// - Otherwise: failed "worker lost".
// `spare` lists the owner tokens the calling process keeps alive: an expired lease of a live run
// (its process stalled) is never reaped by that process. SKIP LOCKED plus the re-checked guard make
// it safe for every worker to run this at once: each expired ticket is reaped by exactly one of them.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import { CHANNELS } from "../../domain/events.js";
import { insertStatusEventsSql, notifyEventSql } from "../../events/status-events-sql.js";
import { transition } from "../../domain/ticket-status.js";
import { fromStatusesSql, queryRows, ticketsFromRows } from "./raw.js";
import { stopInterruptedTodosSql } from "./stop-todos.js";

export const REQUEUE_REASON = "worker lost; retrying";
export const WORKER_LOST = "worker lost";
export const CANCELLED_WORKER_LOST = "cancelled by request; its worker was lost";

// Every outcome must be legal from the status the guard selects; fail loudly at import if the state
// machine ever changes under this statement.
if (!transition("running", "requeue").ok || !transition("running", "fail").ok || !transition("running", "cancel").ok) {
  throw new Error("reaper assumes running → pending, running → failed and running → cancelled are legal");
}

export interface ReapOptions {
  /** Owner tokens of leases the caller's process keeps alive: never reaped. */
  spare?: readonly string[] | undefined;
  limit?: number | undefined;
}

export async function reapExpiredLeases(exec: Executor, o: ReapOptions = {}): Promise<TicketRow[]> {
  const spare = JSON.stringify(o.spare ?? []);
  // Unqualified columns: used on work_tickets alone and in the UPDATE, where only `t` has them.
  const expiredWhere = sql`status IN ${fromStatusesSql("requeue")} AND lease_expires_at < now()
        AND (lease_token IS NULL OR lease_token NOT IN (SELECT jsonb_array_elements_text(${spare}::jsonb)::uuid))`;
  // Computed from the row as locked, so a cancel asked just before the reap is seen.
  const ends = sql`(CASE WHEN t.cancel_requested_at IS NOT NULL THEN 'cancelled'
                        WHEN t.attempt < t.max_attempts THEN 'pending' ELSE 'failed' END)`;
  const rows = await queryRows(
    exec,
    sql`
    WITH expired AS (
      SELECT id FROM work_tickets
      WHERE ${expiredWhere}
      ORDER BY lease_expires_at
      LIMIT ${o.limit ?? 500}
      FOR UPDATE SKIP LOCKED
    ), reaped AS (
      UPDATE work_tickets t
      SET status = ${ends}, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = now(),
          finished_at = CASE WHEN ${ends} = 'pending' THEN NULL ELSE now() END,
          todos = CASE WHEN ${ends} = 'pending' THEN t.todos ELSE ${stopInterruptedTodosSql(sql`t.todos`)} END,
          metadata = CASE WHEN ${ends} = 'pending' THEN t.metadata ELSE t.metadata || jsonb_build_object(
            'execution_time_ms', GREATEST(0, (EXTRACT(EPOCH FROM (now() - t.started_at)) * 1000)::bigint),
            'output_count', (SELECT count(*)::int FROM work_outputs o WHERE o.ticket_id = t.id),
            'final_todos', ${stopInterruptedTodosSql(sql`t.todos`)},
            'error_message', CASE WHEN ${ends} = 'failed' THEN ${WORKER_LOST}::text END) END
      FROM expired e
      -- Re-checked on the row as locked: a lease extended or ended meanwhile is left alone.
      WHERE t.id = e.id AND ${expiredWhere}
      RETURNING t.*
    ), ev AS (
      ${insertStatusEventsSql(
        { rows: sql`reaped r`, ticketId: sql`r.id`, projectId: sql`r.project_id` },
        {
          status: sql`r.status`,
          previous: "running",
          attempt: sql`r.attempt`,
          reason: sql`CASE r.status WHEN 'pending' THEN ${REQUEUE_REASON}::text
                                    WHEN 'cancelled' THEN ${CANCELLED_WORKER_LOST}::text ELSE ${WORKER_LOST}::text END`,
          error_message: sql`CASE WHEN r.status = 'failed' THEN ${WORKER_LOST}::text END`,
        },
      )}
    )
    SELECT to_jsonb(r) AS ticket, ${notifyEventSql(sql`ev.id`)},
           CASE WHEN r.status = 'pending' THEN pg_notify(${CHANNELS.tickets}, r.id::text) END
    FROM reaped r JOIN ev ON ev.ticket_id = r.id
    ORDER BY ev.id`,
  );
  return ticketsFromRows(rows);
}
