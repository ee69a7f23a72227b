// Real OS processes on PostgreSQL: four workers share 2,000 tickets and each ticket runs exactly
// once; a worker killed with SIGKILL mid-ticket loses it to another worker (re-run, or failed
// "worker lost" when the attempts are used up) and nothing stays running.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workTickets } from "../../src/db/schema.js";
import { submitTicket, submitTicketsBulk } from "../../src/engine/index.js";
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

describe("worker processes on postgres", () => {
  let t: TestDatabase;
  let projectId: string;
  const procs: Proc[] = [];
  // Short leases so a killed worker's ticket is recovered in ~2 s; shared by both tests because
  // starting a tsx process costs seconds on a loaded 2-core machine.
  const FAST = { LEASE_MS: "1500", HEARTBEAT_MS: "500", REAP_MS: "300", WORKER_CONCURRENCY: "8" };
  const alive = new Map<string, Proc>();

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    ({ projectId } = await seedEngine(t.database, [{}, { slug: "test-once", max_attempts: 1 }]));
    await t.database.db.execute(
      sql`CREATE TABLE test_agent_runs (ticket_id uuid NOT NULL, worker text NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
    );
    for (const p of await Promise.all(["w1", "w2", "w3", "w4"].map((id) => spawnWorker(id, FAST)))) alive.set(p.id, p);
  }, 120_000);
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await Promise.all(procs.map((p) => p.exited));
    await t.cleanup();
  });

  async function spawnWorker(id: string, env: Record<string, string> = {}): Promise<Proc> {
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

  async function terminate(p: Proc): Promise<number | null> {
    p.child.kill("SIGTERM");
    return p.exited;
  }

  const rowsOf = (q: ReturnType<typeof sql>) => queryRows(t.database.db, q);
  const count = async (q: ReturnType<typeof sql>) => Number((await rowsOf(q))[0]?.n);

  it("4 processes × 2,000 tickets: every ticket completed exactly once", { timeout: 150_000 }, async () => {
    // Submitted while the workers run, in bulk statements of 250 (one wake-up each).
    const t1 = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 2_000; i += 250) {
      const batch = await submitTicketsBulk(t.database, {
        projectId,
        recipeSlug: "test-report",
        parameters: Array.from({ length: 250 }, (_, j) => ({ topic: `bulk ${i + j}` })),
      });
      ids.push(...batch.map((b) => b.id));
    }
    expect(new Set(ids).size).toBe(2_000);
    const t2 = Date.now();
    await until(async () => (await count(sql`SELECT count(*) AS n FROM work_tickets WHERE status = 'completed'`)) === 2_000, 120_000, 200);
    console.log(`submit ${t2 - t1} ms, drain after submit ${Date.now() - t2} ms`);

    // The agent ran once per ticket…
    expect(await count(sql`SELECT count(*) AS n FROM test_agent_runs`)).toBe(2_000);
    expect(await count(sql`SELECT count(DISTINCT ticket_id) AS n FROM test_agent_runs`)).toBe(2_000);
    // …and the log holds exactly one `running` and one `completed` per ticket.
    const perTicket = await rowsOf(sql`
      SELECT ticket_id,
             count(*) FILTER (WHERE data->>'status' = 'running') AS running,
             count(*) FILTER (WHERE data->>'status' = 'completed') AS completed
      FROM ticket_events WHERE type = 'status' GROUP BY ticket_id`);
    const rows = perTicket as { running: string | number; completed: string | number }[];
    expect(rows).toHaveLength(2_000);
    expect(rows.every((r) => Number(r.running) === 1 && Number(r.completed) === 1)).toBe(true);
    expect(await count(sql`SELECT count(*) AS n FROM work_tickets WHERE attempt <> 1`)).toBe(0);
    // Every process took a share.
    const shares = await rowsOf(sql`SELECT worker, count(*) AS n FROM test_agent_runs GROUP BY worker`);
    expect(shares).toHaveLength(4);
  });

  it(
    'kill -9 mid-ticket: another process re-runs it, or fails it "worker lost" when attempts are used up',
    { timeout: 90_000 },
    async () => {
      async function killHolder(ticketId: string): Promise<string> {
        const holder = await until(async () => {
          const [row] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, ticketId));
          const ran = await count(sql`SELECT count(*) AS n FROM test_agent_runs WHERE ticket_id = ${ticketId}::uuid`);
          return row?.status === "running" && ran === 1 ? row.leaseOwner : null;
        });
        const proc = alive.get(holder)!;
        proc.child.kill("SIGKILL");
        await proc.exited;
        alive.delete(holder);
        return holder;
      }

      // Attempts remain: re-run by another process, completed on attempt 2.
      const retried = (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "slow" } })).ticket;
      const killed = await killHolder(retried.id);
      const done = await until(async () => {
        const [row] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, retried.id));
        return row?.status === "completed" ? row : null;
      }, 20_000);
      expect(done.attempt).toBe(2);
      const runs = (await rowsOf(
        sql`SELECT worker, attempt FROM test_agent_runs WHERE ticket_id = ${retried.id}::uuid ORDER BY attempt`,
      )) as { worker: string; attempt: number }[];
      expect(runs.map((r) => r.attempt)).toEqual([1, 2]);
      expect(runs[0]!.worker).toBe(killed);
      expect(runs[1]!.worker).not.toBe(killed);
      const reasons = (
        await rowsOf(
          sql`SELECT data->>'reason' AS reason FROM ticket_events WHERE ticket_id = ${retried.id}::uuid AND type = 'status' ORDER BY id`,
        )
      ).map((r) => r.reason);
      expect(reasons).toContain("worker lost; retrying");

      // No attempts left: failed "worker lost".
      const once = (await submitTicket(t.database, { projectId, recipeSlug: "test-once", parameters: { topic: "slow" } })).ticket;
      await killHolder(once.id);
      const lost = await until(async () => {
        const [row] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, once.id));
        return row?.status === "failed" ? row : null;
      }, 20_000);
      expect(lost.metadata.error_message).toBe("worker lost");
      expect(lost.attempt).toBe(1);

      expect(await count(sql`SELECT count(*) AS n FROM work_tickets WHERE status = 'running'`)).toBe(0);
      // The survivors shut down cleanly on SIGTERM.
      expect(await Promise.all([...alive.values()].map(terminate))).toEqual([...alive.values()].map(() => 0));
    },
  );
});
