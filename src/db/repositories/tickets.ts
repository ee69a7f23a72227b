// Read models of tickets: the row joined with its recipe, its latest event id and (optionally) its
// outputs, shaped as the HTTP contract's TicketView. Writes to tickets live in src/engine only.
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { OutputView, TicketList, TicketListQuery, TicketUsage, TicketView } from "../../domain/contract.js";
import type { AgentType, OutputFormat } from "../../domain/recipe.js";
import type { Executor } from "../client.js";
import {
  projectMembers,
  ticketEvents,
  workOutputs,
  workRecipes,
  workRequests,
  workTickets,
  type OutputRow,
  type RequestUsage,
  type TicketRow,
} from "../schema.js";

const lastEventId = sql<
  number | null
>`(SELECT max(${ticketEvents.id}) FROM ${ticketEvents} WHERE ${ticketEvents.ticketId} = ${workTickets.id})`;

const selection = {
  ticket: workTickets,
  recipeName: workRecipes.name,
  outputFormat: workRecipes.outputFormat,
  lastEventId,
  usage: workRequests.usage,
};

type JoinedRow = {
  ticket: TicketRow;
  recipeName: string;
  outputFormat: string;
  lastEventId: number | string | null;
  usage: RequestUsage;
};

/**
 * The request's usage as the ticket shows it; null when no model was called (the builtin agent
 * records nothing, and the column's default is zero tokens). Each ticket has its own request
 * (a retry submits a new one), so the request's usage is the ticket's.
 */
export function ticketUsage(usage: RequestUsage | null | undefined): TicketUsage | null {
  if (!usage) return null;
  const input = Number(usage.input_tokens) || 0;
  const output = Number(usage.output_tokens) || 0;
  if (input === 0 && output === 0 && !usage.model) return null;
  const cost = usage.cost_usd === undefined || usage.cost_usd === null ? null : Number(usage.cost_usd);
  return {
    input_tokens: input,
    output_tokens: output,
    model: usage.model ?? null,
    provider: usage.provider ?? null,
    cost_usd: cost !== null && Number.isFinite(cost) ? cost : null,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function outputView(row: OutputRow): OutputView {
  return {
    id: row.id,
    work_ticket_id: row.ticketId,
    title: row.title,
    body: row.body,
    file_format: (row.fileFormat as OutputFormat | null) ?? null,
    mime: row.mime,
    bytes: row.bytes,
    filename: row.filename,
    generation_method: row.generationMethod,
    agent_type: row.agentType as AgentType,
    output_type: row.outputType,
    sources: row.sources,
    created_at: row.createdAt.toISOString(),
    grounding: row.grounding ?? null,
  };
}

function ticketView(r: JoinedRow, outputs?: OutputView[]): TicketView {
  const t = r.ticket;
  return {
    id: t.id,
    work_request_id: t.requestId,
    project_id: t.projectId,
    recipe_slug: t.recipeSlug,
    recipe_name: r.recipeName,
    agent_type: t.agentType as AgentType,
    output_format: r.outputFormat as OutputFormat,
    status: t.status,
    attempt: t.attempt,
    max_attempts: t.maxAttempts,
    retry_of: t.retryOf,
    cancel_requested_at: iso(t.cancelRequestedAt),
    created_at: t.createdAt.toISOString(),
    started_at: iso(t.startedAt),
    finished_at: iso(t.finishedAt),
    todos: t.todos,
    metadata: t.metadata,
    last_event_id: r.lastEventId === null ? null : Number(r.lastEventId),
    usage: ticketUsage(r.usage),
    ...(outputs ? { outputs } : {}),
  };
}

export async function listOutputs(db: Executor, ticketId: string): Promise<OutputRow[]> {
  return db.select().from(workOutputs).where(eq(workOutputs.ticketId, ticketId)).orderBy(asc(workOutputs.createdAt), asc(workOutputs.id));
}

export async function getTicketRow(db: Executor, id: string): Promise<TicketRow | null> {
  const [row] = await db.select().from(workTickets).where(eq(workTickets.id, id));
  return row ?? null;
}

export async function getTicketView(db: Executor, id: string, options: { withOutputs?: boolean } = {}): Promise<TicketView | null> {
  const [row] = await db
    .select(selection)
    .from(workTickets)
    .innerJoin(workRecipes, eq(workRecipes.slug, workTickets.recipeSlug))
    .innerJoin(workRequests, eq(workRequests.id, workTickets.requestId))
    .where(eq(workTickets.id, id));
  if (!row) return null;
  const outputs = options.withOutputs ? (await listOutputs(db, id)).map(outputView) : undefined;
  return ticketView(row, outputs);
}

function encodeCursor(t: TicketRow): string {
  return Buffer.from(`${t.createdAt.toISOString()}|${t.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = at ? new Date(at) : null;
  if (!createdAt || Number.isNaN(createdAt.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { createdAt, id };
}

export class InvalidCursorError extends Error {}

/** Newest first, keyset-paginated on (created_at, id). */
/** A page of tickets; with `visibleTo`, only those of projects that user is a member of. */
export async function listTicketViews(db: Executor, q: TicketListQuery, options: { visibleTo?: string } = {}): Promise<TicketList> {
  const where: (SQL | undefined)[] = [
    options.visibleTo
      ? inArray(
          workTickets.projectId,
          db.select({ id: projectMembers.projectId }).from(projectMembers).where(eq(projectMembers.userId, options.visibleTo)),
        )
      : undefined,
    q.project_id ? eq(workTickets.projectId, q.project_id) : undefined,
    q.status ? eq(workTickets.status, q.status) : undefined,
    q.agent_type ? eq(workTickets.agentType, q.agent_type) : undefined,
  ];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (!c) throw new InvalidCursorError("cursor is not one this server issued");
    where.push(or(lt(workTickets.createdAt, c.createdAt), and(eq(workTickets.createdAt, c.createdAt), lt(workTickets.id, c.id))));
  }
  const rows = await db
    .select(selection)
    .from(workTickets)
    .innerJoin(workRecipes, eq(workRecipes.slug, workTickets.recipeSlug))
    .innerJoin(workRequests, eq(workRequests.id, workTickets.requestId))
    .where(and(...where))
    .orderBy(desc(workTickets.createdAt), desc(workTickets.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const outputCounts = new Map<string, number>();
  if (page.length > 0) {
    const counts = await db
      .select({ ticketId: workOutputs.ticketId, n: sql<number>`count(*)::int` })
      .from(workOutputs)
      .where(
        inArray(
          workOutputs.ticketId,
          page.map((r) => r.ticket.id),
        ),
      )
      .groupBy(workOutputs.ticketId);
    for (const c of counts) outputCounts.set(c.ticketId, Number(c.n));
  }
  return {
    items: page.map((r) => {
      const v = ticketView(r);
      // A running ticket's output_count in metadata is only final at the end; show the live count.
      return { ...v, metadata: { ...v.metadata, output_count: outputCounts.get(v.id) ?? v.metadata.output_count } };
    }),
    next_cursor: rows.length > q.limit && last ? encodeCursor(last.ticket) : null,
  };
}
