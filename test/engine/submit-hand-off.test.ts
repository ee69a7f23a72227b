// The submit hand-off (issue 13, src/engine/submit.ts with src/engine/hand-off.ts), on both drivers:
// a submit taken in a process whose worker has a free slot, while nothing else is claimable, writes
// the ticket `running` for that worker — its `pending` and `running` events in ONE transaction —
// and the ticket runs exactly once. Otherwise the submit writes a pending ticket and wakes the
// workers as before: with another ticket claimable (a submit never overtakes it), for a project
// with a running limit (the claim checks it under its lock), with no local worker, or a full one.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withinTransaction } from "../../src/db/client.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { workTickets } from "../../src/db/schema.js";
import type { AgentRunner } from "../../src/domain/agent-runner.js";
import { createWorker, setProjectMaxRunning, submitTicket, type Worker } from "../../src/engine/index.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine, until } from "./seed.js";

describe.each(DRIVERS)("the submit hand-off on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  const workers: Worker[] = [];
  /** Ticket ids, one per agent run. */
  const runs: string[] = [];
  /** Agents whose topic is "hold" wait here until released. */
  let release: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (release = resolve));

  const runner: AgentRunner = {
    async run({ ticket, parameters }) {
      runs.push(ticket.id);
      if (parameters.topic === "hold") await held;
    },
  };

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
  });
  afterAll(async () => {
    await t.cleanup();
  });
  afterEach(async () => {
    release();
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    held = new Promise<void>((resolve) => (release = resolve));
    await setProjectMaxRunning(t.database.db, projectId, null);
  });

  async function startWorker(concurrency = 2): Promise<Worker> {
    const worker = createWorker({ database: t.database, runner, concurrency, leaseMs: 30_000, shutdownGraceMs: 2_000 });
    workers.push(worker);
    await worker.start();
    return worker;
  }

  const ticketRow = async (id: string) => (await t.database.db.select().from(workTickets).where(eq(workTickets.id, id)))[0]!;
  const submit = (topic: string, project = projectId) =>
    submitTicket(t.database, { projectId: project, recipeSlug: "test-report", parameters: { topic } });

  /** The ticket's status events, with the transaction that wrote each. */
  const statusEvents = async (id: string) =>
    (
      await queryRows(
        t.database.db,
        sql`SELECT data->>'status' AS status, data->>'previous' AS previous, (data->>'attempt')::int AS attempt, xmin::text AS tx
            FROM ticket_events WHERE ticket_id = ${id}::uuid AND type = 'status' ORDER BY id`,
      )
    ).map((r) => ({ status: String(r.status), previous: r.previous as string | null, attempt: Number(r.attempt), tx: String(r.tx) }));

  it("an idle local worker gets the ticket in the submit's own transaction, and runs it once", async () => {
    await startWorker();
    const { ticket } = await submit("eager");

    expect(ticket.status).toBe("running");
    expect(ticket.attempt).toBe(1);
    expect(ticket.leaseToken).not.toBeNull();
    expect(ticket.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    await until(async () => (await ticketRow(ticket.id)).status === "completed");
    const events = await statusEvents(ticket.id);
    expect(events.map((e) => [e.status, e.previous, e.attempt])).toEqual([
      ["pending", null, 0],
      ["running", "pending", 1],
      ["completed", "running", 1],
    ]);
    // One commit for the submit and the claim: the hand-off, not a NOTIFY and a worker's claim.
    expect(events[0]!.tx).toBe(events[1]!.tx);
    expect(runs.filter((id) => id === ticket.id)).toHaveLength(1);
    const done = await ticketRow(ticket.id);
    expect(done.leaseToken).toBeNull();
    expect(done.startedAt).not.toBeNull();
  });

  it("a submit inside another transaction (an Idempotency-Key, a schedule's slot) is that transaction's: rolled back with it, never handed off", async () => {
    await startWorker();
    let written: string | null = null;
    await expect(
      t.database.db.transaction(async (tx) => {
        const { ticket } = await submitTicket(withinTransaction(t.database, tx), {
          projectId,
          recipeSlug: "test-report",
          parameters: { topic: "in a transaction" },
        });
        written = ticket.id;
        // Not handed off: the transaction may still roll back, as it does here.
        expect(ticket.status).toBe("pending");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(written).not.toBeNull();
    expect(await t.database.db.select().from(workTickets).where(eq(workTickets.id, written!))).toEqual([]);
    expect(runs).not.toContain(written);
  });

  it("is not taken while another ticket is claimable: that one is not overtaken", async () => {
    // A limited project's second ticket stays pending (its one place is taken by a held run)
    // while the worker still has a free slot: a ticket is claimable-in-the-queue, so a submit of
    // another project must go through the queue, not around it.
    const limited = (await createProject(t.database.db, { name: "limited", description: "" })).id;
    await setProjectMaxRunning(t.database.db, limited, 1);
    await startWorker(3);
    const first = (await submit("hold", limited)).ticket;
    await until(async () => (await ticketRow(first.id)).status === "running");
    const queued = (await submit("queued", limited)).ticket;
    expect(queued.status).toBe("pending");

    const { ticket } = await submit("after", projectId);

    expect(ticket.status).toBe("pending");
    await until(async () => (await ticketRow(ticket.id)).status === "completed");
    const events = await statusEvents(ticket.id);
    expect(events.map((e) => e.status)).toEqual(["pending", "running", "completed"]);
    expect(events[0]!.tx).not.toBe(events[1]!.tx);
    // The limited project's tickets were never handed off either (the limit is the claim's to check).
    const firstEvents = await statusEvents(first.id);
    expect(firstEvents[0]!.tx).not.toBe(firstEvents[1]!.tx);
    expect((await ticketRow(queued.id)).status).toBe("pending");
    release();
    await until(async () => (await ticketRow(queued.id)).status === "completed");
    await setProjectMaxRunning(t.database.db, limited, null);
  });

  it("a project with a running limit is not handed off: the claim takes it", async () => {
    await setProjectMaxRunning(t.database.db, projectId, 5);
    await startWorker();
    const { ticket } = await submit("limited");

    expect(ticket.status).toBe("pending");
    await until(async () => (await ticketRow(ticket.id)).status === "completed");
    const events = await statusEvents(ticket.id);
    expect(events[0]!.tx).not.toBe(events[1]!.tx);
    expect(runs.filter((id) => id === ticket.id)).toHaveLength(1);
  });

  it("a full local worker, or none, leaves the ticket pending for a claim", async () => {
    const none = (await submit("nobody")).ticket;
    expect(none.status).toBe("pending");
    expect(none.leaseToken).toBeNull();

    await startWorker(1);
    await until(async () => (await ticketRow(none.id)).status === "completed");
    const busy = (await submit("hold")).ticket; // handed off: the worker was idle
    expect(busy.status).toBe("running");
    const full = (await submit("full")).ticket;
    expect(full.status).toBe("pending");
    release();
    await until(async () => (await ticketRow(full.id)).status === "completed");
    expect(runs.filter((id) => id === full.id)).toHaveLength(1);
    expect(runs.filter((id) => id === busy.id)).toHaveLength(1);
  });
});
