// A ticket's `log` events as lines of the track page's activity panel. Kept apart from the panel so
// the track page can collect live lines while the panel itself loads lazily (initial JS budget).
import type { LogEventData, TicketEvent } from "../../../../src/domain/events.js";

export interface LogLine {
  id: number;
  at: string;
  data: LogEventData;
}

/** A `log` event as a line of the panel, or null for any other event. */
export function logLineOf(event: TicketEvent): LogLine | null {
  if (event.type !== "log") return null;
  return { id: event.id, at: event.created_at, data: event.data };
}
