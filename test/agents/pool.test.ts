// The agent pool end to end: builtin tickets through the real engine and a real piscina pool (the
// worker entry loaded by tsx), with faults injected on the pool's thread (./pool-fault-worker.ts).
// A cancelled job's thread is terminated; a throwing, exiting, stuck or out-of-memory job fails
// its ticket with a clear message while the process and the pool go on to serve the next ticket.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentPool, type AgentPool } from "../../src/agents/pool/index.js";
import { createAgentRunner } from "../../src/agents/runtime.js";
import { listOutputs } from "../../src/db/repositories/tickets.js";
import { cancelTicket, createWorker, submitTicket, waitForTicketEnd, type Worker } from "../../src/engine/index.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { createLocalFileStore } from "../../src/storage/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { NORTHWIND_NOTES } from "./fixtures.js";
import { seedProject } from "./project.js";

const FAULT_WORKER = new URL("./pool-fault-worker.ts", import.meta.url);

// A replaced thread loads its modules again through tsx, at nice +10: tens of seconds on a busy machine.
describe("builtin tickets on the agent pool", { timeout: 150_000 }, () => {
  let t: TestDatabase;
  let dataDir: string;
  let pool: AgentPool;
  let worker: Worker;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    dataDir = await mkdtemp(join(tmpdir(), "agents-pool-"));
    await syncRecipes(t.database);
    projectId = await seedProject(t.database, "Northwind", NORTHWIND_NOTES);
    // One thread: a job left running on it would starve every later ticket. 64 MB of heap so the
    // out-of-memory job fails in a second; 20 s timeout, well past a real job here (~1 s alone, up to
    // ~8 s when benches share both cores with the suite).
    pool = createAgentPool({ size: 1, workerFile: FAULT_WORKER, timeoutMs: 20_000, maxHeapMb: 64 });
    const store = createLocalFileStore(join(dataDir, "files"));
    const runner = createAgentRunner({ database: t.database, store, pool, config: { agentProvider: "builtin", builtinStepDelayMs: 0 } });
    worker = createWorker({ database: t.database, runner, concurrency: 1, leaseMs: 30_000, shutdownGraceMs: 2_000, pollMs: 100 });
    await worker.start();
    // Warm: the thread has loaded (tsx, the NLP model) before the first test's clock starts.
    await pool.run("analyse-item", { title: "warm.md", body: "Revenue rose 18%." });
  });
  afterAll(async () => {
    await worker?.stop();
    await pool?.close();
    await t?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function deck(topic: string) {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "executive-summary-deck", parameters: { topic } });
    return ticket.id;
  }

  async function expectNextTicketCompletes() {
    const id = await deck("revenue");
    const ended = await waitForTicketEnd(t.database, id, 120_000);
    expect(ended.status, ended.metadata.error_message ?? "").toBe("completed");
    const outputs = await listOutputs(t.database.db, id);
    expect(outputs.map((o) => o.fileFormat).sort()).toEqual([null, "pptx"]);
    expect(outputs.find((o) => o.fileFormat === "pptx")?.bytes).toBeGreaterThan(10_000);
  }

  it("builds a deck: analysis, draft and file made on the pool's thread, stored and emitted here", async () => {
    await expectNextTicketCompletes();
    expect(pool.threadIds()).toHaveLength(1);
  });

  it("cancelling a ticket whose job runs in the pool terminates that job's thread; the ticket ends cancelled with its done steps", async () => {
    const threadsBefore = pool.threadIds();
    const id = await deck("fault-hang");
    for (let i = 0; i < 200; i++) {
      const row = await waitForTicketEnd(t.database, id, 100);
      if (row.todos.some((td) => td.content === "Analyse key insights" && td.status === "in_progress")) break;
    }
    await new Promise((r) => setTimeout(r, 300)); // the job is on the thread, spinning
    const asked = Date.now();
    await cancelTicket(t.database, id);
    const ended = await waitForTicketEnd(t.database, id, 10_000);
    expect(ended.status).toBe("cancelled");
    expect(Date.now() - asked).toBeLessThan(2_000);
    const todos = ended.metadata.final_todos ?? ended.todos;
    expect(todos.find((td) => td.content === "Load project context")?.status).toBe("completed");
    expect(todos.find((td) => td.content === "Analyse key insights")?.status).toBe("stopped");
    expect(await listOutputs(t.database.db, id)).toEqual([]);
    // The spinning thread was terminated and replaced (a one-thread pool would otherwise be stuck).
    expect(pool.threadIds().some((tid) => threadsBefore.includes(tid))).toBe(false);
    await expectNextTicketCompletes();
  });

  it.each([
    ["fault-throw", "The analysis step failed: the analyser tripped over this input"],
    ["fault-exit", "The analysis step crashed its worker thread (exit code 7)."],
    ["fault-oom", "The analysis step ran out of memory (over 64 MB) and was stopped."],
    ["fault-hang", "The analysis step did not finish within 20 s and was stopped (WORKSMITH_AGENT_JOB_TIMEOUT_S)."],
  ])("a pool job with %s fails its ticket with a clear message; the pool serves the next ticket", async (fault, message) => {
    const id = await deck(fault);
    const ended = await waitForTicketEnd(t.database, id, 120_000);
    expect(ended.status).toBe("failed");
    expect(ended.metadata.error_message).toBe(message);
    expect(await listOutputs(t.database.db, id)).toEqual([]);
    await expectNextTicketCompletes();
  });
});
