// How long a ticket will take, from its recipe's history (recipe-stats.ts): "usually ~40 s · about
// 15 s left". Pure and cheap, so the web app and the CLI recompute it every second from one fetched
// basis instead of asking the server. Honest by construction: no basis, no number.
import type { RecipeStats } from "./recipe-stats.js";
import type { TodoItem } from "./todos.js";

export type EtaBasis = Pick<RecipeStats, "p50_ms" | "p90_ms" | "steps">;

export interface EtaTicket {
  status: string;
  started_at: string | null;
  todos: readonly TodoItem[];
}

export interface RunningEta {
  remainingMs: number;
  /** Running longer than 9 runs in 10 did: any remaining figure would be a guess. */
  overdue: boolean;
  /** "steps" when the ticket's own step list matched the history's, else "total". */
  method: "steps" | "total";
}

/** The remaining time of a running ticket, or null without enough history. */
export function estimateRemaining(basis: EtaBasis, ticket: EtaTicket, nowMs: number): RunningEta | null {
  if (basis.p50_ms === null || ticket.started_at === null) return null;
  const elapsed = Math.max(0, nowMs - Date.parse(ticket.started_at));
  const overdue = basis.p90_ms !== null && elapsed > basis.p90_ms;
  const bySteps = remainingBySteps(basis, ticket.todos, nowMs);
  if (bySteps !== null) return { remainingMs: bySteps, overdue, method: "steps" };
  return { remainingMs: Math.max(0, basis.p50_ms - elapsed), overdue, method: "total" };
}

/**
 * When every step of the ticket's list has a typical duration, the steps still to come plus what is
 * left of the current one: it follows a slow step instead of averaging it away.
 */
function remainingBySteps(basis: EtaBasis, todos: readonly TodoItem[], nowMs: number): number | null {
  if (todos.length === 0 || basis.steps.length === 0) return null;
  const typical = new Map(basis.steps.map((s) => [s.content, s.p50_ms]));
  if (!todos.every((t) => typical.has(t.content))) return null;
  let remaining = 0;
  for (const todo of todos) {
    const p50 = typical.get(todo.content)!;
    if (todo.status === "pending") remaining += p50;
    else if (todo.status === "in_progress") {
      const inStep = todo.started_at ? nowMs - Date.parse(todo.started_at) : 0;
      remaining += Math.max(0, p50 - inStep);
    }
  }
  return remaining;
}

/** A waiting ticket's expected wait: its place in the queue over the pace the queue has been finishing work at. */
export function expectedWaitMs(position: number, pacePerMinute: number | null): number | null {
  if (pacePerMinute === null || pacePerMinute <= 0) return null;
  return Math.round(((position + 1) / pacePerMinute) * 60_000);
}

/** A duration as people say it when it is an estimate: "~7 s", "~40 s", "~3 min", "~1 h 10 min". */
export function formatApproxDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `~${Math.max(1, Math.round(s))} s`;
  if (s < 60) return `~${Math.round(s / 5) * 5} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `~${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 === 0 ? `~${h} h` : `~${h} h ${min % 60} min`;
}

export interface EtaInput {
  basis: EtaBasis;
  ticket: EtaTicket;
  /** 0 = next to start; null when unknown or not waiting. */
  queuePosition: number | null;
  pacePerMinute: number | null;
  nowMs: number;
}

/** The one line shown on the track page and by `worksmith follow`; null once the ticket has ended. */
export function describeEta(input: EtaInput): string | null {
  const { basis, ticket } = input;
  const usually = basis.p50_ms === null ? null : `usually ${formatApproxDuration(basis.p50_ms)}`;
  if (ticket.status === "pending") {
    const parts: string[] = [];
    if (input.queuePosition !== null)
      parts.push(input.queuePosition === 0 ? "next in the queue" : `${ordinal(input.queuePosition + 1)} in the queue`);
    const wait = input.queuePosition === null ? null : expectedWaitMs(input.queuePosition, input.pacePerMinute);
    if (wait !== null) parts.push(`starts in about ${formatApproxDuration(wait).slice(1)}`);
    parts.push(usually ?? "no estimate yet");
    return parts.join(" · ");
  }
  if (ticket.status !== "running") return null;
  const eta = estimateRemaining(basis, ticket, input.nowMs);
  if (!usually || !eta) return "no estimate yet";
  if (eta.overdue) return `${usually} · taking longer than usual`;
  if (eta.remainingMs < 1500) return `${usually} · almost done`;
  return `${usually} · about ${formatApproxDuration(eta.remainingMs).slice(1)} left`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th"}`;
}
