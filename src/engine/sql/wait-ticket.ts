// A run that asked a question (issue 16): in ONE statement the question is stored, the ticket goes
// running → waiting with its lease cleared (no worker holds a waiting ticket), and the `waiting`
// status event is written. Guarded like a terminal write by the run's lease (owner token AND
// attempt), and refused when a cancel was asked meanwhile: the caller then writes the cancel.
// The attempt is kept: waiting spends none, and the resume claim does not count one either.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import type { Question } from "../../domain/agent-runner.js";
import { transition } from "../../domain/ticket-status.js";
import { insertStatusEventsSql, notifyEventSql } from "../../events/status-events-sql.js";
import type { Lease } from "../lease.js";
import { queryRows, ticketsFromRows } from "./raw.js";

if (!transition("running", "wait").ok) throw new Error("wait-ticket assumes running → waiting is legal");

export const WAITING_REASON = "waiting for input";

export async function waitTicket(exec: Executor, lease: Lease, q: Question): Promise<TicketRow | null> {
  const held = sql`t.id = ${lease.ticketId} AND t.status = 'running' AND t.lease_token = ${lease.owner}
        AND t.attempt = ${lease.attempt} AND t.cancel_requested_at IS NULL`;
  // SQL NULL means "no default"; a JSON null default is the jsonb value 'null'.
  const defaultAnswer = q.default ? sql`${JSON.stringify(q.default.value)}::jsonb` : sql`NULL::jsonb`;
  const expiresAt =
    q.expiresInS === null ? sql`NULL::timestamptz` : sql`clock_timestamp() + make_interval(secs => ${q.expiresInS}::double precision)`;
  const rows = await queryRows(
    exec,
    sql`
    WITH asked AS (
      INSERT INTO ticket_questions (ticket_id, project_id, key, question, answer_schema, default_answer, expires_in_s, expires_at, state)
      SELECT t.id, t.project_id, ${q.key}, ${q.question}, ${JSON.stringify(q.answerSchema)}::jsonb, ${defaultAnswer},
             ${q.expiresInS}::int, ${expiresAt}, ${JSON.stringify(q.state ?? null)}::jsonb
      FROM work_tickets t WHERE ${held}
      -- A question of this key left open by an earlier run that never got to wait is asked anew.
      ON CONFLICT (ticket_id, key) DO UPDATE SET question = EXCLUDED.question, answer_schema = EXCLUDED.answer_schema,
          default_answer = EXCLUDED.default_answer, expires_in_s = EXCLUDED.expires_in_s,
          expires_at = EXCLUDED.expires_at, state = EXCLUDED.state, created_at = now()
        WHERE ticket_questions.answered_at IS NULL
      RETURNING ticket_id
    ), waited AS (
      UPDATE work_tickets t
      SET status = 'waiting', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, resume_at = NULL,
          updated_at = now()
      FROM asked a
      WHERE t.id = a.ticket_id AND ${held}
      RETURNING t.*
    ), ev AS (
      ${insertStatusEventsSql(
        { rows: sql`waited w`, ticketId: sql`w.id`, projectId: sql`w.project_id` },
        { status: "waiting", previous: "running", attempt: sql`w.attempt`, reason: WAITING_REASON },
      )}
    )
    SELECT to_jsonb(w) AS ticket, ${notifyEventSql(sql`ev.id`)}
    FROM waited w JOIN ev ON ev.ticket_id = w.id`,
  );
  return ticketsFromRows(rows)[0] ?? null;
}
