// What a person watching an LLM ticket sees: the model's words as `log` events of kind model_text,
// coalesced and throttled (at most one per `textIntervalMs`, ~3 a second by default, however fast
// the tokens come), and every other activity line (tool calls, retries, repairs, limits) in the
// order it happened. All writes go through one queue so the log reads in order; writing never
// blocks the model stream (a run awaits the queue only at its end).
import type { LogDetail } from "../../domain/agent-runner.js";
import type { AgentContext } from "../context.js";

type Level = "debug" | "info" | "warn" | "error";

export interface Activity {
  /** A piece of the model's text; sent coalesced with its neighbours. */
  text(delta: string): void;
  /** Sends the text gathered so far (at a step's end, before a tool line). */
  flush(): void;
  log(level: Level, message: string, detail?: LogDetail): void;
  /** The first failed write, if any (a ticket no longer held, the database gone). */
  readonly error: Error | undefined;
  /** Waits for every queued write; rethrows the first failure. */
  drain(): Promise<void>;
  /** Stops the timer; pending text is dropped (the run was cut). */
  close(): void;
}

/** ~2.9 lines a second at most. */
export const TEXT_INTERVAL_MS = 350;
/** The least time text is gathered before it is sent. */
const GATHER_MS = 120;
/** The longest model_text line; a longer run of text is split (the track page shows lines, not pages). */
const MAX_TEXT_CHARS = 4_000;

export function createActivity(log: AgentContext["log"], options: { textIntervalMs?: number } = {}): Activity {
  const interval = options.textIntervalMs ?? TEXT_INTERVAL_MS;
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastQueuedAt = -Infinity;
  let lastWrittenAt = -Infinity;
  let queue: Promise<void> = Promise.resolve();
  let error: Error | undefined;
  let closed = false;

  function enqueue(write: () => Promise<void>): void {
    queue = queue.then(async () => {
      if (error || closed) return;
      try {
        await write();
      } catch (e) {
        error = e instanceof Error ? e : new Error(String(e));
      }
    });
  }

  function sendText(): void {
    clearTimeout(timer);
    timer = undefined;
    if (pending.trim() === "") return;
    const message = pending.length > MAX_TEXT_CHARS ? `${pending.slice(0, MAX_TEXT_CHARS)}…` : pending;
    pending = "";
    lastQueuedAt = performance.now();
    enqueue(async () => {
      // A flush may come sooner than the interval (a step ended): the write waits its turn, so the
      // rate holds in what is written, and everything queued after it stays after it.
      const wait = lastWrittenAt + interval - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastWrittenAt = performance.now();
      await log("info", message, { kind: "model_text" });
    });
  }

  return {
    text(delta) {
      if (closed || delta === "") return;
      pending += delta;
      // Gather for a moment even after a quiet spell, so a line is words, not a lone token.
      timer ??= setTimeout(sendText, Math.max(GATHER_MS, interval - (performance.now() - lastQueuedAt)));
    },
    flush: sendText,
    log(level, message, detail) {
      if (closed) return;
      sendText();
      enqueue(() => log(level, message, detail));
    },
    get error() {
      return error;
    },
    async drain() {
      sendText();
      await queue;
      if (error) throw error;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      pending = "";
    },
  };
}
