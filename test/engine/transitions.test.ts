// Every (status × action) pair driven through the engine's guarded SQL directly: a pair the domain's
// state machine allows is applied (with its status event); every other pair is refused — no row
// changed, no event appended. This is the proof that an illegal transition is never half-applied.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticketEvents, workTickets, type TicketRow } from "../../src/db/schema.js";
import { ConflictError } from "../../src/domain/errors.js";
import { TICKET_ACTIONS, TICKET_STATUSES, transition, type TicketAction, type TicketStatus } from "../../src/domain/ticket-status.js";
import { cancelTicket, submitTicket } from "../../src/engine/index.js";
import { claimTickets } from "../../src/engine/sql/claim-tickets.js";
import { finishTickets } from "../../src/engine/sql/finish-tickets.js";
import { reapExpiredLeases } from "../../src/engine/sql/reap-expired-leases.js";
import { releaseTickets } from "../../src/engine/sql/release-tickets.js";
import { waitTicket } from "../../src/engine/sql/wait-ticket.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine } from "./seed.js";

const ME = "worker-me";
const TOKEN = "00000000-0000-4000-8000-0000000000aa";
const OTHER = "00000000-0000-4000-8000-0000000000bb";
const leaseIn = (ticket: TicketRow, owner = TOKEN, attempt = 1) => ({ ticketId: ticket.id, owner, attempt });

describe.each(DRIVERS)("guarded transitions on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
  });
  afterAll(async () => {
    await t.cleanup();
  });

  /** A ticket forced into `status`, leased by ME (token TOKEN, attempt 1) with an already expired lease; every other ticket is parked. */
  async function ticketIn(status: TicketStatus): Promise<TicketRow> {
    await t.database.db.execute(
      sql`UPDATE work_tickets SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL WHERE status IN ('pending', 'running', 'waiting')`,
    );
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} });
    const [row] = await t.database.db
      .update(workTickets)
      .set({ status, attempt: 1, leaseOwner: ME, leaseToken: TOKEN, leaseExpiresAt: sql`now() - interval '60 seconds'` })
      .where(eq(workTickets.id, ticket.id))
      .returning();
    return row!;
  }

  async function snapshot(id: string) {
    const [row] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, id));
    const events = await t.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));
    return { row: row!, events: events.length };
  }

  /** Runs `action` through the SQL the engine uses for it; returns whether the status changed. */
  async function drive(action: TicketAction, ticket: TicketRow): Promise<boolean> {
    const db = t.database.db;
    switch (action) {
      case "claim":
        return (await claimTickets(db, { workerId: ME, limit: 10, leaseMs: 30_000 })).some((r) => r.id === ticket.id);
      case "complete":
      case "fail":
      case "cancel": {
        const rows = await finishTickets(db, [{ lease: leaseIn(ticket), action, errorMessage: null, executionTimeMs: 1, reason: "test" }]);
        return rows.length === 1;
      }
      case "requeue":
        return (await reapExpiredLeases(db)).some((r) => r.id === ticket.id);
      case "wait": {
        const question = { key: "q", question: "Which?", answerSchema: { type: "object", properties: {} }, expiresInS: null, state: null };
        return (await waitTicket(db, leaseIn(ticket), question)) !== null;
      }
      case "resume": {
        // Answered (as the answer's guarded write does: only a waiting ticket): the claim statement resumes it.
        await db.execute(sql`UPDATE work_tickets SET resume_at = now() WHERE id = ${ticket.id} AND status = 'waiting'`);
        return (await claimTickets(db, { workerId: ME, limit: 10, leaseMs: 30_000 })).some((r) => r.id === ticket.id);
      }
    }
  }

  for (const action of TICKET_ACTIONS) {
    for (const from of TICKET_STATUSES) {
      // Resume and claim are one statement; from pending it is the claim, driven above.
      if (action === "resume" && from === "pending") continue;
      const legal = transition(from, action);
      it(`${action} from ${from} is ${legal.ok ? `applied (→ ${legal.to})` : "refused"}`, async () => {
        const ticket = await ticketIn(from);
        const before = await snapshot(ticket.id);
        const applied = await drive(action, ticket);
        const after = await snapshot(ticket.id);
        expect(applied).toBe(legal.ok);
        if (legal.ok) {
          expect(after.row.status).toBe(legal.to);
          expect(after.events).toBe(before.events + 1);
        } else {
          expect(after.row).toEqual(before.row);
          expect(after.events).toBe(before.events);
        }
      });
    }
  }

  it("a finish under another owner token, or the same token with another attempt, is refused", async () => {
    const ticket = await ticketIn("running");
    const before = await snapshot(ticket.id);
    for (const lease of [leaseIn(ticket, OTHER, 1), leaseIn(ticket, TOKEN, 2)]) {
      const rows = await finishTickets(t.database.db, [
        { lease, action: "complete", errorMessage: null, executionTimeMs: 1, reason: null },
      ]);
      expect(rows).toEqual([]);
    }
    expect(await snapshot(ticket.id)).toEqual(before);
    // …and the right lease is accepted, so the refusals above were the guard's doing.
    const [done] = await finishTickets(t.database.db, [
      { lease: leaseIn(ticket), action: "complete", errorMessage: null, executionTimeMs: 1, reason: null },
    ]);
    expect(done?.status).toBe("completed");
    expect(done?.leaseToken).toBeNull();
  });

  it("a shutdown release applies only to a running ticket under the releasing run's lease", async () => {
    for (const from of TICKET_STATUSES) {
      const ticket = await ticketIn(from);
      expect(await releaseTickets(t.database.db, [leaseIn(ticket, OTHER)])).toEqual([]);
      expect(await releaseTickets(t.database.db, [leaseIn(ticket, TOKEN, 2)])).toEqual([]);
      const released = await releaseTickets(t.database.db, [leaseIn(ticket)]);
      expect(released.length).toBe(transition(from, "requeue").ok ? 1 : 0);
    }
  });

  it("cancelTicket (the API's path) refuses every ended ticket with ConflictError and changes nothing", async () => {
    for (const from of TICKET_STATUSES) {
      const ticket = await ticketIn(from);
      const before = await snapshot(ticket.id);
      if (transition(from, "cancel").ok) {
        const row = await cancelTicket(t.database, ticket.id);
        expect(row.cancelRequestedAt).not.toBeNull();
        // pending and waiting: cancelled at once; running: the request is recorded for the worker to act on.
        expect(row.status).toBe(from === "running" ? "running" : "cancelled");
      } else {
        await expect(cancelTicket(t.database, ticket.id)).rejects.toBeInstanceOf(ConflictError);
        expect(await snapshot(ticket.id)).toEqual(before);
      }
    }
  });
});
