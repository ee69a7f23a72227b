// Submitting many tickets of one recipe at once (benchmarks, scripted batches, and the API's grouped
// submits through src/engine/submit-batcher.ts): the same rows, first status event and NOTIFYs as
// submitTicket, validated the same way, in ONE statement per call. No idempotency keys: a batch is
// all-or-nothing.
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { prepareStatement, runPrepared, type PreparedStatement } from "../db/prepared.js";
import { projectExists } from "../db/repositories/projects.js";
import { getRecipe, recipeAvailableIn } from "../db/repositories/recipes.js";
import type { TicketRow } from "../db/schema.js";
import { roleAllows, type ProjectAction, type Role } from "../domain/access.js";
import type { TicketMetadata } from "../domain/contract.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { CHANNELS, type StatusEventData } from "../domain/events.js";
import { validateParameters } from "../domain/parameters.js";
import type { Recipe } from "../domain/recipe.js";
import { insertStatusEventsSql, notifyEventSql } from "../events/status-events-sql.js";
import { ticketsFromRows } from "./sql/raw.js";

export interface BulkSubmitInput {
  projectId: string;
  recipeSlug: string;
  /** One entry per ticket. */
  parameters: Record<string, unknown>[];
  requestedBy?: string | undefined;
}

export async function submitTicketsBulk(database: Database, input: BulkSubmitInput): Promise<TicketRow[]> {
  const db = database.db;
  if (input.parameters.length === 0) return [];
  const [exists, recipe] = await Promise.all([projectExists(db, input.projectId), getRecipe(db, input.recipeSlug)]);
  if (!exists) throw new NotFoundError("project", input.projectId);
  if (!recipe || recipe.status !== "active" || !recipeAvailableIn(recipe, input.projectId))
    throw new NotFoundError("recipe", input.recipeSlug);
  const parameters = input.parameters.map((p, i) => {
    const params = validateParameters(recipe.parameters, p);
    if (!params.ok) {
      throw new ValidationError(
        `parameters of item ${i} do not match the recipe`,
        params.errors.map((e) => ({ ...e, field: `${i}/${e.field}` })),
      );
    }
    return params.value;
  });
  const tickets = await insertTicketsGuarded(database, {
    projectId: input.projectId,
    recipe,
    stamp: null,
    parameters,
    requestedBy: input.requestedBy ?? null,
  });
  // The project was deleted or the recipe archived between the reads above and the statement.
  if (!tickets) throw new NotFoundError("recipe", input.recipeSlug);
  return tickets;
}

export interface GuardedBulkInput {
  projectId: string;
  /** The recipe the parameters were validated against (the caller checked it is active and available in the project). */
  recipe: Recipe;
  /**
   * The recipe row's updated_at (microseconds since the epoch, as text) it was read with: nothing is
   * written if the row has changed since. Null: only that the recipe is still active is checked.
   */
  stamp: string | null;
  /** Validated parameters, one entry per ticket. */
  parameters: Record<string, unknown>[];
  requestedBy: string | null;
  /** Write only if this user's role in the project allows the action (one check for the whole group). */
  member?: { userId: string; action: ProjectAction } | undefined;
}

/**
 * Writes one request, ticket and first status event per entry, and the NOTIFYs, in ONE statement
 * that re-checks everything the caller checked from a cache or an earlier read: the project exists,
 * the recipe is active and unchanged, the member's role. Returns the tickets in input order, or null
 * when a check failed — then nothing was written, and the caller finds out which one on its slow path.
 */
export async function insertTicketsGuarded(database: Database, input: GuardedBulkInput): Promise<TicketRow[] | null> {
  if (input.parameters.length === 0) return [];
  const { recipe } = input;
  const items = input.parameters.map((parameters, n) => {
    const metadata: TicketMetadata = {
      recipe_id: recipe.slug,
      recipe_parameters: parameters,
      execution_time_ms: null,
      output_count: 0,
      final_todos: null,
      error_message: null,
      recipe_version: recipe.version,
    };
    return { n, parameters, metadata };
  });
  const rows = await runPrepared(database, guardedStatement(input.member?.action ?? null), {
    items: JSON.stringify(items),
    projectId: input.projectId,
    slug: recipe.slug,
    agentType: recipe.agent_type,
    maxAttempts: recipe.max_attempts,
    timeoutS: recipe.timeout_s,
    stamp: input.stamp,
    requestedBy: input.requestedBy,
    memberId: input.member?.userId ?? null,
  });
  if (rows.length !== items.length) return null;
  return ticketsFromRows(rows);
}

const ROLES: readonly Role[] = ["owner", "member", "viewer"];
const statements = new Map<ProjectAction | null, PreparedStatement>();

/** The guarded insert, rendered once per action (the roles allowed are inlined from the domain's rule). */
function guardedStatement(action: ProjectAction | null): PreparedStatement {
  let statement = statements.get(action);
  if (statement) return statement;
  const p = sql.placeholder;
  // Roles are the domain's constants, never input, so inlining them is safe.
  const allowed = sql.raw(
    ROLES.filter((r) => action !== null && roleAllows(r, action))
      .map((r) => `'${r}'`)
      .join(",") || "NULL",
  );
  const memberCheck =
    action === null
      ? sql`TRUE`
      : sql`EXISTS (SELECT 1 FROM project_members WHERE project_id = ${p("projectId")}::uuid
                    AND user_id = ${p("memberId")}::uuid AND role IN (${allowed}))`;
  const event: StatusEventData = {
    status: "pending",
    previous: null,
    attempt: 0,
    reason: "submitted",
    recipe_slug: "",
    agent_type: "",
  };
  statement = prepareStatement(sql`
    WITH input AS (
      -- Request ids are drawn up front so each ticket can be joined to its own request (and entry).
      SELECT x.n, x.parameters, x.metadata, gen_random_uuid() AS request_id
      FROM jsonb_to_recordset(${p("items")}::jsonb) AS x(n int, parameters jsonb, metadata jsonb)
      WHERE EXISTS (SELECT 1 FROM projects WHERE id = ${p("projectId")}::uuid)
        AND EXISTS (SELECT 1 FROM work_recipes WHERE slug = ${p("slug")}::text AND status = 'active'
                    AND (${p("stamp")}::text IS NULL
                         OR (extract(epoch from updated_at) * 1000000)::bigint::text = ${p("stamp")}::text))
        AND ${memberCheck}
    ), req AS (
      INSERT INTO work_requests (id, project_id, recipe_slug, agent_type, parameters, requested_by)
      SELECT request_id, ${p("projectId")}::uuid, ${p("slug")}::text, ${p("agentType")}::text, parameters, ${p("requestedBy")}::text
      FROM input ORDER BY n
      RETURNING id
    ), tk AS (
      INSERT INTO work_tickets (request_id, project_id, recipe_slug, agent_type, max_attempts, timeout_s, metadata)
      SELECT req.id, ${p("projectId")}::uuid, ${p("slug")}::text, ${p("agentType")}::text, ${p("maxAttempts")}::int, ${p("timeoutS")}::int, i.metadata
      FROM req JOIN input i ON i.request_id = req.id
      ORDER BY i.n
      RETURNING *
    ), ev AS (
      ${insertStatusEventsSql(
        { rows: sql`tk`, ticketId: sql`tk.id`, projectId: sql`tk.project_id` },
        { ...event, recipe_slug: sql`${p("slug")}::text`, agent_type: sql`${p("agentType")}::text` },
      )}
    )
    SELECT i.n, to_jsonb(tk) AS ticket, ${notifyEventSql(sql`ev.id`)},
           -- one wake-up for the whole batch (workers claim in batches anyway)
           CASE WHEN ev.id = (SELECT min(id) FROM ev) THEN pg_notify(${CHANNELS.tickets}, tk.id::text) END
    FROM tk JOIN ev ON ev.ticket_id = tk.id JOIN input i ON i.request_id = tk.request_id
    ORDER BY i.n`);
  statements.set(action, statement);
  return statement;
}
