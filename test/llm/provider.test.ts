// The LLM provider end to end through the real AI SDK HTTP path (openai-compatible, streamed) against
// a scripted fake server, with an AgentContext that records every tool call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentError } from "../../src/domain/agent-runner.js";
import { checkLlmSettings, createLlmProvider } from "../../src/agents/llm/index.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server.js";
import { createRecordingContext, HITS, MARKDOWN_RECIPE, TEST_RECIPE } from "./recording-context.js";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await server.close();
});

function provider(extra: { apiKey?: string } = {}) {
  return createLlmProvider(
    { provider: "openai-compatible", model: "fake-model-1", baseUrl: server.baseUrl, apiKey: extra.apiKey },
    { retry: { backoffMs: 5 } },
  );
}

/** The newest tool results a recorded request carried (what the model was told about its last calls). */
function toolResults(requestIndex: number): string[] {
  const req = server.requests[requestIndex];
  if (!req) throw new Error(`no request ${requestIndex}`);
  const lastAssistant = req.body.messages.findLastIndex((m) => m.role === "assistant");
  return req.body.messages
    .slice(lastAssistant + 1)
    .filter((m) => m.role === "tool")
    .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)));
}

const PLAN = [
  { content: "Search the context", status: "in_progress", activeForm: "Searching the context" },
  { content: "Build the deck", status: "pending", activeForm: "Building the deck" },
  { content: "Save the outputs", status: "pending", activeForm: "Saving the outputs" },
];

describe("llm provider over a fake OpenAI-compatible server", () => {
  it("runs todo_write → search_context → create_pptx → emit_work_output from streamed tool calls", async () => {
    server.requests.length = 0;
    server.script([
      // Two calls in one turn: the deltas of each are interleaved by index.
      {
        toolCalls: [
          { name: "todo_write", arguments: { todos: PLAN } },
          { name: "search_context", arguments: { query: "Q3 revenue" } },
        ],
        splitInto: 5,
        usage: { prompt_tokens: 500, completion_tokens: 60 },
      },
      {
        toolCalls: [
          {
            name: "create_pptx",
            arguments: {
              filename: "../../q3-summary.pptx",
              title: "Q3 summary",
              slides: [
                {
                  title: "Revenue",
                  bullets: [
                    { text: "Revenue grew 12% to $4.2M", source_id: "ctx-1" },
                    { text: "Made-up claim", source_id: "nope" },
                  ],
                },
              ],
            },
          },
        ],
        usage: { prompt_tokens: 800, completion_tokens: 90 },
      },
      {
        toolCalls: [
          {
            name: "emit_work_output",
            arguments: {
              title: "Q3 summary deck",
              body: "Revenue grew 12% (Q3 board update).",
              output_type: "executive_summary",
              file_key: "file_1",
              source_ids: ["ctx-1"],
            },
          },
          { name: "todo_write", arguments: { todos: PLAN.map((t) => ({ ...t, status: "completed" })) } },
        ],
        usage: { prompt_tokens: 900, completion_tokens: 70 },
      },
      { text: "The deck is saved.", usage: { prompt_tokens: 1000, completion_tokens: 8 } },
    ]);
    const { ctx, rec } = createRecordingContext(HITS);

    await provider({ apiKey: "sk-test" }).run(ctx);

    expect(server.requests).toHaveLength(4);
    const first = server.requests[0]!;
    expect(first.path).toBe("/v1/chat/completions");
    expect(first.headers.authorization).toBe("Bearer sk-test");
    expect(first.body.stream).toBe(true);
    expect(first.body.model).toBe("fake-model-1");
    expect(first.body.tools?.map((t) => t.function.name).sort()).toEqual([
      "ask_person",
      "create_pdf",
      "create_pptx",
      "create_xlsx",
      "emit_work_output",
      "list_context",
      "search_context",
      "todo_write",
    ]);
    const system = first.body.messages[0];
    expect(system?.role).toBe("system");
    expect(String(system?.content)).toContain("Summarise the project's progress on the topic for executives.");
    expect(String(system?.content)).toContain("Never invent numbers");
    expect(String(first.body.messages[1]?.content)).toContain("Topic (topic): Q3 revenue");

    // Tools were called with the streamed, reassembled arguments.
    expect(rec.todos[0]?.map((t) => [t.content, t.status])).toEqual(PLAN.map((t) => [t.content, t.status]));
    expect(rec.todos[0]?.[0]?.started_at).not.toBeNull();
    expect(rec.todos.at(-1)?.every((t) => t.status === "completed")).toBe(true);
    expect(rec.searches).toEqual(["Q3 revenue"]);
    // The search result (with the item's text) went back to the model.
    expect(toolResults(1).join("\n")).toContain("Revenue grew 12% to $4.2M in Q3 2024.");

    expect(rec.decks).toHaveLength(1);
    const deck = rec.decks[0]!;
    expect(deck.filename).toBe("q3-summary.pptx"); // path components dropped
    expect(deck.slides[0]?.bullets?.[0]?.source).toEqual({ id: "ctx-1", title: "Q3 board update" });
    expect(deck.slides[0]?.bullets?.[1]?.source).toBeUndefined(); // an id the model never saw is not trusted
    expect(deck.sources).toEqual([{ id: "ctx-1", title: "Q3 board update" }]);

    // The model gets a short handle for the stored file, not the storage key.
    expect(JSON.parse(toolResults(2).join(""))).toEqual({ file_key: "file_1", filename: "q3-summary.pptx", format: "pptx", bytes: 1234 });

    expect(rec.outputs).toHaveLength(1);
    expect(rec.outputs[0]).toMatchObject({
      title: "Q3 summary deck",
      outputType: "executive_summary",
      generationMethod: "skill",
      file: { key: "files/1-q3-summary.pptx", format: "pptx", filename: "q3-summary.pptx" },
      sources: [{ id: "ctx-1", title: "Q3 board update" }],
    });

    // One usage record per step, with the server's token counts.
    const who = { model: "fake-model-1", provider: "openai-compatible", costUsd: undefined };
    expect(rec.usage).toEqual([
      { inputTokens: 500, outputTokens: 60, ...who },
      { inputTokens: 800, outputTokens: 90, ...who },
      { inputTokens: 900, outputTokens: 70, ...who },
      { inputTokens: 1000, outputTokens: 8, ...who },
    ]);
  });

  it("sends an invalid todo list back to the model as a tool result, then saves its final text (a Markdown recipe)", async () => {
    server.requests.length = 0;
    server.script([
      // Passes the tool's JSON schema but breaks a domain rule: two steps in progress.
      { toolCalls: [{ name: "todo_write", arguments: { todos: PLAN.map((t) => ({ ...t, status: "in_progress" })) } }] },
      // Fails the tool's JSON schema: an unknown status and an empty activeForm.
      { toolCalls: [{ name: "todo_write", arguments: { todos: [{ content: "Search", status: "done", activeForm: "" }] } }] },
      // Not even JSON.
      { toolCalls: [{ name: "todo_write", arguments: '{"todos": [' }] },
      { toolCalls: [{ name: "emit_work_output", arguments: { title: "x", body: "y", output_type: "z", file_key: "files/404.pptx" } }] },
      { text: "## Summary\nNo outputs were saved by tools." },
    ]);
    const { ctx, rec } = createRecordingContext(HITS, undefined, { recipe: MARKDOWN_RECIPE });

    await provider().run(ctx);

    expect(server.requests).toHaveLength(5);
    expect(toolResults(1).join("\n")).toMatch(/at most one item may be in_progress \(got 3\)/);
    expect(toolResults(2).join("\n")).toMatch(/Invalid input for tool todo_write[\s\S]*"path": \[\s*"todos",\s*0,\s*"status"\s*\]/);
    expect(toolResults(3).join("\n")).toMatch(/JSON parsing failed/);
    expect(JSON.parse(toolResults(4).join(""))).toEqual({
      error: 'Unknown file_key "files/404.pptx": use a file_key returned by create_pptx, create_pdf or create_xlsx in this run.',
    });
    expect(rec.todos).toHaveLength(0);

    // The model never emitted: its final Markdown becomes a text output instead of being lost.
    expect(rec.outputs).toEqual([
      {
        title: "Research brief",
        body: "## Summary\nNo outputs were saved by tools.",
        outputType: "summary",
        generationMethod: "text",
        sources: [],
        grounding: { figures: 0, verified: 0, unverified: [] },
      },
    ]);
    // Each rejection was an activity line naming the tool and why.
    const rejected = rec.logs.filter((l) => l.kind === "tool_call" && l.outcome === "rejected");
    expect(rejected.map((l) => l.tool)).toEqual(["todo_write", "todo_write", "todo_write", "emit_work_output"]);
    expect(rejected[3]?.message).toContain('Unknown file_key "files/404.pptx"');
  });

  it("stops promptly when the signal aborts mid-stream, closing the HTTP request", async () => {
    server.requests.length = 0;
    server.script([{ toolCalls: [{ name: "todo_write", arguments: { todos: PLAN } }] }, { hang: true, text: "Working on it" }]);
    const controller = new AbortController();
    const { ctx, rec } = createRecordingContext(HITS, controller.signal);

    const run = provider().run(ctx);
    const outcome = run.then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error, at: performance.now() }),
    );
    await server.hanging();
    const abortedAt = performance.now();
    controller.abort(new Error("cancelled by the user"));
    const result = await outcome;
    const goneAt = await server.clientGone();

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect((result.error as Error).message).toBe("cancelled by the user");
    const rejectMs = result.at - abortedAt;
    const closeMs = goneAt - abortedAt;
    console.log(`abort → provider rejected in ${rejectMs.toFixed(1)} ms, server saw the socket close after ${closeMs.toFixed(1)} ms`);
    // Measured 10 ms / 14 ms on an idle machine and 60–80 ms / 100–125 ms at load average 18 on
    // 2 cores; the bound leaves room for contention and still proves the request was cut, not finished.
    expect(rejectMs).toBeLessThan(500);
    expect(closeMs).toBeLessThan(500);
    expect(rec.todos).toHaveLength(1); // the step before the hang went through
    expect(rec.outputs).toHaveLength(0);
    expect(server.requests).toHaveLength(2);
  });

  it("lists the project's context when search finds nothing, and cites what it read", async () => {
    server.requests.length = 0;
    server.script([
      { toolCalls: [{ name: "search_context", arguments: { query: "zzz" } }] },
      { toolCalls: [{ name: "list_context", arguments: { limit: 5 } }] },
      { text: "Hiring: 7 engineers joined in September (Hiring plan)." },
    ]);
    const { ctx, rec } = createRecordingContext([], undefined, { recipe: MARKDOWN_RECIPE });
    ctx.context.all = async (limit = 20) => HITS.slice(0, limit);
    await provider().run(ctx);
    expect(JSON.parse(toolResults(1).join(""))).toEqual({ results: [] });
    expect(JSON.parse(toolResults(2).join(""))).toEqual({
      items: HITS.map((h) => ({ id: h.id, title: h.title, text: h.body })),
    });
    expect(rec.outputs[0]?.sources).toEqual(HITS.map((h) => ({ id: h.id, title: h.title })));
  });

  it("talks chat completions (not /v1/responses) with the openai provider", async () => {
    server.requests.length = 0;
    server.script([{ text: "Nothing in the context covers this topic." }]);
    const { ctx, rec } = createRecordingContext(HITS, undefined, { recipe: MARKDOWN_RECIPE });
    await createLlmProvider({ provider: "openai", model: "gpt-test", baseUrl: server.baseUrl, apiKey: "sk-openai" }).run(ctx);
    expect(server.requests.map((r) => [r.path, r.body.model, r.headers.authorization])).toEqual([
      ["/v1/chat/completions", "gpt-test", "Bearer sk-openai"],
    ]);
    expect(rec.outputs[0]?.body).toBe("Nothing in the context covers this topic.");
  });

  it("sends the anthropic provider to the Messages API with its key", async () => {
    server.requests.length = 0;
    server.script([]);
    const { ctx } = createRecordingContext(HITS);
    const error = await createLlmProvider({ provider: "anthropic", model: "claude-test", baseUrl: server.baseUrl, apiKey: "sk-ant" })
      .run(ctx)
      .catch((e: unknown) => e);
    expect(server.requests.map((r) => [r.path, r.body.model, r.headers["x-api-key"]])).toEqual([["/v1/messages", "claude-test", "sk-ant"]]);
    // The fake speaks only chat completions, so this is the 404 path of the error mapping.
    expect(error).toBeInstanceOf(AgentError);
    expect((error as Error).message).toMatch(
      /^The LLM server does not know this model or path \(HTTP 404 from anthropic model claude-test at http/,
    );
  });

  it("numbers file handles in call order even when a step's skills finish out of order", async () => {
    server.script([
      {
        toolCalls: [
          { name: "create_pdf", arguments: { filename: "slow.pdf", title: "Slow", markdown: "# Slow" } },
          { name: "create_xlsx", arguments: { filename: "fast.xlsx", sheets: [{ name: "S", columns: ["a"], rows: [["x"]] }] } },
        ],
      },
      {
        toolCalls: [
          { name: "emit_work_output", arguments: { title: "PDF", body: "b", output_type: "t", file_key: "file_1" } },
          { name: "emit_work_output", arguments: { title: "XLSX", body: "b", output_type: "t", file_key: "file_2" } },
        ],
      },
      { text: "Done." },
    ]);
    const { ctx: base, rec } = createRecordingContext(HITS, undefined, {
      recipe: { ...TEST_RECIPE, output_format: "pdf", extra_formats: ["xlsx"] },
    });
    const finished: string[] = [];
    const ctx = {
      ...base,
      skills: {
        ...base.skills,
        pdf: async (spec: Parameters<typeof base.skills.pdf>[0]) => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          finished.push("pdf");
          return base.skills.pdf(spec);
        },
        xlsx: async (spec: Parameters<typeof base.skills.xlsx>[0]) => {
          finished.push("xlsx");
          return base.skills.xlsx(spec);
        },
      },
    };
    await provider().run(ctx);
    expect(finished).toEqual(["xlsx", "pdf"]);
    expect(rec.outputs.map((o) => [o.title, o.file?.filename])).toEqual([
      ["PDF", "slow.pdf"],
      ["XLSX", "fast.xlsx"],
    ]);
  });

  it("stops the run with the original error when a tool fails for a reason the model cannot fix", async () => {
    server.requests.length = 0;
    server.script([
      { toolCalls: [{ name: "create_pdf", arguments: { filename: "a.pdf", title: "A", markdown: "# A" } }] },
      { toolCalls: [{ name: "create_pdf", arguments: { filename: "b.pdf", title: "B", markdown: "# B" } }] },
      { text: "should never be asked for" },
    ]);
    const diskFull = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    const { ctx: base, rec } = createRecordingContext(HITS);
    const ctx = {
      ...base,
      skills: {
        ...base.skills,
        pdf: async () => {
          throw diskFull;
        },
      },
    };
    const error = await provider()
      .run(ctx)
      .catch((e: unknown) => e);
    expect(error).toBe(diskFull);
    // The model was not asked to carry on after the failure (at most the next request, cut short).
    expect(server.requests.length).toBeLessThanOrEqual(2);
    expect(rec.outputs).toHaveLength(0);
  });

  it("does not dress a failure to record usage as an LLM error", async () => {
    server.script([{ text: "Short answer." }]);
    const { ctx: base, rec } = createRecordingContext(HITS);
    const dbDown = new Error("connection terminated");
    const ctx = {
      ...base,
      usage: {
        record: async () => {
          throw dbDown;
        },
      },
    };
    const error = await provider()
      .run(ctx)
      .catch((e: unknown) => e);
    expect(error).toBe(dbDown);
    expect(rec.outputs).toHaveLength(0);
  });

  it("fails with an actionable AgentError when the server rejects the key", async () => {
    server.script([{ status: 401, error: "Incorrect API key provided" }]);
    const { ctx } = createRecordingContext(HITS);
    const error = await provider({ apiKey: "sk-wrong" })
      .run(ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect((error as Error).message).toMatch(
      /rejected the API key \(HTTP 401 .*\): Incorrect API key provided\. Check WORKSMITH_LLM_API_KEY/,
    );
  });

  it("fails with an actionable AgentError when the server is unreachable", async () => {
    const closed = await startFakeOpenAiServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const { ctx, rec } = createRecordingContext(HITS);
    const error = await createLlmProvider({ provider: "openai-compatible", model: "m", baseUrl }, { retry: { backoffMs: 5 } })
      .run(ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect((error as Error).message).toMatch(
      /^Could not reach the LLM server \(openai-compatible model m at http:\/\/127\.0\.0\.1:\d+\/v1\): ECONNREFUSED.*\(gave up after 3 attempts\)$/,
    );
    // A refused connection is worth retrying (a restarting server): two retries, each a visible line.
    expect(rec.logs.filter((l) => l.kind === "retry").map((l) => l.message)).toEqual([
      expect.stringMatching(/^openai-compatible m failed with ECONNREFUSED; retrying in 5 ms \(attempt 2 of 3\)$/),
      expect.stringMatching(/^openai-compatible m failed with ECONNREFUSED; retrying in 10 ms \(attempt 3 of 3\)$/),
    ]);
  });

  it("fails the ticket, not the process, when the settings are incomplete", async () => {
    const { ctx } = createRecordingContext(HITS);
    const error = await createLlmProvider({ provider: "openai", model: "gpt-4.1-mini" })
      .run(ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect((error as Error).message).toBe(
      "The LLM agent is not configured: No API key for the openai LLM provider: set WORKSMITH_LLM_API_KEY or OPENAI_API_KEY",
    );
  });

  it("fails with a clear message when the model produces neither an output nor text, after one repair turn", async () => {
    server.script([{ text: "" }, { text: "" }]);
    const { ctx, rec } = createRecordingContext(HITS);
    const error = await provider()
      .run(ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect((error as Error).message).toBe("The model finished without the required PowerPoint deck (pptx); it produced no output");
    expect(rec.outputs).toHaveLength(0);
  });
});

describe("checkLlmSettings", () => {
  it.each([
    [{}, /^WORKSMITH_LLM_PROVIDER is not set/],
    [{ provider: "anthropic" as const }, /^WORKSMITH_LLM_MODEL is not set: name the anthropic model/],
    [{ provider: "anthropic" as const, model: "claude-sonnet-4-5" }, /set WORKSMITH_LLM_API_KEY or ANTHROPIC_API_KEY$/],
    [{ provider: "openai-compatible" as const, model: "llama3.1" }, /^WORKSMITH_LLM_BASE_URL is not set/],
  ])("explains what is missing in %j", (config, message) => {
    const problem = checkLlmSettings(config);
    expect(problem).toMatch(message);
    expect(problem).not.toContain("\n");
  });

  it("accepts complete settings; a local server needs no key", () => {
    expect(checkLlmSettings({ provider: "openai-compatible", model: "llama3.1", baseUrl: "http://127.0.0.1:11434/v1" })).toBeUndefined();
    expect(checkLlmSettings({ provider: "anthropic", model: "claude-sonnet-4-5", apiKey: "k" })).toBeUndefined();
    expect(checkLlmSettings({ provider: "openai", model: "gpt-4.1-mini", apiKey: "k" })).toBeUndefined();
  });
});
