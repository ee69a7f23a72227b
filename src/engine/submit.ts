// Submitting work: request + ticket + first event in ONE transaction whose NOTIFY wakes a worker.
// Everything that can be refused (unknown project or recipe, bad parameters) is refused before the
// transaction opens, so a rejected request never writes a row.
import { and, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import { projectExists } from "../db/repositories/projects.js";
import { getRecipe } from "../db/repositories/recipes.js";
import { workRequests, workTickets, type TicketRow } from "../db/schema.js";
import type { TicketMetadata } from "../domain/contract.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { CHANNELS, type StatusEventData } from "../domain/events.js";
import { validateParameters } from "../domain/parameters.js";
import type { AgentType } from "../domain/recipe.js";
import { queryRows, ticketsFromRows } from "./sql/raw.js";

export interface SubmitInput {
  projectId: string;
  recipeSlug: string;
  parameters: Record<string, unknown>;
  /** When set (the route's :agent_type), the recipe must belong to it. */
  agentType?: AgentType | undefined;
  idempotencyKey?: string | undefined;
  requestedBy?: string | undefined;
  retryOf?: string | undefined;
}

export interface SubmitResult {
  ticket: TicketRow;
  /** false when an Idempotency-Key matched an earlier submission and its ticket is returned. */
  created: boolean;
}

export async function submitTicket(database: Database, input: SubmitInput): Promise<SubmitResult> {
  const db = database.db;
  if (input.idempotencyKey) {
    const earlier = await findByIdempotencyKey(db, input.projectId, input.idempotencyKey);
    if (earlier) return { ticket: earlier, created: false };
  }
  // Both reads at once (on PostgreSQL they take two pooled connections). projectExists, not
  // getProject: the latter counts the project's tickets, which grows with history.
  const [exists, recipe] = await Promise.all([projectExists(db, input.projectId), getRecipe(db, input.recipeSlug)]);
  if (!exists) throw new NotFoundError("project", input.projectId);
  if (!recipe || recipe.status !== "active") throw new NotFoundError("recipe", input.recipeSlug);
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
  };
  const event: StatusEventData = {
    status: "pending",
    previous: null,
    attempt: 0,
    reason: input.retryOf ? "retry" : "submitted",
    recipe_slug: recipe.slug,
    agent_type: recipe.agent_type,
  };

  // ONE statement (so one round trip and one transaction): request, ticket, the first status event,
  // and the NOTIFYs (the event for streams, the ticket id to wake a worker), delivered on commit.
  // An idempotency-key conflict inserts nothing at all and returns no row.
  const rows = await queryRows(
    db,
    sql`
    WITH req AS (
      INSERT INTO work_requests (project_id, recipe_slug, agent_type, parameters, requested_by, idempotency_key)
      VALUES (${input.projectId}::uuid, ${recipe.slug}, ${recipe.agent_type}, ${JSON.stringify(params.value)}::jsonb,
              ${input.requestedBy ?? null}::text, ${input.idempotencyKey ?? null}::text)
      ON CONFLICT DO NOTHING
      RETURNING id
    ), tk AS (
      INSERT INTO work_tickets (request_id, project_id, recipe_slug, agent_type, max_attempts, timeout_s, retry_of, metadata)
      SELECT req.id, ${input.projectId}::uuid, ${recipe.slug}, ${recipe.agent_type}, ${recipe.max_attempts}::int, ${recipe.timeout_s}::int,
             ${input.retryOf ?? null}::uuid, ${JSON.stringify(metadata)}::jsonb
      FROM req
      RETURNING *
    ), ev AS (
      INSERT INTO ticket_events (ticket_id, project_id, type, data)
      SELECT tk.id, tk.project_id, 'status', ${JSON.stringify(event)}::jsonb FROM tk
      RETURNING id, ticket_id
    )
    SELECT to_jsonb(tk) AS ticket, pg_notify(${CHANNELS.events}, ev.id::text), pg_notify(${CHANNELS.tickets}, tk.id::text)
    FROM tk JOIN ev ON ev.ticket_id = tk.id`,
  );
  const [ticket] = ticketsFromRows(rows);
  if (ticket) return { ticket, created: true };
  const earlier = await findByIdempotencyKey(db, input.projectId, input.idempotencyKey ?? "");
  if (!earlier) throw new Error("idempotency conflict without an earlier ticket");
  return { ticket: earlier, created: false };
}

async function findByIdempotencyKey(db: Executor, projectId: string, key: string): Promise<TicketRow | null> {
  const [row] = await db
    .select({ ticket: workTickets })
    .from(workRequests)
    .innerJoin(workTickets, eq(workTickets.requestId, workRequests.id))
    .where(and(eq(workRequests.projectId, projectId), eq(workRequests.idempotencyKey, key)))
    .limit(1);
  return row?.ticket ?? null;
}
