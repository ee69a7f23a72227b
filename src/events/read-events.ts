// Reading the event log: the replay a stream sends before going live, the hub's fetch of newly
// settled events, and where a ticket's stream starts. Always in id order, always bounded above by a
// settled watermark (src/events/watermark.ts), so a reader never passes an id that may still commit.
import { and, asc, eq, gt, inArray, lte, max, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import { ticketEvents, workTickets, type EventRow } from "../db/schema.js";
import type { TicketEvent } from "../domain/events.js";
import { TERMINAL_STATUSES, isTerminal } from "../domain/ticket-status.js";

/** One stream's scope: a ticket, or every ticket of a project. */
export type EventFilter = { ticketId: string } | { projectId: string };

/**
 * A row → the typed event. Not parsed again: every row was written by src/events (appendEvent or
 * the status-event fragment the engine's statements compose, src/events/status-events-sql.ts), whose
 * payloads are typed, and test/events/event-payloads.test.ts parses every payload the engine writes
 * against the union. Parsing here would cost every event of every stream a zod pass.
 */
export function toTicketEvent(row: EventRow): TicketEvent {
  return {
    id: row.id,
    ticket_id: row.ticketId,
    project_id: row.projectId,
    type: row.type,
    data: row.data,
    created_at: row.createdAt.toISOString(),
  } as TicketEvent;
}

/** A status event that ends its ticket's stream. */
export function isTerminalEvent(event: TicketEvent): boolean {
  return event.type === "status" && isTerminal(event.data.status);
}

function filterSql(filter: EventFilter): SQL {
  return "ticketId" in filter ? eq(ticketEvents.ticketId, filter.ticketId) : eq(ticketEvents.projectId, filter.projectId);
}

/** Events of one scope with after < id <= upTo, oldest first, at most `limit`. */
export async function readEventsAfter(
  exec: Executor,
  filter: EventFilter,
  after: number,
  upTo: number,
  limit: number,
): Promise<TicketEvent[]> {
  if (upTo <= after) return [];
  const rows = await exec
    .select()
    .from(ticketEvents)
    .where(and(filterSql(filter), gt(ticketEvents.id, after), lte(ticketEvents.id, upTo)))
    .orderBy(asc(ticketEvents.id))
    .limit(limit);
  return rows.map(toTicketEvent);
}

/** uuids → a PostgreSQL array literal; uuids are hex and dashes only, so nothing needs quoting. */
function uuidArray(ids: Iterable<string>): SQL {
  return sql`${`{${[...ids].join(",")}}`}::uuid[]`;
}

/**
 * Events in (after, upTo] of any of the given tickets or projects, oldest first, at most `limit`:
 * the hub's fetch once the watermark has moved. Empty scopes → no query.
 */
export async function readEventsInRange(
  exec: Executor,
  scope: { ticketIds: Iterable<string>; projectIds: Iterable<string> },
  after: number,
  upTo: number,
  limit: number,
): Promise<TicketEvent[]> {
  const tickets = [...scope.ticketIds];
  const projects = [...scope.projectIds];
  if (upTo <= after || (tickets.length === 0 && projects.length === 0)) return [];
  const parts: SQL[] = [];
  if (tickets.length > 0) parts.push(sql`${ticketEvents.ticketId} = ANY(${uuidArray(tickets)})`);
  if (projects.length > 0) parts.push(sql`${ticketEvents.projectId} = ANY(${uuidArray(projects)})`);
  const rows = await exec
    .select()
    .from(ticketEvents)
    .where(and(gt(ticketEvents.id, after), lte(ticketEvents.id, upTo), or(...parts)))
    .orderBy(asc(ticketEvents.id))
    .limit(limit);
  return rows.map(toTicketEvent);
}

export interface TicketStreamStart {
  projectId: string;
  /** The id of the ticket's terminal status event once it has ended; null while it runs. */
  terminalEventId: number | null;
}

/** null when there is no such ticket. */
export async function findTicketStreamStart(exec: Executor, ticketId: string): Promise<TicketStreamStart | null> {
  const [ticket] = await exec
    .select({ projectId: workTickets.projectId, status: workTickets.status })
    .from(workTickets)
    .where(eq(workTickets.id, ticketId));
  if (!ticket) return null;
  if (!isTerminal(ticket.status)) return { projectId: ticket.projectId, terminalEventId: null };
  const [row] = await exec
    .select({ id: max(ticketEvents.id) })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        eq(ticketEvents.type, "status"),
        inArray(sql`${ticketEvents.data}->>'status'`, [...TERMINAL_STATUSES]),
      ),
    );
  return { projectId: ticket.projectId, terminalEventId: row?.id ?? null };
}
