// The per-process event hub: LISTENs once on CHANNELS.events and fans newly settled events out to
// in-memory subscribers (by ticket and by project). A NOTIFY is only a wake-up: the hub probes the
// settled watermark (src/events/watermark.ts) and fetches (old watermark, new watermark] for the
// scopes it has subscribers for, so events arrive in id order, each once, even when transactions
// commit out of id order. After the LISTEN connection comes back it simply probes again: whatever
// was committed meanwhile is above the watermark and is fetched like anything else.
// Start-up takes the first settled watermark (the first probe's highest id, once the writers it saw
// have ended), not a moment with no writer at all: under steady writes from other processes that
// moment may never come. A writer that holds the watermark longer than `stallWarnMs` is reported.
import type { Database } from "../db/client.js";
import { CHANNELS, type TicketEvent } from "../domain/events.js";
import { readEventsInRange, type EventFilter } from "./read-events.js";
import { createReplayCache, type ReplayCacheStats } from "./replay-cache.js";
import { frameEvent } from "./sse.js";
import { probeEventLog, SettleTracker, type SettleProbe } from "./watermark.js";

export interface HubEvent {
  event: TicketEvent;
  /** The SSE frame of the event, shared by every subscriber. */
  frame: Uint8Array;
}

export interface SubscriberHandlers {
  onEvent(event: HubEvent): void;
  /** The hub stopped; the subscriber should end its stream. */
  onClose?(): void;
}

export interface Subscription {
  /**
   * Events with id <= floor are never delivered to this subscriber: they are settled and readable
   * from the table, so the subscriber replays (its cursor, floor] and gets everything above live.
   */
  readonly floor: number;
  close(): void;
}

export interface HubLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface EventHubOptions {
  database: Database;
  logger?: HubLogger | undefined;
  /** While a visible event waits on an in-flight writer, probe again after this (doubling to 50 ms). */
  settleRetryMs?: number | undefined;
  /** A probe this often even without a NOTIFY, as a safety net; default 2000 ms. */
  idlePollMs?: number | undefined;
  /** Rows fetched per query when the watermark moves far (catch-up after a reconnect). */
  fetchPageSize?: number | undefined;
  /** Bytes of framed settled events kept for replays (src/events/replay-cache.ts); default 32 MiB. */
  replayCacheBytes?: number | undefined;
  /** A writer holding the watermark longer than this is a stall: a warning and a metric. Default 5000 ms. */
  stallWarnMs?: number | undefined;
}

/** How long the watermark has been held by in-flight writers (metrics). */
export interface WriterStallStats {
  /** How long the oldest visible-but-unsettled event has waited, ms (0 when none waits). */
  heldMs: number;
  /** Times a writer held the watermark longer than `stallWarnMs`, since the hub started. */
  stalls: number;
}

export interface EventHub {
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(filter: EventFilter, handlers: SubscriberHandlers): Subscription;
  /** Live subscribers, for tests and metrics. */
  subscriberCount(): number;
  /** The settled watermark: every event with id <= it has been fetched and delivered. */
  watermark(): number;
  /** Resolves once the hub has delivered everything up to at least `id` (tests, benchmarks). */
  waitForWatermark(id: number, timeoutMs?: number): Promise<void>;
  /**
   * A stream's replay: the first `limit` events of the scope with after < id <= upTo, framed, where
   * upTo is settled (a subscription's floor). Shared by every stream of the process, so a crowd of
   * clients resuming at once reads and frames each event once.
   */
  readSettled(filter: EventFilter, after: number, upTo: number, limit: number): Promise<HubEvent[]>;
  /** The replay cache's counters (tests, metrics). */
  replayStats(): ReplayCacheStats;
  /** Writers holding the watermark (metrics: worksmith_event_watermark_held_seconds, …_stalls_total). */
  writerStalls(): WriterStallStats;
}

interface Subscriber {
  filter: EventFilter;
  handlers: SubscriberHandlers;
  floor: number;
  closed: boolean;
}

const silent: HubLogger = { warn: () => undefined, error: () => undefined };
// N = 5 s. A writer holds the watermark for as long as its transaction lasts; ours last
// milliseconds (a submit or a claim batch: 1–4 ms; bench/RESULTS.md). One that takes longer than
// this is a stuck transaction (a session idle in transaction, a hung client), not load: every
// stream of every server waits for it, so it is a warning naming its backend pid, and a metric.
const STALL_WARN_MS = 5_000;

export function createEventHub(options: EventHubOptions): EventHub {
  const { database } = options;
  const log = options.logger ?? silent;
  const settleRetryMs = options.settleRetryMs ?? 1;
  const idlePollMs = options.idlePollMs ?? 2_000;
  const pageSize = options.fetchPageSize ?? 1_000;
  const stallWarnMs = options.stallWarnMs ?? STALL_WARN_MS;

  const byTicket = new Map<string, Set<Subscriber>>();
  const byProject = new Map<string, Set<Subscriber>>();
  let count = 0;
  let tracker: SettleTracker | null = null;
  let ready = false; // start-up has its first settled watermark
  let delivered = 0; // everything <= delivered has been handed to subscribers
  let fetchingUpTo: number | null = null; // the range (delivered, fetchingUpTo] is being fetched
  let running = false;
  let ticking: Promise<void> | null = null;
  let tickAgain = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = settleRetryMs;
  let idleTimer: NodeJS.Timeout | undefined;
  let stalls = 0;
  let warnedFor: number | null = null; // the waiting candidate already reported as stalled
  const cleanups: (() => unknown)[] = [];
  const waiters = new Set<{ id: number; resolve: () => void }>();
  const replays = createReplayCache(database.db, { maxBytes: options.replayCacheBytes });

  function index(filter: EventFilter): [Map<string, Set<Subscriber>>, string] {
    return "ticketId" in filter ? [byTicket, filter.ticketId] : [byProject, filter.projectId];
  }

  function requestTick(): void {
    if (!running) return;
    if (ticking) {
      tickAgain = true;
      return;
    }
    ticking = (async () => {
      do {
        tickAgain = false;
        await tick();
        // A tick asked for by a waiter or a subscriber who has since gone is not owed: with nobody
        // left to deliver to, the next probe is the idle poll's (or the next subscriber's).
      } while (tickAgain && running && anyoneListening());
    })()
      .catch((err: unknown) => {
        log.error({ err }, "event hub: probing or fetching events failed; retrying");
        scheduleRetry(100);
      })
      .finally(() => {
        ticking = null;
      });
  }

  function scheduleRetry(ms: number): void {
    if (retryTimer || !running) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      // Settling retries serve somebody waiting; with nobody, the idle poll watches for stalls.
      if (anyoneListening()) requestTick();
    }, ms);
    retryTimer.unref();
  }

  /** Once per held candidate: a writer holding the watermark past stallWarnMs is counted and named. */
  function watchStall(t: SettleTracker, probe: SettleProbe): void {
    const held = t.oldestWaiting;
    const waited = t.oldestWaitMs(Date.now());
    if (held === null || waited <= stallWarnMs || warnedFor === held) return;
    warnedFor = held;
    stalls++;
    const blockers = t.blockers(probe);
    log.warn(
      { waited_ms: waited, event_id: held, pids: blockers.map((b) => b.pid), writers: blockers.map((b) => b.writer) },
      `event hub: an event-writing transaction (backend pid ${blockers.map((b) => b.pid).join(", ") || "?"}) has held event ${held} back for ${Math.round(waited / 1000)} s; live streams wait for it`,
    );
  }

  /** Somebody waits for what a probe would find: a subscriber, or a waitForWatermark. */
  function anyoneListening(): boolean {
    return count > 0 || waiters.size > 0;
  }

  async function tick(): Promise<void> {
    if (!tracker || !ready) return;
    const probe = await probeEventLog(database.db);
    const target = tracker.observe(probe);
    if (tracker.waiting) {
      // A visible event waits on a writer still in flight: look again soon (1, 2, 4 … 50 ms).
      scheduleRetry(retryDelay);
      retryDelay = Math.min(retryDelay * 2, 50);
      watchStall(tracker, probe);
    } else {
      retryDelay = settleRetryMs;
    }
    await deliverUpTo(target);
  }

  /** Fetches and delivers (delivered, target], page by page, for the scopes with subscribers. */
  async function deliverUpTo(target: number): Promise<void> {
    while (delivered < target && running) {
      fetchingUpTo = target;
      let events: TicketEvent[];
      try {
        events = await readEventsInRange(
          database.db,
          { ticketIds: byTicket.keys(), projectIds: byProject.keys() },
          delivered,
          target,
          pageSize,
        );
      } finally {
        fetchingUpTo = null;
      }
      // Everything from here to the watermark update is synchronous: a subscribe() cannot fall
      // between "delivered to the subscribers of that moment" and "delivered" moving on.
      const reachedEnd = events.length < pageSize;
      for (const event of events) dispatch(event);
      delivered = reachedEnd ? target : (events.at(-1)?.id ?? target);
      for (const w of waiters) {
        if (delivered >= w.id) {
          waiters.delete(w);
          w.resolve();
        }
      }
    }
  }

  function dispatch(event: TicketEvent): void {
    let frame: Uint8Array | null = null;
    for (const set of [byTicket.get(event.ticket_id), byProject.get(event.project_id)]) {
      if (!set) continue;
      for (const sub of set) {
        if (sub.closed || event.id <= sub.floor) continue;
        frame ??= frameEvent(event);
        try {
          sub.handlers.onEvent({ event, frame });
        } catch (err) {
          log.error({ err, event_id: event.id }, "event hub: a subscriber threw");
        }
      }
    }
  }

  function remove(sub: Subscriber): void {
    if (sub.closed) return;
    sub.closed = true;
    const [map, key] = index(sub.filter);
    const set = map.get(key);
    if (set?.delete(sub)) count--;
    if (set && set.size === 0) map.delete(key);
  }

  return {
    async start() {
      if (running) throw new Error("event hub already started");
      running = true;
      // A NOTIFY wakes a probe only when somebody waits for its events: with no stream open (an
      // API-only server, agents working and nobody watching) every event cost a probe and a read of
      // nothing. The idle poll still probes (stall warnings, a fresh starting point), and the first
      // subscriber asks for a probe at once (subscribe below).
      cleanups.push(
        await database.listen(CHANNELS.events, () => {
          if (anyoneListening()) requestTick();
        }),
      );
      // NOTIFYs sent while the LISTEN connection was down are lost; the next probe finds the events.
      cleanups.push(database.onReconnect(() => requestTick()));
      // The starting point: nothing before it is ever delivered live (streams replay it from the
      // table). The first probe's highest id, once the writers it saw have ended; candidates seen
      // meanwhile stay in the tracker and settle like any later ones.
      const initial = new SettleTracker();
      tracker = initial;
      warnedFor = null;
      let probe = await probeEventLog(database.db);
      const first = probe.maxId;
      initial.observe(probe);
      for (let wait = 1; initial.watermark < first && running; wait = Math.min(wait * 2, 50)) {
        watchStall(initial, probe);
        await new Promise((r) => setTimeout(r, wait));
        probe = await probeEventLog(database.db);
        initial.observe(probe);
      }
      if (!running) return; // stopped while starting
      delivered = initial.watermark;
      ready = true;
      idleTimer = setInterval(requestTick, idlePollMs);
      idleTimer.unref();
      requestTick();
    },

    async stop() {
      if (!running) return;
      running = false;
      ready = false;
      clearTimeout(retryTimer);
      clearInterval(idleTimer);
      for (const c of cleanups.splice(0)) await c();
      await ticking;
      const all = [...byTicket.values(), ...byProject.values()].flatMap((s) => [...s]);
      for (const sub of all) {
        remove(sub);
        try {
          sub.handlers.onClose?.();
        } catch (err) {
          log.error({ err }, "event hub: a subscriber's onClose threw");
        }
      }
      for (const w of waiters) w.resolve();
      waiters.clear();
    },

    subscribe(filter, handlers) {
      if (!running || !ready) throw new Error("event hub is not running");
      // A fetch in flight was filtered by the subscriptions of its start: a newcomer replays that
      // whole range from the table instead and takes only what comes after it live.
      const sub: Subscriber = { filter, handlers, floor: fetchingUpTo ?? delivered, closed: false };
      const [map, key] = index(filter);
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(sub);
      count++;
      // NOTIFYs that came while nobody listened woke no probe: catch up now, not at the idle poll.
      // Its floor may be that far behind; the stream replays (cursor, floor] and drops live ids it holds.
      if (count === 1) requestTick();
      return {
        floor: sub.floor,
        close: () => remove(sub),
      };
    },

    subscriberCount: () => count,
    watermark: () => delivered,
    readSettled(filter, after, upTo, limit) {
      // The cache holds what it reads for good: only settled ids may enter it.
      if (!tracker || !ready || upTo > tracker.watermark) {
        return Promise.reject(
          new Error(`replay up to ${upTo} asked beyond the settled watermark ${tracker?.watermark ?? "(hub not started)"}`),
        );
      }
      return replays.read(filter, after, upTo, limit);
    },
    replayStats: () => replays.stats(),
    writerStalls: () => ({ heldMs: tracker && running ? tracker.oldestWaitMs(Date.now()) : 0, stalls }),

    waitForWatermark(id, timeoutMs = 10_000) {
      if (delivered >= id || !running) return Promise.resolve();
      requestTick();
      return new Promise<void>((resolve, reject) => {
        const w = {
          id,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`event hub did not reach event ${id} within ${timeoutMs} ms (at ${delivered})`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
  };
}
