// Submitting work: request + ticket + first event in ONE transaction whose NOTIFY wakes a worker.
// Everything that can be refused (unknown project or recipe, bad parameters) is refused before the
// statement runs, and the statement itself re-checks project and recipe: a rejected request never
// writes a row.
import { eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
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
import { queryRows, ticketsFromRows } from "./sql/raw.js";

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
    const ticket = await insertTicket(db, input, cached);
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

/** Validates, then writes request + ticket + first event + NOTIFYs in one statement; null if refused. */
async function insertTicket(db: Executor, input: SubmitInput, { recipe, stamp }: CachedRecipe): Promise<TicketRow | null> {
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
  const event: StatusEventData = {
    status: "pending",
    previous: null,
    attempt: 0,
    reason: input.retryOf ? "retry" : "submitted",
    recipe_slug: recipe.slug,
    agent_type: recipe.agent_type,
  };

  // ONE statement (one round trip, one transaction): request, ticket, the first status event and the
  // NOTIFYs (the event id for streams, the ticket id to wake a worker), delivered on commit. It
  // inserts nothing when the project is gone or the recipe changed.
  const rows = await queryRows(
    db,
    sql`
    WITH req AS (
      INSERT INTO work_requests (project_id, recipe_slug, agent_type, parameters, requested_by)
      SELECT ${input.projectId}::uuid, ${recipe.slug}, ${recipe.agent_type}, ${JSON.stringify(params.value)}::jsonb,
             ${input.requestedBy ?? null}::text
      WHERE EXISTS (SELECT 1 FROM projects WHERE id = ${input.projectId}::uuid)
        AND EXISTS (SELECT 1 FROM work_recipes WHERE slug = ${recipe.slug} AND status = 'active'
                    AND (extract(epoch from updated_at) * 1000000)::bigint::text = ${stamp})
      RETURNING id
    ), tk AS (
      INSERT INTO work_tickets (request_id, project_id, recipe_slug, agent_type, max_attempts, timeout_s, retry_of, metadata, priority)
      SELECT req.id, ${input.projectId}::uuid, ${recipe.slug}, ${recipe.agent_type}, ${recipe.max_attempts}::int, ${recipe.timeout_s}::int,
             ${input.retryOf ?? null}::uuid, ${JSON.stringify(metadata)}::jsonb, ${priorityRank(input.priority)}::smallint
      FROM req
      RETURNING *
    ), ev AS (
      ${insertStatusEventsSql({ rows: sql`tk`, ticketId: sql`tk.id`, projectId: sql`tk.project_id` }, event)}
    )
    SELECT to_jsonb(tk) AS ticket, ${notifyEventSql(sql`ev.id`)}, pg_notify(${CHANNELS.tickets}, tk.id::text)
    FROM tk JOIN ev ON ev.ticket_id = tk.id`,
  );
  return ticketsFromRows(rows)[0] ?? null;
}
