import { describe, expect, it } from "vitest";
import { describeEta, estimateRemaining, expectedWaitMs, formatApproxDuration, type EtaBasis } from "./eta.js";
import { MIN_RUNS_FOR_ESTIMATE, percentile, summarizeByVersion, summarizeRuns, type RunRecord } from "./recipe-stats.js";
import type { TodoItem } from "./todos.js";

const T0 = Date.parse("2026-11-29T10:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

function todo(content: string, status: TodoItem["status"], start: number | null, end: number | null): TodoItem {
  return {
    content,
    activeForm: `${content}ing`,
    status,
    started_at: start === null ? null : at(start),
    completed_at: end === null ? null : at(end),
  };
}

/** A completed builtin-style run: load 1 s, analyse `analyse` ms, render 2 s. */
function run(analyse: number, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    status: "completed",
    durationMs: 3000 + analyse,
    tokens: null,
    costUsd: null,
    finalTodos: [
      todo("Load", "completed", 0, 1000),
      todo("Analyse", "completed", 1000, 1000 + analyse),
      todo("Render", "completed", 1000 + analyse, 3000 + analyse),
    ],
    ...extra,
  };
}

describe("percentile", () => {
  it("is the nearest rank: 9 runs in 10 took at most p90", () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 0.5)).toBe(5);
    expect(percentile(ten, 0.9)).toBe(9);
    expect(percentile([7], 0.9)).toBe(7);
  });
});

describe("summarizeRuns", () => {
  it("matches a history computed by hand", () => {
    // Completed durations 4,5,6,7,13 s; one failure (fast) and one cancel do not count as durations.
    const history: RunRecord[] = [
      run(1000, { tokens: 100, costUsd: 0.01 }),
      run(2000, { tokens: 300, costUsd: 0.03 }),
      run(3000, { tokens: 200, costUsd: 0.02 }),
      run(4000),
      run(10_000),
      { status: "failed", durationMs: 500, tokens: null, costUsd: null, finalTodos: null },
      { status: "cancelled", durationMs: null, tokens: null, costUsd: null, finalTodos: null },
    ];
    const stats = summarizeRuns(history);
    expect(stats).toMatchObject({
      runs: 7,
      completed: 5,
      failed: 1,
      cancelled: 1,
      p50_ms: 6000,
      p90_ms: 13_000,
      typical_tokens: 200,
      typical_cost_usd: 0.02,
    });
    expect(stats.success_rate).toBeCloseTo(5 / 6);
    expect(stats.steps).toEqual([
      { content: "Load", p50_ms: 1000 },
      { content: "Analyse", p50_ms: 3000 },
      { content: "Render", p50_ms: 2000 },
    ]);
  });

  it("says nothing about duration below the minimum number of completed runs", () => {
    const stats = summarizeRuns(Array.from({ length: MIN_RUNS_FOR_ESTIMATE - 1 }, () => run(1000)));
    expect(stats.p50_ms).toBeNull();
    expect(stats.steps).toEqual([]);
    expect(stats.success_rate).toBe(1);
  });

  it("has no success rate when nothing completed or failed", () => {
    expect(
      summarizeRuns([{ status: "cancelled", durationMs: null, tokens: null, costUsd: null, finalTodos: null }]).success_rate,
    ).toBeNull();
  });

  it("keeps only steps most runs had (an LLM agent's own lists differ run to run)", () => {
    const odd = (name: string): RunRecord => ({ ...run(1000), finalTodos: [todo(name, "completed", 0, 500)] });
    const stats = summarizeRuns([run(1000), run(1000), run(1000), odd("Search the web"), odd("Draft")]);
    expect(stats.steps.map((s) => s.content)).toEqual(["Load", "Analyse", "Render"]);
    const llm = summarizeRuns([odd("a"), odd("b"), odd("c")]);
    expect(llm.steps).toEqual([]);
  });
});

describe("the ETA", () => {
  const basis: EtaBasis = {
    p50_ms: 10_000,
    p90_ms: 20_000,
    steps: [
      { content: "Load", p50_ms: 1000 },
      { content: "Analyse", p50_ms: 6000 },
      { content: "Render", p50_ms: 3000 },
    ],
  };

  it("adds the steps to come to what is left of the current one", () => {
    // 2 s into Analyse (typically 6 s) with Render (3 s) to come: 4 + 3 = 7 s left.
    const ticket = {
      status: "running",
      started_at: at(0),
      todos: [todo("Load", "completed", 0, 1000), todo("Analyse", "in_progress", 1000, null), todo("Render", "pending", null, null)],
    };
    const eta = estimateRemaining(basis, ticket, T0 + 3000);
    expect(eta).toEqual({ remainingMs: 7000, overdue: false, method: "steps" });
    expect(describeEta({ basis, ticket, queuePosition: null, pacePerMinute: null, nowMs: T0 + 3000 })).toBe(
      "usually ~10 s · about 7 s left",
    );
  });

  it("follows a slow step instead of the total: a long Load leaves the later steps' time", () => {
    const ticket = {
      status: "running",
      started_at: at(0),
      todos: [todo("Load", "in_progress", 0, null), todo("Analyse", "pending", null, null), todo("Render", "pending", null, null)],
    };
    // 8 s elapsed: the total would say 2 s left, the steps say 9 s.
    expect(estimateRemaining(basis, ticket, T0 + 8000)?.remainingMs).toBe(9000);
  });

  it("falls back to the typical total when the step list is not the usual one", () => {
    const ticket = { status: "running", started_at: at(0), todos: [todo("Something new", "in_progress", 0, null)] };
    expect(estimateRemaining(basis, ticket, T0 + 4000)).toEqual({ remainingMs: 6000, overdue: false, method: "total" });
  });

  it("says a run is taking longer than usual past the p90, rather than a made-up figure", () => {
    const ticket = { status: "running", started_at: at(0), todos: [] };
    expect(describeEta({ basis, ticket, queuePosition: null, pacePerMinute: null, nowMs: T0 + 25_000 })).toBe(
      "usually ~10 s · taking longer than usual",
    );
  });

  it("is honest without history", () => {
    const none: EtaBasis = { p50_ms: null, p90_ms: null, steps: [] };
    expect(
      describeEta({
        basis: none,
        ticket: { status: "running", started_at: at(0), todos: [] },
        queuePosition: null,
        pacePerMinute: null,
        nowMs: T0,
      }),
    ).toBe("no estimate yet");
    expect(
      describeEta({
        basis: none,
        ticket: { status: "pending", started_at: null, todos: [] },
        queuePosition: 2,
        pacePerMinute: null,
        nowMs: T0,
      }),
    ).toBe("3rd in the queue · no estimate yet");
  });

  it("gives a queued ticket its place and expected start from the queue's recent pace", () => {
    // 12 starts a minute, 2 ahead: this one is the 3rd to start, in about 15 s.
    expect(expectedWaitMs(2, 12)).toBe(15_000);
    expect(
      describeEta({ basis, ticket: { status: "pending", started_at: null, todos: [] }, queuePosition: 2, pacePerMinute: 12, nowMs: T0 }),
    ).toBe("3rd in the queue · starts in about 15 s · usually ~10 s");
    expect(
      describeEta({ basis, ticket: { status: "pending", started_at: null, todos: [] }, queuePosition: 0, pacePerMinute: null, nowMs: T0 }),
    ).toBe("next in the queue · usually ~10 s");
  });

  it("has nothing to say once the ticket ended", () => {
    expect(
      describeEta({
        basis,
        ticket: { status: "completed", started_at: at(0), todos: [] },
        queuePosition: null,
        pacePerMinute: null,
        nowMs: T0,
      }),
    ).toBeNull();
  });

  it("words durations the way estimates are said", () => {
    expect(formatApproxDuration(400)).toBe("~1 s");
    expect(formatApproxDuration(7_400)).toBe("~7 s");
    expect(formatApproxDuration(42_000)).toBe("~40 s");
    expect(formatApproxDuration(170_000)).toBe("~3 min");
    expect(formatApproxDuration(70 * 60_000)).toBe("~1 h 10 min");
    expect(formatApproxDuration(120 * 60_000)).toBe("~2 h");
  });
});

describe("summarizeByVersion", () => {
  it("splits the history by the version each run ran on, newest first, leaving out runs from before versions", () => {
    const v = (version: number | null, ms: number): RunRecord => ({
      status: "completed",
      durationMs: ms,
      tokens: null,
      costUsd: null,
      finalTodos: null,
      version,
    });
    const out = summarizeByVersion([v(1, 1000), v(2, 5000), v(1, 2000), v(2, 6000), v(null, 9000), v(1, 3000), v(2, 7000)]);
    expect(out.map((s) => [s.version, s.runs, s.p50_ms])).toEqual([
      [2, 3, 6000],
      [1, 3, 2000],
    ]);
  });
});
