// Retry / regenerate: a NEW ticket with retry_of = the old one; history is never rewritten.
// Parameters default to the old ticket's, or may be edited (and are then validated afresh).
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { workRequests } from "../db/schema.js";
import { getTicketRow } from "../db/repositories/tickets.js";
import { ConflictError, NotFoundError } from "../domain/errors.js";
import { canRetry } from "../domain/ticket-status.js";
import { submitTicket, type SubmitResult } from "./submit.js";

export interface RetryInput {
  parameters?: Record<string, unknown> | undefined;
  requestedBy?: string | undefined;
  /** Run on the recipe's latest version instead of the one the original ran on. */
  latestRecipe?: boolean | undefined;
}

export async function retryTicket(database: Database, ticketId: string, input: RetryInput = {}): Promise<SubmitResult> {
  const old = await getTicketRow(database.db, ticketId);
  if (!old) throw new NotFoundError("ticket", ticketId);
  if (!canRetry(old.status)) throw new ConflictError(`a ${old.status} ticket cannot be retried until it ends`, old.status);
  const [request] = await database.db.select().from(workRequests).where(eq(workRequests.id, old.requestId));
  return submitTicket(database, {
    projectId: old.projectId,
    recipeSlug: old.recipeSlug,
    parameters: input.parameters ?? request?.parameters ?? old.metadata.recipe_parameters,
    requestedBy: input.requestedBy,
    retryOf: old.id,
    // A model chosen at submit is part of what was asked for: the retry runs on it too.
    model: old.metadata.model ?? null,
    // So is the recipe version: an edit of the recipe since does not change what a retry does, unless asked.
    recipeVersion: input.latestRecipe ? undefined : old.metadata.recipe_version,
  });
}
