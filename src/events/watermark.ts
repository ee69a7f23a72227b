// Up to which event id the log is settled: no transaction still in flight can commit an event at or
// below it. ticket_events ids are drawn before commit, so id 10 can be visible while id 9 is not yet
// (docs/decisions/0002-event-ordering.md). The migration 0001 makes every event writer hold a shared
// advisory lock from the moment it draws an id until it ends; a probe reads, in one statement, the
// highest visible id M (the statement's snapshot) and then the writers holding that lock (pg_locks,
// read after the snapshot). A writer holding an id below M drew it before M was drawn, so it already
// held the lock when we looked: once every writer seen by that probe has ended, M is settled.
// PGlite needs none of that: one connection, and a statement outside a transaction waits for the open
// transaction to end (PGlite's transaction mutex), so while the probe runs no writer is in flight and
// the highest visible id is settled. Its probe is `max(id)` alone: the pg_locks read cost 2.2 ms of
// the embedded server's only thread, ~23 times a second while agents worked (bench/RESULTS.md).
import { is, sql } from "drizzle-orm";
import { PgliteDatabase } from "drizzle-orm/pglite";
import type { Executor } from "../db/client.js";

/** The advisory lock of migration 0001: pg_advisory_xact_lock_shared(EVENT_LOCK_CLASS, EVENT_LOCK_OBJECT). */
export const EVENT_LOCK_CLASS = 1_465_077_076; // 'WSMT'
export const EVENT_LOCK_OBJECT = 1;

export interface SettleProbe {
  /** The highest event id visible to the probe's snapshot (0 when the log is empty). */
  maxId: number;
  /** Virtual transaction ids of the event writers in flight just after that snapshot. */
  writers: string[];
  /** The backend pid of each writer (same order), for a warning that names a stalled one. */
  pids?: number[] | undefined;
}

export async function probeEventLog(exec: Executor): Promise<SettleProbe> {
  // The PGlite database itself, not a transaction of it: inside one, its own uncommitted events would
  // be visible and nothing would show them in flight; that case takes the full probe below.
  if (is(exec, PgliteDatabase)) {
    const result: unknown = await exec.execute(sql`SELECT coalesce(max(id), 0)::text AS max_id FROM ticket_events`);
    const row = (result as { rows: { max_id: string }[] }).rows[0];
    if (!row) throw new Error("event log probe returned no row");
    return { maxId: Number(row.max_id), writers: [], pids: [] };
  }
  const result: unknown = await exec.execute(sql`
    SELECT (SELECT coalesce(max(id), 0) FROM ticket_events)::text AS max_id,
           (SELECT coalesce(string_agg(virtualtransaction || ' ' || coalesce(pid, 0), ','), '') FROM pg_locks
             WHERE locktype = 'advisory' AND classid = ${EVENT_LOCK_CLASS}::int::oid AND objid = ${EVENT_LOCK_OBJECT}::int::oid
               AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS writers`);
  const row = (result as { rows: { max_id: string; writers: string }[] }).rows[0];
  if (!row) throw new Error("event log probe returned no row");
  // "vxid pid,vxid pid": a virtual transaction id never contains a space or a comma ("3/17").
  const pairs = row.writers === "" ? [] : row.writers.split(",").map((w) => w.split(" "));
  return { maxId: Number(row.max_id), writers: pairs.map(([vxid]) => vxid!), pids: pairs.map(([, pid]) => Number(pid)) };
}

interface Candidate {
  maxId: number;
  writers: ReadonlySet<string>;
  since: number;
}

/**
 * Pure bookkeeping over successive probes. `observe` takes a probe and returns the new settled
 * watermark: every candidate whose writers have all ended since is settled, in order (a writer that
 * blocks one candidate is still in flight for every later one, so settling is always a prefix).
 */
export class SettleTracker {
  private settled: number;
  private readonly candidates: Candidate[] = [];

  constructor(initial = 0) {
    this.settled = initial;
  }

  get watermark(): number {
    return this.settled;
  }

  /** True while some visible id is waiting for a writer to end. */
  get waiting(): boolean {
    return this.candidates.length > 0;
  }

  /** Milliseconds the oldest waiting candidate has waited (0 when none). */
  oldestWaitMs(now: number): number {
    const first = this.candidates[0];
    return first ? now - first.since : 0;
  }

  /** The visible id the oldest waiting candidate stands for (null when none waits). */
  get oldestWaiting(): number | null {
    return this.candidates[0]?.maxId ?? null;
  }

  /** Which of the probe's writers hold the oldest waiting candidate back, with their pids. */
  blockers(probe: SettleProbe): { writer: string; pid: number | null }[] {
    const first = this.candidates[0];
    if (!first) return [];
    return probe.writers.flatMap((writer, i) => (first.writers.has(writer) ? [{ writer, pid: probe.pids?.[i] ?? null }] : []));
  }

  observe(probe: SettleProbe, now = Date.now()): number {
    const inFlight = new Set(probe.writers);
    const last = this.candidates.at(-1);
    if (probe.maxId > Math.max(this.settled, last?.maxId ?? 0)) {
      this.candidates.push({ maxId: probe.maxId, writers: inFlight, since: now });
    }
    for (;;) {
      const first = this.candidates[0];
      if (!first || [...first.writers].some((w) => inFlight.has(w))) break;
      this.settled = Math.max(this.settled, first.maxId);
      this.candidates.shift();
    }
    return this.settled;
  }
}
