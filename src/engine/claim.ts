// Claiming into free slots. Wake-ups (NOTIFY, a freed slot, the fallback poll, a reconnect) call
// request(); one claim loop runs at a time and a wake-up that arrives while it runs makes it go
// round once more, so none is lost and none waits for the poll.
import type { Database } from "../db/client.js";
import type { TicketRow } from "../db/schema.js";
import { claimReapGate } from "./lease.js";
import { claimTicketsPrepared, type ClaimOrder } from "./sql/claim-tickets.js";
import type { WorkerLogger } from "./worker-types.js";

export interface ClaimerOptions {
  database: Database;
  workerId: string;
  leaseMs: number;
  order: ClaimOrder;
  defaultMaxRunning: number | null;
  freeSlots(): number;
  /** The worker's slots (freeSlots() when none is held). */
  concurrency: number;
  /** Called once per claimed row, before the next batch is claimed. */
  onClaimed(row: TicketRow): void;
  log: WorkerLogger;
}

export interface Claimer {
  /**
   * `queueChanged`: the wake-up says the queue itself changed (a NOTIFY of a new or requeued ticket,
   * a reconnect): what the last claim learned about it (`lone`) no longer holds.
   */
  request(wake?: { queueChanged?: boolean }): void;
  /** No more claims; resolves when a claim in progress has returned. */
  stop(): Promise<void>;
}

export function createClaimer(o: ClaimerOptions): Claimer {
  let active = false;
  let claiming: Promise<void> | null = null;
  let again = false;
  // The last fair batch took the one-project path: the next claim tries the lone statement first
  // (sql/claim-tickets.ts; the full statement runs after it when it claims nothing). Not after a new
  // ticket was announced: it may be another project's (project B's one ticket while A's backlog
  // drains), and then the lone statement's nothing would be one more round trip on its way.
  let lone = false;
  let queueChanged = false;

  async function loop(): Promise<void> {
    do {
      again = false;
      // Claim in batches up to the free slots.
      for (;;) {
        // Yield once to the event loop first when runs are active: runs that end in the same turn
        // (a batch of short agents) free their slots before the claim is sized, so it claims them in
        // one statement instead of one for the first slot and another for the rest. An idle worker
        // (every slot free) has nothing to wait for: it claims at once.
        if (o.freeSlots() < o.concurrency) await new Promise<void>((resolve) => setImmediate(resolve));
        const free = o.freeSlots();
        if (free <= 0 || !active) return;
        // onClaimed keeps each lease before the gate opens for this process's reaper (lease.ts).
        const claimed = await claimReapGate.claim(async () => {
          // Read as the claim is sent: an announcement that arrives while it runs counts for the next one.
          const loneFirst = lone && !queueChanged;
          queueChanged = false;
          const batch = await claimTicketsPrepared(o.database, {
            workerId: o.workerId,
            limit: free,
            leaseMs: o.leaseMs,
            order: o.order,
            defaultMaxRunning: o.defaultMaxRunning,
            loneFirst,
          });
          lone = batch.lone;
          for (const row of batch.tickets) o.onClaimed(row);
          return batch;
        });
        // A short batch means the queue is empty for now — except a short fair batch over several
        // projects (ClaimBatch.shortMeansEmpty): then go round until a claim takes nothing.
        if (claimed.tickets.length === 0 || (claimed.tickets.length < free && claimed.shortMeansEmpty)) break;
      }
    } while (again && active);
  }

  function request(wake?: { queueChanged?: boolean }): void {
    if (wake?.queueChanged) queueChanged = true;
    if (!active) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = loop()
      .catch((err: unknown) => o.log.error({ err }, "claiming tickets failed; the next poll retries"))
      .finally(() => {
        claiming = null;
        // A wake-up after the loop's last check (e.g. a slot freed while it returned) must not wait for the poll.
        if (again) {
          again = false;
          request();
        }
      });
  }

  active = true;
  return {
    request,
    async stop() {
      active = false;
      await claiming;
    },
  };
}
