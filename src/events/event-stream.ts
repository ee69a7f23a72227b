// One client's SSE stream over the event log: subscribe first, buffer, replay (cursor, floor] from
// the table (through the hub's shared replay reader, paced by the client), then go live,
// de-duplicating by id, so nothing published during the replay is lost or sent twice. Ids on the
// wire only ever increase, and every id a client holds is one whose predecessors it has been sent,
// or (todo lists only) deliberately superseded by a later list of the same ticket. It is a web
// ReadableStream, so the HTTP layer only wraps it in a Response.
import type { Database } from "../db/client.js";
import type { TicketEvent } from "../domain/events.js";
import type { EventHub, HubEvent, Subscription } from "./hub.js";
import { isTerminalEvent, type EventFilter } from "./read-events.js";
import { frameComment, frameEnd, frameRetry } from "./sse.js";

// A replay goes out in chunks of about this size, not a chunk per event: each chunk costs a stream
// read, a promise and a socket write, and a crowd of clients resuming after a restart replays
// thousands of events each (bench/RESULTS.md, faults). Equal to the stream's high-water mark.
const REPLAY_CHUNK_BYTES = 64 * 1024;

export interface EventStreamOptions {
  /** Not read any more: replays go through `hub.readSettled`, which holds the database. */
  database?: Database | undefined;
  hub: EventHub;
  filter: EventFilter;
  /** The client's cursor (Last-Event-ID or ?after=); 0 = from the beginning. */
  after: number;
  /** Ticket streams: send `event: end` and close after the terminal status. */
  endOnTerminal: boolean;
  /** Ticket streams of an ended ticket: its terminal status event id (the stream ends at once if after >= it). */
  terminalEventId?: number | null | undefined;
  /** Comment heartbeat period; default 15 s. */
  heartbeatMs?: number | undefined;
  /** Live todo lists of one ticket go out at most once per this period (the last one always); 0 = off. Default 100 ms. */
  coalesceTodosMs?: number | undefined;
  /** `retry:` hint sent first; default 2000 ms. */
  retryMs?: number | undefined;
  /** A client this far behind (bytes queued) is cut off; it reconnects with Last-Event-ID. Default 4 MiB. */
  maxQueuedBytes?: number | undefined;
  /** Rows per replay query. */
  replayPageSize?: number | undefined;
  /** Called for every event written to this client (metrics). */
  onDelivered?: (() => void) | undefined;
  /** Called once when the stream ends for any reason (client gone, end sent, hub stopped, error). */
  onFinish?: (() => void) | undefined;
}

export function createEventStream(o: EventStreamOptions): ReadableStream<Uint8Array> {
  const heartbeatMs = o.heartbeatMs ?? 15_000;
  const coalesceMs = o.coalesceTodosMs ?? 100;
  const retryMs = o.retryMs ?? 2_000;
  const maxQueued = o.maxQueuedBytes ?? 4 * 1024 * 1024;
  const pageSize = o.replayPageSize ?? 500;

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let sub: Subscription | null = null;
  let finished = false;
  let replaying = true;
  let lastSent = o.after;
  const buffered: HubEvent[] = [];
  let bufferedBytes = 0;
  let wakeReplay: (() => void) | null = null;
  // Todo coalescing, live only (the replay is history and is sent exactly).
  const pendingTodos = new Map<string, HubEvent>();
  const lastTodoSentAt = new Map<string, number>();
  let pendingSince = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  function finish(): void {
    if (finished) return;
    finished = true;
    sub?.close();
    clearInterval(heartbeat);
    clearTimeout(flushTimer);
    buffered.length = 0;
    pendingTodos.clear();
    wakeReplay?.();
    wakeReplay = null;
    o.onFinish?.();
  }

  function close(): void {
    if (finished) return;
    finish();
    try {
      controller.close();
    } catch {
      // already closed or cancelled by the client
    }
  }

  function enqueue(bytes: Uint8Array): void {
    if (finished) return;
    controller.enqueue(bytes);
    // desiredSize = highWaterMark - queued bytes: a reader that stopped reading drives it down.
    if ((controller.desiredSize ?? 0) < -maxQueued) close();
  }

  function send(e: HubEvent): boolean {
    const event = e.event;
    enqueue(e.frame);
    lastSent = event.id;
    o.onDelivered?.();
    if (o.endOnTerminal && isTerminalEvent(event)) {
      end(event);
      return false;
    }
    return true;
  }

  function end(terminal: TicketEvent | null): void {
    const ticketId = "ticketId" in o.filter ? o.filter.ticketId : "";
    const status = terminal?.type === "status" ? terminal.data.status : null;
    enqueue(frameEnd({ ticket_id: ticketId, status }));
    close();
  }

  function flushTodos(): void {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pendingTodos.size === 0) return;
    const list = [...pendingTodos.values()].sort((a, b) => a.event.id - b.event.id);
    pendingTodos.clear();
    const now = Date.now();
    for (const e of list) {
      lastTodoSentAt.set(e.event.ticket_id, now);
      send(e);
    }
  }

  function scheduleTodoFlush(): void {
    const now = Date.now();
    let due = 0;
    for (const ticketId of pendingTodos.keys()) due = Math.max(due, (lastTodoSentAt.get(ticketId) ?? 0) + coalesceMs);
    // Never hold a list longer than two periods, however many tickets keep joining the batch.
    due = Math.min(due, pendingSince + 2 * coalesceMs);
    clearTimeout(flushTimer);
    flushTimer = setTimeout(flushTodos, Math.max(0, due - now));
  }

  /** Live events that arrive during the replay wait for it; a client that far behind is cut off (it resumes). */
  function holdDuringReplay(e: HubEvent): void {
    buffered.push(e);
    bufferedBytes += e.frame.byteLength;
    if (bufferedBytes > maxQueued) close();
  }

  function deliverLive(e: HubEvent): void {
    if (finished || e.event.id <= lastSent) return;
    if (e.event.type === "todos" && coalesceMs > 0) {
      const ticketId = e.event.ticket_id;
      const now = Date.now();
      const recent = now - (lastTodoSentAt.get(ticketId) ?? -Infinity) < coalesceMs;
      // With a list already held, a new one (even another ticket's) waits too: sending it now
      // would move the client's cursor past the held one.
      if (recent || pendingTodos.size > 0) {
        if (pendingTodos.size === 0) pendingSince = now;
        pendingTodos.delete(ticketId); // superseded: re-inserted below, the held list is dropped
        pendingTodos.set(ticketId, e);
        scheduleTodoFlush();
        return;
      }
      lastTodoSentAt.set(ticketId, now);
      send(e);
      return;
    }
    // Status, output and log are never coalesced, delayed or reordered: held lists go out first.
    flushTodos();
    if (!finished) send(e);
  }

  /** Resolves once the client has taken what is queued (the stream's `pull`), or the stream ended. */
  function demand(): Promise<void> {
    if (finished || (controller.desiredSize ?? 0) > 0) return Promise.resolve();
    return new Promise((resolve) => (wakeReplay = resolve));
  }

  /**
   * Sends page[from…] up to REPLAY_CHUNK_BYTES as one chunk; returns the index after the last event
   * sent, or -1 when the stream ended (a ticket's terminal status, or the client cut off).
   */
  function sendReplayChunk(page: HubEvent[], from: number): number {
    let to = from;
    let bytes = 0;
    let terminal: TicketEvent | null = null;
    while (to < page.length && (to === from || bytes + page[to]!.frame.byteLength <= REPLAY_CHUNK_BYTES)) {
      const e = page[to++]!;
      bytes += e.frame.byteLength;
      if (o.endOnTerminal && isTerminalEvent(e.event)) {
        terminal = e.event;
        break;
      }
    }
    const frames = page.slice(from, to).map((e) => e.frame);
    enqueue(frames.length === 1 ? frames[0]! : Buffer.concat(frames, bytes));
    lastSent = page[to - 1]!.event.id;
    for (let i = from; i < to; i++) o.onDelivered?.();
    if (terminal) end(terminal);
    return finished ? -1 : to;
  }

  async function replay(): Promise<void> {
    const floor = sub?.floor ?? 0;
    if (o.endOnTerminal && o.terminalEventId != null && lastSent >= o.terminalEventId) {
      end(null);
      return;
    }
    for (;;) {
      // Through the hub: every stream of this process shares one read and one frame per event.
      const page = await o.hub.readSettled(o.filter, lastSent, floor, pageSize);
      if (finished) return;
      for (let i = 0; i < page.length;) {
        i = sendReplayChunk(page, i);
        if (i < 0) return;
        // Pace the replay by the client: at most about a chunk waits in memory per stream.
        await demand();
        if (finished) return;
      }
      if (page.length < pageSize) break;
    }
    replaying = false;
    bufferedBytes = 0;
    for (const e of buffered.splice(0)) deliverLive(e);
  }

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        enqueue(frameRetry(retryMs));
        try {
          sub = o.hub.subscribe(o.filter, {
            onEvent: (e) => (replaying ? holdDuringReplay(e) : deliverLive(e)),
            onClose: close,
          });
        } catch (err) {
          finish();
          c.error(err);
          return;
        }
        heartbeat = setInterval(() => enqueue(frameComment("heartbeat")), heartbeatMs);
        heartbeat.unref();
        replay().catch((err: unknown) => {
          if (finished) return;
          finish();
          c.error(err);
        });
      },
      pull() {
        const wake = wakeReplay;
        wakeReplay = null;
        wake?.();
      },
      cancel() {
        // The client went away (the HTTP server cancels the body's reader when the socket closes).
        finish();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: REPLAY_CHUNK_BYTES }),
  );
}
