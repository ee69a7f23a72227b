// The LLM agent's guards through the real AI SDK HTTP path against the scripted fake servers
// (OpenAI-compatible and Anthropic): the output contract and its one repair turn, grounding at emit,
// the step cap, the idle timeout, provider errors by kind (429 with Retry-After, 401, 404, 500 ×3),
// cancel mid-stall and mid-tool, the activity log (order, throttle), usage with cost, model choice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentError } from "../../src/domain/agent-runner.js";
import { createLlmProvider, type LlmConfig, type LlmProviderOptions } from "../../src/agents/llm/index.js";
import type { Recipe } from "../../src/domain/recipe.js";
import { startFakeAnthropicServer, type FakeAnthropicServer } from "../helpers/fake-anthropic-server.js";
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeTurn } from "../helpers/fake-openai-server.js";
import { createRecordingContext, HITS, MARKDOWN_RECIPE, TEST_RECIPE } from "./recording-context.js";

let server: FakeOpenAiServer;
let anthropic: FakeAnthropicServer;
beforeAll(async () => {
  [server, anthropic] = await Promise.all([startFakeOpenAiServer(), startFakeAnthropicServer()]);
});
afterAll(async () => {
  await Promise.all([server.close(), anthropic.close()]);
});

function provider(config: Partial<LlmConfig> = {}, options: LlmProviderOptions = {}) {
  return createLlmProvider(
    { provider: "openai-compatible", model: "fake-model-1", baseUrl: server.baseUrl, ...config },
    { retry: { backoffMs: 5 }, ...options },
  );
}

async function runScript(
  turns: FakeTurn[],
  recipe: Recipe = TEST_RECIPE,
  config: Partial<LlmConfig> = {},
  options: LlmProviderOptions = {},
) {
  server.requests.length = 0;
  server.script(turns);
  const { ctx, rec } = createRecordingContext(HITS, undefined, { recipe });
  const error = await provider(config, options)
    .run(ctx)
    .then(() => undefined)
    .catch((e: unknown) => e as Error);
  return { error, rec };
}

/** The text of the user messages a request carried after the first (repair turns). */
function repairPrompts(requestIndex: number): string[] {
  return server.requests[requestIndex]!.body.messages.filter((m) => m.role === "user")
    .slice(1)
    .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)));
}

function lastToolResult(requestIndex: number): string {
  const tool = server.requests[requestIndex]!.body.messages.filter((m) => m.role === "tool").at(-1);
  return typeof tool?.content === "string" ? tool.content : JSON.stringify(tool?.content);
}

const search = { toolCalls: [{ name: "search_context", arguments: { query: "revenue" } }] };
const deck = (text: string) => ({
  name: "create_pptx",
  arguments: { filename: "q3.pptx", title: "Q3", slides: [{ title: "Revenue up 12%", bullets: [{ text, source_id: "ctx-1" }] }] },
});
const emit = (body: string, extra: Record<string, unknown> = {}) => ({
  name: "emit_work_output",
  arguments: { title: "Q3 deck", body, output_type: "executive_summary", source_ids: ["ctx-1"], ...extra },
});

describe("output contract", () => {
  it("gives a text-only answer to a deck recipe one repair turn, then fails saying exactly what is missing", async () => {
    const { error, rec } = await runScript([{ text: "Revenue grew 12% in Q3." }, { text: "As I said, revenue grew 12%." }]);
    expect(error).toBeInstanceOf(AgentError);
    expect(error?.message).toBe("The model finished without the required PowerPoint deck (pptx); it answered with text only");
    expect(server.requests).toHaveLength(2);
    expect(repairPrompts(1)).toEqual([expect.stringContaining("the recipe requires the required PowerPoint deck (pptx)")]);
    expect(repairPrompts(1)[0]).toContain("Build the PowerPoint deck with create_pptx, then attach it with emit_work_output (file_key)");
    expect(rec.outputs).toHaveLength(0);
    expect(rec.logs.filter((l) => l.kind === "repair").map((l) => l.message)).toEqual([
      "Repair turn: the model stopped without the required PowerPoint deck (pptx)",
    ]);
  });

  it("fails a deck recipe that got a PDF instead, after the repair turn", async () => {
    const pdf = { name: "create_pdf", arguments: { filename: "q3.pdf", title: "Q3", markdown: "# Q3\n\nRevenue grew 12%." } };
    const { error, rec } = await runScript([
      search,
      { toolCalls: [pdf] },
      { toolCalls: [emit("Revenue grew 12% (Q3 board update).", { file_key: "file_1" })] },
      { text: "Done: the PDF is saved." },
      { text: "The PDF is what I made." },
    ]);
    expect(error?.message).toBe("The model finished without the required PowerPoint deck (pptx); a PDF was produced instead");
    expect(rec.outputs.map((o) => o.file?.format)).toEqual(["pdf"]);
    expect(server.requests).toHaveLength(5);
  });

  it("completes when the model delivers the deck in its repair turn", async () => {
    const { error, rec } = await runScript([
      search,
      { text: "Revenue grew 12% to $4.2M." },
      { toolCalls: [deck("Revenue grew 12% to $4.2M")] },
      { toolCalls: [emit("Revenue grew 12% to $4.2M (Q3 board update).", { file_key: "file_1" })] },
      { text: "Saved." },
    ]);
    expect(error).toBeUndefined();
    expect(rec.outputs.map((o) => [o.file?.format, o.grounding])).toEqual([["pptx", { figures: 3, verified: 3, unverified: [] }]]);
  });

  it("asks for the recipe's sections as headings, then accepts a Markdown answer that has them", async () => {
    const recipe = { ...MARKDOWN_RECIPE, output_contract: { sections: ["Risks", "Next steps"] } };
    const { error, rec } = await runScript(
      [{ text: "## Risks\nHiring is slow." }, { text: "## Risks\nHiring is slow.\n\n## Next steps\nHire engineers." }],
      recipe,
    );
    expect(error).toBeUndefined();
    expect(repairPrompts(1)[0]).toContain('the required section "Next steps" as headings in the Markdown');
    expect(rec.outputs.map((o) => o.body)).toEqual(["## Risks\nHiring is slow.\n\n## Next steps\nHire engineers."]);
  });

  it("fails a Markdown answer still missing a section after the repair turn", async () => {
    const recipe = { ...MARKDOWN_RECIPE, output_contract: { sections: ["Risks", "Next steps"] } };
    const { error } = await runScript([{ text: "## Summary\nFine." }, { text: "## Risks\nNone." }], recipe);
    expect(error?.message).toBe(
      'The model finished without the required section "Next steps" as headings in the Markdown; it answered with text only',
    );
  });
});

describe("grounding at emit", () => {
  it("rejects an emit with an unverified figure once, naming it, then accepts it flagged on the output", async () => {
    const body = "Revenue grew 15% to $4.2M (Q3 board update).";
    const { error, rec } = await runScript([
      search,
      { toolCalls: [deck("Revenue grew 12% to $4.2M")] },
      { toolCalls: [emit(body, { file_key: "file_1" })] },
      { toolCalls: [emit(body, { file_key: "file_1" })] },
      { text: "Saved." },
    ]);
    expect(error).toBeUndefined();
    expect(lastToolResult(3)).toContain("Not saved: these figures are not stated by the cited sources: 15%.");
    expect(rec.outputs).toHaveLength(1);
    // 15%, $4.2M, 12% and the deck's "Q3": only 15% is stated by no cited item.
    expect(rec.outputs[0]?.grounding).toEqual({ figures: 4, verified: 3, unverified: ["15%"] });
    expect(lastToolResult(4)).toContain('"unverified_figures":["15%"]');
    const emits = rec.logs.filter((l) => l.tool === "emit_work_output");
    expect(emits.map((l) => [l.kind, l.outcome ?? null])).toEqual([
      ["repair", null],
      ["tool_call", "rejected"],
      ["tool_call", "repaired"],
    ]);
  });

  it("stores the corrected output with every figure verified when the model fixes it", async () => {
    const { error, rec } = await runScript([
      search,
      { toolCalls: [deck("Revenue grew 12% to $4.2M")] },
      { toolCalls: [emit("Revenue grew 15% (Q3 board update).", { file_key: "file_1" })] },
      { toolCalls: [emit("Revenue grew 12% (Q3 board update).", { file_key: "file_1" })] },
      { text: "Saved." },
    ]);
    expect(error).toBeUndefined();
    expect(rec.outputs.map((o) => o.grounding?.unverified)).toEqual([[]]);
  });

  it("cleans model text before it is stored: no markup in bodies or slides", async () => {
    const { error, rec } = await runScript([
      search,
      { toolCalls: [deck('Revenue <b>grew</b> 12%<script>alert("x")</script>')] },
      { toolCalls: [emit('Revenue <img src=x onerror="alert(1)">grew 12% (Q3 board update).', { file_key: "file_1" })] },
      { text: "Saved." },
    ]);
    expect(error).toBeUndefined();
    expect(rec.decks[0]?.slides[0]).toMatchObject({ bullets: [{ text: "Revenue grew 12%" }] });
    expect(rec.outputs[0]?.body).toBe("Revenue grew 12% (Q3 board update).");
  });
});

describe("limits that say what happened", () => {
  it("stops at the recipe's step cap and names it", async () => {
    const { error, rec } = await runScript([search, search, search, search], { ...TEST_RECIPE, max_steps: 3 });
    expect(server.requests).toHaveLength(3);
    expect(error?.message).toBe(
      "The model was stopped after 3 model calls (the step cap, the recipe's max_steps = 3) without the required PowerPoint deck (pptx)",
    );
    expect(rec.logs.filter((l) => l.kind === "limit").map((l) => l.message)).toEqual([
      "The model was stopped after 3 model calls (the step cap, the recipe's max_steps = 3)",
    ]);
  });

  it("uses WORKSMITH_LLM_MAX_STEPS when the recipe sets no cap", async () => {
    const { error } = await runScript([search, search, search], TEST_RECIPE, { maxSteps: 2 });
    expect(server.requests).toHaveLength(2);
    expect(error?.message).toMatch(/^The model was stopped after 2 model calls \(the step cap, WORKSMITH_LLM_MAX_STEPS = 2\) without/);
  });

  it("fails a stalled stream after the idle timeout, naming provider and model, and closes the request", async () => {
    server.requests.length = 0;
    server.script([{ hang: true, text: "Thinking" }]);
    const { ctx, rec } = createRecordingContext(HITS);
    const started = performance.now();
    const error = await provider({}, { idleTimeoutMs: 300 })
      .run(ctx)
      .catch((e: unknown) => e as Error);
    const tookMs = performance.now() - started;
    const goneMs = (await server.clientGone()) - started;
    expect(error).toBeInstanceOf(AgentError);
    expect(error?.message).toBe("model stalled: no data from openai-compatible fake-model-1 for 300 ms");
    expect(tookMs).toBeGreaterThanOrEqual(290);
    expect(tookMs).toBeLessThan(2_000);
    expect(goneMs).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1); // a stall is not retried: it fails the attempt
    expect(rec.logs.filter((l) => l.kind === "limit").map((l) => l.message)).toEqual([
      "Model stalled: no data from openai-compatible fake-model-1 for 300 ms",
    ]);
  });

  it("takes WORKSMITH_LLM_IDLE_TIMEOUT_S from the config", async () => {
    server.requests.length = 0;
    server.script([{ hang: true }]);
    const { ctx } = createRecordingContext(HITS);
    const error = await provider({ idleTimeoutS: 1 })
      .run(ctx)
      .catch((e: unknown) => e as Error);
    expect(error?.message).toBe("model stalled: no data from openai-compatible fake-model-1 for 1 s");
  });
});

describe("provider errors by kind", () => {
  it("waits Retry-After on 429 and retries, each retry a visible line", async () => {
    const { error, rec } = await runScript(
      [{ status: 429, error: "Rate limit reached for requests", headers: { "retry-after": "1" } }, { text: "Nothing covers this." }],
      MARKDOWN_RECIPE,
    );
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(2);
    const waited = server.requests[1]!.at - server.requests[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(3_000);
    expect(rec.logs.filter((l) => l.kind === "retry").map((l) => l.message)).toEqual([
      "openai-compatible fake-model-1 failed with HTTP 429 (rate limited); retrying in 1 s (attempt 2 of 5)",
    ]);
  });

  it("caps a long Retry-After", async () => {
    const { error, rec } = await runScript(
      [{ status: 429, error: "slow down", headers: { "retry-after": "3600" } }, { text: "Done." }],
      MARKDOWN_RECIPE,
      {},
      { retry: { retryAfterCapMs: 200 } },
    );
    expect(error).toBeUndefined();
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeLessThan(1_500);
    expect(rec.logs.find((l) => l.kind === "retry")?.message).toContain("retrying in 200 ms");
  });

  it("fails at once on 401 with the provider's message", async () => {
    const { error, rec } = await runScript([{ status: 401, error: "Incorrect API key provided: sk-wr***" }, { text: "never" }]);
    expect(server.requests).toHaveLength(1);
    expect(error?.message).toMatch(
      /^The LLM provider rejected the API key \(HTTP 401 from openai-compatible model fake-model-1 at http.*\): Incorrect API key provided: sk-wr\*\*\*\. Check WORKSMITH_LLM_API_KEY$/,
    );
    expect(rec.logs.filter((l) => l.kind === "retry")).toHaveLength(0);
  });

  it("fails at once on an unknown model (404) with the provider's message", async () => {
    const { error } = await runScript([{ status: 404, error: "The model `gpt-9` does not exist" }, { text: "never" }]);
    expect(server.requests).toHaveLength(1);
    expect(error?.message).toContain("(HTTP 404 from openai-compatible model fake-model-1");
    expect(error?.message).toContain("The model `gpt-9` does not exist");
  });

  it("gives up after three 500s with exponential backoff, each retry logged", async () => {
    const boom = { status: 500, error: "upstream exploded" };
    const { error, rec } = await runScript([boom, boom, boom, { text: "never" }], TEST_RECIPE, {}, { retry: { backoffMs: 100 } });
    expect(server.requests).toHaveLength(3);
    expect(error?.message).toMatch(
      /^The LLM request failed \(HTTP 500 from openai-compatible model fake-model-1 at http.*\): upstream exploded \(gave up after 3 attempts\)$/,
    );
    expect(rec.logs.filter((l) => l.kind === "retry").map((l) => l.message)).toEqual([
      "openai-compatible fake-model-1 failed with HTTP 500; retrying in 100 ms (attempt 2 of 3)",
      "openai-compatible fake-model-1 failed with HTTP 500; retrying in 200 ms (attempt 3 of 3)",
    ]);
    const gaps = [1, 2].map((i) => server.requests[i]!.at - server.requests[i - 1]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
  });

  it("resumes after the calls that finished when a later call fails and is retried", async () => {
    const { error, rec } = await runScript(
      [search, { status: 502, error: "bad gateway" }, { text: "Nothing covers this." }],
      MARKDOWN_RECIPE,
    );
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(3);
    // The retried call carries the search and its result, exactly as the failed one did.
    expect(server.requests[2]!.body.messages).toEqual(server.requests[1]!.body.messages);
    expect(lastToolResult(2)).toContain("Revenue grew 12% to $4.2M");
    expect(rec.usage).toHaveLength(2);
  });

  it("carries on when a 500 clears up within the attempts", async () => {
    const { error, rec } = await runScript([{ status: 503, error: "busy" }, { text: "Nothing covers this." }], MARKDOWN_RECIPE);
    expect(error).toBeUndefined();
    expect(rec.outputs).toHaveLength(1);
  });
});

describe("cancel", () => {
  it("cancels during a stall before the idle timeout, with the cancel's reason", async () => {
    server.requests.length = 0;
    server.script([{ hang: true, text: "Thinking" }]);
    const controller = new AbortController();
    const { ctx, rec } = createRecordingContext(HITS, controller.signal);
    const outcome = provider({}, { idleTimeoutMs: 10_000 })
      .run(ctx)
      .catch((e: unknown) => e as Error);
    await server.hanging();
    const at = performance.now();
    controller.abort(new Error("cancelled by the user"));
    const error = await outcome;
    expect(error?.message).toBe("cancelled by the user");
    expect(performance.now() - at).toBeLessThan(1_000);
    expect((await server.clientGone()) - at).toBeLessThan(1_000);
    expect(rec.logs.filter((l) => l.kind === "limit")).toHaveLength(0); // a cancel is not a stall
  });

  it("cancels during a tool call without waiting for the tool", async () => {
    server.requests.length = 0;
    server.script([
      search,
      { toolCalls: [{ name: "create_pdf", arguments: { filename: "a.pdf", title: "A", markdown: "# A" } }] },
      { text: "x" },
    ]);
    const controller = new AbortController();
    const { ctx: base, rec } = createRecordingContext(HITS, controller.signal);
    let toolStarted!: () => void;
    const started = new Promise<void>((resolve) => (toolStarted = resolve));
    const ctx = {
      ...base,
      skills: {
        ...base.skills,
        pdf: async (spec: Parameters<typeof base.skills.pdf>[0]) => {
          toolStarted();
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          return base.skills.pdf(spec);
        },
      },
    };
    const outcome = provider()
      .run(ctx)
      .catch((e: unknown) => e as Error);
    await started;
    const at = performance.now();
    controller.abort(new Error("cancelled by the user"));
    const error = await outcome;
    const tookMs = performance.now() - at;
    console.log(`cancel during a tool call → provider rejected in ${tookMs.toFixed(0)} ms`);
    expect(error?.message).toBe("cancelled by the user");
    expect(tookMs).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(2);
    // Both calls' tokens were recorded, the second's as its stream ended, before its tool ran.
    expect(rec.usage).toHaveLength(2);
  });
});

describe("the visible run", () => {
  it("streams model text as throttled, coalesced model_text lines, in order with tool calls", async () => {
    const words = Array.from({ length: 24 }, (_, i) => `word${i} `);
    const { error, rec } = await runScript(
      [
        { text: "Let me search.", toolCalls: [{ name: "search_context", arguments: { query: "revenue" } }] },
        { text: words.join(""), chunks: words, delayMs: 50 },
      ],
      MARKDOWN_RECIPE,
    );
    expect(error).toBeUndefined();
    const activity = rec.logs.filter((l) => l.kind !== undefined);
    expect(activity.slice(0, 2).map((l) => [l.kind, l.message])).toEqual([
      ["model_text", "Let me search."],
      ["tool_call", 'search_context "revenue": 2 item(s)'],
    ]);
    const text = activity.slice(2).filter((l) => l.kind === "model_text");
    expect(text.map((l) => l.message).join("")).toBe(words.join(""));
    // ~1.2 s of text at ≤ 1 line per 350 ms: coalesced into a few lines, never a line per token.
    expect(text.length).toBeGreaterThanOrEqual(2);
    expect(text.length).toBeLessThanOrEqual(6);
    const all = rec.logs.filter((l) => l.kind === "model_text");
    for (let i = 1; i < all.length; i++) expect(all[i]!.at - all[i - 1]!.at).toBeGreaterThanOrEqual(300);
  });

  it("records each call's usage with provider, model and the cost from the price table", async () => {
    const { error, rec } = await runScript(
      [
        { ...search, usage: { prompt_tokens: 1_000, completion_tokens: 100 } },
        { text: "Nothing covers this.", usage: { prompt_tokens: 2_000, completion_tokens: 50 } },
      ],
      MARKDOWN_RECIPE,
      { prices: { "fake-model-1": { input_per_mtok: 2, output_per_mtok: 8 } } },
    );
    expect(error).toBeUndefined();
    expect(rec.usage).toEqual([
      { inputTokens: 1_000, outputTokens: 100, model: "fake-model-1", provider: "openai-compatible", costUsd: (1_000 * 2 + 100 * 8) / 1e6 },
      { inputTokens: 2_000, outputTokens: 50, model: "fake-model-1", provider: "openai-compatible", costUsd: (2_000 * 2 + 50 * 8) / 1e6 },
    ]);
  });

  it("records usage of a run that fails", async () => {
    const { error, rec } = await runScript([search, { status: 401, error: "key revoked" }]);
    expect(error).toBeInstanceOf(AgentError);
    expect(rec.usage).toHaveLength(1);
  });
});

describe("which model runs", () => {
  it("prefers the submit's model over the recipe's over the server's, and records the one that ran", async () => {
    server.requests.length = 0;
    server.script([{ text: "a" }, { text: "b" }, { text: "c" }]);
    const recipe = { ...MARKDOWN_RECIPE, model: { name: "recipe-model" } };
    const submitted = createRecordingContext(HITS, undefined, { recipe, model: { name: "submit-model" } });
    const fromRecipe = createRecordingContext(HITS, undefined, { recipe });
    const fromServer = createRecordingContext(HITS, undefined, { recipe: MARKDOWN_RECIPE });
    for (const { ctx } of [submitted, fromRecipe, fromServer]) await provider().run(ctx);
    expect(server.requests.map((r) => r.body.model)).toEqual(["submit-model", "recipe-model", "fake-model-1"]);
    expect([submitted, fromRecipe, fromServer].map(({ rec }) => rec.usage[0]?.model)).toEqual([
      "submit-model",
      "recipe-model",
      "fake-model-1",
    ]);
  });

  it("does not send a recipe's other provider to the server's base URL or key", async () => {
    const recipe = { ...MARKDOWN_RECIPE, model: { provider: "anthropic" as const, name: "claude-x" } };
    const { ctx } = createRecordingContext(HITS, undefined, { recipe });
    const error = await provider({ apiKey: "sk-local" })
      .run(ctx)
      .catch((e: unknown) => e as Error);
    expect(error?.message).toBe(
      "The LLM agent is not configured: No API key for the anthropic LLM provider: set WORKSMITH_LLM_API_KEY or ANTHROPIC_API_KEY",
    );
  });
});

describe("anthropic Messages API", () => {
  function claude(options: LlmProviderOptions = {}) {
    return createLlmProvider(
      {
        provider: "anthropic",
        model: "claude-test",
        baseUrl: anthropic.baseUrl,
        apiKey: "sk-ant",
        prices: { "claude-test": { input_per_mtok: 3, output_per_mtok: 15 } },
      },
      { retry: { backoffMs: 5 }, ...options },
    );
  }

  it("runs search → deck → emit over streamed tool_use blocks and records usage with cost", async () => {
    anthropic.requests.length = 0;
    anthropic.script([
      {
        text: "Searching first.",
        toolCalls: [{ name: "search_context", arguments: { query: "revenue" } }],
        usage: { prompt_tokens: 400, completion_tokens: 30 },
      },
      { toolCalls: [deck("Revenue grew 12% to $4.2M")], usage: { prompt_tokens: 600, completion_tokens: 90 } },
      {
        toolCalls: [emit("Revenue grew 12% to $4.2M (Q3 board update).", { file_key: "file_1" })],
        usage: { prompt_tokens: 700, completion_tokens: 40 },
      },
      { text: "The deck is saved.", usage: { prompt_tokens: 800, completion_tokens: 6 } },
    ]);
    const { ctx, rec } = createRecordingContext(HITS);
    await claude().run(ctx);
    expect(anthropic.requests.map((r) => [r.path, r.headers["x-api-key"], r.body.model])).toEqual(
      Array.from({ length: 4 }, () => ["/v1/messages", "sk-ant", "claude-test"]),
    );
    expect(anthropic.requests[0]!.body.tools?.map((t) => t.name)).toContain("create_pptx");
    expect(rec.outputs.map((o) => [o.file?.format, o.grounding?.unverified])).toEqual([["pptx", []]]);
    expect(rec.usage[0]).toEqual({
      inputTokens: 400,
      outputTokens: 30,
      model: "claude-test",
      provider: "anthropic",
      costUsd: (400 * 3 + 30 * 15) / 1e6,
    });
    expect(rec.logs.find((l) => l.kind === "model_text")?.message).toBe("Searching first.");
  });

  it("retries Anthropic's 429 after its Retry-After, and fails at once on its 401", async () => {
    anthropic.requests.length = 0;
    anthropic.script([
      { status: 429, error: "Number of request tokens has exceeded your rate limit", headers: { "retry-after": "1" } },
      { text: "Nothing covers this." },
    ]);
    const ok = createRecordingContext(HITS, undefined, { recipe: MARKDOWN_RECIPE });
    await claude().run(ok.ctx);
    expect(anthropic.requests[1]!.at - anthropic.requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(ok.rec.logs.filter((l) => l.kind === "retry")).toHaveLength(1);

    anthropic.requests.length = 0;
    anthropic.script([{ status: 401, error: "invalid x-api-key" }]);
    const bad = createRecordingContext(HITS);
    const error = await claude()
      .run(bad.ctx)
      .catch((e: unknown) => e as Error);
    expect(anthropic.requests).toHaveLength(1);
    expect(error?.message).toMatch(
      /^The LLM provider rejected the API key \(HTTP 401 from anthropic model claude-test at http.*\): invalid x-api-key\. Check WORKSMITH_LLM_API_KEY$/,
    );
  });
});
