// Real OS processes on PostgreSQL: three processes tick the same every-second schedule; each slot
// becomes exactly one ticket, with no slot left out, even when one process is killed with SIGKILL
// mid-way.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchedule, scheduledBy } from "../../src/automations/index.js";
import { workRequests, workScheduleRuns, workTickets } from "../../src/db/schema.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine } from "../engine/seed.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/scheduler-process.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("schedule tick in three processes on postgres", () => {
  let t: TestDatabase;
  let projectId: string;
  const children: { child: ChildProcess; exited: Promise<unknown> }[] = [];

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    ({ projectId } = await seedEngine(t.database));
  });
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    await t.cleanup();
  });

  function spawnTicker(id: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url ?? "", PROC_ID: id },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push({ child, exited: new Promise((r) => child.on("exit", r)) });
    return new Promise((resolve, reject) => {
      child.stdout?.on("data", (d: Buffer) => d.toString().includes(`ready ${id}`) && resolve(child));
      child.on("exit", (code) => reject(new Error(`${id} exited with ${code}`)));
    });
  }

  it("makes exactly one ticket per slot", async () => {
    const procs = await Promise.all(["a", "b", "c"].map(spawnTicker));
    const s = await createSchedule(t.database.db, projectId, null, {
      name: "every second",
      recipe_slug: "test-report",
      parameters: {},
      cron: "* * * * * *",
      timezone: "UTC",
    });
    await new Promise((r) => setTimeout(r, 5000));
    procs[0]!.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 4000));
    for (const p of procs.slice(1)) p.kill("SIGTERM");
    await Promise.all(children.map((c) => c.exited));

    const runs = await t.database.db
      .select()
      .from(workScheduleRuns)
      .where(eq(workScheduleRuns.scheduleId, s.id))
      .orderBy(workScheduleRuns.slotAt);
    const tickets = await t.database.db
      .select({ id: workTickets.id })
      .from(workTickets)
      .innerJoin(workRequests, eq(workRequests.id, workTickets.requestId))
      .where(eq(workRequests.requestedBy, scheduledBy(s.id)));
    expect(runs.length).toBeGreaterThanOrEqual(7);
    expect(runs.every((r) => r.outcome === "ticket" && r.ticketId)).toBe(true);
    expect(tickets.length).toBe(runs.length);
    expect(new Set(tickets.map((x) => x.id))).toEqual(new Set(runs.map((r) => r.ticketId)));
    const seconds = runs.map((r) => r.slotAt.getTime() / 1000);
    expect(seconds.at(-1)! - seconds[0]!).toBe(runs.length - 1);

    // Slot → ticket created, by the database's clock (reported).
    const lags = (
      await t.database.db
        .select({ slot: workScheduleRuns.slotAt, created: workTickets.createdAt })
        .from(workScheduleRuns)
        .innerJoin(workTickets, eq(workTickets.id, workScheduleRuns.ticketId))
        .where(eq(workScheduleRuns.scheduleId, s.id))
    )
      .map((r) => r.created.getTime() - r.slot.getTime())
      .sort((a, b) => a - b);
    const pct = (p: number) => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))]!;
    console.log(`slot → ticket: n=${lags.length} p50=${pct(0.5)} ms p99=${pct(0.99)} ms`);
    // No slot's ticket is created before its slot. The lag itself is a speed figure: reported here,
    // not asserted (speed targets live in bench scripts, not in tests a busy CI machine would flake).
    expect(lags[0]).toBeGreaterThanOrEqual(0);
  }, 60_000);
});
