// What the file stores ask the database (src/storage: the orphan sweep and `files migrate`): which
// file keys rows still need. A key is `tickets/<ticketId>/<uuid>.<ext>`; the ticket id is its second part.
import { and, inArray } from "drizzle-orm";
import type { Executor } from "../client.js";
import { workOutputs, workTickets } from "../schema.js";

const LIVE_STATUSES = ["pending", "running", "waiting"] as const;

function ticketIdsOf(keys: string[]): string[] {
  return [...new Set(keys.map((key) => key.split("/")[1] ?? ""))].filter((id) => /^[0-9a-f-]{36}$/.test(id));
}

/** Keys an output row names, or whose ticket may still attach them (pending, running or waiting). */
export async function fileKeysStillNeeded(db: Executor, keys: string[]): Promise<Set<string>> {
  const ticketIds = ticketIdsOf(keys);
  if (ticketIds.length === 0) return new Set();
  const [named, live] = await Promise.all([
    db
      .select({ key: workOutputs.fileKey })
      .from(workOutputs)
      .where(and(inArray(workOutputs.ticketId, ticketIds), inArray(workOutputs.fileKey, keys))),
    db
      .select({ id: workTickets.id })
      .from(workTickets)
      .where(and(inArray(workTickets.id, ticketIds), inArray(workTickets.status, [...LIVE_STATUSES]))),
  ]);
  const liveIds = new Set(live.map((t) => t.id));
  const needed = new Set(named.map((o) => o.key).filter((k): k is string => k !== null));
  for (const key of keys) if (liveIds.has(key.split("/")[1] ?? "")) needed.add(key);
  return needed;
}

/** Keys whose ticket row still exists (worth moving to another store; the rest are orphans). */
export async function fileKeysWithTicket(db: Executor, keys: string[]): Promise<Set<string>> {
  const ticketIds = ticketIdsOf(keys);
  if (ticketIds.length === 0) return new Set();
  const rows = await db.select({ id: workTickets.id }).from(workTickets).where(inArray(workTickets.id, ticketIds));
  const existing = new Set(rows.map((t) => t.id));
  return new Set(keys.filter((key) => existing.has(key.split("/")[1] ?? "")));
}
