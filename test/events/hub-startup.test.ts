// Hub start-up and stalled writers (issue 13, build 6). Start-up takes the first settled watermark,
// so it returns while another process keeps event-writing transactions in flight; a writer that
// holds the watermark past the threshold is a warning naming its backend pid, and a metric.
// PostgreSQL only: PGlite has one connection, so no writer can be in flight while the hub probes.
import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/api/metrics.js";
import { submitTicket } from "../../src/engine/index.js";
import { createEventHub } from "../../src/events/index.js";
import { seedEngine, until } from "../engine/seed.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { sqlRows } from "../helpers/sql.js";

interface Warning {
  obj: Record<string, unknown>;
  msg: string | undefined;
}

function recordingLogger() {
  const warnings: Warning[] = [];
  const errors: Warning[] = [];
  return {
    warnings,
    errors,
    logger: {
      warn: (obj: object, msg?: string) => void warnings.push({ obj: obj as Record<string, unknown>, msg }),
      error: (obj: object, msg?: string) => void errors.push({ obj: obj as Record<string, unknown>, msg }),
    },
  };
}

describe("event hub start-up on postgres", () => {
  let t: TestDatabase;
  let projectId: string;
  let ticketId: string;

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    ({ projectId } = await seedEngine(t.database));
    ticketId = (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} })).ticket.id;
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("returns under continuous writes from another process, and then delivers them live", async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      ["--import", "tsx", "test/events/fixtures/event-writer-process.ts", t.url!, ticketId, projectId],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    const hub = createEventHub({ database: t.database, logger: recordingLogger().logger });
    try {
      await until(async () => out.includes("ready"), 20_000);
      // Some writer is always in flight: the old start-up waited for a probe that saw none, and never returned.
      let busy = 0;
      for (let i = 0; i < 20; i++) {
        const [r] = await sqlRows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2`,
        );
        if (Number(r?.n) > 0) busy++;
      }
      expect(busy).toBe(20);
      const started = Date.now();
      const outcome = await Promise.race([
        hub.start().then(() => "started"),
        new Promise((r) => setTimeout(() => r("still starting after 10 s"), 10_000)),
      ]);
      expect(outcome).toBe("started");
      expect(Date.now() - started).toBeLessThan(5_000);
      const from = hub.watermark();
      expect(from).toBeGreaterThan(0);
      // Live: a subscriber receives the writer's events above the starting point.
      const seen: number[] = [];
      const sub = hub.subscribe({ ticketId }, { onEvent: (e) => seen.push(e.event.id) });
      await until(async () => seen.length >= 20, 10_000);
      expect(seen.every((id, i) => id > sub.floor && (i === 0 || id > seen[i - 1]!))).toBe(true);
      sub.close();
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      await hub.stop();
    }
  }, 60_000);

  it("a stalled writer (an open transaction holding an event id) is a warning naming its pid and a metric", async () => {
    const rec = recordingLogger();
    const stalled = new pg.Client({ connectionString: t.url });
    await stalled.connect();
    const hub = createEventHub({ database: t.database, logger: rec.logger, stallWarnMs: 300 });
    try {
      const pid = Number((await stalled.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
      await stalled.query("BEGIN");
      const held = await stalled.query<{ id: string }>(
        'INSERT INTO ticket_events (ticket_id, project_id, type, data) VALUES ($1, $2, \'log\', \'{"level":"info","message":"held"}\') RETURNING id',
        [ticketId, projectId],
      );
      // A later event commits: visible, but not settled while the stalled writer may still commit below it.
      const [later] = await sqlRows<{ id: string }>(
        t.database.db,
        sql`INSERT INTO ticket_events (ticket_id, project_id, type, data)
            VALUES (${ticketId}, ${projectId}, 'log', '{"level":"info","message":"later"}') RETURNING id`,
      );
      const laterId = Number(later!.id);
      expect(laterId).toBeGreaterThan(Number(held.rows[0]!.id));

      // Start-up waits for its first settled watermark, and says who holds it.
      const starting = hub.start();
      await until(async () => rec.warnings.length > 0, 5_000);
      const w = rec.warnings[0]!;
      expect(w.obj.pids).toEqual([pid]);
      expect(w.msg).toContain(`backend pid ${pid}`);
      const metrics = createMetrics({ database: t.database, hub, processMetrics: false });
      expect(hub.writerStalls().stalls).toBe(1);
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/^worksmith_event_writer_stalls_total 1$/m);
      const heldFor = Number(/^worksmith_event_watermark_held_seconds ([\d.]+)$/m.exec(text)?.[1]);
      expect(heldFor).toBeGreaterThan(0.3);

      await stalled.query("COMMIT");
      await starting;
      expect(hub.watermark()).toBeGreaterThanOrEqual(laterId);
      await until(async () => hub.writerStalls().heldMs === 0, 5_000);
      expect(rec.warnings).toHaveLength(1);

      // Running: a second stall is counted and named again.
      await stalled.query("BEGIN");
      await stalled.query(
        'INSERT INTO ticket_events (ticket_id, project_id, type, data) VALUES ($1, $2, \'log\', \'{"level":"info","message":"held again"}\')',
        [ticketId, projectId],
      );
      await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} });
      await until(async () => hub.writerStalls().stalls === 2, 5_000);
      expect(rec.warnings.at(-1)!.obj.pids).toEqual([pid]);
      await stalled.query("COMMIT");
      expect(rec.errors).toEqual([]);
    } finally {
      await stalled.end();
      await hub.stop();
    }
  }, 60_000);
});
