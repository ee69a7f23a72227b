// Read models of tickets: the row joined with its recipe, its latest event id and (optionally) its
// outputs, shaped as the HTTP contract's TicketView. Writes to tickets live in src/engine only.
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import type { OutputView, TicketList, TicketListQuery, TicketUsage, TicketView } from "../../domain/contract.js";
import { priorityOfRank } from "../../domain/priority.js";
import type { AgentType, OutputFormat } from "../../domain/recipe.js";
import { parseTimeBound } from "../../domain/time-range.js";
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
  users,
} from "../schema.js";

const lastEventId = sql<
  number | null
>`(SELECT max(${ticketEvents.id}) FROM ${ticketEvents} WHERE ${ticketEvents.ticketId} = ${workTickets.id})`;

/** The longest topic a list carries (a topic may be a 100 KB text; a row shows a line of it). */
const TOPIC_MAX_CHARS = 300;
/** How much of a topic a search reads. */
const TOPIC_SEARCH_CHARS = 2_000;

/**
 * The parameter that names a ticket's topic, per recipe (src/domain/recipe.ts, `x-title`): the one
 * marked `"x-title": true`, else the first required string parameter without an enum (`required`
 * is an array, so its order survives jsonb; a jsonb object's keys do not keep theirs).
 */
const topicKeySql = sql<string | null>`coalesce(
  (SELECT e.key FROM jsonb_each(${workRecipes.configurableParameters}->'properties') e
     WHERE e.value->>'x-title' = 'true' ORDER BY e.key LIMIT 1),
  (SELECT r.key FROM jsonb_array_elements_text(${workRecipes.configurableParameters}->'required') WITH ORDINALITY r(key, n)
     WHERE ${workRecipes.configurableParameters}->'properties'->r.key->>'type' = 'string'
       AND NOT (${workRecipes.configurableParameters}->'properties'->r.key ? 'enum')
     ORDER BY r.n LIMIT 1))`;

/**
 * Each recipe's topic key, worked out once per query rather than once per ticket: the LIMIT keeps
 * the planner from folding the subquery into the join (which would run the jsonb walk above for
 * every row a search reads — 1.2 s instead of ~0.1 s over 5,000 tickets under PGlite).
 */
const recipeTopics = new QueryBuilder()
  .select({ slug: sql<string>`${workRecipes.slug}`.as("topic_recipe_slug"), key: topicKeySql.as("topic_key") })
  .from(workRecipes)
  .limit(1_000_000)
  .as("recipe_topics");

/** The ticket's topic parameter as text (strings only: a number or a list is no title). */
const topicOf = (key: SQL) => sql<string | null>`(CASE WHEN jsonb_typeof(${workTickets.metadata}->'recipe_parameters'->${key}) = 'string'
  THEN ${workTickets.metadata}->'recipe_parameters'->>${key} END)`;
const topicSql = topicOf(sql`${recipeTopics.key}`);

/** Who submitted: the account's name, its email when it has none (requested_by holds the user id as text). */
const submittedBySql = sql<
  string | null
>`(SELECT coalesce(nullif(btrim(${users.name}), ''), ${users.email}) FROM ${users} WHERE ${users.id}::text = ${workRequests.requestedBy})`;

/** Outputs stored so far (a running ticket's metadata.output_count is only written at its end). */
const liveOutputCount = sql<number | string>`(SELECT count(*) FROM ${workOutputs} WHERE ${workOutputs.ticketId} = ${workTickets.id})`;

const selection = {
  ticket: workTickets,
  recipeName: workRecipes.name,
  outputFormat: workRecipes.outputFormat,
  lastEventId,
  usage: workRequests.usage,
  topic: sql<string | null>`left(${topicSql}, ${sql.raw(String(TOPIC_MAX_CHARS))})`,
  submittedBy: submittedBySql,
};

type JoinedRow = {
  ticket: TicketRow;
  recipeName: string;
  outputFormat: string;
  lastEventId: number | string | null;
  usage: RequestUsage;
  topic: string | null;
  submittedBy: string | null;
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
    priority: priorityOfRank(t.priority),
    cancel_requested_at: iso(t.cancelRequestedAt),
    created_at: t.createdAt.toISOString(),
    started_at: iso(t.startedAt),
    finished_at: iso(t.finishedAt),
    todos: t.todos,
    metadata: t.metadata,
    last_event_id: r.lastEventId === null ? null : Number(r.lastEventId),
    usage: ticketUsage(r.usage),
    ...(outputs ? { outputs } : {}),
    topic: r.topic,
    submitted_by: r.submittedBy,
  };
}

export async function listOutputs(db: Executor, ticketId: string): Promise<OutputRow[]> {
  return db.select().from(workOutputs).where(eq(workOutputs.ticketId, ticketId)).orderBy(asc(workOutputs.createdAt), asc(workOutputs.id));
}

export async function getTicketRow(db: Executor, id: string): Promise<TicketRow | null> {
  const [row] = await db.select().from(workTickets).where(eq(workTickets.id, id));
  return row ?? null;
}

/** A ticket's outputs as the API shows them, oldest first, as one jsonb array (created_at as stored). */
const outputsJson = sql<OutputJson[]>`(SELECT coalesce(jsonb_agg(jsonb_build_object(
    'id', o.id, 'work_ticket_id', o.ticket_id, 'title', o.title, 'body', o.body, 'file_format', o.file_format,
    'mime', o.mime, 'bytes', o.bytes, 'filename', o.filename, 'generation_method', o.generation_method,
    'agent_type', o.agent_type, 'output_type', o.output_type, 'sources', o.sources, 'created_at', o.created_at,
    'grounding', o.grounding) ORDER BY o.created_at, o.id), '[]'::jsonb)
  FROM ${workOutputs} o WHERE o.ticket_id = ${workTickets.id})`;
type OutputJson = Omit<OutputView, "created_at"> & { created_at: string };

/** The member check of a single-ticket read: any role reads; not a member → no row (404, as missing). */
const memberOf = (user: ReturnType<typeof sql.placeholder>) =>
  sql`EXISTS (SELECT 1 FROM ${projectMembers} WHERE ${projectMembers.projectId} = ${workTickets.projectId} AND ${projectMembers.userId} = ${user})`;

/**
 * The single-ticket read, built once per executor and variant and run as a prepared statement (a
 * named one on PostgreSQL): GET ticket is polled by every open ticket page, and rendering it through
 * drizzle's builder on every call was a share of the server's main thread under load (9 % of its
 * samples were drizzle's query building, bench:api, issue 14 round 6). The outputs come in the same
 * statement (one round trip and one socket write instead of two).
 */
function ticketViewQuery(db: Executor, withOutputs: boolean, member: boolean) {
  // One row: its topic key is worked out from its own recipe, not from the derived table of every
  // recipe the lists use (which a single ticket paid for in full: 3.3 ms a read under PGlite, bench:api).
  const topic = sql<string | null>`left(${topicOf(topicKeySql)}, ${sql.raw(String(TOPIC_MAX_CHARS))})`;
  const outputs = withOutputs ? outputsJson : sql<OutputJson[] | null>`NULL::jsonb`;
  const name = `ticket_view${withOutputs ? "_outputs" : ""}${member ? "_member" : ""}`;
  return db
    .select({ ...selection, topic, outputs })
    .from(workTickets)
    .innerJoin(workRecipes, eq(workRecipes.slug, workTickets.recipeSlug))
    .innerJoin(workRequests, eq(workRequests.id, workTickets.requestId))
    .where(and(eq(workTickets.id, sql.placeholder("id")), member ? memberOf(sql.placeholder("user")) : undefined))
    .prepare(name);
}
type TicketViewQuery = ReturnType<typeof ticketViewQuery>;
const ticketViewQueries = new WeakMap<Executor, Map<string, TicketViewQuery>>();

/**
 * One ticket as the API shows it; with `visibleTo`, only when that user is a member of its project
 * (any role reads), so a read needs no separate role query.
 */
export async function getTicketView(
  db: Executor,
  id: string,
  options: { withOutputs?: boolean; visibleTo?: string | undefined } = {},
): Promise<TicketView | null> {
  const withOutputs = options.withOutputs ?? false;
  const member = options.visibleTo !== undefined;
  let queries = ticketViewQueries.get(db);
  if (!queries) ticketViewQueries.set(db, (queries = new Map<string, TicketViewQuery>()));
  const key = `${withOutputs}/${member}`;
  let query = queries.get(key);
  if (!query) queries.set(key, (query = ticketViewQuery(db, withOutputs, member)));
  const [row] = await query.execute({ id, user: options.visibleTo });
  if (!row) return null;
  const outputs = row.outputs?.map((o) => ({ ...o, created_at: new Date(o.created_at).toISOString() }));
  return ticketView(row, outputs ?? undefined);
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

/**
 * A page of tickets, newest first, keyset-paginated on (created_at, id); with `visibleTo`, only
 * those of projects that user is a member of. `since`/`until` bound created_at (durations are
 * counted back from `now`); `q` searches the topic and the outputs' titles.
 */
export async function listTicketViews(
  db: Executor,
  q: TicketListQuery,
  options: { visibleTo?: string | undefined; now?: Date | undefined } = {},
): Promise<TicketList> {
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
    ...timeFilters(q, options.now ?? new Date()),
    q.q !== undefined ? searchFilter(q.q) : undefined,
  ];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (!c) throw new InvalidCursorError("cursor is not one this server issued");
    where.push(or(lt(workTickets.createdAt, c.createdAt), and(eq(workTickets.createdAt, c.createdAt), lt(workTickets.id, c.id))));
  }
  // The page's ids first (the filters only, on work_tickets_project_idx read backwards, stopping at
  // limit + 1), then the joins and per-row subqueries for those rows alone. As one flat query the
  // planner joined every ticket of the project to its request and sorted them all for the top 51:
  // 69 ms over 5,000 tickets on PostgreSQL, growing with history (bench/RESULTS.md, bench:api).
  // Only a search reads the topic; without one, the derived table would stand between the index
  // and the LIMIT.
  const candidates = db.select({ id: workTickets.id }).from(workTickets).$dynamic();
  const page = (hasSearch(q.q) ? candidates.leftJoin(recipeTopics, eq(recipeTopics.slug, workTickets.recipeSlug)) : candidates)
    .where(and(...where))
    .orderBy(desc(workTickets.createdAt), desc(workTickets.id))
    .limit(q.limit + 1);
  const rows = await db
    .select({ ...selection, outputCount: liveOutputCount })
    .from(workTickets)
    .innerJoin(workRecipes, eq(workRecipes.slug, workTickets.recipeSlug))
    .leftJoin(recipeTopics, eq(recipeTopics.slug, workTickets.recipeSlug))
    .innerJoin(workRequests, eq(workRequests.id, workTickets.requestId))
    .where(inArray(workTickets.id, page))
    .orderBy(desc(workTickets.createdAt), desc(workTickets.id));
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => {
      const v = ticketView(r);
      // A running ticket's output_count in metadata is only final at the end; show the live count.
      return { ...v, metadata: { ...v.metadata, output_count: Number(r.outputCount) || v.metadata.output_count } };
    }),
    next_cursor: rows.length > q.limit && last ? encodeCursor(last.ticket) : null,
  };
}

function timeFilters(q: Pick<TicketListQuery, "since" | "until">, now: Date): SQL[] {
  const filters: SQL[] = [];
  const since = q.since === undefined ? null : parseTimeBound(q.since, now);
  const until = q.until === undefined ? null : parseTimeBound(q.until, now);
  if (since) filters.push(gte(workTickets.createdAt, since));
  if (until) filters.push(lt(workTickets.createdAt, until));
  return filters;
}

/** The words of a search, as prefixes ("riverb" finds "Riverbend"): letters and digits only, so no tsquery syntax gets through. */
export function searchPrefixQuery(text: string): string | null {
  const words = (text.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16).map((w) => `${w.slice(0, 100).toLowerCase()}:*`);
  return words.length > 0 ? words.join(" & ") : null;
}

/**
 * Tickets whose topic and output titles, read together, hold every word of the search (English
 * stemming, prefix match), or whose topic contains the text as typed — which also finds words the
 * full-text parser drops (stop words, "—"). Computed per row rather than stored: the topic's
 * parameter depends on the recipe and the titles live in work_outputs, and the row set is already
 * narrowed to one project (bench: bench/RESULTS.md, ticket search).
 */
function hasSearch(raw: string | undefined): boolean {
  return raw !== undefined && raw.trim() !== "";
}

function searchFilter(raw: string): SQL | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  const prefix = searchPrefixQuery(text);
  const titles = sql`(SELECT string_agg(${workOutputs.title}, ' ') FROM ${workOutputs} WHERE ${workOutputs.ticketId} = ${workTickets.id})`;
  const document = sql`to_tsvector('english', coalesce(left(${topicSql}, ${sql.raw(String(TOPIC_SEARCH_CHARS))}), '') || ' ' || coalesce(${titles}, ''))`;
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const substring = sql`left(${topicSql}, ${sql.raw(String(TOPIC_SEARCH_CHARS))}) ILIKE ${like}`;
  return prefix ? or(sql`${document} @@ to_tsquery('english', ${prefix})`, substring) : substring;
}
