// Keeping leases alive and recovering dead ones: the heartbeat extends every lease this worker
// holds, from its claim until its terminal write (or release) has committed; the reaper ends or
// requeues tickets whose lease expired, sparing every lease this process keeps alive (a stalled
// event loop is not a dead worker). Both run on the database's clock.
import type { Executor } from "../db/client.js";
import type { TicketRow } from "../db/schema.js";
import { claimReapGate, processLeases, type Lease } from "./lease.js";
import { extendLeases } from "./sql/extend-leases.js";
import { reapExpiredLeases } from "./sql/reap-expired-leases.js";
import { periodic } from "./periodic.js";
import type { WorkerLogger } from "./worker-types.js";

export interface LeaseKeeperOptions {
  db: Executor;
  leaseMs: number;
  heartbeatMs: number;
  reapMs: number;
  log: WorkerLogger;
  /** A lease the heartbeat found gone: its run must stop and write nothing. */
  onLost(lease: Lease): void;
  onCancelRequested(lease: Lease): void;
  onReaped(rows: TicketRow[]): void;
}

export interface LeaseKeeper {
  keep(lease: Lease): void;
  /** Stops covering one lease (after its terminal write committed); never touches another run's. */
  forget(lease: Lease): void;
  kept(): number;
  startHeartbeat(): void;
  stopHeartbeat(): Promise<void>;
  startReaper(): void;
  stopReaper(): Promise<void>;
  reap(): Promise<void>;
}

export function createLeaseKeeper(o: LeaseKeeperOptions): LeaseKeeper {
  const leases = new Map<string, Lease>(); // by owner token

  const waiting = new Set<string>(); // owners with a waiting follow-up extension in flight

  async function heartbeat(): Promise<void> {
    if (leases.size === 0) return;
    const sent = [...leases.values()];
    const held = new Map((await extendLeases(o.db, o.leaseMs, sent)).map((h) => [h.owner, h]));
    const skipped: Lease[] = [];
    for (const lease of sent) {
      if (!leases.has(lease.owner)) continue; // ended meanwhile
      const h = held.get(lease.owner);
      if (!h) o.onLost(lease);
      else if (h.cancelRequested) o.onCancelRequested(lease);
      if (h && !h.extended && !waiting.has(lease.owner)) skipped.push(lease);
    }
    if (skipped.length > 0) extendWaiting(skipped);
  }

  /**
   * Rows the beat skipped were locked by a write of their own run: extend them in a statement that
   * waits for the lock, off the beat (so one busy row never delays the others' extension). A row
   * locked by its terminal write is simply found ended afterwards.
   */
  function extendWaiting(skipped: Lease[]): void {
    for (const l of skipped) waiting.add(l.owner);
    void extendLeases(o.db, o.leaseMs, skipped, "wait")
      .catch((err: unknown) => o.log.warn({ err }, "extending a busy lease failed; the next beat retries"))
      .finally(() => {
        for (const l of skipped) waiting.delete(l.owner);
      });
  }

  async function reap(): Promise<void> {
    // The spare list is read inside the gate: no claim of this process can commit unlisted meanwhile.
    const rows = await claimReapGate.reap(() => reapExpiredLeases(o.db, { spare: processLeases.owners() }));
    if (rows.length > 0) o.onReaped(rows);
  }

  const heartbeatTask = periodic(heartbeat, "heartbeat", o.log);
  const reaperTask = periodic(reap, "reaping expired leases", o.log);

  return {
    keep(lease) {
      leases.set(lease.owner, lease);
      processLeases.keep(lease);
    },
    forget(lease) {
      leases.delete(lease.owner);
      processLeases.forget(lease);
    },
    kept: () => leases.size,
    startHeartbeat: () => heartbeatTask.start(o.heartbeatMs),
    stopHeartbeat: () => heartbeatTask.stop(),
    startReaper: () => reaperTask.start(o.reapMs),
    stopReaper: () => reaperTask.stop(),
    reap,
  };
}
