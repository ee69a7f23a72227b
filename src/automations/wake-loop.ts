// A pass run when woken (a NOTIFY), again soon when it asks to (work left, or an event not yet
// settled), and every `fallbackMs` regardless — a missed NOTIFY (a dropped LISTEN connection) costs
// at most one fallback period. Passes never overlap; a wake during a pass runs one more pass after it.
import type { Database } from "../db/client.js";
import type { WorkerLogger } from "../engine/worker-types.js";

export interface WakeLoop {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Run a pass as soon as the current one (if any) ends. */
  wake(): void;
}

export interface WakeLoopOptions {
  /** One pass; returns true to be run again soon (backing off from 5 ms to 50 ms while it keeps asking). */
  pass: () => Promise<boolean>;
  what: string;
  logger: WorkerLogger;
  fallbackMs: number;
  /** NOTIFY channels whose every message wakes the loop (on the process's one LISTEN connection). */
  database?: Database | undefined;
  channels?: readonly string[] | undefined;
  /**
   * Passes start at least this far apart (default 0). The first wake after a quiet spell runs at
   * once; a burst (every event of busy agents NOTIFYs) is folded into one pass per period: on the
   * embedded database each pass is statements on the HTTP thread (bench/RESULTS.md, issue 14).
   */
  minIntervalMs?: number | undefined;
}

export function createWakeLoop(options: WakeLoopOptions): WakeLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let soonMs = 5;
  let fallback: NodeJS.Timeout | undefined;
  let soon: NodeJS.Timeout | undefined;
  const minIntervalMs = options.minIntervalMs ?? 0;
  let lastStart = -Infinity;
  let deferred: NodeJS.Timeout | undefined;
  const unlisten: (() => Promise<void>)[] = [];

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    const wait = lastStart + minIntervalMs - performance.now();
    if (wait > 0) {
      deferred ??= setTimeout(() => {
        deferred = undefined;
        wake();
      }, wait);
      deferred.unref();
      return;
    }
    running = (async () => {
      let more = false;
      do {
        again = false;
        lastStart = performance.now();
        try {
          more = await options.pass();
        } catch (err) {
          options.logger.error({ err }, `${options.what} failed`);
          more = false;
        }
      } while (again && !stopped && minIntervalMs === 0);
      if (more && !stopped) {
        clearTimeout(soon);
        soon = setTimeout(wake, soonMs);
        soon.unref();
        soonMs = Math.min(soonMs * 2, 50);
      } else soonMs = 5;
    })().finally(() => {
      running = null;
      // A wake during the pass, with passes spaced: one more, once the period has passed.
      if (again && !stopped) {
        again = false;
        wake();
      }
    });
  }

  return {
    wake,
    async start() {
      if (!stopped) return;
      stopped = false;
      for (const channel of options.channels ?? []) if (options.database) unlisten.push(await options.database.listen(channel, wake));
      // NOTIFYs sent while the LISTEN connection was down are gone: look at the tables at once.
      const offReconnect = options.database?.onReconnect(wake);
      if (offReconnect) unlisten.push(async () => void offReconnect());
      fallback = setInterval(wake, options.fallbackMs);
      fallback.unref();
      wake();
    },
    async stop() {
      stopped = true;
      clearInterval(fallback);
      clearTimeout(soon);
      clearTimeout(deferred);
      deferred = undefined;
      for (const u of unlisten.splice(0)) await u();
      await running;
    },
  };
}
