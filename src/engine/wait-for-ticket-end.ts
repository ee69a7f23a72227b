// `async: false`: wait until a ticket reaches a terminal status. One LISTEN on the events channel
// per Database serves every waiter of the process; a burst of NOTIFYs (any ticket's events) becomes
// ONE query for all waiting tickets, and a slow poll covers a dropped LISTEN connection.
import { and, inArray } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { getTicketRow } from "../db/repositories/tickets.js";
import { workTickets, type TicketRow } from "../db/schema.js";
import { NotFoundError } from "../domain/errors.js";
import { CHANNELS } from "../domain/events.js";
import { isTerminal, TERMINAL_STATUSES } from "../domain/ticket-status.js";

const FALLBACK_POLL_MS = 1_000;

interface Waiter {
  resolve: (row: TicketRow) => void;
  reject: (err: unknown) => void;
}

interface Registry {
  waiters: Map<string, Set<Waiter>>;
  checking: boolean;
  again: boolean;
  unlisten: Promise<() => Promise<void>> | null;
  poll: NodeJS.Timeout | null;
}

const registries = new WeakMap<Database, Registry>();

/**
 * Resolves with the ticket row once its status is terminal, or with the row as it is when
 * `timeoutMs` runs out (check `isTerminal(row.status)`). Rejects with NotFoundError for an unknown id.
 */
export async function waitForTicketEnd(database: Database, ticketId: string, timeoutMs: number): Promise<TicketRow> {
  const registry = registryFor(database);
  let waiter: Waiter | undefined;
  const ended = new Promise<TicketRow>((resolve, reject) => {
    waiter = { resolve, reject };
  });
  const w = waiter!;
  let set = registry.waiters.get(ticketId);
  if (!set) registry.waiters.set(ticketId, (set = new Set()));
  set.add(w);
  startListening(database, registry);
  let timer: NodeJS.Timeout | undefined;
  try {
    await registry.unlisten; // listening before the first check: an end in between is not missed
    const now = await getTicketRow(database.db, ticketId);
    if (!now) throw new NotFoundError("ticket", ticketId);
    if (isTerminal(now.status)) return now;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), Math.max(0, timeoutMs));
    });
    const first = await Promise.race([ended, timedOut]);
    if (first !== "timeout") return first;
    return (await getTicketRow(database.db, ticketId)) ?? now;
  } finally {
    clearTimeout(timer);
    set.delete(w);
    if (set.size === 0) registry.waiters.delete(ticketId);
    if (registry.waiters.size === 0) stopListening(registry);
  }
}

function registryFor(database: Database): Registry {
  let r = registries.get(database);
  if (!r) registries.set(database, (r = { waiters: new Map(), checking: false, again: false, unlisten: null, poll: null }));
  return r;
}

function startListening(database: Database, r: Registry): void {
  if (r.unlisten) return;
  const listening = database.listen(CHANNELS.events, () => check(database, r));
  r.unlisten = listening;
  r.poll = setInterval(() => check(database, r), FALLBACK_POLL_MS);
  r.poll.unref();
  // A failed LISTEN must not poison later waits: forget it so the next waiter tries again.
  listening.catch(() => {
    if (r.unlisten === listening) stopListening(r);
  });
}

function stopListening(r: Registry): void {
  const unlisten = r.unlisten;
  r.unlisten = null;
  if (r.poll) clearInterval(r.poll);
  r.poll = null;
  if (unlisten) void unlisten.then((u) => u()).catch(() => undefined);
}

/** Coalesced: while a check runs, further NOTIFYs only mark that one more check is needed. */
function check(database: Database, r: Registry): void {
  if (r.checking) {
    r.again = true;
    return;
  }
  const ids = [...r.waiters.keys()];
  if (ids.length === 0) return;
  r.checking = true;
  r.again = false;
  database.db
    .select()
    .from(workTickets)
    .where(and(inArray(workTickets.id, ids), inArray(workTickets.status, [...TERMINAL_STATUSES])))
    .then(
      (rows) => {
        for (const row of rows) for (const w of r.waiters.get(row.id) ?? []) w.resolve(row);
      },
      (err: unknown) => {
        // Transient (e.g. a dropped connection): the poll tries again; waiters keep waiting.
        void err;
      },
    )
    .finally(() => {
      r.checking = false;
      if (r.again) check(database, r);
    });
}
