// The ticket state machine: the only place that says which status may follow which.
// Pure rules, no I/O. The SQL in src/engine guards every UPDATE with the `from` status this
// module returns, so a transition the rules refuse can never be half-applied in the database.
import { z } from "zod";

// `waiting`: the agent asked a person something (issue 16). No worker holds a waiting ticket; once
// answered it may be claimed again (`resume`) and its run continues where it asked.
export const TICKET_STATUSES = ["pending", "running", "waiting", "completed", "failed", "cancelled"] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TERMINAL_STATUSES: readonly TicketStatus[] = ["completed", "failed", "cancelled"];

export function isTerminal(status: TicketStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** What happens to a ticket. Each action names exactly one edge per `from` status. */
export const TICKET_ACTIONS = [
  "claim", // a worker takes a pending ticket
  "complete", // the agent returned
  "fail", // the agent threw, timed out, the ticket ran out of attempts, or its question expired unanswered
  "cancel", // a person asked; immediate when pending or waiting, cooperative when running
  "requeue", // the lease expired (worker died) and attempts remain
  "wait", // the agent asked a question: its slot and lease are given up until someone answers
  "resume", // a worker claims an answered waiting ticket; the run continues from where it asked
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const EDGES: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  claim: { pending: "running" },
  complete: { running: "completed" },
  fail: { running: "failed", pending: "failed", waiting: "failed" },
  cancel: { pending: "cancelled", running: "cancelled", waiting: "cancelled" },
  requeue: { running: "pending" },
  wait: { running: "waiting" },
  resume: { waiting: "running" },
};

export type Transition = { ok: true; from: TicketStatus; to: TicketStatus } | { ok: false; from: TicketStatus; action: TicketAction };

/** The status `action` leads to from `from`, or a refusal. */
export function transition(from: TicketStatus, action: TicketAction): Transition {
  const to = EDGES[action][from];
  return to ? { ok: true, from, to } : { ok: false, from, action };
}

/** Every status from which `action` is legal: the `WHERE status = ANY($from)` of the guarded UPDATE. */
export function legalFromStatuses(action: TicketAction): TicketStatus[] {
  return TICKET_STATUSES.filter((s) => EDGES[action][s] !== undefined);
}

/** The single target status of `action` (every action has one). */
export function targetStatus(action: TicketAction): TicketStatus {
  const targets = new Set(Object.values(EDGES[action]));
  const [only] = [...targets];
  if (targets.size !== 1 || only === undefined) throw new Error(`action ${action} has no single target`);
  return only;
}

/** A person may cancel while the ticket has not ended. */
export function canCancel(status: TicketStatus): boolean {
  return transition(status, "cancel").ok;
}

/** Retry / regenerate makes a new ticket; allowed once the old one has ended (history is never rewritten). */
export function canRetry(status: TicketStatus): boolean {
  return isTerminal(status);
}
