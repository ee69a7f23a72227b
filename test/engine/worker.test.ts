// The engine's lifecycle on both drivers: claim → run → terminal write with todos, outputs and
// metadata; agent errors; cancel (pending, running, ended); timeout; lease expiry and recovery;
// retry; graceful shutdown; async:false waiting.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { workRequests, workTickets } from "../../src/db/schema.js";
import { AgentError } from "../../src/domain/agent-runner.js";
import { ConflictError, NotFoundError } from "../../src/domain/errors.js";
import {
  cancelTicket,
  createWorker,
  retryTicket,
  submitTicket,
  waitForTicketEnd,
  type Worker,
  type WorkerOptions,
} from "../../src/engine/index.js";
import { claimTickets } from "../../src/engine/sql/claim-tickets.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestAgent, type Script, type TestAgent } from "../helpers/test-agent.js";
import { eventsOf, seedEngine, until } from "./seed.js";

describe.each(DRIVERS)("worker on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  const workers: Worker[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database, [
      {},
      { slug: "test-once", max_attempts: 1 },
      { slug: "test-slow-timeout", timeout_s: 60 },
    ]));
  });
  afterAll(async () => {
    await t.cleanup();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    // Leave no claimable or leased ticket behind for the next test's workers.
    await t.database.db.execute(
      sql`UPDATE work_tickets SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL WHERE status IN ('pending', 'running')`,
    );
  });

  function startWorker(agent: TestAgent, o: Partial<WorkerOptions> = {}): Promise<Worker> {
    const worker = createWorker({ database: t.database, runner: agent, concurrency: 4, leaseMs: 30_000, shutdownGraceMs: 2_000, ...o });
    workers.push(worker);
    return worker.start().then(() => worker);
  }

  const submit = async (recipeSlug = "test-report") =>
    (await submitTicket(t.database, { projectId, recipeSlug, parameters: { topic: "engine" } })).ticket;

  /** Moves a lease into the past by the database's clock (the ghost holding it stopped heartbeating). */
  const expireLease = (id: string) =>
    t.database.db.execute(sql`UPDATE work_tickets SET lease_expires_at = now() - interval '1 second' WHERE id = ${id}::uuid`);

  const row = async (id: string) => (await t.database.db.select().from(workTickets).where(eq(workTickets.id, id)))[0]!;

  it("claims, runs and completes a ticket with todos, outputs and metadata in the event log", async () => {
    const agent = createTestAgent([
      {
        todos: [
          { content: "Read context", status: "in_progress", activeForm: "Reading context" },
          { content: "Write", status: "pending", activeForm: "Writing" },
        ],
      },
      { sleep: 20 },
      { output: { title: "Summary", body: "# Summary" } },
      {
        todos: [
          { content: "Read context", status: "completed", activeForm: "Reading context" },
          { content: "Write", status: "completed", activeForm: "Writing" },
        ],
      },
    ]);
    await startWorker(agent);
    const ticket = await submit();
    const done = await waitForTicketEnd(t.database, ticket.id, 10_000);

    expect(done.status).toBe("completed");
    expect(done.attempt).toBe(1);
    expect(done.leaseOwner).toBeNull();
    expect(done.leaseExpiresAt).toBeNull();
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
    expect(done.metadata.output_count).toBe(1);
    expect(done.metadata.error_message).toBeNull();
    expect(done.metadata.execution_time_ms).toBeGreaterThanOrEqual(20);
    expect(done.metadata.recipe_parameters).toEqual({ topic: "engine" });
    const final = done.metadata.final_todos!;
    expect(final.map((x) => [x.content, x.status])).toEqual([
      ["Read context", "completed"],
      ["Write", "completed"],
    ]);
    // "Read context" started at the first write and kept that time; "Write" jumped straight to completed.
    expect(final[0]!.started_at).not.toBeNull();
    expect(Date.parse(final[0]!.completed_at!)).toBeGreaterThanOrEqual(Date.parse(final[0]!.started_at!));
    expect(final[1]!.started_at).toBe(final[1]!.completed_at);

    const events = await eventsOf(t.database, ticket.id);
    expect(events.map((e) => (e.type === "status" ? `status:${String(e.data.status)}` : e.type))).toEqual([
      "status:pending",
      "status:running",
      "todos",
      "output",
      "todos",
      "status:completed",
    ]);
    expect(events[1]!.data).toMatchObject({ previous: "pending", attempt: 1 });
    expect(events[5]!.data).toMatchObject({ previous: "running", attempt: 1, error_message: null });
  });

  it("fails with the agent's message, keeping the outputs it made", async () => {
    const agent = createTestAgent((run) => [
      { output: { title: "Partial" } },
      {
        throw:
          run.parameters.topic === "plain"
            ? new Error("socket hang up")
            : new AgentError("The project has no context to report on; add a note first."),
      },
    ]);
    await startWorker(agent);
    const actionable = await submit();
    const plain = (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "plain" } })).ticket;

    const a = await waitForTicketEnd(t.database, actionable.id, 10_000);
    const p = await waitForTicketEnd(t.database, plain.id, 10_000);
    expect(a.status).toBe("failed");
    expect(a.metadata.error_message).toBe("The project has no context to report on; add a note first.");
    expect(a.metadata.output_count).toBe(1);
    expect(p.status).toBe("failed");
    expect(p.metadata.error_message).toBe("Agent error: socket hang up");
    const last = (await eventsOf(t.database, plain.id)).at(-1)!;
    expect(last.data).toMatchObject({ status: "failed", error_message: "Agent error: socket hang up" });
  });

  it("rejects an invalid todo list with a clear AgentError and fails the ticket", async () => {
    const agent = createTestAgent([
      {
        todos: [
          { content: "A", status: "in_progress", activeForm: "Doing A" },
          { content: "B", status: "in_progress", activeForm: "" },
        ],
      },
    ]);
    await startWorker(agent);
    const ticket = await submit();
    const done = await waitForTicketEnd(t.database, ticket.id, 10_000);
    expect(done.status).toBe("failed");
    expect(done.metadata.error_message).toMatch(/^todo list rejected: .*activeForm must not be empty.*at most one item may be in_progress/);
  });

  it("records usage on the request", async () => {
    const agent = createTestAgent([
      { usage: { inputTokens: 100, outputTokens: 20, model: "m1" } },
      { usage: { inputTokens: 5, outputTokens: 1 } },
    ]);
    await startWorker(agent);
    const ticket = await submit();
    await waitForTicketEnd(t.database, ticket.id, 10_000);
    const [request] = await t.database.db.select().from(workRequests).where(eq(workRequests.id, ticket.requestId));
    expect(request!.usage).toEqual({ input_tokens: 105, output_tokens: 21, model: "m1" });
  });

  it("cancels a pending ticket at once; no agent ever runs it", async () => {
    const ticket = await submit();
    const cancelled = await cancelTicket(t.database, ticket.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.finishedAt).not.toBeNull();
    const agent = createTestAgent([]);
    await startWorker(agent);
    await new Promise((r) => setTimeout(r, 100));
    expect(agent.runs).toHaveLength(0);
    expect((await eventsOf(t.database, ticket.id)).map((e) => e.data.status)).toEqual(["pending", "cancelled"]);
  });

  it("cancels a running ticket through NOTIFY: the agent sees the abort, earlier outputs are kept", async () => {
    const agent = createTestAgent([
      { output: { title: "Before cancel" } },
      { todos: [{ content: "Step", status: "in_progress", activeForm: "Stepping" }] },
      { hang: true },
    ]);
    // A 60 s lease → the heartbeat (every 20 s) cannot be what delivers the cancel.
    await startWorker(agent, { leaseMs: 60_000 });
    const ticket = await submit();
    await until(async () => (await row(ticket.id)).todos.length > 0);
    const asked = performance.now();
    await cancelTicket(t.database, ticket.id);
    const record = await agent.ended(ticket.id);
    expect(record.abortReason).toBe("cancelled");
    expect(record.endedAt! - asked).toBeLessThan(1_000);

    const done = await waitForTicketEnd(t.database, ticket.id, 5_000);
    expect(done.status).toBe("cancelled");
    expect(done.cancelRequestedAt).not.toBeNull();
    expect(done.metadata.output_count).toBe(1);
    expect(done.metadata.final_todos).toHaveLength(1);
    expect(done.metadata.error_message).toBeNull();

    // After the end: 409.
    await expect(cancelTicket(t.database, ticket.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses to cancel a completed ticket (409) and 404s an unknown one", async () => {
    await startWorker(createTestAgent([]));
    const ticket = await submit();
    expect((await waitForTicketEnd(t.database, ticket.id, 10_000)).status).toBe("completed");
    await expect(cancelTicket(t.database, ticket.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(cancelTicket(t.database, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("ends cancelled, not requeued, an orphaned ticket whose cancel was asked; no agent runs it", async () => {
    const ticket = await submit();
    await claimTickets(t.database.db, { workerId: "ghost", limit: 1, leaseMs: 30_000 });
    await cancelTicket(t.database, ticket.id); // running under the dead ghost: only records the request
    await expireLease(ticket.id);
    const agent = createTestAgent([{ hang: true }]);
    await startWorker(agent); // its start-up reaper finds the ghost's lease expired
    const done = await waitForTicketEnd(t.database, ticket.id, 10_000);
    expect(done.status).toBe("cancelled");
    expect(done.attempt).toBe(1); // no attempt spent on a re-run
    expect(agent.runs).toHaveLength(0);
    expect((await eventsOf(t.database, ticket.id)).at(-1)!.data).toMatchObject({
      status: "cancelled",
      previous: "running",
      reason: "cancelled by request; its worker was lost",
    });
  });

  it("fails a ticket on the real timer too", async () => {
    const { upsertRecipe } = await import("../../src/db/repositories/recipes.js");
    const { testRecipe } = await import("./seed.js");
    await upsertRecipe(t.database.db, testRecipe({ slug: "test-1s", timeout_s: 1 }));
    const agent = createTestAgent([{ hang: true }]);
    await startWorker(agent);
    const ticket = await submit("test-1s");
    const done = await waitForTicketEnd(t.database, ticket.id, 5_000);
    expect(done.status).toBe("failed");
    expect(done.metadata.error_message).toBe("timed out after 1 s");
  });

  it("requeues a ticket whose worker died, and another worker completes it", async () => {
    const ticket = await submit();
    const [ghosted] = await claimTickets(t.database.db, { workerId: "ghost", limit: 1, leaseMs: 30_000 });
    expect(ghosted?.id).toBe(ticket.id);
    await expireLease(ticket.id); // the ghost stopped heartbeating long ago
    const agent = createTestAgent([{ output: { title: "Second attempt" } }]);
    await startWorker(agent); // its start-up reaper finds the lease expired
    const done = await waitForTicketEnd(t.database, ticket.id, 10_000);
    expect(done.status).toBe("completed");
    expect(done.attempt).toBe(2);
    expect(agent.runs.map((r) => r.attempt)).toEqual([2]);
    const statuses = (await eventsOf(t.database, ticket.id))
      .filter((e) => e.type === "status")
      .map((e) => [e.data.status, e.data.attempt, e.data.reason ?? null]);
    expect(statuses).toEqual([
      ["pending", 0, "submitted"],
      ["running", 1, null],
      ["pending", 1, "worker lost; retrying"],
      ["running", 2, null],
      ["completed", 2, null],
    ]);
  });

  it('fails a ticket "worker lost" when its attempts are used up', async () => {
    const ticket = await submit("test-once");
    await claimTickets(t.database.db, { workerId: "ghost", limit: 1, leaseMs: 30_000 });
    await expireLease(ticket.id);
    const agent = createTestAgent([]);
    await startWorker(agent);
    const done = await waitForTicketEnd(t.database, ticket.id, 10_000);
    expect(done.status).toBe("failed");
    expect(done.metadata.error_message).toBe("worker lost");
    expect(done.finishedAt).not.toBeNull();
    expect(agent.runs).toHaveLength(0);
  });

  it("aborts the agent on a lost lease and writes no terminal state", async () => {
    const agent = createTestAgent([{ hang: true }]);
    await startWorker(agent, { heartbeatMs: 50 });
    const ticket = await submit();
    await agent.started(ticket.id);
    // Another claim's token (the worker id is left alone: it is not what guards the lease).
    const thief = "00000000-0000-4000-8000-00000000beef";
    await t.database.db.update(workTickets).set({ leaseToken: thief }).where(eq(workTickets.id, ticket.id));
    const record = await agent.ended(ticket.id);
    expect(record.abortReason).toBe("lease lost");
    await new Promise((r) => setTimeout(r, 100));
    const now = await row(ticket.id);
    expect(now.status).toBe("running");
    expect(now.leaseToken).toBe(thief);
  });

  it("submit sees a recipe change made after it cached the recipe, and refuses unknown projects", async () => {
    const { upsertRecipe } = await import("../../src/db/repositories/recipes.js");
    const { testRecipe } = await import("./seed.js");
    await upsertRecipe(t.database.db, testRecipe({ slug: "test-changing", timeout_s: 10 }));
    const first = await submit("test-changing");
    expect(first.timeoutS).toBe(10);
    await upsertRecipe(t.database.db, testRecipe({ slug: "test-changing", timeout_s: 20 }));
    expect((await submit("test-changing")).timeoutS).toBe(20);
    await upsertRecipe(t.database.db, testRecipe({ slug: "test-changing", status: "archived" }));
    await expect(submit("test-changing")).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      submitTicket(t.database, { projectId: "00000000-0000-4000-8000-000000000000", recipeSlug: "test-report", parameters: {} }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const requests = await t.database.db.select().from(workRequests).where(eq(workRequests.recipeSlug, "test-changing"));
    expect(requests).toHaveLength(2);
  });

  it("retries into a new ticket with retry_of, only once the old one has ended", async () => {
    const agent = createTestAgent([{ hang: true }]);
    await startWorker(agent, { shutdownGraceMs: 50 });
    const ticket = await submit();
    await agent.started(ticket.id);
    await expect(retryTicket(t.database, ticket.id)).rejects.toBeInstanceOf(ConflictError);
    await cancelTicket(t.database, ticket.id);
    await waitForTicketEnd(t.database, ticket.id, 5_000);
    const retry = await retryTicket(t.database, ticket.id);
    expect(retry.created).toBe(true);
    expect(retry.ticket.id).not.toBe(ticket.id);
    expect(retry.ticket.retryOf).toBe(ticket.id);
    expect(retry.ticket.metadata.recipe_parameters).toEqual({ topic: "engine" });
    expect((await row(ticket.id)).status).toBe("cancelled"); // history is not rewritten
  });

  it("stops gracefully: finishes what fits in the grace period, releases the rest without using an attempt", async () => {
    const agent = createTestAgent((run) => (run.parameters.topic === "quick" ? [{ sleep: 100 }] : [{ hang: true }]));
    const worker = await startWorker(agent, { shutdownGraceMs: 400 });
    const quick = (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "quick" } })).ticket;
    const stuck = await submit();
    await agent.started(quick.id);
    await agent.started(stuck.id);
    expect(worker.running()).toBe(2);
    await worker.stop();
    expect(worker.running()).toBe(0);

    expect((await row(quick.id)).status).toBe("completed");
    const released = await row(stuck.id);
    expect(released.status).toBe("pending");
    expect(released.attempt).toBe(0);
    expect(released.leaseOwner).toBeNull();
    expect((await agent.ended(stuck.id)).abortReason).toBe("shutdown");
    expect((await eventsOf(t.database, stuck.id)).at(-1)!.data).toMatchObject({
      status: "pending",
      reason: "worker shutting down; released",
    });

    // Another worker picks it up at once.
    const next = createTestAgent([]);
    await startWorker(next);
    expect((await waitForTicketEnd(t.database, stuck.id, 5_000)).status).toBe("completed");
  });

  it("waitForTicketEnd returns the current row on timeout and 404s an unknown id", async () => {
    const ticket = await submit();
    const started = Date.now();
    const now = await waitForTicketEnd(t.database, ticket.id, 150);
    expect(now.status).toBe("pending");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(waitForTicketEnd(t.database, "00000000-0000-4000-8000-000000000000", 100)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("runs at most `concurrency` tickets at once and drains a batch", async () => {
    let live = 0;
    let peak = 0;
    const agent = createTestAgent([
      {
        call: async () => {
          live++;
          peak = Math.max(peak, live);
          await new Promise((r) => setTimeout(r, 5));
          live--;
        },
      },
    ] satisfies Script);
    const tickets = [];
    for (let i = 0; i < 30; i++) tickets.push(await submit());
    await startWorker(agent, { concurrency: 3 });
    for (const x of tickets) expect((await waitForTicketEnd(t.database, x.id, 10_000)).status).toBe("completed");
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(new Set(agent.runs.map((r) => r.ticketId)).size).toBe(30);
  });
});
