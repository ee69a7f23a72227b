// The lease as a value. A claim hands out `{ticketId, attempt, owner}`; `owner` is a token the
// database draws for that one claim (work_tickets.lease_token), so two runs of one ticket — even in
// one worker, even after a stall — never share it. Every write a run makes (ports, heartbeat,
// finish, release) is guarded by owner AND attempt: a run that lost its lease cannot touch the
// ticket again, and a later run's lease cannot be mistaken for an earlier one's.
//
// The process-wide registry below lists the leases this process is keeping alive. The reaper skips
// them: a lease that expired while this process's event loop was stalled is still ours, and the
// next heartbeat extends it. Only a lease whose holder is gone (another process, dead or stalled)
// can be reaped.
import { sql, type SQL } from "drizzle-orm";
import type { TicketRow } from "../db/schema.js";

export interface Lease {
  readonly ticketId: string;
  readonly attempt: number;
  /** The claim's token: unique per claim, not per worker or process. */
  readonly owner: string;
}

/** The lease a claimed row carries. */
export function leaseOf(row: Pick<TicketRow, "id" | "attempt" | "leaseToken">): Lease {
  if (!row.leaseToken) throw new Error(`ticket ${row.id} has no lease token: it was not claimed`);
  return { ticketId: row.id, attempt: row.attempt, owner: row.leaseToken };
}

/**
 * Leases as a relation `x(id uuid, owner uuid, attempt int)` for a guarded statement; the guard is
 * always `t.id = x.id AND t.lease_token = x.owner AND t.attempt = x.attempt`.
 */
export function leasesSql(leases: readonly Lease[]): SQL {
  const json = JSON.stringify(leases.map((l) => ({ id: l.ticketId, owner: l.owner, attempt: l.attempt })));
  return sql`SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(id uuid, owner uuid, attempt int)`;
}

/**
 * The database's clock + leaseMs: lease times are the database's, never a process clock.
 * clock_timestamp(), not now(): now() is the statement's start, and a statement that waited on a row
 * lock (the heartbeat's follow-up) would grant a lease already partly spent. The reaper compares
 * with now(), which only errs towards reaping later.
 */
export const leaseExpirySql = (leaseMs: number | SQL): SQL =>
  sql`clock_timestamp() + ${typeof leaseMs === "number" ? sql`${Math.max(1, Math.round(leaseMs))}::int` : leaseMs} * interval '1 millisecond'`;

// ---- leases this process keeps alive -------------------------------------------------------------

const keptAlive = new Set<string>();

export const processLeases = {
  keep(lease: Lease): void {
    keptAlive.add(lease.owner);
  },
  /** Forgets one lease; the owner token makes it impossible to forget another run's. */
  forget(lease: Lease): void {
    keptAlive.delete(lease.owner);
  },
  /** Owner tokens the reaper of this process must never reap. */
  owners(): string[] {
    return [...keptAlive];
  },
};

// ---- claims and reaps of this process never overlap -----------------------------------------------
//
// The reaper's spare list is taken when its statement is built. A claim that commits after that but
// before the statement runs is not on the list; on a starved machine the statement can start more
// than a lease later (seen in CI with 1 s leases), find that fresh lease "expired" and requeue a
// ticket this process is running. So in one process a reap waits for claims in flight (their
// leases are kept before the claim returns) and claims wait for a reap in flight. Claims run
// concurrently with each other; a waiting reap holds new claims back, so it cannot starve.

let claimsInFlight = 0;
let reaping: Promise<void> | null = null;
let onDrained: (() => void) | null = null;

export const claimReapGate = {
  /** Runs a claim (its query and the keeping of its leases) when no reap of this process is running. */
  async claim<T>(fn: () => Promise<T>): Promise<T> {
    while (reaping) await reaping;
    claimsInFlight++;
    try {
      return await fn();
    } finally {
      claimsInFlight--;
      if (claimsInFlight === 0) onDrained?.();
    }
  },
  /** Runs a reap once every claim in flight has returned; claims that arrive meanwhile wait for it. */
  async reap<T>(fn: () => Promise<T>): Promise<T> {
    while (reaping) await reaping;
    let done: () => void = () => undefined;
    reaping = new Promise<void>((resolve) => (done = resolve));
    try {
      if (claimsInFlight > 0) await new Promise<void>((resolve) => (onDrained = resolve));
      onDrained = null;
      return await fn();
    } finally {
      reaping = null;
      done();
    }
  },
};
