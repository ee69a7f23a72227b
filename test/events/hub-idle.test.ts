// The hub's probes (issue 14): with nobody subscribed, a NOTIFY wakes no probe (an API-only server
// or agents working with nobody watching paid a probe per event); the first subscriber catches up at
// once, and a stream opened then still gets every event exactly once, from the table and live. On
// PGlite the probe is `max(id)` alone: a statement outside a transaction waits for the open one, so
// the id it returns is settled — checked here against a transaction held open on purpose.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { CHANNELS } from "../../src/domain/events.js";
import { submitTicket } from "../../src/engine/index.js";
import { appendEvent, createEventHub, createEventStream, probeEventLog, type EventHub } from "../../src/events/index.js";
import { seedEngine } from "../engine/seed.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { sqlRows } from "../helpers/sql.js";

/** The database with every statement counted (the hub's probes and reads go through `db.execute` / `db.select`). */
function counted(database: Database): { database: Database; statements: () => number } {
  let n = 0;
  const db = new Proxy(database.db, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if ((key === "execute" || key === "select") && typeof value === "function") {
        return (...args: unknown[]) => {
          n++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { database: { ...database, db }, statements: () => n };
}

async function readIds(stream: ReadableStream<Uint8Array>, until: number): Promise<number[]> {
  const ids: number[] = [];
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!ids.includes(until)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = text.indexOf("\n\n")) >= 0) {
      const frame = text.slice(0, cut);
      text = text.slice(cut + 2);
      const id = /^id: (\d+)$/m.exec(frame)?.[1];
      if (id) ids.push(Number(id));
    }
  }
  await reader.cancel();
  return ids;
}

describe.each(DRIVERS)("event hub probes on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  let hub: EventHub;
  let statements: () => number;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
    const c = counted(t.database);
    statements = c.statements;
    // No idle poll within the test: only NOTIFYs and subscribers make it probe.
    hub = createEventHub({ database: c.database, idlePollMs: 3_600_000 });
    await hub.start();
  });
  afterAll(async () => {
    await hub.stop();
    await t.cleanup();
  });

  it("probes for nobody: NOTIFYs with no subscriber cost no statement; a stream opened after them gets every event once", async () => {
    const ticket = (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} })).ticket;
    // A second listener, registered after the hub's: once it has heard the last NOTIFY, the hub's has too.
    const heard: number[] = [];
    const unlisten = await t.database.listen(CHANNELS.events, (payload) => heard.push(Number(payload)));
    // Let the hub settle what came before (start-up and the submit above).
    await hub.waitForWatermark((await probeEventLog(t.database.db)).maxId);
    await new Promise((r) => setImmediate(r));
    const before = statements();
    const written: number[] = [];
    for (let i = 0; i < 5; i++) {
      written.push(
        await appendEvent(t.database.db, { ticketId: ticket.id, projectId, type: "log", data: { level: "info", message: `line ${i}` } }),
      );
    }
    while (!written.every((id) => heard.includes(id))) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setImmediate(r));
    await unlisten();
    expect(statements()).toBe(before);
    // The hub's starting point is behind the log now; a stream opened from the beginning gets the
    // ticket's whole history: replayed up to its floor, the rest live, each id once, in order.
    const stream = createEventStream({ hub, filter: { ticketId: ticket.id }, after: 0, endOnTerminal: false, heartbeatMs: 60_000 });
    const ids = await readIds(stream, written.at(-1)!);
    const [all] = await sqlRows<{ ids: number[] }>(
      t.database.db,
      sql`SELECT coalesce(array_agg(id ORDER BY id), '{}') AS ids FROM ticket_events WHERE ticket_id = ${ticket.id}::uuid`,
    );
    expect(ids).toEqual(all!.ids.map(Number));
    expect(statements()).toBeGreaterThan(before);
  });

  it("a client resuming with a Last-Event-ID above the hub's starting point gets only the later events, once", async () => {
    const ticket = (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} })).ticket;
    await hub.waitForWatermark((await probeEventLog(t.database.db)).maxId);
    const written: number[] = [];
    for (let i = 0; i < 6; i++) {
      written.push(
        await appendEvent(t.database.db, { ticketId: ticket.id, projectId, type: "log", data: { level: "info", message: `more ${i}` } }),
      );
    }
    // Nobody listens, so the hub has not moved: the cursor (the third event) is above its floor.
    expect(hub.watermark()).toBeLessThan(written[2]!);
    const stream = createEventStream({
      hub,
      filter: { ticketId: ticket.id },
      after: written[2]!,
      endOnTerminal: false,
      heartbeatMs: 60_000,
    });
    expect(await readIds(stream, written.at(-1)!)).toEqual(written.slice(3));
  });
});

describe("the PGlite probe", () => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    ({ projectId } = await seedEngine(t.database));
  });
  afterAll(async () => t.cleanup());

  it("waits for an open event-writing transaction and then reports its event: never an unsettled id", async () => {
    const ticket = (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} })).ticket;
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let drawn!: (id: number) => void;
    const idDrawn = new Promise<number>((r) => (drawn = r));
    const writer = t.database.db.transaction(async (tx) => {
      drawn(await appendEvent(tx, { ticketId: ticket.id, projectId, type: "log", data: { level: "info", message: "held" } }));
      await held;
      order.push("commit");
    });
    const id = await idDrawn;
    const probe = probeEventLog(t.database.db).then((p) => {
      order.push("probe");
      return p;
    });
    // Give the probe every chance to run early: it must not, the transaction is still open.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    release();
    await writer;
    const result = await probe;
    expect(order).toEqual(["commit", "probe"]);
    expect(result.maxId).toBe(id);
    expect(result.writers).toEqual([]);
  });
});

// On PostgreSQL the probe sees a writer still in flight and retries (1, 2, 4 … 50 ms) until it ends.
// Those retries serve whoever waits; once nobody does, they stop — otherwise a hub with nobody
// watching probes every 50 ms for as long as a transaction is open, and moves on by itself.
describe("settling retries on postgres", () => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    ({ projectId } = await seedEngine(t.database));
  });
  afterAll(async () => t.cleanup());

  it("stop when the last waiter gives up on an event held back by an open transaction", async () => {
    const ticket = (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} })).ticket;
    const c = counted(t.database);
    const hub = createEventHub({ database: c.database, idlePollMs: 3_600_000 });
    await hub.start();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    try {
      let drawn!: (id: number) => void;
      const idDrawn = new Promise<number>((r) => (drawn = r));
      const writer = t.database.db.transaction(async (tx) => {
        drawn(await appendEvent(tx, { ticketId: ticket.id, projectId, type: "log", data: { level: "info", message: "held" } }));
        await held;
      });
      const id = await idDrawn;
      // A later event, committed: visible, but behind the held one, so the probe keeps waiting.
      await appendEvent(t.database.db, { ticketId: ticket.id, projectId, type: "log", data: { level: "info", message: "after" } });
      await expect(hub.waitForWatermark(id + 1, 300)).rejects.toThrow(/did not reach/);
      await new Promise((r) => setTimeout(r, 100)); // a retry already in flight ends
      const after = c.statements();
      await new Promise((r) => setTimeout(r, 400)); // eight 50 ms retries' worth
      expect(c.statements()).toBe(after);
      release();
      await writer;
    } finally {
      release();
      await hub.stop();
    }
  });
});
