// The worker loop: claims pending tickets into free slots, runs each through the AgentRunner with an
// AbortSignal, keeps their leases alive, and writes the terminal state. It never holds a
// transaction open across agent work (PGlite has a single connection; a long transaction there
// would stall every other query of the process).
//
// Wake-ups: NOTIFY on CHANNELS.tickets (new or requeued ticket), a slot freeing up, a slow fallback
// poll, and a catch-up claim after the LISTEN connection reconnects. Cancel arrives by NOTIFY on
// CHANNELS.cancel; the heartbeat re-checks cancel_requested_at as a safety net.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "../db/client.js";
import { getRecipe } from "../db/repositories/recipes.js";
import type { TicketRow } from "../db/schema.js";
import { AgentError, type AbortReason, type AgentRunner, type RunnableTicket } from "../domain/agent-runner.js";
import { CHANNELS } from "../domain/events.js";
import type { Recipe } from "../domain/recipe.js";
import type { TicketStatus } from "../domain/ticket-status.js";
import { createTicketPorts } from "./ports.js";
import { claimTickets } from "./sql/claim-tickets.js";
import { extendLeases } from "./sql/extend-leases.js";
import { finishTickets, type Finish } from "./sql/finish-tickets.js";
import { RELEASE_REASON, releaseTickets } from "./sql/release-tickets.js";
import { reapExpiredLeases } from "./sql/reap-expired-leases.js";

/** A pino logger satisfies this. */
export interface WorkerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WorkerTransition {
  ticketId: string;
  from: TicketStatus;
  to: TicketStatus;
  attempt: number;
  reason: string | null;
  /** Set on terminal transitions made by this worker. */
  executionTimeMs?: number | undefined;
}

export interface WorkerOptions {
  database: Database;
  runner: AgentRunner;
  /** Tickets run at once by this worker. */
  concurrency: number;
  leaseMs: number;
  /** On stop(): how long running tickets may still finish before they are aborted and released. */
  shutdownGraceMs: number;
  workerId?: string | undefined;
  /** Injectable for lease and timeout tests; leases and timeouts are computed from it. */
  clock?: (() => Date) | undefined;
  logger?: WorkerLogger | undefined;
  onTransition?: ((e: WorkerTransition) => void) | undefined;
  /** Heartbeat period; default leaseMs / 3. */
  heartbeatMs?: number | undefined;
  /** Fallback poll for missed wake-ups; default 2000 ms. */
  pollMs?: number | undefined;
  /** How often this worker looks for expired leases; default max(1 s, leaseMs / 2). */
  reapMs?: number | undefined;
  /** After an abort, how long the agent has to return before the worker writes the outcome anyway. */
  abortGraceMs?: number | undefined;
}

export interface Worker {
  readonly id: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Tickets whose agent is running now. */
  running(): number;
}

interface Held {
  ticket: TicketRow;
  controller: AbortController;
  claimedAt: Date;
  done: Promise<void>;
}

const silent: WorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const RECIPE_TTL_MS = 10_000;
// Cancel NOTIFYs that arrived for tickets not (yet) held here. The claim's result and the cancel's
// NOTIFY travel on different connections, so the NOTIFY can overtake the claim; remembered briefly.
const EARLY_CANCEL_TTL_MS = 60_000;
const EARLY_CANCEL_MAX = 10_000;

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export function createWorker(options: WorkerOptions): Worker {
  const { database, runner, concurrency, leaseMs, shutdownGraceMs } = options;
  const id = options.workerId ?? defaultWorkerId();
  const clock = options.clock ?? (() => new Date());
  const log = options.logger ?? silent;
  const heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3));
  const pollMs = options.pollMs ?? 2_000;
  const reapMs = options.reapMs ?? Math.max(1_000, Math.floor(leaseMs / 2));
  const abortGraceMs = options.abortGraceMs ?? 5_000;
  const db = database.db;

  const held = new Map<string, Held>();
  const earlyCancels = new Map<string, number>();
  const recipes = new Map<string, { at: number; recipe: Promise<Recipe | null> }>();
  const cleanups: (() => Promise<void> | void)[] = [];
  let unlistenCancel: (() => Promise<void>) | null = null;
  let started = false;
  let stopping = false;
  let claiming: Promise<void> | null = null;
  let claimAgain = false;

  function transitioned(e: WorkerTransition) {
    try {
      options.onTransition?.(e);
    } catch (err) {
      log.warn({ err }, "onTransition hook threw");
    }
  }

  // ---- claiming -------------------------------------------------------------------------------

  function requestClaim(): void {
    if (!started || stopping) return;
    if (claiming) {
      claimAgain = true;
      return;
    }
    claiming = claimLoop()
      .catch((err: unknown) => log.error({ err }, "claiming tickets failed; the next poll retries"))
      .finally(() => {
        claiming = null;
        // A wake-up that arrived after the loop's last check (e.g. a slot freed while it was
        // returning) must not wait for the fallback poll.
        if (claimAgain) {
          claimAgain = false;
          requestClaim();
        }
      });
  }

  async function claimLoop(): Promise<void> {
    do {
      claimAgain = false;
      // Claim in batches up to the free slots; a short batch means the queue is empty for now.
      for (;;) {
        const free = concurrency - held.size;
        if (free <= 0 || stopping) return;
        const rows = await claimTickets(db, { workerId: id, limit: free, leaseMs, now: clock() });
        for (const ticket of rows) begin(ticket);
        if (rows.length < free) break;
      }
    } while (claimAgain && !stopping);
  }

  // ---- running one ticket ---------------------------------------------------------------------

  function begin(ticket: TicketRow): void {
    const controller = new AbortController();
    const entry: Held = { ticket, controller, claimedAt: clock(), done: Promise.resolve() };
    held.set(ticket.id, entry);
    transitioned({ ticketId: ticket.id, from: "pending", to: "running", attempt: ticket.attempt, reason: null });
    if (ticket.cancelRequestedAt || takeEarlyCancel(ticket.id)) controller.abort("cancelled" satisfies AbortReason);
    entry.done = runTicket(entry).catch((err: unknown) =>
      log.error({ err, ticketId: ticket.id }, "finishing a ticket failed; its lease will expire and it will be recovered"),
    );
  }

  async function runTicket(entry: Held): Promise<void> {
    const { ticket, controller } = entry;
    const signal = controller.signal;
    const timeoutMs = ticket.timeoutS * 1000;
    const timer = setTimeout(() => controller.abort("timeout" satisfies AbortReason), timeoutMs);
    let error: unknown = null;
    try {
      await runAgent(entry).catch((err: unknown) => {
        error = err ?? new Error("agent threw without an error");
      });
    } finally {
      clearTimeout(timer);
      held.delete(ticket.id);
      requestClaim(); // a slot is free
    }
    const reason = signal.aborted ? (signal.reason as AbortReason) : null;
    const executionTimeMs = clock().getTime() - entry.claimedAt.getTime();

    if (reason === "lease lost") {
      log.warn({ ticketId: ticket.id }, "lease lost; the ticket belongs to the reaper or another worker now");
      return;
    }
    if (reason === "shutdown") {
      const rows = await releaseTickets(db, id, clock(), [ticket.id]);
      for (const r of rows) transitioned({ ticketId: r.id, from: "running", to: "pending", attempt: r.attempt, reason: RELEASE_REASON });
      return;
    }
    let finish: Finish;
    if (reason === "cancelled") {
      finish = { ticketId: ticket.id, action: "cancel", errorMessage: null, executionTimeMs, reason: "cancelled by request" };
    } else if (reason === "timeout") {
      const message = `timed out after ${ticket.timeoutS} s`;
      finish = { ticketId: ticket.id, action: "fail", errorMessage: message, executionTimeMs, reason: message };
    } else if (error !== null) {
      const message = agentErrorMessage(error);
      finish = { ticketId: ticket.id, action: "fail", errorMessage: message, executionTimeMs, reason: "agent error" };
    } else {
      finish = { ticketId: ticket.id, action: "complete", errorMessage: null, executionTimeMs, reason: null };
    }
    const row = await finishBatched(finish);
    if (!row) {
      log.warn({ ticketId: ticket.id, action: finish.action }, "terminal write refused: the ticket is no longer held by this worker");
      return;
    }
    transitioned({ ticketId: row.id, from: "running", to: row.status, attempt: row.attempt, reason: finish.reason, executionTimeMs });
  }

  /** Runs the agent; once aborted, gives it abortGraceMs to return, then stops waiting for it. */
  async function runAgent(entry: Held): Promise<void> {
    const { ticket, controller } = entry;
    if (controller.signal.aborted) return; // cancelled before it started: do not start the agent
    const recipe = await recipeFor(ticket.recipeSlug);
    if (!recipe) throw new AgentError(`recipe ${ticket.recipeSlug} no longer exists`);
    const runnable: RunnableTicket = {
      id: ticket.id,
      projectId: ticket.projectId,
      requestId: ticket.requestId,
      attempt: ticket.attempt,
      recipeSlug: ticket.recipeSlug,
      agentType: recipe.agent_type,
    };
    const agent = runner.run({
      ticket: runnable,
      recipe,
      parameters: ticket.metadata.recipe_parameters,
      model: ticket.metadata.model ?? null,
      signal: controller.signal,
      ports: createTicketPorts({ database, ticket, workerId: id, clock }),
    });
    void agent.catch(() => undefined); // if abandoned below, a late rejection is expected and ignored
    // An agent that ignores its signal must not keep the ticket (or shutdown) hostage.
    let graceTimer: NodeJS.Timeout | undefined;
    const abandoned = new Promise<void>((resolve) => {
      const onAbort = () => {
        graceTimer = setTimeout(() => {
          log.warn(
            { ticketId: ticket.id, reason: String(controller.signal.reason) },
            `agent ignored its abort for ${abortGraceMs} ms; abandoning it`,
          );
          resolve();
        }, abortGraceMs);
      };
      if (controller.signal.aborted) onAbort();
      else controller.signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      await Promise.race([agent, abandoned]);
    } finally {
      clearTimeout(graceTimer);
    }
  }

  function recipeFor(slug: string): Promise<Recipe | null> {
    const cached = recipes.get(slug);
    const now = Date.now();
    if (cached && now - cached.at < RECIPE_TTL_MS) return cached.recipe;
    const recipe = getRecipe(db, slug);
    recipes.set(slug, { at: now, recipe });
    recipe.catch(() => recipes.delete(slug));
    return recipe;
  }

  // ---- terminal writes, batched ----------------------------------------------------------------
  // Finishes that arrive while one is being written go out together in the next statement: no
  // added latency when idle, one round trip for many tickets under load.

  type Pending = { finish: Finish; resolve: (row: TicketRow | null) => void; reject: (err: unknown) => void };
  const finishQueue: Pending[] = [];
  let flushing: Promise<void> | null = null;

  function finishBatched(finish: Finish): Promise<TicketRow | null> {
    return new Promise((resolve, reject) => {
      finishQueue.push({ finish, resolve, reject });
      flushing ??= flushFinishes().finally(() => {
        flushing = null;
      });
    });
  }

  async function flushFinishes(): Promise<void> {
    while (finishQueue.length > 0) {
      const batch = finishQueue.splice(0, 500);
      try {
        const rows = await finishTickets(
          db,
          id,
          clock(),
          batch.map((p) => p.finish),
        );
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const p of batch) p.resolve(byId.get(p.finish.ticketId) ?? null);
      } catch (err) {
        if (batch.length === 1) {
          batch[0]?.reject(err);
          continue;
        }
        // One bad row must not fail its neighbours: write them one by one.
        for (const p of batch) {
          try {
            const [row] = await finishTickets(db, id, clock(), [p.finish]);
            p.resolve(row ?? null);
          } catch (e) {
            p.reject(e);
          }
        }
      }
    }
  }

  // ---- heartbeat, cancel, reaper ---------------------------------------------------------------

  async function heartbeat(): Promise<void> {
    if (held.size === 0) return;
    const now = clock();
    // Timeouts by the injectable clock too (the real timer in runTicket covers real time).
    for (const entry of held.values()) {
      if (now.getTime() - entry.claimedAt.getTime() >= entry.ticket.timeoutS * 1000) abort(entry, "timeout");
    }
    const ids = [...held.keys()];
    const leases = await extendLeases(db, id, now, leaseMs, ids);
    const still = new Map(leases.map((l) => [l.id, l]));
    for (const ticketId of ids) {
      const entry = held.get(ticketId);
      if (!entry) continue; // finished meanwhile
      const lease = still.get(ticketId);
      if (!lease) abort(entry, "lease lost");
      else if (lease.cancelRequested) abort(entry, "cancelled");
    }
  }

  function abort(entry: Held, reason: AbortReason): void {
    if (entry.controller.signal.aborted) return;
    log.info({ ticketId: entry.ticket.id, reason }, "aborting agent");
    entry.controller.abort(reason);
  }

  function onCancelNotify(ticketId: string): void {
    const entry = held.get(ticketId);
    if (entry) {
      abort(entry, "cancelled");
      return;
    }
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

  async function reap(): Promise<void> {
    const rows = await reapExpiredLeases(db, clock());
    for (const r of rows) {
      const reason = r.status === "pending" ? "worker lost; retrying" : "worker lost";
      log.warn({ ticketId: r.id, status: r.status, attempt: r.attempt }, reason);
      transitioned({ ticketId: r.id, from: "running", to: r.status, attempt: r.attempt, reason });
    }
    if (rows.some((r) => r.status === "pending")) requestClaim();
  }

  function every(ms: number, task: () => Promise<void>, what: string): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      task()
        .catch((err: unknown) => log.error({ err }, `${what} failed`))
        .finally(() => {
          busy = false;
        });
    }, ms);
    timer.unref();
    cleanups.push(() => clearInterval(timer));
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  let heartbeatTimer: NodeJS.Timeout | undefined;
  let stopped: Promise<void> | null = null;

  return {
    id,
    running: () => held.size,

    async start() {
      if (started) throw new Error("worker already started");
      started = true;
      unlistenCancel = await database.listen(CHANNELS.cancel, onCancelNotify);
      cleanups.push(await database.listen(CHANNELS.tickets, () => requestClaim()));
      // NOTIFYs sent while the LISTEN connection was down are lost: catch up from the table.
      cleanups.push(database.onReconnect(() => requestClaim()));
      let beating = false;
      heartbeatTimer = setInterval(() => {
        if (beating) return;
        beating = true;
        heartbeat()
          .catch((err: unknown) => log.error({ err }, "heartbeat failed"))
          .finally(() => {
            beating = false;
          });
      }, heartbeatMs);
      heartbeatTimer.unref();
      every(pollMs, async () => requestClaim(), "poll");
      every(reapMs, reap, "reaping expired leases");
      await reap().catch((err: unknown) => log.error({ err }, "reaping expired leases failed"));
      requestClaim();
      log.info({ workerId: id, concurrency, leaseMs }, "worker started");
    },

    stop() {
      if (!started) return Promise.resolve();
      stopped ??= shutdown();
      return stopped;
    },
  };

  async function shutdown(): Promise<void> {
    stopping = true;
    // Stop claiming (timers and wake-ups), but keep the heartbeat until every run has ended.
    for (const c of cleanups.splice(0)) await c();
    await claiming;
    const runs = () => [...held.values()].map((e) => e.done);
    const all = Promise.all(runs());
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<"timeout">((resolve) => {
      graceTimer = setTimeout(() => resolve("timeout"), shutdownGraceMs);
    });
    const outcome = await Promise.race([all.then(() => "done" as const), grace]);
    clearTimeout(graceTimer);
    if (outcome === "timeout") {
      log.warn({ tickets: held.size }, "shutdown grace period over; releasing unfinished tickets");
      for (const entry of held.values()) abort(entry, "shutdown");
      await Promise.all(runs());
    }
    await all;
    await flushing;
    clearInterval(heartbeatTimer);
    await unlistenCancel?.();
    log.info({ workerId: id }, "worker stopped");
  }
}

/** The message a person sees on a failed ticket. */
export function agentErrorMessage(err: unknown): string {
  if (err instanceof AgentError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `Agent error: ${message}`;
}
