// The LLM provider through the whole stack on both drivers: submit → worker → runtime (real todos,
// project-scoped context search, skills, storage, outputs, usage) → AI SDK over HTTP → a scripted fake
// OpenAI-compatible server. Also a cancel while the model is mid-stream.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmProvider } from "../../src/agents/llm/index.js";
import { createAgentRunner } from "../../src/agents/runtime.js";
import { insertContextItem, readContextItems } from "../../src/db/repositories/context.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { listOutputs } from "../../src/db/repositories/tickets.js";
import { workRequests } from "../../src/db/schema.js";
import { cancelTicket, createWorker, submitTicket, waitForTicketEnd, type Worker } from "../../src/engine/index.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { createLocalFileStore, type FileStore } from "../../src/storage/index.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server.js";

const NOTES = [
  { title: "Q3 board update", body: "Revenue grew 12% to $4.2M in Q3 2024. Churn fell to 3.1%." },
  { title: "Hiring plan", body: "We hired 7 engineers in September and plan 4 more in Q4." },
];
const PLAN = [
  { content: "Find the revenue figures", status: "in_progress", activeForm: "Finding the revenue figures" },
  { content: "Build the deck", status: "pending", activeForm: "Building the deck" },
  { content: "Save the deck", status: "pending", activeForm: "Saving the deck" },
];
const done = (upTo: number) => PLAN.map((t, i) => ({ ...t, status: i < upTo ? "completed" : i === upTo ? "in_progress" : "pending" }));

describe.each(DRIVERS)("llm provider through the engine and runtime (%s)", (driver) => {
  let t: TestDatabase;
  let server: FakeOpenAiServer;
  let dataDir: string;
  let store: FileStore;
  let worker: Worker;
  let projectId: string;
  let revenueItemId: string;

  beforeAll(async () => {
    [t, server] = await Promise.all([openTestDatabase(driver), startFakeOpenAiServer()]);
    dataDir = await mkdtemp(join(tmpdir(), "llm-e2e-"));
    store = createLocalFileStore(join(dataDir, "files"));
    await syncRecipes(t.database);
    const project = await createProject(t.database.db, { name: "Northwind", description: "" });
    projectId = project.id;
    for (const n of NOTES) {
      await insertContextItem(t.database.db, { projectId, title: n.title, kind: "note", bytes: Buffer.byteLength(n.body), body: n.body });
    }
    const items = await readContextItems(t.database.db, projectId);
    revenueItemId = items.find((i) => i.title === "Q3 board update")!.id;

    const llm = createLlmProvider({ provider: "openai-compatible", model: "fake-e2e", baseUrl: server.baseUrl }, { maxRetries: 0 });
    const runner = createAgentRunner({
      database: t.database,
      store,
      config: { agentProvider: "llm", builtinStepDelayMs: 0 },
      providers: { llm },
    });
    worker = createWorker({ database: t.database, runner, concurrency: 1, leaseMs: 30_000, shutdownGraceMs: 2_000, pollMs: 200 });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await t?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("completes a deck ticket from streamed tool calls: todos, sourced deck file, output, usage", async () => {
    server.requests.length = 0;
    server.script([
      { toolCalls: [{ name: "todo_write", arguments: { todos: done(0) } }], usage: { prompt_tokens: 300, completion_tokens: 40 } },
      { toolCalls: [{ name: "search_context", arguments: { query: "revenue" } }], usage: { prompt_tokens: 400, completion_tokens: 10 } },
      {
        toolCalls: [
          { name: "todo_write", arguments: { todos: done(1) } },
          {
            name: "create_pptx",
            arguments: {
              filename: "northwind-q3.pptx",
              title: "Northwind Q3",
              slides: [{ title: "Revenue", bullets: [{ text: "Revenue grew 12% to $4.2M in Q3 2024", source_id: revenueItemId }] }],
            },
          },
        ],
        usage: { prompt_tokens: 600, completion_tokens: 120 },
      },
      {
        toolCalls: [
          {
            name: "emit_work_output",
            arguments: {
              title: "Northwind Q3 deck",
              body: "Revenue grew 12% to $4.2M (Q3 board update).",
              output_type: "executive_summary",
              file_key: "file_1",
              source_ids: [revenueItemId],
            },
          },
          { name: "todo_write", arguments: { todos: done(3) } },
        ],
        usage: { prompt_tokens: 700, completion_tokens: 60 },
      },
      { text: "Saved the deck.", usage: { prompt_tokens: 800, completion_tokens: 5 } },
    ]);

    const { ticket } = await submitTicket(t.database, {
      projectId,
      recipeSlug: "executive-summary-deck",
      parameters: { topic: "Q3 revenue" },
    });
    const ended = await waitForTicketEnd(t.database, ticket.id, 30_000);

    expect(ended.status, ended.metadata.error_message ?? "").toBe("completed");
    expect(server.requests).toHaveLength(5);
    // The recipe's own instructions and the validated parameters (defaults filled in) reached the model.
    const prompt = server.requests[0]!.body.messages.map((m) => String(m.content)).join("\n");
    expect(prompt).toContain('producing "Executive summary deck"');
    expect(prompt).toContain("Q3 revenue");

    const todos = ended.metadata.final_todos ?? [];
    expect(todos.map((x) => [x.content, x.status])).toEqual(PLAN.map((x) => [x.content, "completed"]));
    expect(todos.every((x) => x.started_at !== null && x.completed_at !== null)).toBe(true);

    const rows = await listOutputs(t.database.db, ticket.id);
    expect(rows).toHaveLength(1);
    const out = rows[0]!;
    expect(out).toMatchObject({
      title: "Northwind Q3 deck",
      generationMethod: "skill",
      outputType: "executive_summary",
      fileFormat: "pptx",
      filename: "northwind-q3.pptx",
      sources: [{ id: revenueItemId, title: "Q3 board update" }],
    });
    const file = await store.get(out.fileKey!);
    expect(file?.bytes).toBe(out.bytes);
    expect((await file!.read()).subarray(0, 2).toString("latin1")).toBe("PK");

    const [request] = await t.database.db.select().from(workRequests).where(eq(workRequests.id, ended.requestId));
    expect(request?.usage).toEqual({ input_tokens: 2800, output_tokens: 235, model: "fake-e2e" });
  });

  it("cancels promptly while the model is mid-stream", async () => {
    server.requests.length = 0;
    server.script([{ toolCalls: [{ name: "todo_write", arguments: { todos: done(0) } }] }, { hang: true, text: "Thinking" }]);
    const { ticket } = await submitTicket(t.database, {
      projectId,
      recipeSlug: "executive-summary-deck",
      parameters: { topic: "Q3 revenue" },
    });
    await server.hanging();
    const cancelledAt = performance.now();
    await cancelTicket(t.database, ticket.id);
    const ended = await waitForTicketEnd(t.database, ticket.id, 10_000);
    const endedMs = performance.now() - cancelledAt;
    const goneMs = (await server.clientGone()) - cancelledAt;
    console.log(`${driver}: cancel → HTTP stream closed in ${goneMs.toFixed(0)} ms, ticket cancelled in ${endedMs.toFixed(0)} ms`);

    expect(ended.status).toBe("cancelled");
    expect(goneMs).toBeLessThan(1_000);
    expect(endedMs).toBeLessThan(2_000);
    expect(ended.metadata.final_todos?.map((x) => x.status)).toEqual(["in_progress", "pending", "pending"]);
    expect(await listOutputs(t.database.db, ticket.id)).toHaveLength(0);
  });
});
