// Idempotency keys of submits (table idempotency_keys, migration 0005): per caller, with the hash of
// the request they were first used with, until they expire.
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Executor } from "../client.js";
import { idempotencyKeys } from "../schema.js";

export interface IdempotencyRecord {
  fingerprint: string;
  ticketId: string | null;
  expiresAt: Date;
}

/**
 * Claims `key` for `caller`: inserts it, or takes over an expired one. Returns true when this
 * transaction now holds the key (it must then set the ticket before committing); false when a live
 * key exists. A concurrent claim of the same key waits here until the first transaction ends.
 */
export async function claimIdempotencyKey(
  db: Executor,
  input: { caller: string; key: string; fingerprint: string; ttlMs: number },
): Promise<boolean> {
  const expires = sql`now() + ${`${input.ttlMs} milliseconds`}::interval`;
  const rows = await db
    .insert(idempotencyKeys)
    .values({ caller: input.caller, key: input.key, fingerprint: input.fingerprint, expiresAt: expires })
    .onConflictDoUpdate({
      target: [idempotencyKeys.caller, idempotencyKeys.key],
      set: { fingerprint: input.fingerprint, ticketId: null, createdAt: sql`now()`, expiresAt: expires },
      setWhere: lte(idempotencyKeys.expiresAt, sql`now()`),
    })
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function setIdempotencyTicket(db: Executor, caller: string, key: string, ticketId: string): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ ticketId })
    .where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key)));
}

/** The live (unexpired) record of a key, or null. */
export async function findIdempotencyKey(db: Executor, caller: string, key: string): Promise<IdempotencyRecord | null> {
  const [row] = await db
    .select({ fingerprint: idempotencyKeys.fingerprint, ticketId: idempotencyKeys.ticketId, expiresAt: idempotencyKeys.expiresAt })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key), gt(idempotencyKeys.expiresAt, sql`now()`)));
  return row ?? null;
}

/** Deletes expired keys (a periodic sweep keeps the table to about a day of keys). */
export async function deleteExpiredIdempotencyKeys(db: Executor): Promise<void> {
  await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, sql`now()`));
}
