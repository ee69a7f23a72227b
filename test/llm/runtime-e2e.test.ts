// The LLM provider through the whole stack on both drivers: submit → worker → runtime (real todos,
// project-scoped context search, skills, storage, outputs, usage) → AI SDK over HTTP → a scripted fake
// OpenAI-compatible server. Also what a person sees when it goes wrong: the output contract's repair
// turn and error, a flagged figure on the stored output, a stall, cancels mid-stream and mid-tool,
// the activity log in order, and usage (with cost) on failed and cancelled tickets.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmProvider } from "../../src/agents/llm/index.js";
import { createAgentRunner } from "../../src/agents/runtime.js";
import { insertContextItem, readContextItems } from "../../src/db/repositories/context.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { listOutputs } from "../../src/db/repositories/tickets.js";
import { ticketEvents, workRequests } from "../../src/db/schema.js";
import type { AgentProvider } from "../../src/agents/context.js";
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
  let pdfDelay: (() => Promise<void>) | undefined;

  const submitDeck = () =>
    submitTicket(t.database, { projectId, recipeSlug: "executive-summary-deck", parameters: { topic: "Q3 revenue" } });
  const usageOf = async (requestId: string) =>
    (await t.database.db.select().from(workRequests).where(eq(workRequests.id, requestId)))[0]?.usage;
  const activityOf = async (ticketId: string) =>
    (await t.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.id)))
      .filter((e) => e.type === "log")
      .map((e) => e.data as { kind?: string; tool?: string; outcome?: string; message: string });

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

    const llm = createLlmProvider(
      {
        provider: "openai-compatible",
        model: "fake-e2e",
        baseUrl: server.baseUrl,
        prices: { "fake-e2e": { input_per_mtok: 2, output_per_mtok: 8 } },
      },
      { idleTimeoutMs: 1_500 },
    );
    // A test may slow the PDF skill down, to cancel while a tool runs.
    const slowable: AgentProvider = {
      name: "llm",
      run: (ctx) =>
        llm.run(
          pdfDelay === undefined
            ? ctx
            : { ...ctx, skills: { ...ctx.skills, pdf: async (spec) => (await pdfDelay!(), ctx.skills.pdf(spec)) } },
        ),
    };
    const runner = createAgentRunner({
      database: t.database,
      store,
      config: { agentProvider: "llm", builtinStepDelayMs: 0 },
      providers: { llm: slowable },
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
              body: "Revenue grew 12% to $4.2M (Q3 board update).\n\n## Sources\n- Q3 board update",
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

    // Each call's tokens at the configured price: 2800 × $2 + 235 × $8 per million tokens.
    expect(await usageOf(ended.requestId)).toEqual({
      input_tokens: 2800,
      output_tokens: 235,
      model: "fake-e2e",
      provider: "openai-compatible",
      cost_usd: (2800 * 2 + 235 * 8) / 1e6,
    });
    expect(out.grounding).toEqual({ figures: 4, verified: 4, unverified: [] });
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
    // The step the cancel interrupted is kept as stopped (with when), not left "in progress" forever.
    expect(ended.metadata.final_todos?.map((x) => x.status)).toEqual(["stopped", "pending", "pending"]);
    expect(ended.todos.map((x) => x.status)).toEqual(["stopped", "pending", "pending"]);
    expect(Date.parse(ended.metadata.final_todos?.[0]?.completed_at ?? "")).toBeGreaterThanOrEqual(
      Date.parse(ended.metadata.final_todos?.[0]?.started_at ?? ""),
    );
    expect(await listOutputs(t.database.db, ticket.id)).toHaveLength(0);
    // The call that finished before the cancel is accounted on the cancelled ticket.
    expect(await usageOf(ended.requestId)).toMatchObject({
      input_tokens: 100,
      output_tokens: 20,
      provider: "openai-compatible",
      cost_usd: 0.00036,
    });
  });

  it("fails a deck ticket answered with text only after one repair turn, saying what is missing; usage and activity recorded", async () => {
    server.requests.length = 0;
    server.script([
      { toolCalls: [{ name: "todo_write", arguments: { todos: done(0) } }] },
      { text: "Revenue grew 12% in Q3." },
      { text: "Revenue grew 12% in Q3, as I said." },
    ]);
    const { ticket } = await submitDeck();
    const ended = await waitForTicketEnd(t.database, ticket.id, 30_000);
    expect(ended.status).toBe("failed");
    // The built-in deck recipe's contract: a pptx and a "Sources" heading.
    expect(ended.metadata.error_message).toBe(
      'The model finished without the required PowerPoint deck (pptx) and the required section "Sources" as headings in the Markdown; it answered with text only',
    );
    expect(await listOutputs(t.database.db, ticket.id)).toHaveLength(0);
    const activity = await activityOf(ticket.id);
    expect(activity.map((l) => [l.kind, l.tool ?? null, l.outcome ?? null])).toEqual([
      ["tool_call", "todo_write", "accepted"],
      ["model_text", null, null],
      ["repair", null, null],
      ["model_text", null, null],
    ]);
    expect(activity[1]?.message).toBe("Revenue grew 12% in Q3.");
    expect(await usageOf(ended.requestId)).toEqual({
      input_tokens: 300,
      output_tokens: 60,
      model: "fake-e2e",
      provider: "openai-compatible",
      cost_usd: (300 * 2 + 60 * 8) / 1e6,
    });
  });

  it("flags a figure no cited item states on the stored output, after one repair turn", async () => {
    const emit = {
      name: "emit_work_output",
      arguments: {
        title: "Q3 deck",
        body: "Revenue grew 15% (Q3 board update).\n\n## Sources\n- Q3 board update",
        output_type: "executive_summary",
        file_key: "file_1",
        source_ids: [revenueItemId],
      },
    };
    server.script([
      { toolCalls: [{ name: "search_context", arguments: { query: "revenue" } }] },
      {
        toolCalls: [
          {
            name: "create_pptx",
            arguments: {
              filename: "q3.pptx",
              title: "Northwind",
              slides: [{ title: "Revenue", bullets: [{ text: "Revenue grew 12% to $4.2M", source_id: revenueItemId }] }],
            },
          },
        ],
      },
      { toolCalls: [emit] },
      { toolCalls: [emit] },
      { text: "Saved." },
    ]);
    const { ticket } = await submitDeck();
    const ended = await waitForTicketEnd(t.database, ticket.id, 30_000);
    expect(ended.status, ended.metadata.error_message ?? "").toBe("completed");
    const rows = await listOutputs(t.database.db, ticket.id);
    expect(rows.map((r) => [r.fileFormat, r.grounding])).toEqual([["pptx", { figures: 4, verified: 3, unverified: ["15%"] }]]);
    const activity = await activityOf(ticket.id);
    expect(activity.filter((l) => l.tool === "emit_work_output").map((l) => [l.kind, l.outcome ?? null])).toEqual([
      ["repair", null],
      ["tool_call", "rejected"],
      ["tool_call", "repaired"],
    ]);
  });

  it("fails the attempt as 'model stalled' when the stream goes quiet", async () => {
    server.script([{ hang: true, text: "Let me think" }]);
    const { ticket } = await submitDeck();
    const ended = await waitForTicketEnd(t.database, ticket.id, 15_000);
    expect(ended.status).toBe("failed");
    expect(ended.metadata.error_message).toBe("model stalled: no data from openai-compatible fake-e2e for 1.5 s");
    expect((await activityOf(ticket.id)).filter((l) => l.kind === "limit").map((l) => l.message)).toEqual([
      "Model stalled: no data from openai-compatible fake-e2e for 1.5 s",
    ]);
  });

  it("cancels during a tool call without waiting for it; the usage so far stays on the ticket", async () => {
    let release!: () => void;
    let started!: () => void;
    const toolStarted = new Promise<void>((resolve) => (started = resolve));
    pdfDelay = () => {
      started();
      return new Promise<void>((resolve) => (release = resolve));
    };
    try {
      server.script([
        { toolCalls: [{ name: "todo_write", arguments: { todos: done(0) } }], usage: { prompt_tokens: 500, completion_tokens: 50 } },
        {
          toolCalls: [{ name: "create_pdf", arguments: { filename: "a.pdf", title: "A", markdown: "# A" } }],
          usage: { prompt_tokens: 600, completion_tokens: 60 },
        },
        { text: "never asked" },
      ]);
      const { ticket } = await submitDeck();
      await toolStarted;
      const at = performance.now();
      await cancelTicket(t.database, ticket.id);
      const ended = await waitForTicketEnd(t.database, ticket.id, 10_000);
      const tookMs = performance.now() - at;
      console.log(`${driver}: cancel during a tool call → ticket cancelled in ${tookMs.toFixed(0)} ms`);
      expect(ended.status).toBe("cancelled");
      expect(tookMs).toBeLessThan(2_000);
      expect(await usageOf(ended.requestId)).toMatchObject({
        input_tokens: 1100,
        output_tokens: 110,
        cost_usd: (1100 * 2 + 110 * 8) / 1e6,
      });
    } finally {
      release?.();
      pdfDelay = undefined;
    }
  });
});
