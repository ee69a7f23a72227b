// The worker: claims pending tickets into free slots (claim.ts), runs each agent under its lease
// with an AbortSignal (run.ts), keeps leases alive and recovers dead ones (lease-keeper.ts), writes
// the terminal state (finish.ts) and stops gracefully (shutdown.ts). This file wires them around
// the lease value (lease.ts): every run is keyed by its owner token, so two runs of one ticket can
// never share an entry, and the heartbeat covers a run until its terminal write has committed.
// It never holds a transaction open across agent work (PGlite has a single connection).
//
// Wake-ups: NOTIFY on CHANNELS.tickets (new or requeued ticket), a slot freeing up, a slow fallback
// poll, and a catch-up claim after the LISTEN connection reconnects. Cancel arrives by NOTIFY on
// CHANNELS.cancel; the heartbeat re-checks cancel_requested_at as a safety net.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { TicketRow } from "../db/schema.js";
import type { AbortReason } from "../domain/agent-runner.js";
import { CHANNELS } from "../domain/events.js";
import { createClaimer, type Claimer } from "./claim.js";
import { createFinisher, decideEnd } from "./finish.js";
import { claimReapGate, leaseOf, type Lease } from "./lease.js";
import { createLeaseKeeper } from "./lease-keeper.js";
import { offerHandOff, type HandOffStatement } from "./hand-off.js";
import { periodic } from "./periodic.js";
import { createAgentCaller, type Run } from "./run.js";
import { drainRuns } from "./shutdown.js";
import { CANCELLED_WORKER_LOST, REQUEUE_REASON, WORKER_LOST } from "./sql/reap-expired-leases.js";
import { RELEASE_REASON, releaseTickets } from "./sql/release-tickets.js";
import { expireQuestions } from "./sql/expire-questions.js";
import { WAITING_REASON, waitTicket } from "./sql/wait-ticket.js";
import type { Worker, WorkerLogger, WorkerOptions, WorkerTransition } from "./worker-types.js";

export type { Worker, WorkerLogger, WorkerOptions, WorkerTransition } from "./worker-types.js";
export { agentErrorMessage } from "./finish.js";

const silent: WorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
// Cancel NOTIFYs that arrived for tickets not (yet) running here. The claim's result and the
// cancel's NOTIFY travel on different connections, so the NOTIFY can overtake the claim.
const EARLY_CANCEL_TTL_MS = 60_000;
const EARLY_CANCEL_MAX = 10_000;

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export function createWorker(options: WorkerOptions): Worker {
  const { database, concurrency, leaseMs, shutdownGraceMs } = options;
  const id = options.workerId ?? defaultWorkerId();
  const log = options.logger ?? silent;
  const db = database.db;

  /** Agents running now, by lease owner token. */
  const running = new Map<string, Run>();
  /** Every run not yet at its end (agent done AND terminal write or release committed). */
  const ends = new Set<Promise<void>>();
  const earlyCancels = new Map<string, number>();
  const cleanups: (() => Promise<void> | void)[] = [];
  const stoppedHooks: (() => Promise<void> | void)[] = [];
  let claimer: Claimer | null = null;
  let stopped: Promise<void> | null = null;
  /** Slots held by answers being handed off to this worker (hand-off.ts), not yet running. */
  let handingOff = 0;
  const handOffs = new Set<Promise<unknown>>();
  let acceptHandOffs = false;

  const finisher = createFinisher(database);
  const callAgent = createAgentCaller({ database, runner: options.runner, abortGraceMs: options.abortGraceMs ?? 5_000, log });
  const keeper = createLeaseKeeper({
    db,
    leaseMs,
    heartbeatMs: options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3)),
    reapMs: options.reapMs ?? Math.max(1_000, Math.floor(leaseMs / 2)),
    log,
    onLost: (lease) => abortRun(lease, "lease lost"),
    onCancelRequested: (lease) => abortRun(lease, "cancelled"),
    onReaped,
  });
  const poll = periodic(async () => claimer?.request(), "poll", log);
  // Questions past their expiry get their default (and the ticket is claimable) or fail the ticket.
  const expiry = periodic(
    async () => {
      const { defaulted, failed } = await expireQuestions(db);
      for (const r of failed)
        transitioned({ ticketId: r.id, from: "waiting", to: "failed", attempt: r.attempt, reason: r.metadata.error_message ?? null });
      if (defaulted.length > 0) claimer?.request();
    },
    "expiring questions",
    log,
  );

  function transitioned(e: WorkerTransition): void {
    try {
      options.onTransition?.(e);
    } catch (err) {
      log.warn({ err }, "onTransition hook threw");
    }
  }

  function begin(ticket: TicketRow): void {
    const lease = leaseOf(ticket);
    keeper.keep(lease);
    const run: Run = { ticket, lease, controller: new AbortController() };
    running.set(lease.owner, run);
    // A resumed run keeps resume_at (the claim clears it on a fresh one).
    const from = ticket.resumeAt ? "waiting" : "pending";
    transitioned({ ticketId: ticket.id, from, to: "running", attempt: lease.attempt, reason: null });
    if (ticket.cancelRequestedAt || takeEarlyCancel(ticket.id)) run.controller.abort("cancelled" satisfies AbortReason);
    const end = runToEnd(run)
      .catch((err: unknown) =>
        log.error({ err, ticketId: ticket.id }, "finishing a ticket failed; its lease will expire and it will be recovered"),
      )
      .finally(() => {
        keeper.forget(lease); // only now: the heartbeat covered the terminal write
        ends.delete(end);
      });
    ends.add(end);
  }

  async function runToEnd(run: Run): Promise<void> {
    const { ticket, lease, controller } = run;
    const startedAt = performance.now();
    let error: unknown;
    try {
      error = await callAgent(run);
    } finally {
      running.delete(lease.owner);
      claimer?.request(); // a slot is free
    }
    const aborted = controller.signal.aborted ? (controller.signal.reason as AbortReason) : null;
    const executionTimeMs = performance.now() - startedAt;
    const end = decideEnd(lease, { aborted, error, timeoutS: ticket.timeoutS, executionTimeMs });

    if (end.kind === "lost") {
      log.warn({ ticketId: ticket.id, attempt: lease.attempt }, "lease lost; the ticket belongs to the reaper or another run now");
      return;
    }
    if (end.kind === "release") {
      for (const r of await releaseTickets(db, [lease]))
        transitioned({ ticketId: r.id, from: "running", to: r.status, attempt: r.attempt, reason: RELEASE_REASON });
      return;
    }
    if (end.kind === "wait") {
      const waiting = await waitTicket(db, lease, end.question);
      if (waiting) {
        transitioned({ ticketId: waiting.id, from: "running", to: "waiting", attempt: waiting.attempt, reason: WAITING_REASON });
        return;
      }
      // Refused: a cancel was asked (the lease still holds, so the cancel below is written) or the
      // lease was lost (then the cancel is refused too, and nothing is written).
      const cancelled = await finisher.finish(end.cancel);
      if (cancelled)
        transitioned({ ticketId: cancelled.id, from: "running", to: "cancelled", attempt: cancelled.attempt, reason: end.cancel.reason });
      return;
    }
    const row = await finisher.finish(end.finish);
    if (!row) {
      log.warn({ ticketId: ticket.id, action: end.finish.action }, "terminal write refused: the run no longer holds the ticket's lease");
      return;
    }
    transitioned({ ticketId: row.id, from: "running", to: row.status, attempt: row.attempt, reason: end.finish.reason, executionTimeMs });
  }

  function abortRun(lease: Lease, reason: AbortReason): void {
    const run = running.get(lease.owner);
    if (!run || run.controller.signal.aborted) return;
    log.info({ ticketId: lease.ticketId, attempt: lease.attempt, reason }, "aborting agent");
    run.controller.abort(reason);
  }

  function onReaped(rows: TicketRow[]): void {
    for (const r of rows) {
      const reason = r.status === "pending" ? REQUEUE_REASON : r.status === "cancelled" ? CANCELLED_WORKER_LOST : WORKER_LOST;
      log.warn({ ticketId: r.id, status: r.status, attempt: r.attempt }, reason);
      transitioned({ ticketId: r.id, from: "running", to: r.status, attempt: r.attempt, reason });
    }
    if (rows.some((r) => r.status === "pending")) claimer?.request();
  }

  function onCancelNotify(ticketId: string): void {
    let found = false;
    for (const run of running.values()) {
      if (run.ticket.id !== ticketId) continue;
      found = true;
      abortRun(run.lease, "cancelled");
    }
    if (found) return;
    const now = Date.now();
    if (earlyCancels.size >= EARLY_CANCEL_MAX) {
      for (const [k, at] of earlyCancels)
        if (now - at > EARLY_CANCEL_TTL_MS || earlyCancels.size >= EARLY_CANCEL_MAX) earlyCancels.delete(k);
    }
    earlyCancels.set(ticketId, now);
  }

  function takeEarlyCancel(ticketId: string): boolean {
    const at = earlyCancels.get(ticketId);
    if (at === undefined) return false;
    earlyCancels.delete(ticketId);
    return Date.now() - at <= EARLY_CANCEL_TTL_MS;
  }

  /**
   * An answer taken in this process claims its ticket for this worker in the answer's statement
   * (hand-off.ts). The slot is held while it runs, and the claim goes through claimReapGate like
   * any claim: the lease is kept (begin) before this process's reaper may run again.
   */
  function takeHandOff<T extends { ticket: TicketRow | null }>(statement: HandOffStatement<T>): Promise<T> | null {
    if (!acceptHandOffs || concurrency - running.size - handingOff <= 0) return null;
    handingOff++;
    const taken = claimReapGate
      .claim(async () => {
        const result = await statement({ workerId: id, leaseMs, defaultMaxRunning: options.defaultMaxRunningPerProject ?? null });
        if (result.ticket) begin(result.ticket);
        return result;
      })
      .finally(() => {
        handingOff--;
        handOffs.delete(taken);
      });
    handOffs.add(taken);
    return taken;
  }

  async function shutdown(): Promise<void> {
    // Stop claiming and reaping, but keep the heartbeat until every run has reached its end.
    acceptHandOffs = false;
    await claimer?.stop();
    await Promise.allSettled([...handOffs]);
    await poll.stop();
    await expiry.stop();
    for (const c of cleanups.splice(0)) await c();
    await keeper.stopReaper();
    await drainRuns(
      () => [...ends],
      shutdownGraceMs,
      () => {
        log.warn({ tickets: running.size }, "shutdown grace period over; releasing unfinished tickets");
        for (const run of running.values()) abortRun(run.lease, "shutdown");
      },
    );
    await finisher.idle();
    await keeper.stopHeartbeat();
    log.info({ workerId: id }, "worker stopped");
  }

  return {
    id,
    running: () => running.size,

    async start() {
      if (claimer) throw new Error("worker already started");
      claimer = createClaimer({
        database,
        workerId: id,
        leaseMs,
        order: options.claimOrder ?? "fair",
        defaultMaxRunning: options.defaultMaxRunningPerProject ?? null,
        freeSlots: () => concurrency - running.size - handingOff,
        concurrency,
        onClaimed: begin,
        log,
      });
      const unlistenCancel = await database.listen(CHANNELS.cancel, onCancelNotify);
      acceptHandOffs = true;
      const withdraw = offerHandOff(database, { take: takeHandOff });
      const unlistenTickets = await database.listen(CHANNELS.tickets, () => claimer?.request({ queueChanged: true }));
      // NOTIFYs sent while the LISTEN connection was down are lost: catch up from the table.
      const offReconnect = database.onReconnect(() => claimer?.request({ queueChanged: true }));
      cleanups.push(withdraw, unlistenTickets, offReconnect);
      keeper.startHeartbeat();
      poll.start(options.pollMs ?? 2_000);
      expiry.start(options.expiryMs ?? Math.max(1_000, Math.floor(leaseMs / 2)));
      keeper.startReaper();
      await keeper.reap().catch((err: unknown) => log.error({ err }, "reaping expired leases failed"));
      claimer.request();
      // The cancel channel is kept until the very end: runs still finishing may be cancelled.
      stoppedHooks.push(unlistenCancel);
      log.info({ workerId: id, concurrency, leaseMs }, "worker started");
    },

    stop() {
      if (!claimer) return Promise.resolve();
      stopped ??= shutdown().then(async () => {
        for (const h of stoppedHooks.splice(0)) await h();
      });
      return stopped;
    },
  };
}
