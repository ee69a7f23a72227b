// Raw SQL helpers for the engine's hot path: one round trip per state change. Rows come back as
// `to_jsonb(work_tickets)` so both drivers hand us the same shape (pg returns timestamptz as text
// through drizzle's raw execute, PGlite as Date; jsonb is parsed the same way by both).
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import type { TicketRow } from "../../db/schema.js";
import type { TicketMetadata } from "../../domain/contract.js";
import { legalFromStatuses, type TicketAction, type TicketStatus } from "../../domain/ticket-status.js";
import type { TodoItem } from "../../domain/todos.js";

export async function queryRows(exec: Executor, query: SQL): Promise<Record<string, unknown>[]> {
  const result: unknown = await exec.execute(query);
  return (result as { rows: Record<string, unknown>[] }).rows;
}

/** `('running','pending')`: the guard of a transition, from the domain's one state machine. */
export function fromStatusesSql(action: TicketAction): SQL {
  // The statuses are the domain's enum constants, never input, so inlining them is safe.
  const list = legalFromStatuses(action)
    .map((s) => `'${s}'`)
    .join(",");
  return sql.raw(`(${list})`);
}

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** A `to_jsonb(work_tickets)` object → the Drizzle row type. */
export function ticketFromJson(j: Record<string, unknown>): TicketRow {
  return {
    id: j.id as string,
    requestId: j.request_id as string,
    projectId: j.project_id as string,
    recipeSlug: j.recipe_slug as string,
    agentType: j.agent_type as string,
    status: j.status as TicketStatus,
    attempt: Number(j.attempt),
    maxAttempts: Number(j.max_attempts),
    timeoutS: Number(j.timeout_s),
    leaseOwner: (j.lease_owner as string | null) ?? null,
    leaseToken: (j.lease_token as string | null) ?? null,
    leaseExpiresAt: date(j.lease_expires_at),
    cancelRequestedAt: date(j.cancel_requested_at),
    retryOf: (j.retry_of as string | null) ?? null,
    todos: j.todos as TodoItem[],
    metadata: j.metadata as TicketMetadata,
    createdAt: date(j.created_at) ?? new Date(0),
    startedAt: date(j.started_at),
    finishedAt: date(j.finished_at),
    updatedAt: date(j.updated_at) ?? new Date(0),
    resumeAt: date(j.resume_at),
    priority: Number(j.priority ?? 0),
  };
}

/** Rows of `SELECT to_jsonb(x) AS ticket …` → ticket rows. */
export function ticketsFromRows(rows: Record<string, unknown>[]): TicketRow[] {
  return rows.map((r) => ticketFromJson((typeof r.ticket === "string" ? JSON.parse(r.ticket) : r.ticket) as Record<string, unknown>));
}
