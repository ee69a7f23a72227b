// The scheduler tick against both drivers: several ticking loops at once make exactly one ticket per
// slot, downtime is handled by the missed-slot policy, and a schedule whose recipe or parameters went
// bad pauses itself with a reason.
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createScheduler,
  createSchedule,
  getScheduleRow,
  listScheduleRuns,
  runScheduleTick,
  scheduledBy,
} from "../../src/automations/index.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { workRecipes, workRequests, workScheduleRuns, workSchedules, workTickets } from "../../src/db/schema.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { eventsOf, seedEngine } from "../engine/seed.js";

const quiet = { info: () => {}, warn: () => {}, error: (o: object) => console.error(o) };

describe.each(DRIVERS)("schedule tick (%s)", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  const extra: Database[] = [];
  beforeEach(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
  });
  afterEach(async () => {
    for (const d of extra.splice(0)) await d.close();
    await t.cleanup();
  });

  async function scheduledTickets(scheduleId: string) {
    return t.database.db
      .select({ id: workTickets.id })
      .from(workTickets)
      .innerJoin(workRequests, eq(workRequests.id, workTickets.requestId))
      .where(eq(workRequests.requestedBy, scheduledBy(scheduleId)));
  }

  /** As if the server had been down: the schedule's cursor moved back, its next slot long past. */
  async function pretendDowntime(id: string, interval: string) {
    await t.database.db
      .update(workSchedules)
      .set({ lastSlotAt: sql`now() - ${interval}::interval`, nextRunAt: sql`now() - ${interval}::interval + interval '1 second'` })
      .where(eq(workSchedules.id, id));
  }

  it("makes exactly one ticket per slot with three loops ticking at once", async () => {
    const s = await createSchedule(t.database.db, projectId, null, {
      name: "every second",
      recipe_slug: "test-report",
      parameters: { topic: "pulse" },
      cron: "* * * * * *",
      timezone: "UTC",
    });
    // PostgreSQL: three connection pools, as three processes would have; PGlite: one embedded database.
    const dbs: Database[] = [t.database];
    if (t.url) for (let i = 0; i < 2; i++) extra.push(await openDatabase({ databaseUrl: t.url }));
    dbs.push(...extra);
    const loops = [0, 1, 2].map((i) => createScheduler({ database: dbs[i % dbs.length]!, logger: quiet, tickMs: 50 }));
    for (const l of loops) l.start();
    await new Promise((r) => setTimeout(r, 4500));
    await Promise.all(loops.map((l) => l.stop()));

    const runs = await t.database.db
      .select()
      .from(workScheduleRuns)
      .where(eq(workScheduleRuns.scheduleId, s.id))
      .orderBy(workScheduleRuns.slotAt);
    const tickets = await scheduledTickets(s.id);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.every((r) => r.outcome === "ticket" && r.ticketId)).toBe(true);
    // One ticket per slot, each slot once, and no slot between the first and the last left out.
    expect(tickets.length).toBe(runs.length);
    expect(new Set(runs.map((r) => r.ticketId)).size).toBe(runs.length);
    const seconds = runs.map((r) => r.slotAt.getTime() / 1000);
    expect(seconds.every((x) => Number.isInteger(x))).toBe(true);
    expect(seconds.at(-1)! - seconds[0]!).toBe(runs.length - 1);
  }, 30_000);

  it("skips the slots missed during downtime under `skip`", async () => {
    const s = await createSchedule(t.database.db, projectId, null, {
      name: "daily",
      recipe_slug: "test-report",
      parameters: {},
      cron: "0 3 * * *",
      timezone: "UTC",
      missed_policy: "skip",
    });
    await pretendDowntime(s.id, "2 days");
    const r = await runScheduleTick(t.database, { graceMs: 1000 });
    expect(r.tickets).toEqual([]);
    expect(await scheduledTickets(s.id)).toEqual([]);
    const [run] = await listScheduleRuns(t.database.db, s.id);
    expect(run).toMatchObject({ outcome: "skipped", missed: 2, ticket_id: null });
    // The cursor moved on: the next slot is in the future and another tick does nothing.
    const row = await getScheduleRow(t.database.db, s.id);
    expect(row!.nextRunAt!.getTime()).toBeGreaterThan(Date.now() - 5000);
    expect((await runScheduleTick(t.database, { graceMs: 1000 })).tickets).toEqual([]);
  });

  it("runs once for all the missed slots under `run_once`", async () => {
    const s = await createSchedule(t.database.db, projectId, null, {
      name: "daily",
      recipe_slug: "test-report",
      parameters: { topic: "catch up" },
      cron: "0 3 * * *",
      timezone: "UTC",
      missed_policy: "run_once",
    });
    await pretendDowntime(s.id, "2 days");
    const r = await runScheduleTick(t.database, { graceMs: 1000 });
    expect(r.tickets).toHaveLength(1);
    // The newest missed slot: today's 03:00 UTC, or yesterday's before 03:00.
    const now = new Date();
    const expected = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 3));
    if (expected.getTime() > now.getTime()) expected.setUTCDate(expected.getUTCDate() - 1);
    expect(r.tickets[0]!.slot.toISOString()).toBe(expected.toISOString());
    const [run] = await listScheduleRuns(t.database.db, s.id);
    expect(run).toMatchObject({ outcome: "ticket", missed: 2, ticket_id: r.tickets[0]!.ticketId });
    expect(await scheduledTickets(s.id)).toHaveLength(1);
    // The ticket's event log says which schedule and slot made it.
    const logs = (await eventsOf(t.database, r.tickets[0]!.ticketId)).filter((e) => e.type === "log");
    expect(logs.map((e) => e.data.message)).toEqual([
      `Scheduled by "daily" (schedule ${s.id}) for ${expected.toISOString()} (2 slots missed during downtime; run once for them)`,
    ]);
    expect((await runScheduleTick(t.database, { graceMs: 1000 })).tickets).toEqual([]);
  });

  it("pauses with a reason when the recipe is archived", async () => {
    const s = await createSchedule(t.database.db, projectId, null, {
      name: "x",
      recipe_slug: "test-report",
      parameters: {},
      cron: "* * * * * *",
      timezone: "UTC",
    });
    await t.database.db.update(workRecipes).set({ status: "archived", updatedAt: new Date() }).where(eq(workRecipes.slug, "test-report"));
    await pretendDowntime(s.id, "3 seconds");
    const r = await runScheduleTick(t.database);
    expect(r.tickets).toEqual([]);
    expect(r.paused).toHaveLength(1);
    const row = await getScheduleRow(t.database.db, s.id);
    expect(row).toMatchObject({ enabled: false, nextRunAt: null });
    expect(row!.pausedReason).toMatch(/recipe_slug: .*archived/);
    expect(await scheduledTickets(s.id)).toEqual([]);
  });

  it("pauses with a reason when its parameters no longer validate", async () => {
    const s = await createSchedule(t.database.db, projectId, null, {
      name: "x",
      recipe_slug: "test-report",
      parameters: {},
      cron: "* * * * * *",
      timezone: "UTC",
    });
    await t.database.db
      .update(workRecipes)
      .set({
        configurableParameters: { type: "object", required: ["audience"], properties: { audience: { type: "string", title: "Audience" } } },
        updatedAt: new Date(),
      })
      .where(eq(workRecipes.slug, "test-report"));
    await pretendDowntime(s.id, "3 seconds");
    await runScheduleTick(t.database);
    const row = await getScheduleRow(t.database.db, s.id);
    expect(row!.enabled).toBe(false);
    expect(row!.pausedReason).toMatch(/parameters\/audience/);
  });
});
