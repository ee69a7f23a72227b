// The replays of a crowd of reconnecting clients, read once. When a server restarts, every client
// of a project comes back within seconds, each with a Last-Event-ID close to the others', and each
// replays nearly the same rows. Read per client, that is a query, a row parse and an SSE frame per
// event per client: with 1,000 clients the restarted process spent its time re-reading the same
// rows, its event-loop turns grew long, and since Node accepts one connection per turn (libuv ≥ 1.45,
// libuv/libuv#3696) its listen queue stayed full for tens of seconds (bench/RESULTS.md, faults).
// Here each scope (a ticket or a project) keeps contiguous ranges of its settled events, read from the
// table once and framed once; every replay inside a range is served from memory.
//
// Invariant: a range holds *every* event of its scope with lo < id <= hi. It is sound because it
// only ever holds settled events (a stream replays up to its floor, src/events/hub.ts), and settled
// events never change: the log is append-only, and no id at or below the watermark can still commit.
import type { Executor } from "../db/client.js";
import type { HubEvent } from "./hub.js";
import { readEventsAfter, type EventFilter } from "./read-events.js";
import { frameEvent } from "./sse.js";

export interface ReplayCacheOptions {
  /** Bytes of framed events kept over all scopes, least recently used scope evicted first. Default 32 MiB. */
  maxBytes?: number | undefined;
}

export interface ReplayCacheStats {
  /** Table reads so far. */
  queries: number;
  /** Replay reads answered without touching the table. */
  hits: number;
  bytes: number;
  segments: number;
}

export interface ReplayCache {
  /**
   * The first `limit` events of the scope with after < id <= upTo, oldest first, with their SSE
   * frames: readEventsAfter's contract. `upTo` must be settled.
   */
  read(filter: EventFilter, after: number, upTo: number, limit: number): Promise<HubEvent[]>;
  stats(): ReplayCacheStats;
}

interface Segment {
  lo: number;
  hi: number;
  events: HubEvent[];
  bytes: number;
  usedAt: number;
}

const keyOf = (filter: EventFilter): string => ("ticketId" in filter ? `t:${filter.ticketId}` : `p:${filter.projectId}`);
const sizeOf = (events: HubEvent[]): number => events.reduce((n, e) => n + e.frame.byteLength, 0);

/** Index of the first event with id > after (binary search; ids ascend). */
function firstAbove(events: HubEvent[], after: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.event.id <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createReplayCache(exec: Executor, options: ReplayCacheOptions = {}): ReplayCache {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  // Per scope, disjoint ranges sorted by `lo`: clients resume from a few different points (those
  // that had read up to about the same event), and each group reads on from its own range.
  const scopes = new Map<string, Segment[]>();
  // One reader per scope at a time: a crowd that misses together waits for the first read and is
  // then served from memory, instead of sending the same query a thousand times.
  const locks = new Map<string, Promise<unknown>>();
  let total = 0;
  let queries = 0;
  let hits = 0;
  let clock = 0;

  async function load(filter: EventFilter, after: number, upTo: number, limit: number): Promise<Segment> {
    queries++;
    const rows = await readEventsAfter(exec, filter, after, upTo, limit);
    const events = rows.map((event) => ({ event, frame: frameEvent(event) }));
    // A full page covers up to its last id; a short one covers the whole range asked for.
    return { lo: after, hi: rows.length < limit ? upTo : rows.at(-1)!.id, events, bytes: sizeOf(events), usedAt: 0 };
  }

  /** Adds a range to its scope, merged with every range it overlaps or touches, then evicts. */
  function add(key: string, range: Segment): void {
    const list = scopes.get(key) ?? [];
    const joined = list.filter((s) => s.lo <= range.hi && range.lo <= s.hi);
    const pieces = [...joined, range].sort((a, b) => a.lo - b.lo);
    let merged = pieces[0]!;
    if (pieces.length > 1) {
      // Each piece holds every event of its range, so what a later piece adds is what lies above.
      merged = { lo: merged.lo, hi: merged.hi, events: merged.events.slice(), bytes: 0, usedAt: 0 };
      for (const p of pieces.slice(1)) {
        if (p.hi <= merged.hi) continue;
        merged.events.push(...p.events.slice(firstAbove(p.events, merged.hi)));
        merged.hi = p.hi;
      }
      merged.bytes = sizeOf(merged.events);
    }
    merged.usedAt = ++clock;
    for (const s of joined) total -= s.bytes;
    total += merged.bytes;
    scopes.set(
      key,
      [...list.filter((s) => !joined.includes(s)), merged].sort((a, b) => a.lo - b.lo),
    );
    evict(merged);
  }

  /** Least recently used ranges go first; the one just used is trimmed from its old end if it alone is too big. */
  function evict(keep: Segment): void {
    while (total > maxBytes) {
      let victim: { key: string; seg: Segment } | null = null;
      for (const [key, list] of scopes)
        for (const seg of list) if (seg !== keep && (!victim || seg.usedAt < victim.seg.usedAt)) victim = { key, seg };
      if (victim) {
        const rest = scopes.get(victim.key)!.filter((s) => s !== victim.seg);
        if (rest.length > 0) scopes.set(victim.key, rest);
        else scopes.delete(victim.key);
        total -= victim.seg.bytes;
        continue;
      }
      // The range stays complete: it now starts at the last id dropped.
      let drop = 0;
      let freed = 0;
      while (drop < keep.events.length - 1 && total - freed > maxBytes) freed += keep.events[drop++]!.frame.byteLength;
      if (drop === 0) return;
      keep.lo = keep.events[drop - 1]!.event.id;
      keep.events = keep.events.slice(drop);
      keep.bytes -= freed;
      total -= freed;
    }
  }

  async function readLocked(filter: EventFilter, after: number, upTo: number, limit: number): Promise<HubEvent[]> {
    const key = keyOf(filter);
    const seg = scopes.get(key)?.find((s) => s.lo <= after && after <= s.hi);
    if (!seg) {
      const got = await load(filter, after, upTo, limit);
      const events = got.events; // before add(): eviction may trim the stored range
      add(key, got);
      return events;
    }
    seg.usedAt = ++clock;
    const out: HubEvent[] = [];
    for (let i = firstAbove(seg.events, after); i < seg.events.length && out.length < limit; i++) {
      const e = seg.events[i]!;
      if (e.event.id > upTo) break;
      out.push(e);
    }
    if (out.length === limit || seg.hi >= upTo) {
      hits++;
      return out;
    }
    // The range ends below upTo: read on from its end; the new range touches it and joins it.
    const more = await load(filter, seg.hi, upTo, limit - out.length);
    const events = out.concat(more.events); // before add(): eviction may trim the stored range
    add(key, more);
    return events;
  }

  return {
    read(filter, after, upTo, limit) {
      if (upTo <= after || limit <= 0) return Promise.resolve([]);
      const key = keyOf(filter);
      const previous = locks.get(key) ?? Promise.resolve();
      const result = previous.then(() => readLocked(filter, after, upTo, limit));
      const settled = result.catch(() => undefined);
      locks.set(key, settled);
      void settled.then(() => {
        if (locks.get(key) === settled) locks.delete(key);
      });
      return result;
    },
    stats: () => {
      let segments = 0;
      for (const list of scopes.values()) segments += list.length;
      return { queries, hits, bytes: total, segments };
    },
  };
}
