// Eager hand-off of an answered ticket (issue 16). When the process that takes an answer also runs
// a worker of the same database with a free slot, the answer's one statement claims the ticket for
// that worker (waiting → running with a fresh lease, in the same commit as the answer) and the
// worker adopts the row: no NOTIFY → claim round trip, one commit instead of two. Without a free
// local slot the answer marks the ticket claimable and wakes the workers, as before.
//
// Exactly-once holds as for any claim: the answer statement locks the ticket row and writes only
// where the question is unanswered and the ticket waiting, so one statement — the first answer —
// moves it to running, with a lease token drawn there; no claim can ever see it claimable.
import type { Database } from "../db/client.js";
import type { TicketRow } from "../db/schema.js";

/** What the answer statement needs to claim for a worker. */
export interface HandOffLease {
  workerId: string;
  leaseMs: number;
  /** The per-project limit of a project without its own (null: none): a limited project is never handed off. */
  defaultMaxRunning: number | null;
}

/** A statement that may claim the ticket: `ticket` is the claimed row, or null when it claimed nothing. */
export type HandOffStatement<T extends { ticket: TicketRow | null }> = (lease: HandOffLease) => Promise<T>;

export interface HandOffTaker {
  /**
   * Runs `statement` holding one of the worker's slots, and adopts the ticket it claimed (a run
   * begins). Returns null at once, without running it, when the worker is stopping or full.
   */
  take<T extends { ticket: TicketRow | null }>(statement: HandOffStatement<T>): Promise<T> | null;
}

const takers = new Map<Database, Set<HandOffTaker>>();

/** A worker offers its free slots to answers taken in this process on its database; returns the withdrawal. */
export function offerHandOff(database: Database, taker: HandOffTaker): () => void {
  let set = takers.get(database);
  if (!set) takers.set(database, (set = new Set()));
  set.add(taker);
  return () => {
    set.delete(taker);
    if (set.size === 0 && takers.get(database) === set) takers.delete(database);
  };
}

/**
 * Runs `statement` through the first local worker with a free slot, or returns undefined when none
 * takes it (the caller then runs its plain form).
 */
export async function handOff<T extends { ticket: TicketRow | null }>(
  database: Database,
  statement: HandOffStatement<T>,
): Promise<T | undefined> {
  // Inside another transaction the write may still roll back: no worker may start on it.
  if (database.tx) return undefined;
  for (const taker of takers.get(database) ?? []) {
    const taken = taker.take(statement);
    if (taken) return await taken;
  }
  return undefined;
}
