// The heartbeat: one statement extends every lease a worker keeps alive, by the database's clock.
// It never waits on a row lock: a row locked by its own terminal write (or a port write) is skipped
// and reported `held` from the statement's snapshot; that write's lock already keeps the reaper
// (SKIP LOCKED) off it. A lease missing from the result is lost (reaped after a stall, or ended):
// the caller aborts its agent. It also reports cancel requests, a safety net behind the NOTIFY.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { leaseExpirySql, leasesSql, type Lease } from "../lease.js";
import { queryRows } from "./raw.js";

export interface HeldLease {
  /** The lease's owner token. */
  owner: string;
  cancelRequested: boolean;
  /** False when the row was locked by another statement this time; still held. */
  extended: boolean;
}

/**
 * `skip-locked` (the heartbeat) never waits on a row lock; `wait` (the follow-up for leases a beat
 * had to skip) waits for it, so a lease busy with port writes at every beat is still extended.
 */
export async function extendLeases(
  exec: Executor,
  leaseMs: number,
  leases: readonly Lease[],
  mode: "skip-locked" | "wait" = "skip-locked",
): Promise<HeldLease[]> {
  if (leases.length === 0) return [];
  const rows = await queryRows(
    exec,
    sql`
    WITH input AS (${leasesSql(leases)}
    ), held AS (
      SELECT t.id, t.lease_token, t.cancel_requested_at IS NOT NULL AS cancel_requested
      FROM work_tickets t JOIN input x ON t.id = x.id AND t.lease_token = x.owner AND t.attempt = x.attempt
      WHERE t.status = 'running'
    ), lockable AS (
      SELECT t.id FROM work_tickets t JOIN held h ON h.id = t.id
      FOR UPDATE OF t ${mode === "wait" ? sql`` : sql`SKIP LOCKED`}
    ), extended AS (
      UPDATE work_tickets t
      SET lease_expires_at = ${leaseExpirySql(leaseMs)}
      FROM lockable l, input x
      WHERE t.id = l.id AND x.id = l.id AND t.status = 'running' AND t.lease_token = x.owner AND t.attempt = x.attempt
      RETURNING t.id
    )
    SELECT h.lease_token AS owner, h.cancel_requested, e.id IS NOT NULL AS extended
    FROM held h LEFT JOIN extended e ON e.id = h.id`,
  );
  return rows.map((r) => ({ owner: String(r.owner), cancelRequested: r.cancel_requested === true, extended: r.extended === true }));
}
