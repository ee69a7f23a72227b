// The embedded database thread's queue (./queue.ts, ./thread.ts): a request's statements run before
// background ones waiting beside them, background work still gets its turns, and within a class the
// order is first come, first served. (PGlite only: on PostgreSQL each statement has a pool connection.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedThread, type EmbeddedClient } from "./client.js";
import { answeringRequest, inRequest } from "./origin.js";
import { UnitQueue } from "./queue.js";

describe("UnitQueue", () => {
  it("takes request units first, first come first served within each class", () => {
    const q = new UnitQueue<string>({ maxFirstInARow: 100, maxWaitMs: 1e9, now: () => 0 });
    q.push("bg1", false);
    q.push("bg2", false);
    q.push("fg1", true);
    q.push("fg2", true);
    expect([q.take(), q.take(), q.take(), q.take(), q.take()]).toEqual(["fg1", "fg2", "bg1", "bg2", undefined]);
  });

  it("gives background a turn after maxFirstInARow request units passed it", () => {
    const q = new UnitQueue<string>({ maxFirstInARow: 2, maxWaitMs: 1e9, now: () => 0 });
    q.push("bg1", false);
    q.push("bg2", false);
    for (let i = 1; i <= 5; i++) q.push(`fg${i}`, true);
    expect(Array.from({ length: 7 }, () => q.take())).toEqual(["fg1", "fg2", "bg1", "fg3", "fg4", "bg2", "fg5"]);
  });

  it("runs a background unit next once it has waited maxWaitMs", () => {
    let now = 0;
    const q = new UnitQueue<string>({ maxFirstInARow: 100, maxWaitMs: 50, now: () => now });
    q.push("bg1", false);
    q.push("fg1", true);
    q.push("fg2", true);
    expect(q.take()).toBe("fg1");
    now = 50;
    expect(q.take()).toBe("bg1");
    expect(q.take()).toBe("fg2");
  });
});

describe("the embedded database thread serves a request's statements first", { timeout: 120_000 }, () => {
  let db: EmbeddedClient;
  beforeAll(async () => {
    db = await openEmbeddedThread();
    await db.exec("CREATE SEQUENCE turn");
  });
  afterAll(async () => {
    await db.close();
  });

  it("a request's statement sent after a background one, while a transaction holds the database, runs first", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const tx = db.transaction(async (t) => {
      await t.query("SELECT 1");
      opened();
      await held;
    });
    await open;
    const next = "SELECT nextval('turn')::int AS n";
    const background = db.query<{ n: number }>(next);
    let marked = false;
    const request = answeringRequest(() => {
      marked = inRequest();
      return db.query<{ n: number }>(next);
    });
    // Both are queued in the thread behind the open transaction (messages arrive in order).
    release();
    await tx;
    const [bg, fg] = await Promise.all([background, request]);
    expect(marked).toBe(true);
    expect(inRequest()).toBe(false);
    expect(fg.rows[0]!.n).toBeLessThan(bg.rows[0]!.n);
  });

  it("a request's transaction goes ahead too; work left running after the answer is background again", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const tx = db.transaction(async () => {
      opened();
      await held;
    });
    await open;
    const next = "SELECT nextval('turn')::int AS n";
    let leftRunning!: Promise<{ rows: { n: number }[] }>;
    let afterAnswer!: () => void;
    const answered = new Promise<void>((resolve) => (afterAnswer = resolve));
    // A request that starts work it does not wait for: that work's statement, sent after the answer, is background.
    await answeringRequest(async () => {
      leftRunning = answered.then(() => db.query<{ n: number }>(next));
    });
    afterAnswer();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the left-running statement is sent and queued
    const request = answeringRequest(() => db.transaction((t) => t.query<{ n: number }>(next)));
    release();
    await tx;
    const [later, fg] = await Promise.all([leftRunning, request]);
    expect(fg.rows[0]!.n).toBeLessThan(later.rows[0]!.n);
  });

  // The schedules page's "read-after-write anomaly" (test/automations/schedules-page.test.ts) was its own
  // wait ending before the PATCH was answered; this holds the thread to what that test relies on.
  it("a write once answered is what the next statement reads, a request's or background, with the thread busy", async () => {
    await db.exec("CREATE TABLE flags (id int PRIMARY KEY, enabled boolean NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
    await db.query("INSERT INTO flags (id, enabled) SELECT g, true FROM generate_series(1, 40) g");
    const write = "UPDATE flags SET enabled = false, updated_at = now() WHERE id = $1 RETURNING enabled, updated_at::text AS at";
    const read = "SELECT enabled, updated_at::text AS at FROM flags WHERE id = $1";
    // Background statements and transactions queued beside every write and read, all the time.
    let churning = true;
    const churn = (async () => {
      while (churning) {
        await Promise.all([
          db.query("SELECT nextval('turn')"),
          db.transaction(async (t) => {
            await t.query("SELECT nextval('turn')");
            await new Promise((resolve) => setTimeout(resolve, 1));
          }),
          db.query("SELECT count(*) FROM flags WHERE enabled"),
        ]);
      }
    })();
    try {
      for (let id = 1; id <= 40; id++) {
        // Odd: a background write read by a request (which may pass background units still queued); even: the reverse.
        const written = await (id % 2 ? db.query(write, [id]) : answeringRequest(() => db.query(write, [id])));
        const [byRequest, byBackground] = await Promise.all([answeringRequest(() => db.query(read, [id])), db.query(read, [id])]);
        expect(written.rows).toEqual([{ enabled: false, at: expect.any(String) }]);
        expect(byRequest.rows).toEqual(written.rows);
        expect(byBackground.rows).toEqual(written.rows);
      }
    } finally {
      churning = false;
      await churn;
    }
  });
});
