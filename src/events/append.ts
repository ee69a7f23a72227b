// Appending to the event log. Called inside the transaction that changes the state the event
// describes, so the log and the tables can never disagree; the NOTIFY (payload: the event id) is
// delivered by PostgreSQL only if, and when, that transaction commits. With status-events-sql.ts
// (the status events of the engine's one-statement transitions) the only code that writes events.
import { sql } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import { ticketEvents } from "../db/schema.js";
import { CHANNELS, type EventDataByType, type EventType } from "../domain/events.js";

export interface AppendEventInput<T extends EventType> {
  ticketId: string;
  projectId: string;
  type: T;
  data: EventDataByType[T];
}

export async function appendEvent<T extends EventType>(tx: Executor, event: AppendEventInput<T>): Promise<number> {
  const [row] = await tx
    .insert(ticketEvents)
    .values({ ticketId: event.ticketId, projectId: event.projectId, type: event.type, data: event.data as Record<string, unknown> })
    .returning({ id: ticketEvents.id });
  if (!row) throw new Error("event insert returned no row");
  await tx.execute(sql`SELECT pg_notify(${CHANNELS.events}, ${String(row.id)})`);
  return row.id;
}
