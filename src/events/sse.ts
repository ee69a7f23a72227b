// Server-sent events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html). An
// event is framed once, as bytes, and the same bytes go to every subscriber: with 10,000 clients the
// JSON is serialised once per event, not once per client.
import type { TicketEvent } from "../domain/events.js";

const encoder = new TextEncoder();

/**
 * `id:` is the event id, so a reconnecting browser sends it back as Last-Event-ID. JSON.stringify
 * never emits a raw newline, so the payload is always one `data:` line.
 */
export function frameEvent(event: TicketEvent): Uint8Array {
  return encoder.encode(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

/**
 * Sent after a ticket's terminal status. No `id:`, so the client's Last-Event-ID stays the terminal
 * status. It carries data because a browser drops an event whose data is empty.
 */
export function frameEnd(data: { ticket_id: string; status: string | null }): Uint8Array {
  return encoder.encode(`event: end\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A comment line: keeps proxies and the browser from timing the connection out; clients ignore it. */
export function frameComment(text: string): Uint8Array {
  return encoder.encode(`: ${text.replace(/[\r\n]/g, " ")}\n\n`);
}

/** How long the client waits before reconnecting after a drop. */
export function frameRetry(ms: number): Uint8Array {
  return encoder.encode(`retry: ${Math.max(0, Math.round(ms))}\n\n`);
}
