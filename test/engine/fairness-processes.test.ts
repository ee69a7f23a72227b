// A per-project limit across real worker processes on PostgreSQL (issue 19): three processes with
// 8 slots each drain two projects' backlogs; the limited project never has more agents running at
// once than its limit, measured from the agents' own start and end times on the database's clock
// (an agent runs inside its ticket's running span, so overlapping agents ≤ running tickets).
// CLAIM_ORDER=fifo (no limits) in FAIR_TEST_ORDER makes it fail: that is how it was seen to fail.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../../src/db/repositories/projects.js";
import { setProjectMaxRunning, submitTicketsBulk } from "../../src/engine/index.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine, until } from "./seed.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/worker-process.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LIMIT = 3;

describe("a per-project limit across 3 worker processes on postgres", () => {
  let t: TestDatabase;
  const children: { child: ChildProcess; exited: Promise<unknown> }[] = [];

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    await seedEngine(t.database);
    await t.database.db.execute(
      sql`CREATE TABLE test_agent_runs (ticket_id uuid NOT NULL, worker text NOT NULL, attempt int NOT NULL,
                                        at timestamptz NOT NULL DEFAULT clock_timestamp(), ended_at timestamptz)`,
    );
  });
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    await t.cleanup();
  });

  function spawnWorker(id: string): Promise<void> {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: t.url!,
        WORKER_ID: id,
        WORKER_CONCURRENCY: "8",
        HOLD_MS: "30",
        POLL_MS: "200",
        CLAIM_ORDER: process.env.FAIR_TEST_ORDER ?? "fair",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    children.push({ child, exited });
    return new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        if (d.toString().includes(`ready ${id}`)) resolve();
      });
      void exited.then((code) => reject(new Error(`worker ${id} exited with ${String(code)} before it was ready: ${stderr}`)));
    });
  }

  it(`the limited project never runs more than ${LIMIT} at once; the other project uses the rest`, { timeout: 180_000 }, async () => {
    const limited = (await createProject(t.database.db, { name: "limited", description: "" })).id;
    const free = (await createProject(t.database.db, { name: "unlimited", description: "" })).id;
    await setProjectMaxRunning(t.database.db, limited, LIMIT);
    for (const projectId of [limited, free]) {
      await submitTicketsBulk(t.database, {
        projectId,
        recipeSlug: "test-report",
        parameters: Array.from({ length: 150 }, () => ({ topic: "hold" })),
      });
    }
    await Promise.all(["f1", "f2", "f3"].map(spawnWorker));
    await until(
      async () => {
        const [r] = await queryRows(t.database.db, sql`SELECT count(*)::int AS n FROM work_tickets WHERE status = 'completed'`);
        return Number(r?.n) === 300;
      },
      150_000,
      200,
    );
    const peak = async (projectId: string) => {
      const [r] = await queryRows(
        t.database.db,
        sql`SELECT max(o.n)::int AS n FROM (
              SELECT (SELECT count(*) FROM test_agent_runs b JOIN work_tickets bt ON bt.id = b.ticket_id
                       WHERE bt.project_id = ${projectId}::uuid AND b.at <= a.at AND b.ended_at > a.at) AS n
              FROM test_agent_runs a JOIN work_tickets at ON at.id = a.ticket_id
              WHERE at.project_id = ${projectId}::uuid) o`,
      );
      return Number(r?.n);
    };
    const [ran] = await queryRows(
      t.database.db,
      sql`SELECT count(*)::int AS runs, count(DISTINCT worker)::int AS workers, count(*) FILTER (WHERE ended_at IS NULL)::int AS open
          FROM test_agent_runs`,
    );
    expect(ran).toEqual({ runs: 300, workers: 3, open: 0 });
    const limitedPeak = await peak(limited);
    const freePeak = await peak(free);
    console.log(`peak agents at once: limited ${limitedPeak} (limit ${LIMIT}), unlimited ${freePeak}`);
    expect(limitedPeak).toBeLessThanOrEqual(LIMIT);
    expect(limitedPeak).toBeGreaterThanOrEqual(1);
    // The limit is the limited project's alone: the other one ran more than that at once.
    expect(freePeak).toBeGreaterThan(LIMIT);
  });
});
