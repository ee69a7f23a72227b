// Issue 16, both drivers, through the HTTP API and a real worker: an agent asks, the ticket waits
// holding no worker, a person answers (or the question expires), and the run resumes where it asked.
// The deck recipe's outline review runs the real builtin agent; the other cases use a small "asker"
// provider whose output names the answer it got.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AgentProvider } from "../../src/agents/context.js";
import { createAgentPool, type AgentPool } from "../../src/agents/pool/index.js";
import { createAgentRunner } from "../../src/agents/runtime.js";
import { insertContextItem } from "../../src/db/repositories/context.js";
import { upsertRecipe } from "../../src/db/repositories/recipes.js";
import { listOutputs } from "../../src/db/repositories/tickets.js";
import { ticketQuestions, workTickets } from "../../src/db/schema.js";
import { TicketEvent } from "../../src/domain/events.js";
import { createWorker, type Worker } from "../../src/engine/index.js";
import { sql } from "drizzle-orm";
import JSZip from "jszip";
import { createLocalFileStore } from "../../src/storage/index.js";
import { postJson } from "../helpers/api-app.js";
import { createTestApi } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { NORTHWIND_NOTES } from "../agents/fixtures.js";
import { eventsOf, testRecipe, until } from "../engine/seed.js";

const COLOUR_SCHEMA = {
  type: "object",
  required: ["colour"],
  properties: { colour: { type: "string", title: "Colour", enum: ["red", "blue"] } },
};

describe.each(DRIVERS)("human in the loop on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let owner: TestUser;
  let projectId: string;
  let dataDir: string;
  let pool: AgentPool;
  let worker: Worker | null = null;
  /** Runs of the asker per ticket: a resumed ticket is run exactly twice. */
  const askerRuns = new Map<string, number>();

  const asker: AgentProvider = {
    name: "asker",
    async run(ctx) {
      askerRuns.set(ctx.ticket.id, (askerRuns.get(ctx.ticket.id) ?? 0) + 1);
      await ctx.todos.write([
        { content: "Ask", activeForm: "Asking", status: "in_progress" },
        { content: "Write", activeForm: "Writing", status: "pending" },
      ]);
      const p = ctx.parameters;
      const answer = await ctx.ask({
        question: "Which colour?",
        answer_schema: COLOUR_SCHEMA,
        default: p.with_default === true ? { colour: "blue" } : undefined,
        expires_in: typeof p.expires_in === "number" ? p.expires_in : undefined,
      });
      await ctx.todos.write([
        { content: "Ask", activeForm: "Asking", status: "completed" },
        { content: "Write", activeForm: "Writing", status: "in_progress" },
      ]);
      await ctx.outputs.emit({
        title: `Colour ${String(answer.colour)}`,
        body: "The answer.",
        outputType: "note",
        generationMethod: "text",
      });
    },
  };

  function startWorker(): Promise<void> {
    const store = createLocalFileStore(join(dataDir, "files"));
    const runner = createAgentRunner({
      database: t.database,
      store,
      pool,
      config: { agentProvider: "builtin", builtinStepDelayMs: 0 },
      providers: { asker },
    });
    // One slot: a waiting ticket must not hold it.
    worker = createWorker({
      database: t.database,
      runner,
      concurrency: 1,
      leaseMs: 30_000,
      shutdownGraceMs: 2_000,
      pollMs: 200,
      expiryMs: 100,
    });
    return worker.start();
  }

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    dataDir = await mkdtemp(join(tmpdir(), "hitl-"));
    pool = createAgentPool({ size: 0 });
    ({ app, owner, projectId } = await createTestApi(t));
    for (const n of NORTHWIND_NOTES) {
      await insertContextItem(t.database.db, {
        projectId,
        title: n.title,
        kind: "note",
        bytes: Buffer.byteLength(n.body),
        body: n.body,
        mime: "text/markdown",
        internal: n.internal ?? false,
      });
    }
    await upsertRecipe(
      t.database.db,
      testRecipe({
        slug: "test-ask",
        provider: "asker",
        parameters: {
          type: "object",
          required: [],
          properties: { with_default: { type: "boolean", title: "With default" }, expires_in: { type: "integer", title: "Expires in" } },
        },
      }),
    );
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });
  afterAll(async () => {
    await pool?.close();
    await t?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function submit(recipe: string, parameters: Record<string, unknown>): Promise<string> {
    const res = await postJson(app, `/api/work/reporting/execute`, { project_id: projectId, recipe_slug: recipe, parameters });
    expect(res.status, await res.clone().text()).toBe(202);
    return ((await res.json()) as { work_ticket_id: string }).work_ticket_id;
  }

  async function ticket(id: string) {
    const [row] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, id));
    return row!;
  }

  const statusIs = (id: string, status: string) => until(async () => (await ticket(id)).status === status && ticket(id), 30_000);
  const answer = (id: string, body: unknown, client: TestClient = app) => postJson(client, `/api/work/tickets/${id}/answer`, body);

  it("reviews a deck's outline: waits holding no worker, another ticket runs meanwhile, the edited outline is built", async () => {
    await startWorker();
    const id = await submit("executive-summary-deck", { topic: "Q3 revenue and churn", review_outline: true });
    const waiting = await statusIs(id, "waiting");
    expect(waiting.leaseToken).toBeNull();
    expect(waiting.attempt).toBe(1);
    expect(worker!.running()).toBe(0);
    expect(await listOutputs(t.database.db, id)).toEqual([]);
    // The waiting step is shown as the one in progress.
    expect(waiting.todos.find((s) => s.status === "in_progress")?.content).toBe("Review the outline");

    const q = await app.request(`/api/work/tickets/${id}/question`);
    expect(q.status).toBe(200);
    const question = (await q.json()) as { answered: boolean; default: { outline: string } };
    expect(question.answered).toBe(false);
    const drafted = question.default.outline;
    expect(drafted).toMatch(/^## /);

    // The one slot is free: a second ticket runs to the end while the first waits.
    const other = await submit("status-report", { topic: "warehouse migration" });
    await statusIs(other, "completed");
    expect((await ticket(id)).status).toBe("waiting");

    // An emptied outline is refused (the draft is the question's default, not filled into an empty field).
    const emptied = await answer(id, { answer: { outline: "" } });
    expect(emptied.status).toBe(422);
    expect(((await emptied.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("answer/outline");

    // Keep the first drafted slide (renamed) with a bullet a person wrote, drop the rest.
    const firstSlide = drafted.split("\n\n")[0]!;
    const edited = `${firstSlide.replace(/^## .*$/m, "## Edited title for the board")}\n- A bullet a person wrote\n\n## A slide of our own\n- Second thought`;
    const res = await answer(id, { answer: { outline: edited } });
    expect(res.status, await res.clone().text()).toBe(200);

    const done = await statusIs(id, "completed");
    expect(done.attempt).toBe(1); // waiting spent no attempt
    const outputs = await listOutputs(t.database.db, id);
    expect(outputs.map((o) => o.outputType).sort()).toEqual(["deck_outline", "presentation"]);
    const outline = outputs.find((o) => o.outputType === "deck_outline")!;
    expect(outline.body).toContain("Edited title for the board");
    expect(outline.body).toContain("A bullet a person wrote");
    expect(outline.body).toContain("A slide of our own");
    const deck = outputs.find((o) => o.outputType === "presentation")!;
    expect(deck.body).toContain("2 slide(s) (Edited title for the board; A slide of our own)");
    // The file itself: title slide, the two reviewed slides, sources — and the person's words on them.
    const file = await createLocalFileStore(join(dataDir, "files")).get(deck.fileKey!);
    const zip = await JSZip.loadAsync(await file!.read());
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    const xml = (await Promise.all(slides.map((n) => zip.file(n)!.async("string")))).join("\n");
    for (const words of ["Edited title for the board", "A bullet a person wrote", "A slide of our own", "Second thought"])
      expect(xml).toContain(words);
    expect(slides.length).toBeLessThanOrEqual(4);
    expect(done.metadata.final_todos?.map((s) => `${s.content}:${s.status}`)).toContain("Review the outline:completed");

    // The log: running → waiting → (answer by the owner) → running (from waiting) → completed.
    const events = (await eventsOf(t.database, id)).map((e) =>
      TicketEvent.parse({ ...e, id: e.id, ticket_id: e.ticketId, project_id: e.projectId, created_at: e.createdAt.toISOString() }),
    );
    const story = events.flatMap((e) =>
      e.type === "status" ? [`${e.data.previous}→${e.data.status}`] : e.type === "answer" ? [`answer by ${e.data.answered_by}`] : [],
    );
    expect(story).toEqual([
      `null→pending`,
      "pending→running",
      "running→waiting",
      `answer by ${owner.id}`,
      "waiting→running",
      "running→completed",
    ]);
  }, 90_000);

  it("takes the first of two concurrent answers; the second gets 409, and the answer is used once", async () => {
    await startWorker();
    const id = await submit("test-ask", {});
    await statusIs(id, "waiting");
    const [a, b] = await Promise.all([answer(id, { answer: { colour: "red" } }), answer(id, { answer: { colour: "blue" } })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? "red" : "blue";
    await statusIs(id, "completed");
    expect((await listOutputs(t.database.db, id)).map((o) => o.title)).toEqual([`Colour ${winner}`]);
    expect((await eventsOf(t.database, id)).filter((e) => e.type === "answer")).toHaveLength(1);
    expect(askerRuns.get(id)).toBe(2);
    // Answering again after it resumed: not waiting any more.
    expect((await answer(id, { answer: { colour: "red" } })).status).toBe(409);
  }, 30_000);

  it("refuses an answer that does not match the schema (422 naming the field) and keeps waiting", async () => {
    await startWorker();
    const id = await submit("test-ask", {});
    await statusIs(id, "waiting");
    const bad = await answer(id, { answer: { colour: "green" } });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([{ field: "answer/colour", message: "Colour must be one of: red, blue" }]);
    const missing = await answer(id, { answer: {} });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("answer/colour");
    expect((await answer(id, { nothing: true })).status).toBe(422);
    expect((await ticket(id)).status).toBe("waiting");
    const [row] = await t.database.db.select().from(ticketQuestions).where(eq(ticketQuestions.ticketId, id));
    expect(row?.answeredAt).toBeNull();
  }, 30_000);

  it("applies the default when the question expires, and says so in the log", async () => {
    await startWorker();
    const id = await submit("test-ask", { with_default: true, expires_in: 1 });
    await statusIs(id, "waiting");
    await statusIs(id, "completed");
    expect((await listOutputs(t.database.db, id)).map((o) => o.title)).toEqual(["Colour blue"]);
    const answered = (await eventsOf(t.database, id)).filter((e) => e.type === "answer");
    expect(answered.map((e) => e.data)).toEqual([
      expect.objectContaining({ answer: { colour: "blue" }, answered_by: null, source: "default" }),
    ]);
  }, 30_000);

  it("fails a ticket whose question expires without a default: 'no answer within …'", async () => {
    await startWorker();
    const id = await submit("test-ask", { expires_in: 1 });
    await statusIs(id, "waiting");
    const failed = await statusIs(id, "failed");
    expect(failed.metadata.error_message).toBe("no answer within 1 s");
    expect(failed.todos.find((s) => s.content === "Ask")?.status).toBe("stopped");
    expect(await listOutputs(t.database.db, id)).toEqual([]);
    expect((await answer(id, { answer: { colour: "red" } })).status).toBe(409);
  }, 30_000);

  it("cancels a waiting ticket at once; it can no longer be answered", async () => {
    await startWorker();
    const id = await submit("test-ask", {});
    await statusIs(id, "waiting");
    const res = await postJson(app, `/api/work/tickets/${id}/cancel`, {});
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("cancelled");
    const row = await ticket(id);
    expect(row.todos.find((s) => s.content === "Ask")?.status).toBe("stopped");
    expect((await answer(id, { answer: { colour: "red" } })).status).toBe(409);
    expect(askerRuns.get(id)).toBe(1);
  }, 30_000);

  it("lets a viewer read the question but not answer it (403)", async () => {
    await startWorker();
    const viewer = await createTestUser(t.database);
    await grantRole(t.database, projectId, viewer.id, "viewer");
    const asViewer = clientFor(app.api, viewer);
    const id = await submit("test-ask", {});
    await statusIs(id, "waiting");
    expect((await asViewer.request(`/api/work/tickets/${id}/question`)).status).toBe(200);
    expect((await answer(id, { answer: { colour: "red" } }, asViewer)).status).toBe(403);
    expect((await ticket(id)).status).toBe("waiting");
  }, 30_000);

  it("survives a worker restart while waiting: resumes once, no duplicate outputs", async () => {
    await startWorker();
    const id = await submit("test-ask", {});
    await statusIs(id, "waiting");
    await worker!.stop();
    worker = null;
    // Answered while no worker runs: the ticket waits, answered, until one starts.
    expect((await answer(id, { answer: { colour: "red" } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect((await ticket(id)).status).toBe("waiting");
    await startWorker();
    const done = await statusIs(id, "completed");
    expect(done.attempt).toBe(1);
    expect((await listOutputs(t.database.db, id)).map((o) => o.title)).toEqual(["Colour red"]);
    expect(askerRuns.get(id)).toBe(2);
    const statuses = (await eventsOf(t.database, id)).filter((e) => e.type === "status").map((e) => e.data.status);
    expect(statuses).toEqual(["pending", "running", "waiting", "running", "completed"]);
  }, 30_000);

  it("async:false answers once the ticket waits for input, not after the answer", async () => {
    await startWorker();
    const started = performance.now();
    const res = await postJson(app, `/api/work/reporting/execute`, {
      project_id: projectId,
      recipe_slug: "test-ask",
      parameters: {},
      async: false,
    });
    expect(res.status).toBe(200);
    const view = (await res.json()) as { id: string; status: string };
    expect(view.status).toBe("waiting");
    expect(performance.now() - started).toBeLessThan(20_000);
    expect((await answer(view.id, { answer: { colour: "red" } })).status).toBe(200);
    await statusIs(view.id, "completed");
  }, 30_000);

  it("lists and counts waiting tickets (status=waiting)", async () => {
    await startWorker();
    const id = await submit("test-ask", {});
    await statusIs(id, "waiting");
    const res = await app.request(`/api/work/tickets?project_id=${projectId}&status=waiting`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; status: string }[] };
    expect(body.items.map((x) => x.id)).toContain(id);
    expect(body.items.every((x) => x.status === "waiting")).toBe(true);
    // Leave nothing waiting for the other drivers' runs of this file (each has its own database anyway).
    await t.database.db.execute(sql`UPDATE work_tickets SET status = 'cancelled' WHERE id = ${id}`);
  }, 30_000);
});
