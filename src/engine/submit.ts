// Submitting work: request + ticket + first event in ONE transaction whose NOTIFY wakes a worker —
// or, when this process runs a worker with a free slot and nothing else is claimable, that claims
// the ticket for it in the same statement (the submit hand-off, issue 13; src/engine/hand-off.ts).
// Everything that can be refused (unknown project or recipe, bad parameters) is refused before the
// statement runs, and the statement itself re-checks project and recipe: a rejected request never
// writes a row.
import { eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import { prepareStatement, runPrepared, type PreparedStatement } from "../db/prepared.js";
import { projectExists } from "../db/repositories/projects.js";
import { getRecipeVersion } from "../db/repositories/recipe-versions.js";
import { recipeFromRow } from "../db/repositories/recipes.js";
import { workRecipes, type TicketRow } from "../db/schema.js";
import type { TicketMetadata } from "../domain/contract.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { CHANNELS, type StatusEventData } from "../domain/events.js";
import { validateParameters } from "../domain/parameters.js";
import { insertStatusEventsSql, notifyEventSql } from "../events/status-events-sql.js";
import { priorityRank, type TicketPriority } from "../domain/priority.js";
import type { AgentType, Recipe, RecipeModel } from "../domain/recipe.js";
import { handOff, type HandOffLease } from "./hand-off.js";
import { leaseExpirySql } from "./lease.js";
import { fromStatusesSql, ticketsFromRows } from "./sql/raw.js";

export interface SubmitInput {
  projectId: string;
  recipeSlug: string;
  parameters: Record<string, unknown>;
  /** When set (the route's :agent_type), the recipe must belong to it. */
  agentType?: AgentType | undefined;
  requestedBy?: string | undefined;
  retryOf?: string | undefined;
  /** A model for this ticket (LLM agent), over the recipe's and the server's; kept by a retry. */
  model?: RecipeModel | null | undefined;
  /** Run on this version of the recipe (a retry keeps its original's); absent: the latest. */
  recipeVersion?: number | undefined;
  /** Its place within the project's queue (issue 19); absent: normal. */
  priority?: TicketPriority | undefined;
}

export interface SubmitResult {
  ticket: TicketRow;
  /** false when the API's Idempotency-Key matched an earlier submission and its ticket is returned (src/api/idempotency.ts). */
  created: boolean;
}

// Recipes as submit last saw them, per database. Each submit re-checks in its INSERT that the recipe
// is still active with the same updated_at (and that the project exists), so the cache can never
// admit a ticket against a changed recipe; it only saves the steady state a round trip.
const recipeCache = new WeakMap<Database, Map<string, CachedRecipe>>();
export interface CachedRecipe {
  recipe: Recipe;
  /** The project the recipe belongs to, or null for every project's. */
  projectId: string | null;
  /** updated_at in microseconds since the epoch, as text (exact, driver-independent). */
  stamp: string;
}

function recipeCacheOf(database: Database): Map<string, CachedRecipe> {
  let cache = recipeCache.get(database);
  if (!cache) recipeCache.set(database, (cache = new Map<string, CachedRecipe>()));
  return cache;
}

/**
 * The latest version of a recipe as submits last saw it (read on a miss; null when there is no such
 * recipe). Whoever writes with it must guard the write with its stamp, as insertTicket does, and
 * call forgetCachedRecipe when the guard refuses.
 */
export async function cachedRecipe(database: Database, slug: string): Promise<CachedRecipe | null> {
  const cache = recipeCacheOf(database);
  const known = cache.get(slug);
  if (known) return known;
  const fresh = await loadRecipe(database.db, slug);
  // Only active recipes are kept: what is refused is read again, so a restored recipe is seen at once.
  if (fresh?.recipe.status === "active") cache.set(slug, fresh);
  return fresh;
}

export function forgetCachedRecipe(database: Database, slug: string): void {
  recipeCacheOf(database).delete(slug);
}

export async function submitTicket(database: Database, input: SubmitInput): Promise<SubmitResult> {
  const db = database.db;
  const cache = recipeCacheOf(database);
  const cacheKey = input.recipeVersion === undefined ? input.recipeSlug : `${input.recipeSlug}@${input.recipeVersion}`;
  let cached = cache.get(cacheKey);
  for (let round = 0; round < 3; round++) {
    if (!cached) {
      // projectExists, not getProject: the latter counts the project's tickets, which grows with history.
      const [exists, fresh] = await Promise.all([
        projectExists(db, input.projectId),
        loadRecipe(db, input.recipeSlug, input.recipeVersion),
      ]);
      if (!exists) throw new NotFoundError("project", input.projectId);
      if (!fresh || fresh.recipe.status !== "active") throw new NotFoundError("recipe", input.recipeSlug);
      cache.set(cacheKey, (cached = fresh));
    }
    // A project's own recipe is not there for other projects (checked on every submit: the cache is per recipe).
    if (cached.projectId !== null && cached.projectId !== input.projectId) throw new NotFoundError("recipe", input.recipeSlug);
    const ticket = await insertTicket(database, input, cached);
    if (ticket) return { ticket, created: true };
    // Nothing was inserted: the project or the recipe changed since it was cached. Look again from scratch.
    cache.delete(cacheKey);
    cached = undefined;
  }
  throw new Error(`recipe ${input.recipeSlug} kept changing while the ticket was being submitted`);
}

/** The recipe as submit validates against: the latest, or a pinned version (whose row's stamp still guards the insert). */
async function loadRecipe(db: Executor, slug: string, version?: number): Promise<CachedRecipe | null> {
  const [row] = await db
    .select({ row: workRecipes, stamp: sql<string>`(extract(epoch from ${workRecipes.updatedAt}) * 1000000)::bigint::text` })
    .from(workRecipes)
    .where(eq(workRecipes.slug, slug));
  if (!row) return null;
  const current = recipeFromRow(row.row);
  const base = { stamp: row.stamp, projectId: current.project_id };
  if (version === undefined || version === current.version) return { recipe: current, ...base };
  const pinned = await getRecipeVersion(db, slug, version);
  if (!pinned) throw new NotFoundError("recipe version", `${slug}@${version}`);
  // The lifecycle (active or archived) is the recipe's, not the version's.
  return { recipe: { ...pinned, status: current.status }, ...base };
}

/** What insertTicket's statement returns: the row written (null: refused), and — handed off — the claimed row. */
interface Inserted {
  /** The ticket when the statement claimed it for the local worker that ran it (hand-off.ts), else null. */
  ticket: TicketRow | null;
  /** The ticket written, pending or (handed off) running; null when nothing was written. */
  row: TicketRow | null;
}

/**
 * Validates, then writes request + ticket + first event + NOTIFYs in one statement; `row` is null if
 * refused. When this process runs a worker of the database with a free slot and nothing else is
 * claimable, the same statement claims the ticket for that worker (hand-off.ts): no NOTIFY → claim
 * round trip and one commit instead of two between a submit and its run.
 */
async function insertTicket(database: Database, input: SubmitInput, { recipe, stamp }: CachedRecipe): Promise<TicketRow | null> {
  if (input.agentType && recipe.agent_type !== input.agentType) {
    throw new ValidationError("recipe does not belong to this agent type", [
      { field: "recipe_slug", message: `${recipe.slug} is a ${recipe.agent_type} recipe, not ${input.agentType}` },
    ]);
  }
  const params = validateParameters(recipe.parameters, input.parameters);
  if (!params.ok) throw new ValidationError("parameters do not match the recipe", params.errors);

  const metadata: TicketMetadata = {
    recipe_id: recipe.slug,
    recipe_parameters: params.value,
    execution_time_ms: null,
    output_count: 0,
    final_todos: null,
    error_message: null,
    recipe_version: recipe.version,
    ...(input.model ? { model: input.model } : {}),
  };
  const values = {
    projectId: input.projectId,
    slug: recipe.slug,
    agentType: recipe.agent_type,
    parameters: JSON.stringify(params.value),
    requestedBy: input.requestedBy ?? null,
    stamp,
    maxAttempts: recipe.max_attempts,
    timeoutS: recipe.timeout_s,
    retryOf: input.retryOf ?? null,
    metadata: JSON.stringify(metadata),
    priority: priorityRank(input.priority),
    reason: input.retryOf ? "retry" : "submitted",
  };
  const write = async (lease: HandOffLease | null): Promise<Inserted> => {
    const rows = await runPrepared(database, submitStatement(), {
      ...values,
      workerId: lease?.workerId ?? null,
      leaseMs: lease ? Math.max(1, Math.round(lease.leaseMs)) : null,
      cap: lease?.defaultMaxRunning ?? null,
    });
    const row = ticketsFromRows(rows)[0] ?? null;
    return { row, ticket: row?.status === "running" ? row : null };
  };
  const { row } = (await handOff(database, write)) ?? (await write(null));
  return row;
}

let submitPrepared: PreparedStatement | null = null;

/**
 * ONE statement (one round trip, one transaction), prepared once per connection: request, ticket,
 * the first status event and the NOTIFYs (the event id for streams, the ticket id to wake a worker),
 * delivered on commit. It inserts nothing when the project is gone or the recipe changed.
 *
 * Handed off (`workerId` set): the ticket is written `running` under a fresh lease for that worker —
 * attempt 1, a new owner token, the expiry from the database's clock, as the claim writes it — with
 * its `pending` and then its `running` event, and no worker is woken. Only when the project has no
 * running limit (the claim checks limits under its lock) and nothing else is claimable (no pending
 * ticket, no answered waiting one, in the statement's snapshot): a submit never overtakes a ticket
 * the claim would have taken first, in either claim order.
 */
function submitStatement(): PreparedStatement {
  if (submitPrepared) return submitPrepared;
  const p = sql.placeholder;
  const event: StatusEventData = { status: "pending", previous: null, attempt: 0, reason: "", recipe_slug: "", agent_type: "" };
  const eager = sql`e.handed`;
  submitPrepared = prepareStatement(sql`
    WITH req AS (
      INSERT INTO work_requests (project_id, recipe_slug, agent_type, parameters, requested_by)
      SELECT ${p("projectId")}::uuid, ${p("slug")}::text, ${p("agentType")}::text, ${p("parameters")}::jsonb, ${p("requestedBy")}::text
      WHERE EXISTS (SELECT 1 FROM projects WHERE id = ${p("projectId")}::uuid)
        AND EXISTS (SELECT 1 FROM work_recipes WHERE slug = ${p("slug")}::text AND status = 'active'
                    AND (extract(epoch from updated_at) * 1000000)::bigint::text = ${p("stamp")}::text)
      RETURNING id
    ), eager AS (
      SELECT ${p("workerId")}::text IS NOT NULL
             AND (SELECT COALESCE(max_running, ${p("cap")}::int) IS NULL FROM projects WHERE id = ${p("projectId")}::uuid)
             -- Probes as ordered scalar subqueries, not EXISTS (whose ORDER BY the planner drops): each
             -- is one step into its partial index whatever the statistics say. Estimates that think
             -- many tickets pending made an EXISTS a sequential scan of the whole table (~50 ms).
             AND (SELECT created_at FROM work_tickets WHERE status IN ${fromStatusesSql("claim")} ORDER BY created_at LIMIT 1) IS NULL
             AND (SELECT resume_at FROM work_tickets WHERE status = 'waiting' AND resume_at IS NOT NULL ORDER BY resume_at LIMIT 1) IS NULL
             AS handed
    ), tk AS (
      INSERT INTO work_tickets (request_id, project_id, recipe_slug, agent_type, max_attempts, timeout_s, retry_of, metadata, priority,
                                status, attempt, lease_owner, lease_token, lease_expires_at, started_at)
      SELECT req.id, ${p("projectId")}::uuid, ${p("slug")}::text, ${p("agentType")}::text, ${p("maxAttempts")}::int, ${p("timeoutS")}::int,
             ${p("retryOf")}::uuid, ${p("metadata")}::jsonb, ${p("priority")}::smallint,
             CASE WHEN ${eager} THEN 'running' ELSE 'pending' END, CASE WHEN ${eager} THEN 1 ELSE 0 END,
             CASE WHEN ${eager} THEN ${p("workerId")}::text END, CASE WHEN ${eager} THEN gen_random_uuid() END,
             CASE WHEN ${eager} THEN ${leaseExpirySql(sql`${p("leaseMs")}::int`)} END, CASE WHEN ${eager} THEN now() END
      FROM req CROSS JOIN eager e
      RETURNING *
    ), ev AS (
      ${insertStatusEventsSql(
        { rows: sql`tk`, ticketId: sql`tk.id`, projectId: sql`tk.project_id` },
        { ...event, reason: sql`${p("reason")}::text`, recipe_slug: sql`${p("slug")}::text`, agent_type: sql`${p("agentType")}::text` },
      )}
    ), run_ev AS (
      -- Reads ev's row, so the pending event's id is drawn first: the log says pending, then running.
      ${insertStatusEventsSql(
        {
          rows: sql`(SELECT tk.* FROM tk JOIN ev ON ev.ticket_id = tk.id WHERE tk.status = 'running') c`,
          ticketId: sql`c.id`,
          projectId: sql`c.project_id`,
        },
        { status: "running", previous: "pending", attempt: sql`c.attempt`, reason: sql`NULL` },
      )}
    )
    SELECT to_jsonb(tk) AS ticket, ${notifyEventSql(sql`ev.id`)},
           CASE WHEN tk.status = 'running' THEN ${notifyEventSql(sql`(SELECT id FROM run_ev)`)}
                ELSE pg_notify(${CHANNELS.tickets}, tk.id::text) END
    FROM tk JOIN ev ON ev.ticket_id = tk.id`);
  return submitPrepared;
}
