// A small SSE client over fetch: parses text/event-stream (WHATWG rules: id/event/data fields, `:`
// comments, CRLF/LF/CR line ends, multi-line data) and reconnects after a dropped connection with
// Last-Event-ID, so the server replays exactly what was missed. It stops after `event: end`. A
// connection that stays silent (no answer, or a body without even the heartbeat) counts as dropped.
import type { ApiClient } from "./http.js";
import { CliError, EXIT } from "./errors.js";

export interface SseMessage {
  /** The `id:` this message carried itself, or null (an `end` message has none). The spec's
   *  last-event-id buffer is what we send back on reconnect: see readEventStream. */
  id: string | null;
  event: string;
  data: string;
}

/** Incremental parser: feed it chunks of text, it calls `onMessage` per dispatched message. */
export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = "";
  let id: string | null = null;
  let event = "";
  let data: string[] = [];
  let pendingCr = false;

  function line(text: string): void {
    if (text === "") {
      if (data.length > 0) onMessage({ id, event: event || "message", data: data.join("\n") });
      id = null;
      event = "";
      data = [];
      return;
    }
    if (text.startsWith(":")) return; // comment: the server's heartbeat
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\0")) id = value;
    // `retry:` is ignored: reconnect pacing is ours (see RECONNECT_DELAYS_MS)
  }

  return function feed(chunk: string): void {
    buffer += chunk;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const ch = buffer[i];
      if (ch === "\n" && pendingCr) {
        // the LF of a CRLF pair whose CR ended the previous line
        pendingCr = false;
        start = i + 1;
        continue;
      }
      pendingCr = false;
      if (ch === "\n" || ch === "\r") {
        line(buffer.slice(start, i));
        pendingCr = ch === "\r";
        start = i + 1;
      }
    }
    buffer = buffer.slice(start);
  };
}

// Backoff between reconnects (ms): 250, 500, 1000, 2000, 4000, then 4000 until the budget runs out.
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000];
// The server sends a comment every 15 s (src/events/event-stream.ts); three missed heartbeats mean
// the connection is dead even if no error says so: a server that accepted the connection but never
// answered, a host that vanished without closing its sockets, a proxy holding a half-open stream.
// Without this the stream waited forever (the same flaw as bench:faults' client, bench/RESULTS.md).
const IDLE_TIMEOUT_MS = 45_000;

/** Why an attempt was abandoned by the idle timer (never reaches the caller: it reconnects). */
class SilentConnection extends Error {}

export interface StreamOptions {
  /** Resume after this event id (sent as Last-Event-ID). */
  lastEventId?: string | null | undefined;
  signal?: AbortSignal | undefined;
  /** Give up when no connection could be (re)made for this long. Default 60 s. */
  reconnectBudgetMs?: number | undefined;
  /** Reconnect when not a byte (not even a heartbeat) arrived for this long. Default 45 s. */
  idleTimeoutMs?: number | undefined;
  /** Called before each reconnect attempt (the renderer notes it). */
  onReconnect?: ((attempt: number, lastEventId: string | null) => void) | undefined;
}

/**
 * Yields every message of an SSE resource until `event: end`. A dropped connection (network error,
 * 5xx, or the body ending without `end`) reconnects with the last seen id; a 4xx is final.
 */
export async function* readEventStream(client: ApiClient, path: string, options: StreamOptions = {}): AsyncGenerator<SseMessage> {
  let lastEventId = options.lastEventId ?? null;
  const budgetMs = options.reconnectBudgetMs ?? 60_000;
  const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  let failingSince: number | null = null;
  let attempt = 0;

  for (;;) {
    if (attempt > 0) {
      failingSince ??= Date.now();
      if (Date.now() - failingSince > budgetMs) {
        throw new CliError(`lost the event stream of ${path} and could not reconnect for ${Math.round(budgetMs / 1000)} s`, EXIT.server);
      }
      options.onReconnect?.(attempt, lastEventId);
      await sleep(RECONNECT_DELAYS_MS[Math.min(attempt - 1, RECONNECT_DELAYS_MS.length - 1)] ?? 4_000, options.signal);
    }
    attempt++;

    // One controller per attempt: the caller's signal ends everything, the idle timer only this attempt.
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    let idle: NodeJS.Timeout | undefined;
    const alive = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(new SilentConnection(`no data from ${path} for ${idleMs} ms`)), idleMs);
    };
    try {
      alive();
      let res: Response;
      try {
        const headers: Record<string, string> = { accept: "text/event-stream", "cache-control": "no-cache" };
        if (lastEventId !== null) headers["last-event-id"] = lastEventId;
        res = await client.fetchOk(client.url(path), { headers, signal: controller.signal });
      } catch (err) {
        if (options.signal?.aborted) throw err;
        // A refusal (404 unknown ticket, 401…) will not heal by retrying; a 5xx, a network error or
        // a server that never answered may.
        if (err instanceof CliError && err.exitCode === EXIT.input) throw err;
        continue;
      }
      if (!res.body) continue;

      const queue: SseMessage[] = [];
      const parse = createSseParser((m) => queue.push(m));
      const decoder = new TextDecoder();
      const reader = res.body.getReader();
      let ended = false;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          alive();
          parse(decoder.decode(value, { stream: true }));
          while (queue.length > 0) {
            const message = queue.shift()!;
            // Ids are the event log's increasing numbers: anything at or below the last seen is a repeat.
            if (
              message.id !== null &&
              lastEventId !== null &&
              isNumeric(message.id) &&
              isNumeric(lastEventId) &&
              Number(message.id) <= Number(lastEventId)
            ) {
              continue;
            }
            if (message.id !== null) lastEventId = message.id;
            failingSince = null;
            attempt = 1;
            // The timer measures the server's silence, not how long the caller takes with a message.
            clearTimeout(idle);
            yield message;
            alive();
            if (message.event === "end") {
              ended = true;
              return;
            }
          }
        }
      } catch (err) {
        if (options.signal?.aborted) throw err;
        // the connection dropped (or went silent) mid-stream: reconnect below
      } finally {
        if (!ended) await reader.cancel().catch(() => undefined);
        else void reader.cancel().catch(() => undefined);
      }
    } finally {
      clearTimeout(idle);
      options.signal?.removeEventListener("abort", onAbort);
    }
    attempt = Math.max(attempt, 1);
  }
}

function isNumeric(value: string): boolean {
  return /^\d+$/.test(value);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
