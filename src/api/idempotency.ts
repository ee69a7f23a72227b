// Idempotency-Key on submit (issue 13 item 7; the IETF httpapi Idempotency-Key draft, as Stripe
// does it): a key belongs to the caller (the user), not to the project. The same key with the same
// request answers the ticket it made, and writes nothing; with another request it is refused (422,
// naming the conflict) — a client bug, never silently the earlier ticket. A key is honoured for
// IDEMPOTENCY_KEY_TTL_MS after its first use; later it starts a new ticket.
import { createHash } from "node:crypto";
import { withinTransaction, type Database } from "../db/client.js";
import {
  claimIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  findIdempotencyKey,
  setIdempotencyTicket,
  type IdempotencyRecord,
} from "../db/repositories/idempotency.js";
import { getTicketRow } from "../db/repositories/tickets.js";
import type { TicketRow } from "../db/schema.js";
import { submitTicket, type SubmitInput, type SubmitResult } from "../engine/index.js";
import { canonicalJson } from "../engine/submit-batcher.js";
import { ProblemError } from "./problem.js";

/** How long a key is honoured after its first use (README, API). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
/** Expired keys are swept at most this often per process. */
const SWEEP_EVERY_MS = 3_600_000;
const lastSweep = new WeakMap<Database, number>();

export interface IdempotentSubmit {
  /** Whose key it is: the user id. */
  caller: string;
  key: string;
  /** The request as sent (path's agent type and the body); its hash is kept with the key. */
  request: unknown;
  input: SubmitInput;
}

/** The key's answer, from the key alone when it was seen; otherwise the key and the ticket in one transaction. */
export async function submitWithIdempotencyKey(
  database: Database,
  req: IdempotentSubmit,
  ttlMs = IDEMPOTENCY_KEY_TTL_MS,
): Promise<SubmitResult> {
  const fingerprint = createHash("sha256").update(canonicalJson(req.request)).digest("hex");
  sweep(database);
  for (let round = 0; round < 3; round++) {
    const known = await findIdempotencyKey(database.db, req.caller, req.key);
    if (known) return replay(database, req, known, fingerprint);
    const claimed = await database.db.transaction(async (tx) => {
      // A concurrent request with the same key waits on this row until the first one commits.
      if (!(await claimIdempotencyKey(tx, { caller: req.caller, key: req.key, fingerprint, ttlMs }))) return null;
      // submitTicket on this transaction: a refused request rolls the key back with everything else.
      const inTx = withinTransaction(database, tx);
      const { ticket } = await submitTicket(inTx, req.input);
      await setIdempotencyTicket(tx, req.caller, req.key, ticket.id);
      return ticket;
    });
    if (claimed) return { ticket: claimed, created: true };
    // Taken by a request that committed meanwhile: answer from it (next round).
  }
  throw new ProblemError(409, "Idempotency key in use", "Another request with this Idempotency-Key is being processed; retry shortly.");
}

async function replay(database: Database, req: IdempotentSubmit, known: IdempotencyRecord, fingerprint: string): Promise<SubmitResult> {
  if (known.fingerprint !== fingerprint) {
    const detail = `The Idempotency-Key "${req.key.slice(0, 80)}" was already used with a different request (until ${known.expiresAt.toISOString()}); resend that request unchanged, or use a new key.`;
    throw new ProblemError(422, "Idempotency key reused with a different request", detail, [
      { field: "header/idempotency-key", message: "already used with a different request body" },
    ]);
  }
  const ticket: TicketRow | null = known.ticketId ? await getTicketRow(database.db, known.ticketId) : null;
  if (!ticket)
    throw new ProblemError(409, "Idempotency key in use", "The request first sent with this Idempotency-Key has no ticket; use a new key.");
  return { ticket, created: false };
}

function sweep(database: Database): void {
  const now = Date.now();
  if (now - (lastSweep.get(database) ?? 0) < SWEEP_EVERY_MS) return;
  lastSweep.set(database, now);
  deleteExpiredIdempotencyKeys(database.db).catch(() => {
    // best effort: an expired key is ignored by every read, the sweep only keeps the table small
  });
}
