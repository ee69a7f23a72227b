// The LLM agent asks a person (issue 16), both drivers, through the engine and the runtime to a
// scripted fake OpenAI-compatible server: the model calls ask_person, the ticket waits holding no
// worker, a person answers, and the resumed run continues the same conversation — the stored
// history with the answer as the tool's result, no search repeated — and uses the answer.
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
import { ticketQuestions, workTickets } from "../../src/db/schema.js";
import { answerQuestion } from "../../src/engine/answer.js";
import { createWorker, submitTicket, waitForTicketEnd, type Worker } from "../../src/engine/index.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { createLocalFileStore } from "../../src/storage/index.js";
import { createTestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server.js";
import { until } from "../engine/seed.js";

const NOTES = [
  { title: "Q3 board update", body: "Revenue grew 12% to $4.2M in Q3 2024. Churn fell to 3.1%." },
  { title: "Draft forecast", body: "An early draft put Q3 revenue at $3.9M." },
];

describe.each(DRIVERS)("the LLM agent asks a person (%s)", (driver) => {
  let t: TestDatabase;
  let server: FakeOpenAiServer;
  let dataDir: string;
  let worker: Worker;
  let projectId: string;
  let revenueItemId: string;

  beforeAll(async () => {
    [t, server] = await Promise.all([openTestDatabase(driver), startFakeOpenAiServer()]);
    dataDir = await mkdtemp(join(tmpdir(), "llm-ask-"));
    await syncRecipes(t.database);
    projectId = (await createProject(t.database.db, { name: "Northwind", description: "" })).id;
    for (const n of NOTES) {
      await insertContextItem(t.database.db, { projectId, title: n.title, kind: "note", bytes: Buffer.byteLength(n.body), body: n.body });
    }
    revenueItemId = (await readContextItems(t.database.db, projectId)).find((i) => i.title === "Q3 board update")!.id;
    const llm = createLlmProvider({ provider: "openai-compatible", model: "fake-ask", baseUrl: server.baseUrl }, { idleTimeoutMs: 5_000 });
    const runner = createAgentRunner({
      database: t.database,
      store: createLocalFileStore(join(dataDir, "files")),
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

  it("waits on ask_person, then resumes the same conversation with the answer and uses it", async () => {
    server.requests.length = 0;
    server.script([
      { toolCalls: [{ name: "search_context", arguments: { query: "revenue" } }] },
      {
        toolCalls: [
          {
            id: "call_ask_1",
            name: "ask_person",
            arguments: { question: "Which Q3 revenue figure is current?", options: ["$4.2M", "$3.9M"], default: "$4.2M" },
          },
        ],
      },
      // — the ticket waits here; the rest is consumed by the resumed run —
      {
        toolCalls: [
          {
            name: "create_pptx",
            arguments: {
              filename: "q3.pptx",
              title: "Q3",
              slides: [{ title: "Revenue", bullets: [{ text: "Revenue grew 12% to $4.2M in Q3 2024", source_id: revenueItemId }] }],
            },
          },
        ],
      },
      {
        toolCalls: [
          {
            name: "emit_work_output",
            arguments: {
              title: "Q3 deck",
              body: "Revenue grew 12% to $4.2M (Q3 board update), the figure a person confirmed.\n\n## Sources\n- Q3 board update",
              output_type: "executive_summary",
              file_key: "file_1",
              source_ids: [revenueItemId],
            },
          },
        ],
      },
      { text: "Saved the deck." },
    ]);
    const { ticket } = await submitTicket(t.database, {
      projectId,
      recipeSlug: "executive-summary-deck",
      parameters: { topic: "Q3 revenue" },
    });

    const waiting = await until(async () => {
      const [row] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, ticket.id));
      return row?.status === "waiting" && row;
    }, 30_000);
    expect(waiting.leaseToken).toBeNull();
    expect(worker.running()).toBe(0);
    expect(server.requests).toHaveLength(2);
    const [question] = await t.database.db.select().from(ticketQuestions).where(eq(ticketQuestions.ticketId, ticket.id));
    expect(question).toMatchObject({
      key: "llm-ask-1",
      question: "Which Q3 revenue figure is current?",
      answerSchema: { type: "object", required: ["answer"], properties: { answer: { type: "string", enum: ["$4.2M", "$3.9M"] } } },
      defaultAnswer: { answer: "$4.2M" },
    });

    const person = await createTestUser(t.database);
    await answerQuestion(t.database, { ticketId: ticket.id, answer: { answer: "$4.2M" }, answeredBy: person.id });
    const ended = await waitForTicketEnd(t.database, ticket.id, 30_000);
    expect(ended.status, ended.metadata.error_message ?? "").toBe("completed");
    expect(ended.attempt).toBe(1);
    expect(server.requests).toHaveLength(5);

    // The resumed call carries the whole conversation: the search result, the ask call, and the answer as its result.
    const resumed = server.requests[2]!.body.messages;
    const toolMessages = resumed.filter((m) => m.role === "tool");
    expect(toolMessages.map((m) => m.tool_call_id)).toContain("call_ask_1");
    const answerMessage = toolMessages.find((m) => m.tool_call_id === "call_ask_1")!;
    expect(JSON.parse(String(answerMessage.content))).toEqual({ ok: true, answer: "$4.2M" });
    expect(JSON.stringify(resumed)).toContain("Revenue grew 12% to $4.2M"); // the search result, from before the wait
    expect(server.requests.slice(2).flatMap((r) => (r.body.messages.at(-1)?.role === "user" ? [r] : []))).toHaveLength(0);

    const outputs = await listOutputs(t.database.db, ticket.id);
    expect(outputs.map((o) => [o.title, o.fileFormat])).toEqual([["Q3 deck", "pptx"]]);
    expect(outputs[0]!.body).toContain("the figure a person confirmed");
  }, 60_000);

  it("asks with its own answer schema (approve/reject with a comment, a list to edit): a bad schema goes back to the model, the answer is validated, and the model reads the whole answer", async () => {
    server.requests.length = 0;
    const schema = {
      type: "object",
      required: ["decision", "findings"],
      properties: {
        decision: { type: "string", title: "Decision", enum: ["approve", "reject"] },
        comment: { type: "string", title: "Comment", "x-widget": "textarea" },
        findings: { type: "array", title: "Findings to keep", items: { type: "string" }, minItems: 1 },
      },
    };
    server.script([
      { toolCalls: [{ name: "search_context", arguments: { query: "revenue" } }] },
      // Not a schema the form can draw: the tool answers with an error and the model fixes its call.
      {
        toolCalls: [
          {
            id: "call_bad",
            name: "ask_person",
            arguments: { question: "Approve?", answer_schema: { type: "object", properties: { x: { type: "strng" } } } },
          },
        ],
      },
      // A default that does not match the schema is refused the same way.
      {
        toolCalls: [
          {
            id: "call_bad_default",
            name: "ask_person",
            arguments: { question: "Approve?", answer_schema: schema, default: { decision: "maybe", findings: [] } },
          },
        ],
      },
      {
        toolCalls: [
          {
            id: "call_ask_schema",
            name: "ask_person",
            arguments: {
              question: "Approve the findings before I publish the brief?",
              answer_schema: schema,
              default: { decision: "approve", findings: ["Revenue grew 12% to $4.2M"] },
              expires_in: 86_400,
            },
          },
        ],
      },
      // — the ticket waits here —
      {
        toolCalls: [
          {
            name: "emit_work_output",
            arguments: {
              title: "Q3 revenue brief",
              body: "## Summary\nRevenue grew 12% to $4.2M in Q3 2024, approved with the note: keep it short.\n\n## Findings\n- Revenue grew 12% to $4.2M\n\n## Sources\n- Q3 board update",
              output_type: "research_brief",
              source_ids: [revenueItemId],
            },
          },
        ],
      },
      { text: "Published the approved brief." },
    ]);
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "research-brief", parameters: { topic: "Q3 revenue" } });
    await until(async () => {
      const [row] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, ticket.id));
      return row?.status === "waiting" && row;
    }, 30_000);
    expect(server.requests).toHaveLength(4);
    const toolResult = (i: number, id: string) =>
      JSON.parse(String(server.requests[i]!.body.messages.find((m) => m.role === "tool" && m.tool_call_id === id)!.content)) as {
        error?: string;
      };
    expect(toolResult(2, "call_bad").error).toMatch(/answer_schema/);
    expect(toolResult(3, "call_bad_default").error).toMatch(/default does not match answer_schema: default\/decision/);

    const [question] = await t.database.db.select().from(ticketQuestions).where(eq(ticketQuestions.ticketId, ticket.id));
    expect(question).toMatchObject({
      key: "llm-ask-1",
      answerSchema: schema,
      defaultAnswer: { decision: "approve", findings: ["Revenue grew 12% to $4.2M"] },
      expiresInS: 86_400,
    });

    // The answer is checked against the model's schema exactly as the API checks it (422 naming the field).
    const person = await createTestUser(t.database);
    await expect(
      answerQuestion(t.database, { ticketId: ticket.id, answer: { decision: "maybe", findings: ["x"] }, answeredBy: person.id }),
    ).rejects.toMatchObject({ name: "ValidationError", errors: [expect.objectContaining({ field: "answer/decision" })] });
    const [still] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, ticket.id));
    expect(still!.status).toBe("waiting");

    const given = { decision: "approve", comment: "keep it short", findings: ["Revenue grew 12% to $4.2M", "Churn fell to 3.1%"] };
    await answerQuestion(t.database, { ticketId: ticket.id, answer: given, answeredBy: person.id });
    const ended = await waitForTicketEnd(t.database, ticket.id, 30_000);
    expect(ended.status, ended.metadata.error_message ?? "").toBe("completed");
    // The model reads the whole answer object as the tool's result, in the stored conversation.
    expect(toolResult(4, "call_ask_schema")).toEqual({ ok: true, answer: given });
    const outputs = await listOutputs(t.database.db, ticket.id);
    expect(outputs.map((o) => o.title)).toEqual(["Q3 revenue brief"]);
  }, 60_000);
});
