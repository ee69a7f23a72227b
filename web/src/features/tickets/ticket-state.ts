// Folding a ticket's events into its view, the same way the server builds it: status events move the
// status (and stamp start/finish), todos events replace the whole list (TodoWrite semantics).
import type { TicketView } from "../../../../src/domain/contract.js";
import type { TicketEvent } from "../../../../src/domain/events.js";

export function applyTicketEvent(ticket: TicketView, event: TicketEvent): TicketView {
  if (event.ticket_id !== ticket.id) return ticket;
  const next: TicketView = { ...ticket, last_event_id: Math.max(ticket.last_event_id ?? 0, event.id) };
  if (event.type === "status") {
    const data = event.data;
    next.status = data.status;
    next.attempt = data.attempt;
    if (data.status === "running" && !next.started_at) next.started_at = event.created_at;
    if (data.status === "completed" || data.status === "failed" || data.status === "cancelled") next.finished_at ??= event.created_at;
    if (data.error_message) next.metadata = { ...next.metadata, error_message: data.error_message };
  } else if (event.type === "todos") {
    next.todos = event.data.todos;
  } else if (event.type === "output") {
    next.metadata = { ...next.metadata, output_count: next.metadata.output_count + 1 };
  }
  return next;
}
