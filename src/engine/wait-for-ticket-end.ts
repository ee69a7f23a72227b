// `async: false`: wait until a ticket reaches a terminal status (or, when asked, until it waits for
// a person's answer: issue 16 — a waiting ticket may wait for days), on the process's event hub
// (src/events/hub.ts) — no LISTEN, registry or poll of its own. The waiter subscribes to the
// ticket, then reads its row: an end committed before the subscription is in that read (the hub's
// floor is settled, hence committed), one committed after it arrives as the ticket's terminal
// status event. The composition root (src/cli/server-parts.ts) creates one waiter on its hub.
import type { Database } from "../db/client.js";
import { getTicketRow } from "../db/repositories/tickets.js";
import type { TicketRow } from "../db/schema.js";
import { NotFoundError } from "../domain/errors.js";
import { isTerminal } from "../domain/ticket-status.js";
import { createEventHub, type EventHub, type HubLogger } from "../events/hub.js";
import { isTerminalEvent } from "../events/read-events.js";

export interface TicketEndWaiter {
  /**
   * Resolves with the ticket row once its status is terminal, or with the row as it is when
   * `timeoutMs` runs out or the hub stops (check `isTerminal(row.status)`). Rejects with
   * NotFoundError for an unknown id, and with the database's error (logged) when a read fails.
   */
  wait(ticketId: string, timeoutMs: number, options?: WaitOptions): Promise<TicketRow>;
}

export interface WaitOptions {
  /** Also stop when the ticket waits for an answer (not yet answered). */
  orWaiting?: boolean | undefined;
}

const waitsForAnswer = (row: TicketRow) => row.status === "waiting" && row.resumeAt === null;

export interface TicketEndWaiterOptions {
  database: Database;
  /** A started hub; the waiter only subscribes to it. */
  hub: EventHub;
  logger?: Pick<HubLogger, "error"> | undefined;
}

export function createTicketEndWaiter(options: TicketEndWaiterOptions): TicketEndWaiter {
  const { database, hub } = options;

  async function read(ticketId: string): Promise<TicketRow | null> {
    try {
      return await getTicketRow(database.db, ticketId);
    } catch (err) {
      options.logger?.error({ err, ticket_id: ticketId }, "waiting for a ticket's end: reading the ticket failed");
      throw err;
    }
  }

  return {
    async wait(ticketId, timeoutMs, waitOptions = {}) {
      const stopsAt = (row: TicketRow) => isTerminal(row.status) || (waitOptions.orWaiting === true && waitsForAnswer(row));
      let wake!: () => void;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      // Before the first read: an end committed in between is delivered, not missed.
      const sub = hub.subscribe(
        { ticketId },
        {
          onEvent: ({ event }) => {
            if (isTerminalEvent(event) || (waitOptions.orWaiting && event.type === "status" && event.data.status === "waiting")) wake();
          },
          onClose: () => wake(), // the hub stopped (shutdown): answer with the row as it is
        },
      );
      let timer: NodeJS.Timeout | undefined;
      try {
        const now = await read(ticketId);
        if (!now) throw new NotFoundError("ticket", ticketId);
        if (stopsAt(now)) return now;
        const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, timeoutMs))));
        await Promise.race([woken, timedOut]);
        return (await read(ticketId)) ?? now;
      } finally {
        clearTimeout(timer);
        sub.close();
      }
    },
  };
}

// Where the standalone wait reports a failed probe or read when its caller passes no logger.
const stderrLogger: HubLogger = {
  warn: (obj, msg) => void process.stderr.write(`${JSON.stringify({ level: "warn", msg, ...obj })}\n`),
  error: (obj, msg) => {
    const err = "err" in obj ? { err: String(obj.err) } : {};
    process.stderr.write(`${JSON.stringify({ level: "error", msg, ...obj, ...err })}\n`);
  },
};

/**
 * One wait with a hub of its own, started and stopped around it: for scripts, benchmarks and tests
 * that run without a server. A server process waits on its one hub (createTicketEndWaiter).
 */
export async function waitForTicketEnd(
  database: Database,
  ticketId: string,
  timeoutMs: number,
  logger: HubLogger = stderrLogger,
  options: WaitOptions = {},
): Promise<TicketRow> {
  const hub = createEventHub({ database, logger });
  await hub.start();
  try {
    return await createTicketEndWaiter({ database, hub, logger }).wait(ticketId, timeoutMs, options);
  } finally {
    await hub.stop();
  }
}
