// Appending to the event log. Called inside the transaction that changes the state the event
// describes, so the log and the tables can never disagree; the NOTIFY (payload: the event id) is
// delivered by PostgreSQL only if, and when, that transaction commits. With status-events-sql.ts
// (the status events of the engine's one-statement transitions) the only code that writes events.
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import { CHANNELS, type EventDataByType, type EventType } from "../domain/events.js";

export interface AppendEventInput<T extends EventType> {
  ticketId: string;
  projectId: string;
  type: T;
  data: EventDataByType[T];
}

export async function appendEvent<T extends EventType>(tx: Executor, event: AppendEventInput<T>): Promise<number> {
  // The row and its NOTIFY in one statement: every agent step (todos, a log line, an output) is a
  // short transaction, and on the embedded database's one connection each round trip the main thread
  // makes inside it holds every other statement, a person's request too (issue 14 round 6).
  const result: unknown = await tx.execute(sql`
    WITH ev AS (
      INSERT INTO ticket_events (ticket_id, project_id, type, data)
      VALUES (${event.ticketId}::uuid, ${event.projectId}::uuid, ${event.type}, ${JSON.stringify(event.data)}::jsonb)
      RETURNING id
    )
    SELECT id::text AS id, pg_notify(${CHANNELS.events}, id::text) FROM ev`);
  const row = (result as { rows: { id: string }[] }).rows[0];
  if (!row) throw new Error("event insert returned no row");
  return Number(row.id);
}

/**
 * The tail of a one-statement write (`WITH source AS (…), <this>`): an event for each row the CTE
 * `source` yields (columns ticket_id, project_id, type, data) and its NOTIFY; the statement returns
 * one row per event (`id`), none when `source` yielded none (a fence that did not hold). The agents'
 * step writes use it (src/engine/ports.ts), so none of them holds a transaction open (issue 14).
 */
export function appendEventsOfSql(source: string): SQL {
  if (!/^[a-z_]+$/.test(source)) throw new Error(`not a CTE name: ${source}`);
  return sql`ev AS (
      INSERT INTO ticket_events (ticket_id, project_id, type, data)
      SELECT ticket_id, project_id, type, data FROM ${sql.raw(source)}
      RETURNING id
    )
    SELECT id::text AS id, pg_notify(${CHANNELS.events}, id::text) FROM ev`;
}
