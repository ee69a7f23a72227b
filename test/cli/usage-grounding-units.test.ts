// How the CLI words usage, cost, grounding, context flags and the model's activity: the pure parts of
// `tickets`, `outputs`, `follow`, `context list` and `submit --model`.
import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "../../src/cli/client/errors.js";
import { createFollowView } from "../../src/cli/client/follow-view.js";
import { groundingCell, groundingLine, usageLine } from "../../src/cli/client/usage-text.js";
import { flagsText, parseOnOff } from "../../src/cli/commands/context.js";
import { parseModelFlag } from "../../src/cli/commands/submit.js";
import type { OutputView, TicketView } from "../../src/domain/contract.js";
import type { LogEventData, TicketEvent } from "../../src/domain/events.js";

const TICKET_ID = "11111111-1111-4111-8111-111111111111";
const PROJECT_ID = "22222222-2222-4222-8222-222222222222";

function ticket(over: Partial<TicketView> = {}): TicketView {
  return {
    id: TICKET_ID,
    work_request_id: TICKET_ID,
    project_id: PROJECT_ID,
    recipe_slug: "executive-summary-deck",
    recipe_name: "Executive summary deck",
    agent_type: "reporting",
    output_format: "pptx",
    status: "completed",
    attempt: 1,
    max_attempts: 3,
    retry_of: null,
    cancel_requested_at: null,
    created_at: "2026-11-29T10:00:00.000Z",
    started_at: "2026-11-29T10:00:01.000Z",
    finished_at: "2026-11-29T10:00:05.000Z",
    todos: [],
    metadata: {
      recipe_id: "executive-summary-deck",
      recipe_parameters: {},
      execution_time_ms: 4000,
      output_count: 1,
      final_todos: null,
      error_message: null,
    },
    last_event_id: 9,
    usage: null,
    ...over,
  };
}

function output(title: string, grounding: OutputView["grounding"]): OutputView {
  return {
    id: "33333333-3333-4333-8333-333333333333",
    work_ticket_id: TICKET_ID,
    title,
    body: "",
    file_format: null,
    mime: null,
    bytes: null,
    filename: null,
    generation_method: "text",
    agent_type: "reporting",
    output_type: "summary",
    sources: [],
    created_at: "2026-11-29T10:00:04.000Z",
    grounding,
  };
}

function logEvent(id: number, data: LogEventData): TicketEvent {
  return { id, ticket_id: TICKET_ID, project_id: PROJECT_ID, type: "log", data, created_at: "2026-11-29T10:00:02.000Z" };
}

function plainView() {
  let text = "";
  const view = createFollowView({ write: (s) => (text += s), tty: false, color: false, now: () => Date.parse("2026-11-29T10:00:06Z") });
  return { view, text: () => text };
}

describe("usage and grounding wording", () => {
  it("a usage line names only what is known", () => {
    expect(usageLine({ input_tokens: 2000, output_tokens: 500, model: "gpt-4o-mini", provider: "openai", cost_usd: 0.002 })).toBe(
      "gpt-4o-mini (openai) · 2,000 in / 500 out tokens · $0.0020",
    );
    expect(usageLine({ input_tokens: 10, output_tokens: 5, model: null, provider: null, cost_usd: null })).toBe("10 in / 5 out tokens");
  });

  it("grounding says all found, or lists what was not", () => {
    expect(groundingLine({ figures: 7, verified: 7, unverified: [] })).toBe("All 7 figures found in sources");
    expect(groundingLine({ figures: 9, verified: 7, unverified: ["7%", "Q4"] })).toBe(
      "2 of 9 figures not found in the cited sources: 7%, Q4",
    );
    expect(groundingLine({ figures: 0, verified: 0, unverified: [] })).toBe("No figures to check");
    expect(groundingCell({ figures: 9, verified: 7, unverified: ["7%", "Q4"] })).toBe("7/9 ⚠");
    expect(groundingCell({ figures: 3, verified: 3, unverified: [] })).toBe("3/3 ✓");
    expect(groundingCell(null)).toBe("-");
  });
});

describe("follow prints what a ticket cost, its outputs' grounding and the model's activity", () => {
  it("ends with the usage line and one grounding line per checked output", () => {
    const { view, text } = plainView();
    const done = ticket({
      usage: { input_tokens: 2000, output_tokens: 500, model: "gpt-4o-mini", provider: "openai", cost_usd: 0.002 },
      outputs: [output("Deck", { figures: 9, verified: 7, unverified: ["7%", "Q4"] }), output("Notes", null)],
    });
    view.start(done);
    view.finish(done);
    view.dispose();
    const lines = text().split("\n");
    expect(lines).toContain("  usage: gpt-4o-mini (openai) · 2,000 in / 500 out tokens · $0.0020");
    expect(lines).toContain("  ⚠ Deck: 2 of 9 figures not found in the cited sources: 7%, Q4");
    expect(text()).not.toContain("Notes:");
  });

  it("a builtin ticket prints no usage; a requested model is named when none was recorded", () => {
    const { view, text } = plainView();
    const done = ticket({ metadata: { ...ticket().metadata, model: { name: "claude-sonnet-4-5" } } });
    view.start(done);
    view.finish(done);
    expect(text()).not.toContain("usage:");
    expect(text()).toContain("model asked for: claude-sonnet-4-5");
  });

  it("log lines show their kind: model text, tool calls with their outcome, retries and limits", () => {
    const { view, text } = plainView();
    view.start(ticket({ status: "running" }));
    view.event(logEvent(1, { level: "info", message: "Drafting the deck", kind: "model_text" }));
    view.event(logEvent(2, { level: "info", message: "deck built", kind: "tool_call", tool: "make_deck", outcome: "accepted" }));
    view.event(logEvent(3, { level: "warn", message: "unknown layout", kind: "tool_call", tool: "make_deck", outcome: "rejected" }));
    view.event(logEvent(4, { level: "warn", message: "HTTP 500, retrying in 2 s", kind: "retry" }));
    view.event(logEvent(5, { level: "error", message: "step cap of 24 reached", kind: "limit" }));
    view.event(logEvent(6, { level: "info", message: "plain line" }));
    view.dispose();
    expect(text().split("\n").slice(1, 7)).toEqual([
      "model: Drafting the deck",
      "✓ make_deck: deck built",
      "✗ make_deck: unknown layout",
      "retry: HTTP 500, retrying in 2 s",
      "limit: step cap of 24 reached",
      "log [info] plain line",
    ]);
  });
});

describe("context and submit flags", () => {
  it("context flags read as one phrase per kind", () => {
    expect(flagsText([])).toBe("-");
    expect(
      flagsText([
        { kind: "markup", label: "markup removed", excerpt: "<img>", count: 2 },
        { kind: "prompt_injection", label: "possible prompt injection removed", excerpt: "Ignore…", count: 1 },
      ]),
    ).toBe("markup removed ×2; possible prompt injection removed");
  });

  it("on/off parse, anything else is a usage error", () => {
    expect(parseOnOff("on")).toBe(true);
    expect(parseOnOff("OFF")).toBe(false);
    expect(parseOnOff("true")).toBe(true);
    const err = (() => {
      try {
        parseOnOff("maybe");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(EXIT.input);
  });

  it("--model takes a name or provider:name, and refuses an unknown provider", () => {
    expect(parseModelFlag("gpt-4o-mini")).toEqual({ name: "gpt-4o-mini" });
    expect(parseModelFlag("anthropic:claude-sonnet-4-5")).toEqual({ provider: "anthropic", name: "claude-sonnet-4-5" });
    expect(() => parseModelFlag("skynet:t-800")).toThrow(/unknown provider/);
    expect(() => parseModelFlag("openai:")).toThrow(/needs a model name/);
  });
});

describe("follow shows the ETA (issue 18)", () => {
  const basis = { p50_ms: 40_000, p90_ms: 60_000, steps: [], runs: 12, completed: 12 };
  it("prints the estimate of a running ticket once, from the recipe's history", () => {
    const { view, text } = plainView();
    // Started 10:00:01, now 10:00:06: 5 s into a usually-40-s run.
    view.start(ticket({ status: "running", finished_at: null }));
    view.estimate({ ticket_id: TICKET_ID, status: "running", queue_position: null, pace_per_minute: null, basis });
    expect(text()).toContain("estimate: usually ~40 s · about 35 s left\n");
  });
  it("gives a queued ticket its place, and says nothing without history", () => {
    const queued = plainView();
    queued.view.start(ticket({ status: "pending", started_at: null, finished_at: null }));
    queued.view.estimate({ ticket_id: TICKET_ID, status: "pending", queue_position: 2, pace_per_minute: 12, basis });
    expect(queued.text()).toContain("estimate: 3rd in the queue · starts in about 15 s · usually ~40 s\n");
    const fresh = plainView();
    fresh.view.start(ticket({ status: "running", finished_at: null }));
    fresh.view.estimate({
      ticket_id: TICKET_ID,
      status: "running",
      queue_position: null,
      pace_per_minute: null,
      basis: { ...basis, p50_ms: null, p90_ms: null, runs: 1, completed: 1 },
    });
    expect(fresh.text()).toContain("estimate: no estimate yet\n");
  });
});
