// The worker's public shapes, shared by its parts.
import type { AgentRunner } from "../domain/agent-runner.js";
import type { Database } from "../db/client.js";
import type { TicketStatus } from "../domain/ticket-status.js";
import type { ClaimOrder } from "./sql/claim-tickets.js";

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
  /** Lease length; expiry is computed by the database's clock. */
  leaseMs: number;
  /** On stop(): how long running tickets may still finish before they are aborted and released. */
  shutdownGraceMs: number;
  /** Names the worker in lease_owner and logs; the lease's guard is a per-claim token, not this. */
  workerId?: string | undefined;
  logger?: WorkerLogger | undefined;
  onTransition?: ((e: WorkerTransition) => void) | undefined;
  /**
   * `fair` (default): projects take turns, per-project limits, priority within a project (issue 19);
   * `fifo`: oldest first across projects, no limits (src/engine/sql/claim-tickets.ts).
   */
  claimOrder?: ClaimOrder | undefined;
  /** Running tickets per project across every worker, for projects without their own max_running; null or absent: no limit. */
  defaultMaxRunningPerProject?: number | null | undefined;
  /** Heartbeat period; default leaseMs / 3. */
  heartbeatMs?: number | undefined;
  /** Fallback poll for missed wake-ups; default 2000 ms. */
  pollMs?: number | undefined;
  /** How often this worker looks for expired leases; default max(1 s, leaseMs / 2). */
  reapMs?: number | undefined;
  /** How often this worker looks for questions past their expiry; default max(1 s, leaseMs / 2). */
  expiryMs?: number | undefined;
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
