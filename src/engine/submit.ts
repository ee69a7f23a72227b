// Submitting work: request + ticket + first event in ONE transaction, then a NOTIFY wakes a worker.
// Everything that can be refused (unknown project or recipe, bad parameters) is refused before the
// transaction opens, so a rejected request never writes a row.
import { and, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import { getProject } from "../db/repositories/projects.js";
import { getRecipe } from "../db/repositories/recipes.js";
import { workRequests, workTickets, type TicketRow } from "../db/schema.js";
import type { TicketMetadata } from "../domain/contract.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { CHANNELS } from "../domain/events.js";
import { validateParameters } from "../domain/parameters.js";
import type { AgentType } from "../domain/recipe.js";
import { appendEvent } from "../events/append.js";

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
  const project = await getProject(db, input.projectId);
  if (!project) throw new NotFoundError("project", input.projectId);
  const recipe = await getRecipe(db, input.recipeSlug);
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

  const ticket = await db.transaction(async (tx) => {
    const [request] = await tx
      .insert(workRequests)
      .values({
        projectId: input.projectId,
        recipeSlug: recipe.slug,
        agentType: recipe.agent_type,
        parameters: params.value,
        requestedBy: input.requestedBy ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: workRequests.id });
    if (!request) return null; // a concurrent submit with the same key won the race
    const [row] = await tx
      .insert(workTickets)
      .values({
        requestId: request.id,
        projectId: input.projectId,
        recipeSlug: recipe.slug,
        agentType: recipe.agent_type,
        maxAttempts: recipe.max_attempts,
        timeoutS: recipe.timeout_s,
        retryOf: input.retryOf ?? null,
        metadata,
      })
      .returning();
    if (!row) throw new Error("ticket insert returned no row");
    await appendEvent(tx, {
      ticketId: row.id,
      projectId: row.projectId,
      type: "status",
      data: { status: "pending", previous: null, attempt: 0, reason: input.retryOf ? "retry" : "submitted", recipe_slug: recipe.slug, agent_type: recipe.agent_type },
    });
    await tx.execute(sql`SELECT pg_notify(${CHANNELS.tickets}, ${row.id})`);
    return row;
  });
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
