// What a recipe's history says about it: how often it succeeds, how long it usually takes, what it
// usually costs, and how long each of its steps usually takes. Pure: the rows come from
// src/db/repositories/recipe-stats.ts; the same summary feeds the gallery, the API and the ETA.
import { z } from "zod";
import type { TodoItem } from "./todos.js";

/** One finished run of a recipe, as the history holds it. */
export interface RunRecord {
  status: "completed" | "failed" | "cancelled";
  /** Claim to terminal write; null when the run never started (cancelled while pending). */
  durationMs: number | null;
  tokens: number | null;
  costUsd: number | null;
  finalTodos: readonly TodoItem[] | null;
  /** The recipe version the run ran on (issue 18); null for runs from before versions. */
  version?: number | null;
}

export const StepStat = z.object({
  content: z.string(),
  p50_ms: z.number().int(),
});
export type StepStat = z.infer<typeof StepStat>;

export const RecipeStats = z.object({
  /** Finished runs read (the most recent ones, up to the history window). */
  runs: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  /** completed / (completed + failed): a person's cancel is not the recipe failing. Null without either. */
  success_rate: z.number().nullable(),
  /** Durations of completed runs; null until there are enough of them to say "usually". */
  p50_ms: z.number().int().nullable(),
  p90_ms: z.number().int().nullable(),
  typical_tokens: z.number().int().nullable(),
  typical_cost_usd: z.number().nullable(),
  /** Typical duration of each step that most completed runs had, in the order they run. */
  steps: z.array(StepStat),
});
export type RecipeStats = z.infer<typeof RecipeStats>;

/** What a ticket's ETA is computed from (GET /api/work/tickets/:id/estimate; src/domain/eta.ts computes it). */
export const TicketEstimate = z.object({
  ticket_id: z.string(),
  status: z.string(),
  /** Tickets the queue starts before this one (0 = next); null unless pending. */
  queue_position: z.number().int().nullable(),
  /** Tickets the queue finished per minute over the last ten minutes; null when it finished none. */
  pace_per_minute: z.number().nullable(),
  /** What the ETA is computed from: the recipe's typical total and steps (null/empty: no estimate yet). */
  basis: RecipeStats.pick({ p50_ms: true, p90_ms: true, steps: true, runs: true, completed: true }),
});

export type TicketEstimate = z.infer<typeof TicketEstimate>;
/**
 * Below this many completed runs a "usually" would be one run's accident: durations, steps and the
 * ETA stay null and people are told "no estimate yet".
 */
export const MIN_RUNS_FOR_ESTIMATE = 3;

/** Nearest-rank percentile of an ascending list (p in 0..1); what people mean by "9 runs in 10". */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("percentile of an empty list");
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export function summarizeRuns(runs: readonly RunRecord[]): RecipeStats {
  const completed = runs.filter((r) => r.status === "completed");
  const failed = runs.filter((r) => r.status === "failed").length;
  const cancelled = runs.filter((r) => r.status === "cancelled").length;
  // Failed runs often stop early and cancelled ones stop when a person says so: only completed
  // runs say how long the work takes.
  const durations = completed.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs])).sort((a, b) => a - b);
  const enough = durations.length >= MIN_RUNS_FOR_ESTIMATE;
  const tokens = median(completed.flatMap((r) => (r.tokens ? [r.tokens] : [])));
  const cost = median(completed.flatMap((r) => (r.costUsd ? [r.costUsd] : [])));
  return {
    runs: runs.length,
    completed: completed.length,
    failed,
    cancelled,
    success_rate: completed.length + failed === 0 ? null : completed.length / (completed.length + failed),
    p50_ms: enough ? Math.round(percentile(durations, 0.5)) : null,
    p90_ms: enough ? Math.round(percentile(durations, 0.9)) : null,
    typical_tokens: tokens === null ? null : Math.round(tokens),
    typical_cost_usd: cost,
    steps: enough ? typicalSteps(completed) : [],
  };
}

/**
 * A step counts when more than half the completed runs had it (the builtin agent's steps are fixed;
 * an LLM agent's differ run to run and then no step list is "typical"), ordered by where it usually
 * sits in the list.
 */
function typicalSteps(completed: readonly RunRecord[]): StepStat[] {
  const byContent = new Map<string, { durations: number[]; positions: number[] }>();
  let withTodos = 0;
  for (const run of completed) {
    if (!run.finalTodos || run.finalTodos.length === 0) continue;
    withTodos++;
    run.finalTodos.forEach((todo, position) => {
      if (!todo.started_at || !todo.completed_at) return;
      const ms = Date.parse(todo.completed_at) - Date.parse(todo.started_at);
      if (!Number.isFinite(ms) || ms < 0) return;
      const entry = byContent.get(todo.content) ?? { durations: [], positions: [] };
      entry.durations.push(ms);
      entry.positions.push(position);
      byContent.set(todo.content, entry);
    });
  }
  return [...byContent]
    .filter(([, e]) => e.durations.length * 2 > withTodos)
    .map(([content, e]) => ({ content, p50_ms: Math.round(median(e.durations)!), position: median(e.positions)! }))
    .sort((a, b) => a.position - b.position)
    .map(({ content, p50_ms }) => ({ content, p50_ms }));
}

/** The same summary per recipe version, newest version first (runs from before versions left out). */
export function summarizeByVersion(runs: readonly RunRecord[]): (RecipeStats & { version: number })[] {
  const byVersion = new Map<number, RunRecord[]>();
  for (const run of runs) {
    if (run.version === null || run.version === undefined) continue;
    const list = byVersion.get(run.version) ?? [];
    list.push(run);
    byVersion.set(run.version, list);
  }
  return [...byVersion].sort(([a], [b]) => b - a).map(([version, list]) => ({ version, ...summarizeRuns(list) }));
}
