// `async: false` on the hub (issue 13, build 5): the waiter only subscribes to the process's hub — it
// works with a database whose listen() refuses — sees an end committed before or after it started
// waiting, answers with the row as it is on timeout or when the hub stops, 404s an unknown id, and
// logs a failed read instead of dropping it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { createProject } from "../../src/db/repositories/projects.js";
import type { TicketView } from "../../src/domain/contract.js";
import { NotFoundError } from "../../src/domain/errors.js";
import { createTicketEndWaiter, createWorker, submitTicket, type TicketEndWaiter } from "../../src/engine/index.js";
import { leaseOf } from "../../src/engine/lease.js";
import { claimTickets } from "../../src/engine/sql/claim-tickets.js";
import { finishTickets } from "../../src/engine/sql/finish-tickets.js";
import { createEventHub, type EventHub } from "../../src/events/index.js";
import { silentLogger } from "../helpers/api-app.js";
import { clientFor, createTestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestAgent } from "../helpers/test-agent.js";
import { seedEngine } from "./seed.js";

describe.each(DRIVERS)("waiting for a ticket's end on the hub, %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  let hub: EventHub;
  const errors: object[] = [];
  const logger = { warn: () => undefined, error: (obj: object) => void errors.push(obj) };
  // The waiter's own database handle: reads work, a LISTEN of its own would throw.
  let noListen: Database;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
    hub = createEventHub({ database: t.database, logger });
    await hub.start();
    noListen = {
      ...t.database,
      listen: () => Promise.reject(new Error("the waiter must not LISTEN: it rides the hub")),
      onReconnect: () => {
        throw new Error("the waiter must not watch the LISTEN connection: it rides the hub");
      },
    };
  });
  afterAll(async () => {
    await hub.stop();
    await t.cleanup();
  });

  async function submit() {
    return (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} })).ticket;
  }

  /** Claims every pending ticket and completes `id` (the others stay running). */
  async function complete(id: string): Promise<void> {
    const claimed = await claimTickets(t.database.db, { workerId: "wait-test", limit: 50, leaseMs: 60_000 });
    const row = claimed.find((r) => r.id === id);
    if (!row) throw new Error("ticket was not claimed");
    const done = await finishTickets(t.database.db, [
      { lease: leaseOf(row), action: "complete", errorMessage: null, executionTimeMs: 1, reason: null },
    ]);
    expect(done).toHaveLength(1);
  }

  it("resolves when the ticket ends while it waits, and leaves no subscription behind", async () => {
    const waiter = createTicketEndWaiter({ database: noListen, hub, logger });
    const ticket = await submit();
    const started = Date.now();
    const waiting = waiter.wait(ticket.id, 20_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(hub.subscriberCount()).toBe(1);
    await complete(ticket.id);
    const row = await waiting;
    expect(row.status).toBe("completed");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(hub.subscriberCount()).toBe(0);
  });

  it("answers at once for a ticket that already ended, and many waiters share the hub", async () => {
    const waiter = createTicketEndWaiter({ database: noListen, hub, logger });
    const ended = await submit();
    await complete(ended.id);
    expect((await waiter.wait(ended.id, 20_000)).status).toBe("completed");
    const ticket = await submit();
    const all = Promise.all(Array.from({ length: 20 }, () => waiter.wait(ticket.id, 20_000)));
    await new Promise((r) => setTimeout(r, 100));
    await complete(ticket.id);
    expect((await all).map((r) => r.status)).toEqual(Array<string>(20).fill("completed"));
    expect(hub.subscriberCount()).toBe(0);
  });

  it("returns the row as it is on timeout and 404s an unknown id", async () => {
    const waiter = createTicketEndWaiter({ database: noListen, hub, logger });
    const ticket = await submit();
    const started = Date.now();
    expect((await waiter.wait(ticket.id, 150)).status).toBe("pending");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(waiter.wait("00000000-0000-4000-8000-000000000000", 100)).rejects.toBeInstanceOf(NotFoundError);
    expect(hub.subscriberCount()).toBe(0);
  });

  it("answers with the row as it is when the hub stops (shutdown)", async () => {
    const own = createEventHub({ database: t.database, logger });
    await own.start();
    const waiter = createTicketEndWaiter({ database: noListen, hub: own, logger });
    const ticket = await submit();
    const waiting = waiter.wait(ticket.id, 20_000);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await own.stop();
    expect((await waiting).status).toBe("pending");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("the work route's async:false answers with the finished ticket, waiting on the waiter it was given", async () => {
    const inner = createTicketEndWaiter({ database: noListen, hub, logger });
    const waits: string[] = [];
    const counted: TicketEndWaiter = { wait: (id, ms) => (waits.push(id), inner.wait(id, ms)) };
    const owner = await createTestUser(t.database);
    const project = await createProject(t.database.db, { name: "async false", description: "" }, owner.id);
    const config = loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused" });
    const app = clientFor(createApi({ database: t.database, config, version: "test", logger: silentLogger, ticketEnds: counted }), owner);
    // It also runs the pending tickets earlier tests left (300 ms each) before or beside this one.
    const worker = createWorker({
      database: t.database,
      runner: createTestAgent([{ sleep: 300 }]),
      concurrency: 4,
      leaseMs: 30_000,
      shutdownGraceMs: 2_000,
      logger: silentLogger,
    });
    await worker.start();
    try {
      const res = await app.request("/api/work/reporting/execute", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ project_id: project.id, recipe_slug: "test-report", parameters: {}, async: false }),
      });
      expect(res.status).toBe(200);
      const view = (await res.json()) as TicketView;
      expect(view.status).toBe("completed");
      expect(waits).toEqual([view.id]);
      expect(hub.subscriberCount()).toBe(0);
    } finally {
      await worker.stop();
    }
  });

  it("logs a failed read and rejects with it (never drops it)", async () => {
    const broken = await openTestDatabase(driver);
    await broken.cleanup(); // closed: every query fails
    const waiter = createTicketEndWaiter({ database: broken.database, hub, logger });
    const ticket = await submit();
    errors.length = 0;
    await expect(waiter.wait(ticket.id, 1_000)).rejects.toBeInstanceOf(Error);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ticket_id: ticket.id });
    expect(hub.subscriberCount()).toBe(0);
  });
});
