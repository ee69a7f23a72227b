// Share links of a ticket's outputs (issue 15 item 5): rows of `ticket_shares`, found by the SHA-256
// of the link's secret. What a link shows is read here too, and only that: the recipe and the outputs.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { ShareView } from "../../domain/outputs-library.js";
import type { Executor } from "../client.js";
import { ticketShares, users, workRecipes, workTickets, type TicketShareRow } from "../schema.js";

export async function insertShare(
  db: Executor,
  input: { ticketId: string; tokenHash: string; createdBy: string; expiresAt: Date },
): Promise<TicketShareRow> {
  const [row] = await db.insert(ticketShares).values(input).returning();
  if (!row) throw new Error("share insert returned no row");
  return row;
}

function stateOf(row: Pick<TicketShareRow, "expiresAt" | "revokedAt">, now: Date): ShareView["state"] {
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

export function shareView(row: TicketShareRow, by: { id: string; name: string; email: string }, now: Date): ShareView {
  return {
    id: row.id,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    revoked_at: row.revokedAt ? row.revokedAt.toISOString() : null,
    created_by: by,
    state: stateOf(row, now),
  };
}

/** A ticket's shares, newest first, with who made each (for the project's members only). */
export async function listShares(db: Executor, ticketId: string, now: Date): Promise<ShareView[]> {
  const rows = await db
    .select({ share: ticketShares, id: users.id, name: users.name, email: users.email })
    .from(ticketShares)
    .innerJoin(users, eq(users.id, ticketShares.createdBy))
    .where(eq(ticketShares.ticketId, ticketId))
    .orderBy(desc(ticketShares.createdAt), desc(ticketShares.id));
  return rows.map((r) => shareView(r.share, { id: r.id, name: r.name, email: r.email }, now));
}

/** Revokes a share of this ticket; false when there is no such share. Revoking twice keeps the first time. */
export async function revokeShare(db: Executor, ticketId: string, shareId: string, now: Date): Promise<boolean> {
  const updated = await db
    .update(ticketShares)
    .set({ revokedAt: now })
    .where(and(eq(ticketShares.id, shareId), eq(ticketShares.ticketId, ticketId), isNull(ticketShares.revokedAt)))
    .returning({ id: ticketShares.id });
  if (updated.length > 0) return true;
  const [exists] = await db
    .select({ id: ticketShares.id })
    .from(ticketShares)
    .where(and(eq(ticketShares.id, shareId), eq(ticketShares.ticketId, ticketId)));
  return exists !== undefined;
}

export interface SharedTicketRow {
  share: TicketShareRow;
  recipe: { name: string; icon: string; description: string };
  finishedAt: Date | null;
}

/** The share a link's secret names, with the little of its ticket a link may show; null if unknown. */
export async function findShareByHash(db: Executor, tokenHash: string): Promise<SharedTicketRow | null> {
  const [row] = await db
    .select({
      share: ticketShares,
      name: workRecipes.name,
      icon: workRecipes.icon,
      description: workRecipes.description,
      finishedAt: workTickets.finishedAt,
    })
    .from(ticketShares)
    .innerJoin(workTickets, eq(workTickets.id, ticketShares.ticketId))
    .innerJoin(workRecipes, eq(workRecipes.slug, workTickets.recipeSlug))
    .where(eq(ticketShares.tokenHash, tokenHash));
  if (!row) return null;
  return { share: row.share, recipe: { name: row.name, icon: row.icon, description: row.description }, finishedAt: row.finishedAt };
}

export { stateOf as shareState };
