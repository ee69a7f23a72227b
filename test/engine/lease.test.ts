// The lease as a value, on both drivers: writes are guarded by owner token AND attempt; the reaper
// spares a lease its own process keeps alive (a stall is not a death) and reads expiry from the
// database's clock, not the process's; an orphan whose cancel was asked ends cancelled with its work
// kept; a terminal write that takes longer than the lease is covered by the heartbeat, not re-run.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { workOutputs, workTickets } from "../../src/db/schema.js";
import {
  createWorker,
  submitTicket,
  TicketNotHeldError,
  waitForTicketEnd,
  type Worker,
  type WorkerOptions,
} from "../../src/engine/index.js";
import { leaseOf, processLeases } from "../../src/engine/lease.js";
import { createTicketPorts } from "../../src/engine/ports.js";
import { claimTickets } from "../../src/engine/sql/claim-tickets.js";
import { reapExpiredLeases } from "../../src/engine/sql/reap-expired-leases.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestAgent, type TestAgent } from "../helpers/test-agent.js";
import { skewProcessClock } from "./fixtures/skew-clock.js";
import { eventsOf, seedEngine } from "./seed.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the process's lease registry", () => {
  it("forgetting one run's lease never forgets another run's lease of the same ticket", () => {
    const first = { ticketId: "t", attempt: 1, owner: "00000000-0000-4000-8000-000000000001" };
    const second = { ticketId: "t", attempt: 2, owner: "00000000-0000-4000-8000-000000000002" };
    processLeases.keep(first);
    processLeases.keep(second);
    processLeases.forget(first); // the first run's cleanup, arriving after the second run began
    expect(processLeases.owners()).toContain(second.owner);
    expect(processLeases.owners()).not.toContain(first.owner);
    processLeases.forget(second);
  });
});

describe.each(DRIVERS)("leases on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  const workers: Worker[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
  });
  afterAll(async () => {
    await t.cleanup();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await t.database.db.execute(
      sql`UPDATE work_tickets SET status = 'cancelled', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL WHERE status IN ('pending', 'running')`,
    );
  });

  function startWorker(agent: TestAgent, o: Partial<WorkerOptions> = {}): Promise<Worker> {
    const worker = createWorker({ database: t.database, runner: agent, concurrency: 4, leaseMs: 30_000, shutdownGraceMs: 2_000, ...o });
    workers.push(worker);
    return worker.start().then(() => worker);
  }
  const submit = async (topic = "lease") =>
    (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic } })).ticket;
  const row = async (id: string) => (await t.database.db.select().from(workTickets).where(eq(workTickets.id, id)))[0]!;
  /** The lease's remaining life by the database's clock, in ms (negative: expired). */
  const leaseLeftMs = async (id: string) =>
    Number(
      (
        await queryRows(
          t.database.db,
          sql`SELECT (EXTRACT(EPOCH FROM (lease_expires_at - now())) * 1000)::int AS ms FROM work_tickets WHERE id = ${id}::uuid`,
        )
      )[0]?.ms,
    );
  const expireLease = (id: string) =>
    t.database.db.execute(sql`UPDATE work_tickets SET lease_expires_at = now() - interval '1 second' WHERE id = ${id}::uuid`);
  const statusEvents = async (id: string) => (await eventsOf(t.database, id)).filter((e) => e.type === "status").map((e) => e.data);

  it("each claim draws its own owner token; leases expire by the database's clock", async () => {
    const a = await submit();
    const b = await submit();
    const rows = await claimTickets(t.database.db, { workerId: "same-worker", limit: 2, leaseMs: 5_000 });
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const [x, y] = rows.map(leaseOf);
    expect(x!.owner).not.toBe(y!.owner);
    expect(x!.attempt).toBe(1);
    const left = await leaseLeftMs(a.id);
    expect(left).toBeGreaterThan(4_000);
    expect(left).toBeLessThanOrEqual(5_000);
  });

  it("ports refuse writes under another owner token or another attempt, and accept the run's own lease", async () => {
    const ticket = await submit();
    const [claimed] = await claimTickets(t.database.db, { workerId: "w", limit: 1, leaseMs: 30_000 });
    const lease = leaseOf(claimed!);
    const output = { title: "x", body: "", outputType: "report", generationMethod: "text" as const };
    const stale = [
      { ...lease, owner: "00000000-0000-4000-8000-00000000dead" },
      { ...lease, attempt: lease.attempt - 1 },
    ];
    for (const l of stale) {
      const ports = createTicketPorts({ database: t.database, ticket: claimed!, lease: l });
      await expect(ports.emitOutput(output)).rejects.toBeInstanceOf(TicketNotHeldError);
      await expect(ports.writeTodos([{ content: "a", status: "pending", activeForm: "A" }])).rejects.toBeInstanceOf(TicketNotHeldError);
      await expect(ports.log("info", "x")).rejects.toBeInstanceOf(TicketNotHeldError);
    }
    expect(await t.database.db.select().from(workOutputs).where(eq(workOutputs.ticketId, ticket.id))).toHaveLength(0);
    const own = createTicketPorts({ database: t.database, ticket: claimed!, lease });
    await own.emitOutput(output);
    expect(await t.database.db.select().from(workOutputs).where(eq(workOutputs.ticketId, ticket.id))).toHaveLength(1);
  });

  it("an orphaned ticket whose cancel was asked ends cancelled, keeping its todos and outputs", async () => {
    const ticket = await submit();
    const [claimed] = await claimTickets(t.database.db, { workerId: "ghost", limit: 1, leaseMs: 30_000 });
    const ports = createTicketPorts({ database: t.database, ticket: claimed!, lease: leaseOf(claimed!) });
    await ports.writeTodos([{ content: "Draft", status: "in_progress", activeForm: "Drafting" }]);
    await ports.emitOutput({ title: "Half a report", body: "…", outputType: "report", generationMethod: "text" });
    await t.database.db.update(workTickets).set({ cancelRequestedAt: new Date() }).where(eq(workTickets.id, ticket.id));
    await expireLease(ticket.id);

    const reaped = await reapExpiredLeases(t.database.db);
    expect(reaped.map((r) => [r.id, r.status])).toEqual([[ticket.id, "cancelled"]]);
    const done = await row(ticket.id);
    expect(done.status).toBe("cancelled");
    expect(done.attempt).toBe(1);
    expect(done.finishedAt).not.toBeNull();
    expect(done.leaseToken).toBeNull();
    expect(done.metadata.output_count).toBe(1);
    expect(done.metadata.final_todos?.map((x) => [x.content, x.status])).toEqual([["Draft", "stopped"]]);
    expect(done.todos.map((x) => x.status)).toEqual(["stopped"]);
    expect(done.metadata.error_message).toBeNull();
    expect(await t.database.db.select().from(workOutputs).where(eq(workOutputs.ticketId, ticket.id))).toHaveLength(1);
    expect((await statusEvents(ticket.id)).at(-1)).toMatchObject({ status: "cancelled", previous: "running", attempt: 1 });
    // Without the cancel the same orphan is requeued: the cancel is what decided.
    const other = await submit();
    await claimTickets(t.database.db, { workerId: "ghost", limit: 1, leaseMs: 30_000 });
    await expireLease(other.id);
    expect((await reapExpiredLeases(t.database.db)).map((r) => r.status)).toEqual(["pending"]);
  });

  it("a lease that expired while its worker's process stalled is not reaped by that process; the run goes on and ends once", async () => {
    const agent = createTestAgent([{ sleep: 1_500 }, { output: { title: "After the stall" } }]);
    await startWorker(agent, { leaseMs: 30_000, heartbeatMs: 60_000, reapMs: 100 });
    const ticket = await submit();
    await agent.started(ticket.id);
    // What a stall longer than the lease leaves behind: a held lease past its expiry, by the DB's clock.
    await expireLease(ticket.id);
    expect(await leaseLeftMs(ticket.id)).toBeLessThan(0);
    const before = await row(ticket.id);
    await sleep(600); // six reaper rounds of this worker
    const during = await row(ticket.id);
    expect(during.status).toBe("running");
    expect(during.leaseToken).toBe(before.leaseToken);
    const done = await waitForTicketEnd(t.database, ticket.id, 10_000);
    expect(done.status).toBe("completed");
    expect(done.attempt).toBe(1);
    expect(agent.runs).toHaveLength(1);
    expect(done.metadata.output_count).toBe(1);
    expect((await statusEvents(ticket.id)).map((d) => d.status)).toEqual(["pending", "running", "completed"]);
  });

  // PGlite's now() reads this process's clock (the database lives in the process), so there is no
  // second clock to disagree with; the skew is a PostgreSQL question (see also lease-processes.test.ts).
  it.runIf(driver === "postgres")("a reaper whose process clock runs 40 s ahead reaps no live lease", async () => {
    const ticket = await submit();
    await claimTickets(t.database.db, { workerId: "alive-elsewhere", limit: 1, leaseMs: 30_000 });
    const restore = skewProcessClock(40_000);
    try {
      await startWorker(createTestAgent([]), { reapMs: 100 });
      await sleep(500);
    } finally {
      restore();
    }
    const now = await row(ticket.id);
    expect(now.status).toBe("running");
    expect(now.leaseOwner).toBe("alive-elsewhere");
    expect(await leaseLeftMs(ticket.id)).toBeGreaterThan(20_000);
  });

  // PostgreSQL only: PGlite has one connection, so a row is never locked by another transaction.
  it.runIf(driver === "postgres")("a lease whose row stays locked through several beats is extended the moment the lock goes", async () => {
    const agent = createTestAgent([{ sleep: 4_500 }]);
    // A lease with room for a slow beat on a loaded machine, still far shorter than the lock.
    await startWorker(agent, { leaseMs: 1_500, heartbeatMs: 250, reapMs: 60_000 });
    const ticket = await submit();
    await agent.started(ticket.id);
    let reaping = true;
    let reapedIt = false;
    const reaper = (async () => {
      while (reaping) {
        if ((await reapExpiredLeases(t.database.db, { spare: [] })).some((r) => r.id === ticket.id)) reapedIt = true;
        await sleep(50);
      }
    })();
    // A share lock like a long port write's, held through ~6 beats and past the lease.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM work_tickets WHERE id = ${ticket.id}::uuid FOR SHARE`);
      await sleep(3_000);
    });
    await sleep(300);
    reaping = false;
    await reaper;
    expect(reapedIt).toBe(false);
    const done = await waitForTicketEnd(t.database, ticket.id, 10_000);
    expect(done).toMatchObject({ status: "completed", attempt: 1 });
    expect(agent.runs).toHaveLength(1);
  });

  // PostgreSQL only: on PGlite a slow statement blocks the process's one connection (and pg_sleep the
  // JS thread), so nothing else runs meanwhile — that case is the stalled-process test above.
  it.runIf(driver === "postgres")(
    "a terminal write that takes longer than the lease is covered by the heartbeat: the ticket is not re-run",
    async () => {
      // The first ticket's terminal write sleeps 2.5 s inside the database; the second finishes meanwhile
      // and waits its turn in the finish queue for longer than its 1 s lease.
      await t.database.db.execute(sql`
      CREATE OR REPLACE FUNCTION test_slow_finish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(2.5); RETURN NEW; END $$`);
      await t.database.db.execute(sql`
      CREATE TRIGGER test_slow_finish BEFORE UPDATE ON work_tickets FOR EACH ROW
      WHEN (OLD.status = 'running' AND NEW.status = 'completed' AND NEW.metadata->'recipe_parameters'->>'topic' = 'slow-finish')
      EXECUTE FUNCTION test_slow_finish()`);
      try {
        const agent = createTestAgent((run) => [{ sleep: run.parameters.topic === "slow-finish" ? 50 : 500 }]);
        await startWorker(agent, { leaseMs: 1_000, heartbeatMs: 200, reapMs: 60_000 });
        const slow = await submit("slow-finish");
        const queued = await submit("queued");
        // Another process's reaper: it spares nothing.
        let reaping = true;
        const reaper = (async () => {
          while (reaping) {
            await reapExpiredLeases(t.database.db, { spare: [] });
            await sleep(100);
          }
        })();
        const queuedEnded = await agent.ended(queued.id);
        const done = await waitForTicketEnd(t.database, queued.id, 15_000);
        const finishTookMs = performance.now() - queuedEnded.endedAt!;
        reaping = false;
        await reaper;
        expect(finishTookMs).toBeGreaterThan(1_000); // the write really outlived the lease
        expect(done.status).toBe("completed");
        expect(done.attempt).toBe(1);
        expect((await waitForTicketEnd(t.database, slow.id, 10_000)).status).toBe("completed");
        expect(agent.runs.filter((r) => r.ticketId === queued.id)).toHaveLength(1);
        expect((await statusEvents(queued.id)).map((d) => d.status)).toEqual(["pending", "running", "completed"]);
      } finally {
        await t.database.db.execute(sql`DROP TRIGGER IF EXISTS test_slow_finish ON work_tickets`);
      }
    },
  );
});
