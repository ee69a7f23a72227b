// The status events the engine's one-statement transitions write (submit, claim, finish, release,
// reap). Each of those statements is a chain of CTEs, so its event insert cannot go through
// appendEvent; it composes this fragment instead. With appendEvent, this is the only code that
// writes `ticket_events`: the payload's keys and their SQL types are built here, from the domain's
// StatusEventData, and test/events/event-payloads.test.ts parses every payload the engine writes
// against the TicketEvent union.
import { SQL, sql } from "drizzle-orm";
import { CHANNELS, type StatusEventData } from "../domain/events.js";

/** A field of the payload: a constant (typed by the domain), or an SQL expression over the source rows. */
export type StatusEventFields = { [K in keyof StatusEventData]: StatusEventData[K] | SQL };

// Every key of StatusEventData, in payload order, with the SQL type its value is cast to. A key
// added to the domain type without an entry here fails to compile.
const FIELD_SQL_TYPES: { [K in keyof Required<StatusEventData>]: "text" | "int" } = {
  status: "text",
  previous: "text",
  attempt: "int",
  reason: "text",
  error_message: "text",
  recipe_slug: "text",
  agent_type: "text",
};

/** `jsonb_build_object('status', …, 'previous', …, …)` over the fields given (absent optional fields are left out). */
export function statusEventDataSql(fields: StatusEventFields): SQL {
  const parts: SQL[] = [];
  for (const key of Object.keys(FIELD_SQL_TYPES) as (keyof StatusEventData)[]) {
    const value = fields[key];
    if (value === undefined) continue;
    const expr = value instanceof SQL ? value : sql`${value}`;
    // Keys are the constants above, never input.
    parts.push(sql`${sql.raw(`'${key}'`)}, (${expr})::${sql.raw(FIELD_SQL_TYPES[key])}`);
  }
  return sql`jsonb_build_object(${sql.join(parts, sql`, `)})`;
}

export interface StatusEventsSource {
  /** The rows the events are about, as a FROM item: sql`claimed c`. */
  rows: SQL;
  ticketId: SQL;
  projectId: SQL;
}

/**
 * `INSERT INTO ticket_events … SELECT … FROM <rows> RETURNING id, ticket_id`: one status event per
 * source row, for a CTE (`ev AS (${insertStatusEventsSql(…)})`). The insert trigger draws the id
 * under the shared advisory lock like any other event (decision 0002); pair each returned id with
 * notifyEventSql in the statement's final SELECT.
 */
export function insertStatusEventsSql(source: StatusEventsSource, data: StatusEventFields): SQL {
  return sql`INSERT INTO ticket_events (ticket_id, project_id, type, data)
      SELECT ${source.ticketId}, ${source.projectId}, 'status', ${statusEventDataSql(data)}
      FROM ${source.rows}
      RETURNING id, ticket_id`;
}

/** The NOTIFY of a new event (payload: its id), delivered when the statement's transaction commits. */
export function notifyEventSql(eventId: SQL): SQL {
  return sql`pg_notify(${CHANNELS.events}, (${eventId})::text)`;
}
