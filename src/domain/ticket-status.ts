// The ticket state machine: the only place that says which status may follow which.
// Pure rules, no I/O. The SQL in src/engine guards every UPDATE with the `from` status this
// module returns, so a transition the rules refuse can never be half-applied in the database.
import { z } from "zod";

export const TICKET_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
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
  "fail", // the agent threw, timed out, or the ticket ran out of attempts
  "cancel", // a person asked; immediate when pending, cooperative when running
  "requeue", // the lease expired (worker died) and attempts remain
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const EDGES: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  claim: { pending: "running" },
  complete: { running: "completed" },
  fail: { running: "failed", pending: "failed" },
  cancel: { pending: "cancelled", running: "cancelled" },
  requeue: { running: "pending" },
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
