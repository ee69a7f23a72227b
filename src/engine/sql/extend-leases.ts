// The heartbeat: one statement extends the lease of every ticket this worker holds. A ticket missing
// from the result is no longer ours (reaped after a stall, or ended): the caller aborts its agent.
// It also reports cancel requests, a safety net behind the cancel NOTIFY.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { isoParam, queryRows } from "./raw.js";

export interface HeldLease {
  id: string;
  cancelRequested: boolean;
}

export async function extendLeases(
  exec: Executor,
  workerId: string,
  now: Date,
  leaseMs: number,
  ticketIds: readonly string[],
): Promise<HeldLease[]> {
  if (ticketIds.length === 0) return [];
  const expires = new Date(now.getTime() + leaseMs);
  const rows = await queryRows(
    exec,
    sql`
    UPDATE work_tickets
    SET lease_expires_at = ${isoParam(expires)}
    WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ticketIds)}::jsonb)::uuid)
      AND status = 'running' AND lease_owner = ${workerId}
    RETURNING id, cancel_requested_at IS NOT NULL AS cancel_requested`,
  );
  return rows.map((r) => ({ id: r.id as string, cancelRequested: r.cancel_requested === true }));
}
