// Every event the engine's statements write (submit, bulk submit, claim, finish completed / failed /
// cancelled, release, reap requeue / fail / cancel) is read back and parsed against the domain's
// TicketEvent union, with no key the schema does not know. The payloads are built in
// src/events/status-events-sql.ts; this test is what keeps them and src/domain/events.ts in step.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticketEvents, workTickets } from "../../src/db/schema.js";
import { AnswerEventData, StatusEventData, TicketEvent } from "../../src/domain/events.js";
import { answerQuestion } from "../../src/engine/answer.js";
import { expireQuestions } from "../../src/engine/sql/expire-questions.js";
import { waitTicket, WAITING_REASON } from "../../src/engine/sql/wait-ticket.js";
import { createTestUser } from "../helpers/auth.js";
import { submitTicket, submitTicketsBulk } from "../../src/engine/index.js";
import { leaseOf } from "../../src/engine/lease.js";
import { claimTickets } from "../../src/engine/sql/claim-tickets.js";
import { finishTickets } from "../../src/engine/sql/finish-tickets.js";
import { CANCELLED_WORKER_LOST, REQUEUE_REASON, WORKER_LOST, reapExpiredLeases } from "../../src/engine/sql/reap-expired-leases.js";
import { RELEASE_REASON, releaseTickets } from "../../src/engine/sql/release-tickets.js";
import { toTicketEvent } from "../../src/events/index.js";
import { seedEngine } from "../engine/seed.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

describe.each(DRIVERS)("status event payloads on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("every event written by submit, claim, finish, release and reap parses against the union", async () => {
    const db = t.database.db;
    const { ticket: single } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "a" } });
    const { ticket: retry } = await submitTicket(t.database, {
      projectId,
      recipeSlug: "test-report",
      parameters: { topic: "a" },
      retryOf: single.id,
    });
    const bulk = await submitTicketsBulk(t.database, {
      projectId,
      recipeSlug: "test-report",
      parameters: [{ topic: "1" }, { topic: "2" }, { topic: "3" }, { topic: "4" }, { topic: "5" }],
    });
    const claimed = await claimTickets(db, { workerId: "payload-test", limit: 20, leaseMs: 60_000 });
    expect(claimed).toHaveLength(7);
    const lease = new Map(claimed.map((r) => [r.id, leaseOf(r)]));
    const [completes, fails, cancels, released, requeued] = bulk.map((b) => lease.get(b.id)!);

    const finished = await finishTickets(db, [
      { lease: completes!, action: "complete", errorMessage: null, executionTimeMs: 10, reason: null },
      { lease: fails!, action: "fail", errorMessage: 'agent "failed": boom', executionTimeMs: 10, reason: "agent error" },
      { lease: cancels!, action: "cancel", errorMessage: null, executionTimeMs: 10, reason: "cancelled by request" },
    ]);
    expect(finished.map((r) => r.status).sort()).toEqual(["cancelled", "completed", "failed"]);
    expect(await releaseTickets(db, [released!])).toHaveLength(1);

    // Three expired leases, one per outcome of the reaper: requeue, cancel (asked), fail (no attempts left).
    await db
      .update(workTickets)
      .set({ leaseExpiresAt: sql`now() - interval '1 minute'` })
      .where(eq(workTickets.id, requeued!.ticketId));
    await db
      .update(workTickets)
      .set({ leaseExpiresAt: sql`now() - interval '1 minute'`, cancelRequestedAt: sql`now()` })
      .where(eq(workTickets.id, single.id));
    await db
      .update(workTickets)
      .set({ leaseExpiresAt: sql`now() - interval '1 minute'`, maxAttempts: 1 })
      .where(eq(workTickets.id, retry.id));
    const reaped = await reapExpiredLeases(db);
    expect(reaped.map((r) => r.status).sort()).toEqual(["cancelled", "failed", "pending"]);

    const rows = await db.select().from(ticketEvents).where(eq(ticketEvents.projectId, projectId)).orderBy(ticketEvents.id);
    const kinds: string[] = [];
    for (const row of rows) {
      const event = TicketEvent.parse(toTicketEvent(row));
      if (event.type !== "status") throw new Error(`unexpected ${event.type} event`);
      // No key beyond the schema's (a typo'd key would be silently dropped by a plain parse).
      const data = StatusEventData.strict().parse(row.data);
      kinds.push(`${data.previous ?? "-"}→${data.status}: ${data.reason ?? ""}${data.error_message ? ` [${data.error_message}]` : ""}`);
      if (data.status === "pending" && data.previous === null) {
        expect(data).toMatchObject({ attempt: 0, recipe_slug: "test-report", agent_type: "reporting" });
      }
    }
    expect(kinds.sort()).toEqual(
      [
        "-→pending: submitted",
        "-→pending: retry",
        ...Array<string>(5).fill("-→pending: submitted"),
        ...Array<string>(7).fill("pending→running: "),
        "running→completed: ",
        'running→failed: agent error [agent "failed": boom]',
        "running→cancelled: cancelled by request",
        `running→pending: ${RELEASE_REASON}`,
        `running→pending: ${REQUEUE_REASON}`,
        `running→cancelled: ${CANCELLED_WORKER_LOST}`,
        `running→failed: ${WORKER_LOST} [${WORKER_LOST}]`,
      ].sort(),
    );
    // Attempts are numbers from the row as updated: a release gives the claim's attempt back.
    const leaving = (ticketId: string) => {
      const e = rows
        .map((r) => TicketEvent.parse(toTicketEvent(r)))
        .find((x) => x.ticket_id === ticketId && x.type === "status" && x.data.previous === "running");
      return e?.type === "status" ? e.data : null;
    };
    expect(leaving(released!.ticketId)).toMatchObject({ status: "pending", attempt: 0 });
    expect(leaving(retry.id)).toMatchObject({ status: "failed", attempt: 1 });
  });

  it("every event of the waiting state (wait, answer, resume, expiry with and without a default) parses against the union", async () => {
    const db = t.database.db;
    const { projectId: own } = await seedEngine(t.database);
    const submit = async () =>
      (await submitTicket(t.database, { projectId: own, recipeSlug: "test-report", parameters: { topic: "q" } })).ticket;
    const [answered, defaulted, expired] = [await submit(), await submit(), await submit()];
    const claimed = await claimTickets(db, { workerId: "payload-test", limit: 10, leaseMs: 60_000 });
    const schema = { type: "object", required: ["pick"], properties: { pick: { type: "string", title: "Pick" } } };
    for (const r of claimed) {
      const withDefault = r.id === defaulted.id ? { default: { value: { pick: "b" } } } : {};
      const waited = await waitTicket(db, leaseOf(r), {
        key: "k",
        question: "Pick?",
        answerSchema: schema,
        expiresInS: 60,
        state: null,
        ...withDefault,
      });
      expect(waited?.status).toBe("waiting");
    }
    const person = await createTestUser(t.database);
    await answerQuestion(t.database, { ticketId: answered.id, answer: { pick: "a" }, answeredBy: person.id });
    await db.execute(
      sql`UPDATE ticket_questions SET expires_at = now() - interval '1 second' WHERE ticket_id IN (${defaulted.id}, ${expired.id})`,
    );
    const swept = await expireQuestions(db);
    expect(swept.defaulted).toEqual([defaulted.id]);
    expect(swept.failed.map((r) => r.id)).toEqual([expired.id]);
    expect((await claimTickets(db, { workerId: "payload-test", limit: 10, leaseMs: 60_000 })).map((r) => r.id).sort()).toEqual(
      [answered.id, defaulted.id].sort(),
    );

    const rows = await db.select().from(ticketEvents).where(eq(ticketEvents.projectId, own)).orderBy(ticketEvents.id);
    const kinds: string[] = [];
    for (const row of rows) {
      const event = TicketEvent.parse(toTicketEvent(row));
      if (event.type === "status") {
        const data = StatusEventData.strict().parse(row.data);
        kinds.push(`${data.previous ?? "-"}→${data.status}: ${data.reason ?? ""}${data.error_message ? ` [${data.error_message}]` : ""}`);
      } else if (event.type === "answer") {
        const data = AnswerEventData.strict().parse(row.data);
        kinds.push(
          `answer ${JSON.stringify(data.answer)} by ${data.answered_by === person.id ? "the person" : String(data.answered_by)} (${data.source})`,
        );
      } else throw new Error(`unexpected ${event.type} event`);
    }
    expect(kinds.sort()).toEqual(
      [
        ...Array<string>(3).fill("-→pending: submitted"),
        ...Array<string>(3).fill("pending→running: "),
        ...Array<string>(3).fill(`running→waiting: ${WAITING_REASON}`),
        'answer {"pick":"a"} by the person (person)',
        'answer {"pick":"b"} by null (default)',
        "waiting→failed: no answer within 1 min [no answer within 1 min]",
        ...Array<string>(2).fill("waiting→running: answered; resuming"),
      ].sort(),
    );
  });
});
