// The agent's step writes (src/engine/ports.ts), on both drivers: each is one statement outside any
// transaction (issue 14: a transaction held the embedded database's one connection across the main
// thread's round trips), and still fenced by the run's lease — a port whose lease is gone writes no
// todos, no output and no event — and still appends its event with a NOTIFY of the event's id.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { workOutputs, workTickets } from "../../src/db/schema.js";
import { CHANNELS } from "../../src/domain/events.js";
import { submitTicket, TicketNotHeldError } from "../../src/engine/index.js";
import { leaseOf } from "../../src/engine/lease.js";
import { createTicketPorts } from "../../src/engine/ports.js";
import { claimTickets } from "../../src/engine/sql/claim-tickets.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { eventsOf, seedEngine } from "./seed.js";

const output = { title: "A report", body: "…", outputType: "report", generationMethod: "text" as const };

describe.each(DRIVERS)("ticket ports on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
  });
  afterAll(async () => {
    await t.cleanup();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await t.database.db.execute(
      sql`UPDATE work_tickets SET status = 'cancelled', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL WHERE status IN ('pending', 'running')`,
    );
  });

  async function claimOne() {
    await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "ports" } });
    const [claimed] = await claimTickets(t.database.db, { workerId: "w", limit: 1, leaseMs: 30_000 });
    return claimed!;
  }
  const ticketRow = async (id: string) => (await t.database.db.select().from(workTickets).where(eq(workTickets.id, id)))[0]!;
  const outputsOf = (id: string) => t.database.db.select().from(workOutputs).where(eq(workOutputs.ticketId, id));

  /** Counts the statements sent to the driver and the transactions opened, from here on. */
  function countStatements() {
    const transactions = vi.spyOn(t.database.db, "transaction");
    const raw = t.database.raw;
    const statements = raw.kind === "postgres" ? vi.spyOn(raw.pool, "query") : vi.spyOn(raw.client, "query");
    return { transactions: () => transactions.mock.calls.length, statements: () => statements.mock.calls.length };
  }

  it("each step write is one statement outside any transaction, and appends its event with a NOTIFY of its id", async () => {
    const claimed = await claimOne();
    const ports = createTicketPorts({ database: t.database, ticket: claimed, lease: leaseOf(claimed) });
    const notified: string[] = [];
    const unlisten = await t.database.listen(CHANNELS.events, (id) => notified.push(id));
    try {
      // The first todo write reads the stored list once; every write after it is one statement.
      await ports.writeTodos([{ content: "Draft", status: "in_progress", activeForm: "Drafting" }]);
      const count = countStatements();
      const todos = await ports.writeTodos([
        { content: "Draft", status: "completed", activeForm: "Drafting" },
        { content: "Check", status: "in_progress", activeForm: "Checking" },
      ]);
      expect(count.statements()).toBe(1);
      const { id: outputId } = await ports.emitOutput(output);
      expect(count.statements()).toBe(2);
      await ports.log("info", "checked", { kind: "tool_call" });
      expect(count.statements()).toBe(3);
      expect(count.transactions()).toBe(0);

      expect((await ticketRow(claimed.id)).todos).toEqual(todos);
      const [stored] = await outputsOf(claimed.id);
      expect(stored).toMatchObject({ id: outputId, title: "A report", agentType: claimed.agentType, outputType: "report", sources: [] });
      const events = (await eventsOf(t.database, claimed.id)).filter((e) => e.type !== "status");
      expect(events.map((e) => e.type)).toEqual(["todos", "todos", "output", "log"]);
      expect(events[1]!.data).toEqual({ todos });
      expect(events[2]!.data).toEqual({ output_id: outputId, title: "A report", file_format: null, output_type: "report" });
      expect(events[3]!.data).toEqual({ level: "info", message: "checked", kind: "tool_call" });
      await vi.waitFor(() => expect(notified).toEqual(expect.arrayContaining(events.map((e) => String(e.id)))));
    } finally {
      await unlisten();
    }
  });

  it("a todo write stamps the list as stored: one the engine rewrote under the run is read again, not overwritten", async () => {
    const claimed = await claimOne();
    const ports = createTicketPorts({ database: t.database, ticket: claimed, lease: leaseOf(claimed) });
    await ports.writeTodos([{ content: "Draft", status: "in_progress", activeForm: "Drafting" }]);
    const earlier = "2020-01-01T00:00:00.000Z";
    const rewritten = [
      { content: "Draft", status: "in_progress" as const, activeForm: "Drafting", started_at: earlier, completed_at: null },
    ];
    await t.database.db.update(workTickets).set({ todos: rewritten }).where(eq(workTickets.id, claimed.id));
    const todos = await ports.writeTodos([{ content: "Draft", status: "completed", activeForm: "Drafting" }]);
    expect(todos[0]).toMatchObject({ status: "completed", started_at: earlier });
    expect((await ticketRow(claimed.id)).todos).toEqual(todos);
  });

  it("a port whose lease was lost between two writes writes nothing: no todos, no output, no event", async () => {
    const claimed = await claimOne();
    const ports = createTicketPorts({ database: t.database, ticket: claimed, lease: leaseOf(claimed) });
    const before = await ports.writeTodos([{ content: "Draft", status: "in_progress", activeForm: "Drafting" }]);
    const eventsBefore = await eventsOf(t.database, claimed.id);
    // Another run of the same attempt number holds it now (reaped and re-claimed: a new owner token).
    await t.database.db.execute(sql`UPDATE work_tickets SET lease_token = gen_random_uuid() WHERE id = ${claimed.id}::uuid`);

    await expect(ports.writeTodos([{ content: "Draft", status: "completed", activeForm: "Drafting" }])).rejects.toBeInstanceOf(
      TicketNotHeldError,
    );
    await expect(ports.emitOutput(output)).rejects.toBeInstanceOf(TicketNotHeldError);
    await expect(ports.log("info", "late")).rejects.toBeInstanceOf(TicketNotHeldError);
    expect((await ticketRow(claimed.id)).todos).toEqual(before);
    expect(await outputsOf(claimed.id)).toHaveLength(0);
    expect(await eventsOf(t.database, claimed.id)).toEqual(eventsBefore);

    // The same after the ticket ended (a cancel that finished it): what it had done stays.
    await t.database.db.execute(sql`UPDATE work_tickets SET lease_token = ${claimed.leaseToken}::uuid WHERE id = ${claimed.id}::uuid`);
    await ports.emitOutput(output);
    await t.database.db.execute(sql`UPDATE work_tickets SET status = 'cancelled', lease_token = NULL WHERE id = ${claimed.id}::uuid`);
    await expect(ports.writeTodos([{ content: "Draft", status: "completed", activeForm: "Drafting" }])).rejects.toBeInstanceOf(
      TicketNotHeldError,
    );
    await expect(ports.log("info", "late")).rejects.toBeInstanceOf(TicketNotHeldError);
    expect((await ticketRow(claimed.id)).todos).toEqual(before);
    expect(await outputsOf(claimed.id)).toHaveLength(1);
    expect((await eventsOf(t.database, claimed.id)).filter((e) => e.type !== "status").map((e) => e.type)).toEqual(["todos", "output"]);
  });
});
