// A crowd of clients resuming at once, on both drivers: the regression tests of the restart storm in
// bench:faults (bench/RESULTS.md, faults). There, every one of 1,000 clients replayed ~1,000 events
// by its own query, row parse and frame per event, in a chunk per event; the restarted server's
// event-loop turns grew so long that its listen queue stayed full for 40 s (Node accepts one
// connection per turn) and clients were still waiting when the bench gave up. Now replays go
// through one cache per process (src/events/replay-cache.ts), in chunks, paced by the reader.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticketEvents } from "../../src/db/schema.js";
import { submitTicket } from "../../src/engine/index.js";
import {
  appendEvent,
  createEventStream,
  createReplayCache,
  frameEvent,
  readEventsAfter,
  type EventFilter,
} from "../../src/events/index.js";
import { seedEngine, until } from "../engine/seed.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { readSse } from "./sse-reader.js";
import { startStreamServer, type StreamServer } from "./stream-server.js";

/** A small seeded PRNG (mulberry32): the same sequence of reads on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(DRIVERS)("replays for a crowd of resuming clients on %s", (driver) => {
  let t: TestDatabase;
  let server: StreamServer;
  let projectId: string;
  const ticketIds: string[] = [];
  const padding = "x".repeat(700); // events about as large as the bench's todo lists

  /** Appends `n` log events spread over the tickets, in batches (one statement per batch). */
  async function appendLogs(n: number): Promise<void> {
    for (let done = 0; done < n; done += 200) {
      const rows = Array.from({ length: Math.min(200, n - done) }, (_, i) => ({
        ticketId: ticketIds[(done + i) % ticketIds.length]!,
        projectId,
        type: "log" as const,
        data: { level: "info", message: `line ${done + i} ${padding}` },
      }));
      await t.database.db.insert(ticketEvents).values(rows);
    }
  }

  const projectIds = async (): Promise<number[]> =>
    (
      await t.database.db
        .select({ id: ticketEvents.id })
        .from(ticketEvents)
        .where(eq(ticketEvents.projectId, projectId))
        .orderBy(asc(ticketEvents.id))
    ).map((r) => r.id);

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
    for (let i = 0; i < 3; i++)
      ticketIds.push(
        (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: `crowd ${i}` } })).ticket.id,
      );
    await appendLogs(900);
    server = await startStreamServer(t.database, { replayPageSize: 100, heartbeatMs: 60_000, maxStreamsPerPrincipal: 1_000 });
    await server.hub.waitForWatermark(Math.max(...(await projectIds())));
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });

  it("answers every read as the table does, through overlapping, extending, concurrent and evicting reads", async () => {
    // 40 kB holds ~50 events: most reads below evict or trim something.
    const cache = createReplayCache(t.database.db, { maxBytes: 40_000 });
    const random = prng(7);
    const filters: EventFilter[] = [{ projectId }, ...ticketIds.map((ticketId) => ({ ticketId }))];
    const check = async (filter: EventFilter, after: number, upTo: number, limit: number) => {
      const [got, want] = await Promise.all([
        cache.read(filter, after, upTo, limit),
        readEventsAfter(t.database.db, filter, after, upTo, limit),
      ]);
      expect(got.map((e) => e.event)).toEqual(want);
      for (const e of got) expect(Buffer.from(e.frame).equals(Buffer.from(frameEvent(e.event)))).toBe(true);
    };
    for (let round = 0; round < 3; round++) {
      const ids = await projectIds();
      const top = ids.at(-1)!;
      const pick = () => (random() < 0.8 ? ids[Math.floor(random() * ids.length)]! : Math.floor(random() * top));
      // One at a time, then a concurrent burst (the per-scope lock serialises them).
      for (let i = 0; i < 150; i++) {
        const a = pick();
        const b = pick();
        await check(filters[Math.floor(random() * filters.length)]!, Math.min(a, b), Math.max(a, b), 1 + Math.floor(random() * 250));
      }
      await Promise.all(
        Array.from({ length: 40 }, () => {
          const a = pick();
          return check(filters[Math.floor(random() * filters.length)]!, a, top, 1 + Math.floor(random() * 250));
        }),
      );
      expect(cache.stats().bytes).toBeLessThanOrEqual(40_000);
      await appendLogs(150); // the log grows: later rounds extend cached ranges past their old ends
    }
    expect(cache.stats().hits).toBeGreaterThan(0);
  });

  it("serves 200 clients resuming at once with each its exact events, reading the table a few times, not per client", async () => {
    const ids = await projectIds();
    const last = ids.at(-1)!;
    await server.hub.waitForWatermark(last);
    // Four cursors, as after a restart: clients that had read up to about the same point.
    const cursors = [0, ids[100]!, ids[400]!, ids[700]!];
    const before = server.hub.replayStats().queries;
    const reads = Array.from({ length: 200 }, (_, i) => {
      const cursor = cursors[i % cursors.length]!;
      return readSse(`${server.url}/api/projects/${projectId}/events`, {
        headers: { "last-event-id": String(cursor) },
        until: (m) => m.length > 0 && Number(m.at(-1)!.id) >= last,
        timeoutMs: 60_000,
      }).then((r) => ({ cursor, got: r.messages.map((m) => Number(m.id)) }));
    });
    for (const { cursor, got } of await Promise.all(reads)) expect(got).toEqual(ids.filter((id) => id > cursor));
    // Read per client, this is 200 clients × 2–10 pages of 100 ≈ 1,200 queries.
    const queries = server.hub.replayStats().queries - before;
    expect(queries).toBeLessThan(40);
    await until(async () => server.hub.subscriberCount() === 0, 5_000);
  });

  it("paces a replay by its reader: one that does not read holds about a chunk, then gets all of it in order", async () => {
    const ids = await projectIds();
    let delivered = 0;
    const stream = createEventStream({
      hub: server.hub,
      filter: { projectId },
      after: 0,
      endOnTerminal: false,
      heartbeatMs: 60_000,
      replayPageSize: 500,
      onDelivered: () => delivered++,
    });
    await new Promise((r) => setTimeout(r, 500));
    // ~1,350 events of ~900 bytes; a 64 KiB chunk is ~70 of them and about two wait unread (the
    // second goes out while the first is still under the high-water mark). Unpaced, all would.
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThan(250);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    const got: number[] = [];
    let text = "";
    while (got.length < ids.length) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      for (const m of text.matchAll(/^id: (\d+)$/gm)) got.push(Number(m[1]));
      text = text.slice(text.lastIndexOf("\n\n") + 2);
    }
    await reader.cancel();
    expect(got).toEqual(ids);
  });

  it("cuts off a client that stops reading while live events pile up behind its replay", async () => {
    const stream = createEventStream({
      hub: server.hub,
      filter: { projectId },
      after: 0,
      endOnTerminal: false,
      heartbeatMs: 60_000,
      // Above the ~130 kB the paced replay queues, below the ~180 kB of live events appended next.
      maxQueuedBytes: 150_000,
    });
    const subscribers = server.hub.subscriberCount();
    expect(subscribers).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.hub.subscriberCount()).toBe(subscribers); // the replay alone does not cut it off
    // The replay waits for the reader; live events meanwhile are held for it, up to maxQueuedBytes.
    await appendLogs(199);
    await t.database.db.transaction((tx) =>
      appendEvent(tx, { ticketId: ticketIds[0]!, projectId, type: "log", data: { level: "info", message: `live ${padding}` } }),
    );
    await until(async () => server.hub.subscriberCount() === subscribers - 1, 10_000);
    // Ended, not hung: what was queued drains, then the stream is done, and it is a gap-free prefix.
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const got = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    const ids = await projectIds();
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(ids.slice(0, got.length));
  });
});
