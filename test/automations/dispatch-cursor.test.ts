// The two event-log cursors (notifications, webhook deliveries), both drivers: each enqueue pass is one
// statement that locks the cursor row with SKIP LOCKED, reads the range above it and moves it, so
// passes run from two processes at once, while events keep being written, turn every ended ticket's
// status event into its rows exactly once — none skipped, none twice — and the cursor ends at the log's
// end. A pass that finds the cursor row locked by another process does nothing and does not wait.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEndpoint, enqueueNotifications, enqueueWebhookDeliveries } from "../../src/automations/index.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { submitTicket } from "../../src/engine/index.js";
import { appendEvent, probeEventLog } from "../../src/events/index.js";
import { createTestUser, grantRole, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine } from "../engine/seed.js";

const ENDS = ["completed", "failed", "waiting", "cancelled"] as const;

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await database.db.execute(query);
  return (result as { rows: T[] }).rows;
}

describe.each(DRIVERS)("event-log cursors (%s)", (driver) => {
  let t: TestDatabase;
  /** A second process's connection (PostgreSQL); PGlite has one connection, shared. */
  let other: Database;
  let projectId: string;
  let alice: TestUser;

  beforeEach(async () => {
    t = await openTestDatabase(driver);
    other = t.url ? await openDatabase({ databaseUrl: t.url }) : t.database;
    ({ projectId } = await seedEngine(t.database));
    alice = await createTestUser(t.database);
    await grantRole(t.database, projectId, alice.id, "member");
  });

  afterEach(async () => {
    if (other !== t.database) await other.close();
    await t.cleanup();
  });

  it("turns each ended ticket into one notification and one delivery while two processes pass and events keep coming", async () => {
    const tickets: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {}, requestedBy: alice.id });
      tickets.push(ticket.id);
    }
    // The endpoint starts the webhook cursor at the log's end: the submits' events are history.
    await createEndpoint(t.database.db, {
      projectId,
      url: "http://127.0.0.1:9/hook",
      events: [...ENDS].map((s) => `ticket.${s}` as const),
      createdBy: alice.id,
      allowPrivate: true,
    });
    const ended: number[] = [];
    const writeRound = async (round: number) => {
      for (const [i, ticketId] of tickets.entries()) {
        const status = ENDS[(i + round) % ENDS.length]!;
        // Events that are no ticket's end sit between the ends and are skipped by both passes.
        await appendEvent(t.database.db, { ticketId, projectId, type: "log", data: { level: "info", message: `round ${round}` } });
        ended.push(
          await appendEvent(t.database.db, { ticketId, projectId, type: "status", data: { status, previous: "running", attempt: 1 } }),
        );
      }
    };
    const settled = async (database: Database) => (await probeEventLog(database.db)).maxId;
    // A span of 5 log ids: a pass covers part of what is settled and the next pass goes on from there.
    const pass = async (database: Database) => {
      const upTo = await settled(database);
      return {
        told: await enqueueNotifications(database, upTo, { emailEnabled: false, span: 5 }),
        queued: await enqueueWebhookDeliveries(database, upTo),
      };
    };
    let told = 0;
    let queued = 0;
    const count = (results: { told: number; queued: number }[]) => {
      for (const r of results) {
        told += r.told;
        queued += r.queued;
      }
    };
    for (let round = 0; round < 4; round++) {
      // Writers and both processes' passes at once.
      const [, ...results] = await Promise.all([writeRound(round), pass(t.database), pass(other), pass(t.database), pass(other)]);
      count(results);
    }
    for (let i = 0; i < 40; i++) count(await Promise.all([pass(t.database), pass(other)]));

    const notified = await rows<{ event_id: string; n: number }>(
      t.database,
      sql`SELECT event_id::text, count(*)::int AS n FROM notifications WHERE user_id = ${alice.id}::uuid GROUP BY event_id`,
    );
    const delivered = await rows<{ event_id: string; n: number }>(
      t.database,
      sql`SELECT event_id::text, count(*)::int AS n FROM webhook_deliveries GROUP BY event_id`,
    );
    const notifiable = await rows<{ id: string }>(
      t.database,
      sql`SELECT id::text FROM ticket_events WHERE type = 'status' AND data->>'status' IN ('completed', 'failed', 'waiting') ORDER BY id`,
    );
    expect(ended).toHaveLength(48);
    expect(notifiable).toHaveLength(36); // the cancelled ones tell nobody in the app
    expect(notified.map((r) => r.event_id).sort()).toEqual(notifiable.map((r) => r.id).sort());
    expect(notified.every((r) => r.n === 1)).toBe(true);
    expect(told).toBe(36);
    expect(delivered.map((r) => r.event_id).sort()).toEqual(ended.map(String).sort());
    expect(delivered.every((r) => r.n === 1)).toBe(true);
    expect(queued).toBe(48);
    const last = await settled(t.database);
    const cursors = await rows<{ n: string; w: string }>(
      t.database,
      sql`SELECT (SELECT last_event_id FROM notification_cursor)::text AS n, (SELECT last_event_id FROM webhook_cursor)::text AS w`,
    );
    expect(cursors).toEqual([{ n: String(last), w: String(last) }]);
  });

  it.runIf(driver === "postgres")("does nothing, without waiting, while another process holds the cursor row", async () => {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {}, requestedBy: alice.id });
    await appendEvent(t.database.db, {
      ticketId: ticket.id,
      projectId,
      type: "status",
      data: { status: "completed", previous: "running", attempt: 1 },
    });
    const upTo = (await probeEventLog(t.database.db)).maxId;
    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT * FROM notification_cursor WHERE id = 1 FOR UPDATE");
      expect(await enqueueNotifications(t.database, upTo, { emailEnabled: false })).toBe(0);
      const [cursor] = await rows<{ last: string }>(t.database, sql`SELECT last_event_id::text AS last FROM notification_cursor`);
      expect(Number(cursor?.last)).toBeLessThan(upTo);
      await holder.query("COMMIT");
      expect(await enqueueNotifications(t.database, upTo, { emailEnabled: false })).toBe(1);
    } finally {
      await holder.end();
    }
  });
});
