// Following an SSE stream of ticket events (DESIGN.md §5) without losing or repeating any: we track
// the id of the last event applied, drop anything at or below it (a replay overlap), and on a drop we
// reconnect ourselves with `?after=<last applied>` so the resume point is ours, not the browser's.
import { EVENT_TYPES, TicketEvent } from "../../../src/domain/events.js";
import { confirmSignedIn } from "./api.js";

export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

export interface StreamOptions {
  /** The stream URL resuming after an event id (null: the server's default starting point). */
  url: (after: number | null) => string;
  after: number | null;
  onEvent: (event: TicketEvent) => void;
  /** The server said `end` (a ticket reached its terminal status): we close, or the browser would reconnect. */
  onEnd?: () => void;
  onConnection?: (state: ConnectionState) => void;
}

/** Backoff (ms) between reconnect attempts: 500, 1000, 2000, 4000, then 5000. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 5000];

/** The server's own union (src/domain/events.ts): an event this app does not know is skipped, never cast. */
function parseEvent(raw: string): TicketEvent | null {
  try {
    const parsed = TicketEvent.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Open the stream; returns `close`. */
export function followStream(options: StreamOptions): () => void {
  let lastId = options.after;
  let source: EventSource | null = null;
  let closed = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const close = (): void => {
    closed = true;
    clearTimeout(retryTimer);
    source?.close();
    source = null;
    options.onConnection?.("closed");
  };

  const onMessage = (message: MessageEvent<string>): void => {
    const event = parseEvent(message.data);
    if (!event) return;
    if (lastId !== null && event.id <= lastId) return;
    lastId = event.id;
    options.onEvent(event);
  };

  const connect = (): void => {
    if (closed) return;
    options.onConnection?.(failures === 0 ? "connecting" : "reconnecting");
    const current = new EventSource(options.url(lastId));
    source = current;
    current.onopen = () => {
      failures = 0;
      options.onConnection?.("open");
    };
    for (const type of EVENT_TYPES) current.addEventListener(type, onMessage);
    current.addEventListener("end", () => {
      close();
      options.onEnd?.();
    });
    current.onerror = () => {
      if (closed || source !== current) return;
      current.close();
      source = null;
      const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)] ?? 5000;
      failures += 1;
      // The session may have ended (an EventSource cannot see a 401): from the second failure in a row,
      // each retry first asks the server (at the backoff's pace, so at most one small request per 5 s).
      if (failures >= 2) void confirmSignedIn();
      options.onConnection?.("reconnecting");
      retryTimer = setTimeout(connect, delay);
    };
  };

  connect();
  return close;
}
