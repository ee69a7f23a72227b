// Submitting many tickets of one recipe at once (benchmarks, scripted batches): the same rows,
// first status event and NOTIFYs as submitTicket, validated the same way, in ONE statement per
// call. No idempotency keys: a batch is all-or-nothing.
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { projectExists } from "../db/repositories/projects.js";
import { getRecipe, recipeAvailableIn } from "../db/repositories/recipes.js";
import type { TicketRow } from "../db/schema.js";
import type { TicketMetadata } from "../domain/contract.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { CHANNELS, type StatusEventData } from "../domain/events.js";
import { validateParameters } from "../domain/parameters.js";
import { insertStatusEventsSql, notifyEventSql } from "../events/status-events-sql.js";
import { queryRows, ticketsFromRows } from "./sql/raw.js";

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
  const items = input.parameters.map((p, i) => {
    const params = validateParameters(recipe.parameters, p);
    if (!params.ok) {
      throw new ValidationError(
        `parameters of item ${i} do not match the recipe`,
        params.errors.map((e) => ({ ...e, field: `${i}/${e.field}` })),
      );
    }
    const metadata: TicketMetadata = {
      recipe_id: recipe.slug,
      recipe_parameters: params.value,
      execution_time_ms: null,
      output_count: 0,
      final_todos: null,
      error_message: null,
      recipe_version: recipe.version,
    };
    return { n: i, parameters: params.value, metadata };
  });
  const event: StatusEventData = {
    status: "pending",
    previous: null,
    attempt: 0,
    reason: "submitted",
    recipe_slug: recipe.slug,
    agent_type: recipe.agent_type,
  };
  // Request ids are drawn up front so each ticket can be joined to its own request.
  const rows = await queryRows(
    db,
    sql`
    WITH input AS (
      SELECT x.n, x.parameters, x.metadata, gen_random_uuid() AS request_id
      FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(n int, parameters jsonb, metadata jsonb)
    ), req AS (
      INSERT INTO work_requests (id, project_id, recipe_slug, agent_type, parameters, requested_by)
      SELECT request_id, ${input.projectId}::uuid, ${recipe.slug}, ${recipe.agent_type}, parameters, ${input.requestedBy ?? null}::text
      FROM input ORDER BY n
      RETURNING id
    ), tk AS (
      INSERT INTO work_tickets (request_id, project_id, recipe_slug, agent_type, max_attempts, timeout_s, metadata)
      SELECT req.id, ${input.projectId}::uuid, ${recipe.slug}, ${recipe.agent_type}, ${recipe.max_attempts}::int, ${recipe.timeout_s}::int, i.metadata
      FROM req JOIN input i ON i.request_id = req.id
      ORDER BY i.n
      RETURNING *
    ), ev AS (
      ${insertStatusEventsSql({ rows: sql`tk`, ticketId: sql`tk.id`, projectId: sql`tk.project_id` }, event)}
    )
    SELECT to_jsonb(tk) AS ticket, ${notifyEventSql(sql`ev.id`)},
           -- one wake-up for the whole batch (workers claim in batches anyway)
           CASE WHEN ev.id = (SELECT min(id) FROM ev) THEN pg_notify(${CHANNELS.tickets}, tk.id::text) END
    FROM tk JOIN ev ON ev.ticket_id = tk.id
    ORDER BY ev.id`,
  );
  return ticketsFromRows(rows);
}
