// Eager hand-off of answered tickets (issue 16, src/engine/hand-off.ts), on both drivers: an answer
// taken in a process whose worker has a free slot claims the ticket for that worker in the
// answer's own statement — the answer event and the `running` event commit in ONE transaction —
// and the ticket still runs exactly once. A project with a running limit is not handed off (the
// claim checks the limit under its lock): there the resume is a separate claim, as before.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { workTickets } from "../../src/db/schema.js";
import { AgentWaiting, type AgentRunner } from "../../src/domain/agent-runner.js";
import { ConflictError } from "../../src/domain/errors.js";
import { answerQuestion } from "../../src/engine/answer.js";
import { createWorker, setProjectMaxRunning, submitTicket, type Worker } from "../../src/engine/index.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { createTestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine, until } from "./seed.js";

describe.each(DRIVERS)("eager hand-off of answers on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  let person: string;
  const workers: Worker[] = [];
  /** Every agent run: ticket id and whether it saw an answer. */
  const runs: { ticketId: string; answered: boolean }[] = [];

  // Asks on its first run; returns once its question is answered.
  const asker: AgentRunner = {
    async run({ ticket, ports }) {
      const answered = (await ports.answeredQuestions()).length > 0;
      runs.push({ ticketId: ticket.id, answered });
      if (answered) return;
      throw new AgentWaiting({
        key: "pick",
        question: "Which one?",
        answerSchema: { type: "object", required: ["pick"], properties: { pick: { type: "string", title: "Pick" } } },
        expiresInS: 3_600,
        state: null,
      });
    },
  };

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
    person = (await createTestUser(t.database)).id;
  });
  afterAll(async () => {
    await t.cleanup();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await setProjectMaxRunning(t.database.db, projectId, null);
  });

  async function startWorker(): Promise<Worker> {
    const worker = createWorker({ database: t.database, runner: asker, concurrency: 2, leaseMs: 30_000, shutdownGraceMs: 2_000 });
    workers.push(worker);
    await worker.start();
    return worker;
  }

  const ticketRow = async (id: string) => (await t.database.db.select().from(workTickets).where(eq(workTickets.id, id)))[0]!;

  async function waitingTicket(): Promise<string> {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "hand-off" } });
    await until(async () => (await ticketRow(ticket.id)).status === "waiting");
    return ticket.id;
  }

  /** The ticket's events after it asked, with the transaction that wrote each. */
  const eventsAfterWaiting = async (id: string) =>
    (
      await queryRows(
        t.database.db,
        sql`SELECT type, data->>'status' AS status, data->>'reason' AS reason, xmin::text AS tx FROM ticket_events
            WHERE ticket_id = ${id}::uuid AND id > (SELECT max(id) FROM ticket_events WHERE ticket_id = ${id}::uuid AND data->>'status' = 'waiting')
            ORDER BY id`,
      )
    ).map((r) => ({ type: String(r.type), status: r.status as string | null, reason: r.reason as string | null, tx: String(r.tx) }));

  it("claims the answered ticket for the local worker in the answer's own transaction, and runs it once", async () => {
    const worker = await startWorker();
    const id = await waitingTicket();

    await answerQuestion(t.database, { ticketId: id, answer: { pick: "a" }, answeredBy: person });

    const row = await ticketRow(id);
    expect(row.status === "running" || row.status === "completed").toBe(true);
    await until(async () => (await ticketRow(id)).status === "completed");
    const events = await eventsAfterWaiting(id);
    expect(events.map((e) => [e.type, e.status, e.reason])).toEqual([
      ["answer", null, null],
      ["status", "running", "answered; resuming"],
      ["status", "completed", null],
    ]);
    // One commit for the answer and the claim: the hand-off, not a NOTIFY and a worker's claim.
    expect(events[0]!.tx).toBe(events[1]!.tx);
    expect(runs.filter((r) => r.ticketId === id)).toEqual([
      { ticketId: id, answered: false },
      { ticketId: id, answered: true },
    ]);
    const done = await ticketRow(id);
    expect(done.attempt).toBe(1); // waiting spends no attempt, neither does the resume
    expect(done.leaseToken).toBeNull();
    expect(worker.running()).toBe(0);
  });

  it("two answers at once: one wins, the ticket is resumed and run once", async () => {
    await startWorker();
    const id = await waitingTicket();
    const results = await Promise.allSettled([
      answerQuestion(t.database, { ticketId: id, answer: { pick: "a" }, answeredBy: person }),
      answerQuestion(t.database, { ticketId: id, answer: { pick: "b" }, answeredBy: person }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(ConflictError);
    await until(async () => (await ticketRow(id)).status === "completed");
    const events = await eventsAfterWaiting(id);
    expect(events.filter((e) => e.type === "answer")).toHaveLength(1);
    expect(events.filter((e) => e.status === "running")).toHaveLength(1);
    expect(runs.filter((r) => r.ticketId === id && r.answered)).toHaveLength(1);
  });

  it("a project with a running limit is not handed off: the answer wakes the workers and a claim resumes it", async () => {
    await setProjectMaxRunning(t.database.db, projectId, 5);
    await startWorker();
    const id = await waitingTicket();

    await answerQuestion(t.database, { ticketId: id, answer: { pick: "c" }, answeredBy: person });

    await until(async () => (await ticketRow(id)).status === "completed");
    const events = await eventsAfterWaiting(id);
    expect(events.map((e) => [e.type, e.status, e.reason])).toEqual([
      ["answer", null, null],
      ["status", "running", "answered; resuming"],
      ["status", "completed", null],
    ]);
    expect(events[0]!.tx).not.toBe(events[1]!.tx);
    expect(runs.filter((r) => r.ticketId === id && r.answered)).toHaveLength(1);
  });

  it("with no local worker the answer only marks the ticket claimable", async () => {
    const id = await (async () => {
      await startWorker();
      const waiting = await waitingTicket();
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      return waiting;
    })();

    await answerQuestion(t.database, { ticketId: id, answer: { pick: "d" }, answeredBy: person });

    const row = await ticketRow(id);
    expect(row.status).toBe("waiting");
    expect(row.resumeAt).not.toBeNull();
    expect(row.leaseToken).toBeNull();
    // The next worker resumes it.
    await startWorker();
    await until(async () => (await ticketRow(id)).status === "completed");
    expect(runs.filter((r) => r.ticketId === id && r.answered)).toHaveLength(1);
  });
});
