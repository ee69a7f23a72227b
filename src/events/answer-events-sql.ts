// The `answer` events (issue 16) the engine's one-statement writes compose: a person's answer
// (src/engine/answer.ts) and the expiry sweep's default answers. Like status-events-sql.ts, a CTE
// fragment whose payload keys come from the domain's AnswerEventData; with it and appendEvent, the
// only writers of `ticket_events`.
import { SQL, sql } from "drizzle-orm";
import type { AnswerEventData } from "../domain/events.js";
import type { StatusEventsSource } from "./status-events-sql.js";

/** Each field: an SQL expression over the source rows (the answer is jsonb, the rest text). */
export type AnswerEventFields = { [K in keyof AnswerEventData]-?: SQL | string | null };

const FIELD_SQL_TYPES: { [K in keyof Required<AnswerEventData>]: "text" | "jsonb" } = {
  question_id: "text",
  key: "text",
  question: "text",
  answer: "jsonb",
  answered_by: "text",
  source: "text",
};

/** `INSERT INTO ticket_events … 'answer' … RETURNING id, ticket_id`, one per source row, for a CTE. */
export function insertAnswerEventsSql(source: StatusEventsSource, fields: AnswerEventFields): SQL {
  const parts: SQL[] = [];
  for (const key of Object.keys(FIELD_SQL_TYPES) as (keyof AnswerEventData)[]) {
    const value = fields[key];
    const expr = value instanceof SQL ? value : sql`${value}`;
    // Keys are the constants above, never input.
    parts.push(sql`${sql.raw(`'${key}'`)}, (${expr})::${sql.raw(FIELD_SQL_TYPES[key])}`);
  }
  return sql`INSERT INTO ticket_events (ticket_id, project_id, type, data)
      SELECT ${source.ticketId}, ${source.projectId}, 'answer', jsonb_build_object(${sql.join(parts, sql`, `)})
      FROM ${source.rows}
      RETURNING id, ticket_id`;
}
