// Leases across real OS processes on PostgreSQL: a worker whose event loop stalls past its lease
// runs its ticket once and writes its output once; a stalled worker whose ticket another process
// took over cannot write into it any more; two workers whose process clocks are 40 s apart reap no
// live ticket (lease times come from the database's clock).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { submitTicket } from "../../src/engine/index.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine, until } from "./seed.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/worker-process.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface Proc {
  id: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

describe("leases across worker processes on postgres", () => {
  let t: TestDatabase;
  let projectId: string;
  let procs: Proc[] = [];
  const FAST = { LEASE_MS: "1000", HEARTBEAT_MS: "300", REAP_MS: "200", POLL_MS: "500" };

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    ({ projectId } = await seedEngine(t.database));
    await t.database.db.execute(
      sql`CREATE TABLE test_agent_runs (ticket_id uuid NOT NULL, worker text NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
    );
  }, 60_000);
  afterEach(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.exited));
    procs = [];
  });
  afterAll(async () => {
    await t.cleanup();
  });

  async function spawnWorker(id: string, env: Record<string, string>): Promise<Proc> {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url!, WORKER_ID: id, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const proc = { id, child, exited };
    procs.push(proc);
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        if (d.toString().includes(`ready ${id}`)) resolve();
      });
      void exited.then((code) => reject(new Error(`worker ${id} exited with ${code} before it was ready: ${stderr}`)));
    });
    return proc;
  }

  const rows = (q: ReturnType<typeof sql>) => queryRows(t.database.db, q);
  const submit = async (topic: string) =>
    (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic } })).ticket;
  const ended = (id: string, timeoutMs = 30_000) =>
    until(
      async () => {
        const [r] = await rows(sql`SELECT status, attempt FROM work_tickets WHERE id = ${id}::uuid`);
        return r && r.status !== "pending" && r.status !== "running" ? r : null;
      },
      timeoutMs,
      100,
    );
  const statuses = async (id: string) =>
    (await rows(sql`SELECT data->>'status' AS s FROM ticket_events WHERE ticket_id = ${id}::uuid AND type = 'status' ORDER BY id`)).map(
      (r) => r.s,
    );
  const count = async (q: ReturnType<typeof sql>) => Number((await rows(q))[0]?.n);

  it("a worker whose event loop stalls 4× past its 1 s lease runs the ticket once and outputs once", { timeout: 90_000 }, async () => {
    // The reaper's period is shorter than the heartbeat's, so when the loop wakes up the reaper is
    // due first: before the fix it requeued the worker's own live ticket and the worker ran it again.
    await spawnWorker("stall-1", {
      LEASE_MS: "1000",
      HEARTBEAT_MS: "600",
      REAP_MS: "100",
      POLL_MS: "500",
      STALL_MS: "4000",
      AFTER_STALL_MS: "300",
    });
    const ticket = await submit("stall");
    const done = await ended(ticket.id);
    expect(done).toMatchObject({ status: "completed", attempt: 1 });
    expect(await count(sql`SELECT count(*) AS n FROM test_agent_runs WHERE ticket_id = ${ticket.id}::uuid`)).toBe(1);
    expect(await count(sql`SELECT count(*) AS n FROM work_outputs WHERE ticket_id = ${ticket.id}::uuid`)).toBe(1);
    expect(await statuses(ticket.id)).toEqual(["pending", "running", "completed"]);
  });

  it(
    "a stalled worker whose ticket another process took over writes nothing into it: one output, one completion",
    { timeout: 90_000 },
    async () => {
      // Only the stalled worker may claim at first; the rescuer starts once the stall has begun, and the
      // stall lasts until the test ends it (a file the busy loop checks), after the rescue.
      const release = join(mkdtempSync(join(tmpdir(), "stall-")), "release");
      await spawnWorker("stall-2", { ...FAST, STALL_MS: "90000", STALL_UNTIL_FILE: release });
      const ticket = await submit("stall");
      await until(async () => (await count(sql`SELECT count(*) AS n FROM test_agent_runs WHERE ticket_id = ${ticket.id}::uuid`)) === 1);
      await spawnWorker("rescuer", { ...FAST, STALL_MS: "0" });
      const done = await ended(ticket.id, 60_000);
      expect(done.status).toBe("completed");
      const runs = await rows(sql`SELECT worker, attempt FROM test_agent_runs WHERE ticket_id = ${ticket.id}::uuid ORDER BY attempt`);
      // The rescuer reaped the stalled lease and re-ran the ticket while the first run was stalled.
      expect(runs.map((r) => [r.worker, r.attempt])).toEqual([
        ["stall-2", 1],
        ["rescuer", 2],
      ]);
      // The stalled run wakes up and tries to write its output: refused, its lease is gone.
      writeFileSync(release, "");
      await new Promise((r) => setTimeout(r, 2_000));
      const outputs = await rows(sql`SELECT title FROM work_outputs WHERE ticket_id = ${ticket.id}::uuid`);
      expect(outputs.map((o) => o.title)).toEqual(["after the stall (rescuer)"]);
      expect((await statuses(ticket.id)).filter((s) => s === "completed")).toHaveLength(1);
    },
  );

  it("two workers whose process clocks are 40 s apart reap no live ticket", { timeout: 90_000 }, async () => {
    const env = { LEASE_MS: "1500", HEARTBEAT_MS: "500", REAP_MS: "200", WORKER_CONCURRENCY: "3", LONG_MS: "3000" };
    await Promise.all([spawnWorker("clock-ahead", { ...env, CLOCK_SKEW_MS: "40000" }), spawnWorker("clock-true", env)]);
    // Each ticket outlives its lease twice over: only heartbeats keep it, and the fast clock's
    // reaper looks at the other worker's leases all the while.
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await submit("long")).id);
    for (const id of ids) expect(await ended(id, 60_000)).toMatchObject({ status: "completed", attempt: 1 });
    const runs = await rows(
      sql`SELECT ticket_id, worker FROM test_agent_runs WHERE ticket_id IN (SELECT id FROM work_tickets WHERE metadata->'recipe_parameters'->>'topic' = 'long')`,
    );
    expect(runs).toHaveLength(6);
    expect(new Set(runs.map((r) => r.worker))).toEqual(new Set(["clock-ahead", "clock-true"]));
    expect(
      await count(
        sql`SELECT count(*) AS n FROM ticket_events WHERE type = 'status' AND data->>'reason' LIKE 'worker lost%' AND ticket_id IN (SELECT id FROM work_tickets WHERE metadata->'recipe_parameters'->>'topic' = 'long')`,
      ),
    ).toBe(0);
  });
});
