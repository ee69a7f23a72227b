// Questions nobody answered in time (issue 16), in ONE statement per sweep: a question with a
// default is answered with it (an `answer` event with source "default") and its ticket becomes
// claimable; one without fails its ticket "no answer within …" (its waiting step stopped). Rows are
// locked with SKIP LOCKED, so every worker may sweep at once and each question expires once; a
// ticket answered, cancelled or resumed meanwhile is left alone (the guards are re-checked).
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import { CHANNELS } from "../../domain/events.js";
import { transition } from "../../domain/ticket-status.js";
import { insertAnswerEventsSql } from "../../events/answer-events-sql.js";
import { insertStatusEventsSql, notifyEventSql } from "../../events/status-events-sql.js";
import { queryRows, ticketsFromRows } from "./raw.js";
import { stopInterruptedTodosSql } from "./stop-todos.js";

if (!transition("waiting", "fail").ok) throw new Error("expiry assumes waiting → failed is legal");

export interface ExpiredQuestions {
  /** Tickets whose question got its default: claimable again. */
  defaulted: string[];
  /** Tickets failed "no answer within …". */
  failed: TicketRow[];
}

/** "no answer within 2 h": the question's own expiry, in the largest whole unit. */
export function noAnswerMessage(seconds: number): string {
  const units: [number, string][] = [
    [86_400, "d"],
    [3_600, "h"],
    [60, "min"],
  ];
  for (const [size, unit] of units) if (seconds >= size && seconds % size === 0) return `no answer within ${seconds / size} ${unit}`;
  return `no answer within ${seconds} s`;
}

const noAnswerSql = (s: ReturnType<typeof sql>) => sql`(CASE
    WHEN ${s} >= 86400 AND ${s} % 86400 = 0 THEN 'no answer within ' || (${s} / 86400) || ' d'
    WHEN ${s} >= 3600 AND ${s} % 3600 = 0 THEN 'no answer within ' || (${s} / 3600) || ' h'
    WHEN ${s} >= 60 AND ${s} % 60 = 0 THEN 'no answer within ' || (${s} / 60) || ' min'
    ELSE 'no answer within ' || ${s} || ' s' END)`;

export async function expireQuestions(exec: Executor, limit = 500): Promise<ExpiredQuestions> {
  const stopped = stopInterruptedTodosSql(sql`t.todos`);
  const rows = await queryRows(
    exec,
    sql`
    WITH due AS (
      SELECT q.id AS question_id, t.id AS ticket_id, q.default_answer IS NOT NULL AS has_default, q.expires_in_s
      FROM ticket_questions q JOIN work_tickets t ON t.id = q.ticket_id
      WHERE q.answered_at IS NULL AND q.expires_at IS NOT NULL AND q.expires_at < now()
        AND t.status = 'waiting' AND t.resume_at IS NULL
      ORDER BY q.expires_at
      LIMIT ${limit}
      FOR UPDATE OF q, t SKIP LOCKED
    ), answered AS (
      UPDATE ticket_questions q
      SET answer = q.default_answer, answer_source = 'default', answered_at = now()
      FROM due d
      WHERE q.id = d.question_id AND d.has_default AND q.answered_at IS NULL
      RETURNING q.*
    ), resumed AS (
      UPDATE work_tickets t SET resume_at = now(), updated_at = now()
      FROM answered a
      WHERE t.id = a.ticket_id AND t.status = 'waiting'
      RETURNING t.id
    ), failed AS (
      UPDATE work_tickets t
      SET status = 'failed', finished_at = now(), updated_at = now(), todos = ${stopped},
          metadata = t.metadata || jsonb_build_object(
            'execution_time_ms', GREATEST(0, (EXTRACT(EPOCH FROM (now() - t.started_at)) * 1000)::bigint),
            'output_count', (SELECT count(*)::int FROM work_outputs o WHERE o.ticket_id = t.id),
            'final_todos', ${stopped},
            'error_message', ${noAnswerSql(sql`d.expires_in_s`)})
      FROM due d
      WHERE t.id = d.ticket_id AND NOT d.has_default AND t.status = 'waiting'
      RETURNING t.*
    ), status_ev AS (
      ${insertStatusEventsSql(
        { rows: sql`failed f`, ticketId: sql`f.id`, projectId: sql`f.project_id` },
        {
          status: "failed",
          previous: "waiting",
          attempt: sql`f.attempt`,
          reason: sql`f.metadata->>'error_message'`,
          error_message: sql`f.metadata->>'error_message'`,
        },
      )}
    ), answer_ev AS (
      ${insertAnswerEventsSql(
        { rows: sql`answered a`, ticketId: sql`a.ticket_id`, projectId: sql`a.project_id` },
        {
          question_id: sql`a.id`,
          key: sql`a.key`,
          question: sql`a.question`,
          answer: sql`a.answer`,
          answered_by: sql`NULL`,
          source: "default",
        },
      )}
    )
    -- pg_notify returns void: called in FROM, so both branches of the UNION have plain columns.
    SELECT 'failed' AS kind, to_jsonb(f) AS ticket, NULL::uuid AS ticket_id,
           (SELECT 1 FROM ${notifyEventSql(sql`ev.id`)} AS n) AS event_sent, NULL::int AS wake_sent
    FROM failed f JOIN status_ev ev ON ev.ticket_id = f.id
    UNION ALL
    SELECT 'defaulted', NULL::jsonb, r.id, (SELECT 1 FROM ${notifyEventSql(sql`ev.id`)} AS n),
           (SELECT 1 FROM pg_notify(${CHANNELS.tickets}, r.id::text) AS n)
    FROM resumed r JOIN answer_ev ev ON ev.ticket_id = r.id`,
  );
  const failed = ticketsFromRows(rows.filter((r) => r.kind === "failed"));
  const defaulted = rows.filter((r) => r.kind === "defaulted").map((r) => String(r.ticket_id));
  return { defaulted, failed };
}
