// Fair claiming (issue 19) on both drivers, with a real worker and agents the test holds open:
// a project's long backlog does not keep another project's one ticket waiting behind it; priority
// orders a project's own queue; a per-project limit caps its running tickets while other projects
// still run. Every assertion is on the order of starts, never on time.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AgentRunner } from "../../src/domain/agent-runner.js";
import { createProject } from "../../src/db/repositories/projects.js";
import {
  createWorker,
  readQueuePosition,
  setProjectMaxRunning,
  submitTicket,
  submitTicketsBulk,
  type Worker,
} from "../../src/engine/index.js";
import { claimTickets } from "../../src/engine/sql/claim-tickets.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine, until } from "./seed.js";

/** Agents that record their start and run until the test lets them finish. */
function heldAgents() {
  const started: { ticketId: string; projectId: string; topic: unknown }[] = [];
  const gates = new Map<string, () => void>();
  const runner: AgentRunner = {
    run({ ticket, parameters, signal }) {
      started.push({ ticketId: ticket.id, projectId: ticket.projectId, topic: parameters.topic });
      return new Promise<void>((resolve) => {
        gates.set(ticket.id, resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    },
  };
  return {
    runner,
    started,
    release: (ticketId: string) => {
      const open = gates.get(ticketId);
      if (!open) throw new Error(`ticket ${ticketId} is not held`);
      gates.delete(ticketId);
      open();
    },
    releaseAll: () => {
      for (const [id, open] of gates) {
        gates.delete(id);
        open();
      }
    },
  };
}

describe.each(DRIVERS)("fair claiming on %s", (driver) => {
  let t: TestDatabase;
  const workers: Worker[] = [];
  let releaseAll: () => void = () => undefined;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await seedEngine(t.database);
  });
  afterAll(async () => {
    await t.cleanup();
  });
  afterEach(async () => {
    releaseAll();
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await t.database.db.execute(sql`DELETE FROM work_tickets`);
  });

  async function newProject(name: string): Promise<string> {
    return (await createProject(t.database.db, { name, description: "" })).id;
  }

  function startWorker(runner: AgentRunner, concurrency: number, extra: { defaultMaxRunningPerProject?: number } = {}) {
    const w = createWorker({ database: t.database, runner, concurrency, leaseMs: 30_000, shutdownGraceMs: 1_000, pollMs: 200, ...extra });
    workers.push(w);
    return w;
  }

  it("project A's 2,000 queued tickets do not keep project B's one ticket behind them", async () => {
    const a = await newProject("A (backlog)");
    const b = await newProject("B (one ticket)");
    await submitTicketsBulk(t.database, {
      projectId: a,
      recipeSlug: "test-report",
      parameters: Array.from({ length: 2_000 }, (_, i) => ({ topic: `a${i}` })),
    });
    const agents = heldAgents();
    releaseAll = agents.releaseAll;
    await startWorker(agents.runner, 4).start();
    await until(async () => agents.started.length === 4);
    expect(agents.started.every((s) => s.projectId === a)).toBe(true);

    const { ticket } = await submitTicket(t.database, { projectId: b, recipeSlug: "test-report", parameters: { topic: "b" } });
    // One slot frees: the next start is B's, not A's 5th (A already runs 4, B none).
    agents.release(agents.started[0]!.ticketId);
    await until(async () => agents.started.length === 5);
    expect(agents.started[4]).toMatchObject({ ticketId: ticket.id, projectId: b });
    // And A is not starved: the next slot goes back to A.
    agents.release(agents.started[1]!.ticketId);
    await until(async () => agents.started.length === 6);
    expect(agents.started[5]!.projectId).toBe(a);
  });

  it("a claim that takes a quiet project's one ticket still fills the other free slots from the busy project", async () => {
    const a = await newProject("A (busy elsewhere)");
    const b = await newProject("B (one ticket)");
    await submitTicketsBulk(t.database, {
      projectId: a,
      recipeSlug: "test-report",
      parameters: Array.from({ length: 20 }, (_, i) => ({ topic: `a${i}` })),
    });
    // Another worker runs 4 of A's: with 3 free slots here, A's lowest key (4 + 1) is above B's (0 + 1)
    // plus the slots, so the fair pick takes B's ticket alone. The free slots left must not wait for
    // a wake-up: no slot frees (the agents are held), no NOTIFY comes and the poll is a minute away.
    await claimTickets(t.database.db, { workerId: "elsewhere", limit: 4, leaseMs: 60_000 });
    const { ticket } = await submitTicket(t.database, { projectId: b, recipeSlug: "test-report", parameters: { topic: "b" } });
    const agents = heldAgents();
    releaseAll = agents.releaseAll;
    const w = createWorker({
      database: t.database,
      runner: agents.runner,
      concurrency: 3,
      leaseMs: 30_000,
      shutdownGraceMs: 1_000,
      pollMs: 60_000,
    });
    workers.push(w);
    await w.start();
    await until(async () => agents.started.length === 3);
    expect(agents.started[0]).toMatchObject({ ticketId: ticket.id, projectId: b });
    expect(agents.started.slice(1).map((s) => s.projectId)).toEqual([a, a]);
  });

  it("within a project: high before normal before low, oldest first among equals", async () => {
    const p = await newProject("priorities");
    for (const [topic, priority] of [
      ["low-1", "low"],
      ["normal-1", "normal"],
      ["high-1", "high"],
      ["normal-2", undefined],
      ["high-2", "high"],
      ["low-2", "low"],
    ] as const) {
      await submitTicket(t.database, { projectId: p, recipeSlug: "test-report", parameters: { topic }, priority });
    }
    const agents = heldAgents();
    releaseAll = agents.releaseAll;
    await startWorker(agents.runner, 1).start();
    for (let n = 1; n <= 6; n++) {
      await until(async () => agents.started.length === n);
      agents.release(agents.started[n - 1]!.ticketId);
    }
    expect(agents.started.map((s) => s.topic)).toEqual(["high-1", "high-2", "normal-1", "normal-2", "low-1", "low-2"]);
  });

  it("a project's limit caps its running tickets while another project's tickets still start", async () => {
    const limited = await newProject("limited to 2");
    const other = await newProject("default limit 3");
    await setProjectMaxRunning(t.database.db, limited, 2);
    await submitTicketsBulk(t.database, {
      projectId: limited,
      recipeSlug: "test-report",
      parameters: Array.from({ length: 10 }, (_, i) => ({ topic: `l${i}` })),
    });
    const agents = heldAgents();
    releaseAll = agents.releaseAll;
    // 8 slots, but the limited project may hold only 2 and the other (server default) 3.
    await startWorker(agents.runner, 8, { defaultMaxRunningPerProject: 3 }).start();
    await until(async () => agents.started.length === 2);
    await submitTicketsBulk(t.database, {
      projectId: other,
      recipeSlug: "test-report",
      parameters: Array.from({ length: 5 }, (_, i) => ({ topic: `o${i}` })),
    });
    // The other project's starts prove claims ran after the limited project's two.
    await until(async () => agents.started.length === 5);
    const byProject = (id: string) => agents.started.filter((s) => s.projectId === id).length;
    expect(byProject(limited)).toBe(2);
    expect(byProject(other)).toBe(3);
    const [running] = (await queryRows(
      t.database.db,
      sql`SELECT count(*) FILTER (WHERE project_id = ${limited}::uuid)::int AS limited, count(*) FILTER (WHERE project_id = ${other}::uuid)::int AS other
          FROM work_tickets WHERE status = 'running'`,
    )) as { limited: number; other: number }[];
    expect(running).toEqual({ limited: 2, other: 3 });

    // A freed place goes to the project it belongs to: one of the limited project's ends → its 3rd starts.
    agents.release(agents.started.find((s) => s.projectId === limited)!.ticketId);
    await until(async () => agents.started.length === 6);
    expect(agents.started[5]!.projectId).toBe(limited);
  });
});

describe.each(DRIVERS)("queue position on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await seedEngine(t.database);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("is each pending ticket's index in the order the claim then takes them", async () => {
    const ids: string[] = [];
    const projects = [];
    for (const name of ["A", "B", "C"]) projects.push((await createProject(t.database.db, { name, description: "" })).id);
    const [a, b, c] = projects as [string, string, string];
    // A has a backlog; B and C arrive later; priorities mixed in.
    const plan: [string, "low" | "normal" | "high" | undefined][] = [
      [a, undefined],
      [a, undefined],
      [a, undefined],
      [a, "high"],
      [a, undefined],
      [a, "low"],
      [b, undefined],
      [b, "low"],
      [b, "high"],
      [c, undefined],
      [a, undefined],
    ];
    for (const [projectId, priority] of plan) {
      ids.push((await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {}, priority })).ticket.id);
    }
    // Two places: every project's head has key 1; the two oldest heads win — A's high and B's high.
    const first = await claimTickets(t.database.db, { workerId: "w", limit: 2, leaseMs: 60_000 });
    expect(new Set(first.map((r) => r.id))).toEqual(new Set([ids[3], ids[8]]));
    const pending = ids.slice(0); // the two claimed have no position (null)
    const positions = new Map<string, number | null>();
    for (const id of pending) positions.set(id, await readQueuePosition(t.database.db, id));
    const claimedOrder: string[] = [];
    for (;;) {
      const [row] = await claimTickets(t.database.db, { workerId: "w", limit: 1, leaseMs: 60_000 });
      if (!row) break;
      claimedOrder.push(row.id);
    }
    expect(claimedOrder).toHaveLength(9);
    expect(claimedOrder.map((id) => positions.get(id))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...positions.values()].filter((p) => p === null)).toHaveLength(2);
    // C (nothing running) comes next, then A's and B's next in line (one running each), oldest first.
    expect(claimedOrder.slice(0, 3)).toEqual([ids[9], ids[0], ids[6]]);
    void c;
  });
});
