// The single-ticket read (GET ticket), on both drivers: one prepared statement carries the ticket and
// its outputs (issue 14), shows what is stored now on every call (the statement is built once, its
// values are not), and hides a ticket from a user who is not a member of its project.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine } from "../engine/seed.js";
import { createAccount } from "../../src/auth/accounts.js";
import { submitTicket } from "../../src/engine/index.js";
import { leaseOf } from "../../src/engine/lease.js";
import { createTicketPorts } from "../../src/engine/ports.js";
import { claimTickets } from "../../src/engine/sql/claim-tickets.js";
import { projectMembers, workTickets } from "../../src/db/schema.js";
import { getTicketView, listOutputs, outputView } from "../../src/db/repositories/tickets.js";

describe.each(DRIVERS)("the single-ticket read on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  let member: string;
  let outsider: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
    member = (await createAccount(t.database, { email: "member@example.com", name: "Member", password: "a long password 1" })).id;
    outsider = (await createAccount(t.database, { email: "outsider@example.com", name: "", password: "a long password 2" })).id;
    await t.database.db.insert(projectMembers).values({ projectId, userId: member, role: "viewer" });
  });
  afterAll(async () => {
    await t.cleanup();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reads the ticket and its outputs in one statement, as stored at each call", async () => {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "One read" } });
    expect((await getTicketView(t.database.db, ticket.id, { withOutputs: true, visibleTo: member }))?.outputs).toEqual([]);

    const [claimed] = await claimTickets(t.database.db, { workerId: "w", limit: 1, leaseMs: 30_000 });
    const ports = createTicketPorts({ database: t.database, ticket: claimed!, lease: leaseOf(claimed!) });
    await ports.writeTodos([{ content: "Draft", status: "in_progress", activeForm: "Drafting" }]);
    await ports.emitOutput({ title: "Text", body: "Body", outputType: "report", generationMethod: "text" });
    await ports.emitOutput({
      title: "Deck",
      body: "A deck",
      outputType: "deck",
      generationMethod: "skill",
      file: { key: "k/deck.pptx", format: "pptx", mime: "application/vnd.ms-powerpoint", bytes: 1234, filename: "deck.pptx" },
      sources: [{ id: "00000000-0000-4000-8000-000000000001", title: "Notes" }],
      grounding: { figures: 2, verified: 1, unverified: ["12%"] },
    });

    const raw = t.database.raw;
    const statements = raw.kind === "postgres" ? vi.spyOn(raw.pool, "query") : vi.spyOn(raw.client, "query");
    const view = await getTicketView(t.database.db, ticket.id, { withOutputs: true, visibleTo: member });
    expect(statements.mock.calls.length).toBe(1);
    expect(view).toMatchObject({ id: ticket.id, status: "running", recipe_name: "Test report" });
    expect(view!.todos.map((x) => [x.content, x.status])).toEqual([["Draft", "in_progress"]]);
    expect(view!.outputs).toEqual((await listOutputs(t.database.db, ticket.id)).map(outputView));
    expect(view!.outputs!.map((o) => o.title)).toEqual(["Text", "Deck"]);
    expect(view!.last_event_id).toBeGreaterThan(0);

    // The same statement again: what changed since shows.
    await t.database.db.update(workTickets).set({ status: "cancelled" }).where(eq(workTickets.id, ticket.id));
    expect((await getTicketView(t.database.db, ticket.id, { withOutputs: true, visibleTo: member }))?.status).toBe("cancelled");
    expect(await getTicketView(t.database.db, ticket.id)).toMatchObject({ status: "cancelled" });
    expect((await getTicketView(t.database.db, ticket.id))?.outputs).toBeUndefined();
  });

  it("a user who is not a member of the ticket's project reads nothing; inside a transaction the read is the transaction's", async () => {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "Hidden" } });
    expect(await getTicketView(t.database.db, ticket.id, { withOutputs: true, visibleTo: outsider })).toBeNull();
    expect(await getTicketView(t.database.db, ticket.id, { withOutputs: true, visibleTo: member })).not.toBeNull();
    const rolledBack = new Error("roll back");
    await expect(
      t.database.db.transaction(async (tx) => {
        await tx.update(workTickets).set({ status: "cancelled" }).where(eq(workTickets.id, ticket.id));
        expect((await getTicketView(tx, ticket.id, { withOutputs: true, visibleTo: member }))?.status).toBe("cancelled");
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect((await getTicketView(t.database.db, ticket.id, { withOutputs: true, visibleTo: member }))?.status).toBe("pending");
  });
});
