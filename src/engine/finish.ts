// The end of a run: what its outcome means for the ticket (decideEnd, no I/O), and the terminal
// writes, batched. Finishes that arrive while one batch is being written go out together in the
// next statement: no added latency when idle, one round trip for many tickets under load.
import type { Database } from "../db/client.js";
import type { TicketRow } from "../db/schema.js";
import { AgentError, AgentWaiting, type AbortReason, type Question } from "../domain/agent-runner.js";
import type { Lease } from "./lease.js";
import { finishTicketsPrepared, type Finish } from "./sql/finish-tickets.js";

export interface RunOutcome {
  /** The signal's reason when the run was aborted. */
  aborted: AbortReason | null;
  /** What the agent threw, or null when it returned. */
  error: unknown;
  timeoutS: number;
  executionTimeMs: number;
}

export type RunEnd =
  /** Someone else owns the ticket now: write nothing. */
  | { kind: "lost" }
  /** Shutting down: give the ticket back without spending its attempt. */
  | { kind: "release" }
  /** The agent asked a question: store it and wait (sql/wait-ticket.ts), holding no worker. */
  | { kind: "wait"; question: Question; cancel: Finish }
  | { kind: "finish"; finish: Finish };

export function decideEnd(lease: Lease, o: RunOutcome): RunEnd {
  const base = { lease, executionTimeMs: o.executionTimeMs };
  switch (o.aborted) {
    case "lease lost":
      return { kind: "lost" };
    case "shutdown":
      return { kind: "release" };
    case "cancelled":
      return { kind: "finish", finish: { ...base, action: "cancel", errorMessage: null, reason: "cancelled by request" } };
    case "timeout": {
      const message = `timed out after ${o.timeoutS} s`;
      return { kind: "finish", finish: { ...base, action: "fail", errorMessage: message, reason: message } };
    }
    case null:
      if (o.error instanceof AgentWaiting) {
        // If a cancel was asked meanwhile the wait is refused, and this is written instead.
        const cancel: Finish = { ...base, action: "cancel", errorMessage: null, reason: "cancelled by request" };
        return { kind: "wait", question: o.error.question, cancel };
      }
      if (o.error !== null) {
        return { kind: "finish", finish: { ...base, action: "fail", errorMessage: agentErrorMessage(o.error), reason: "agent error" } };
      }
      return { kind: "finish", finish: { ...base, action: "complete", errorMessage: null, reason: null } };
  }
}

/** The message a person sees on a failed ticket. */
export function agentErrorMessage(err: unknown): string {
  if (err instanceof AgentError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `Agent error: ${message}`;
}

export interface Finisher {
  /** The written row, or null when the lease no longer held the ticket (nothing written). */
  finish(f: Finish): Promise<TicketRow | null>;
  /** Resolves when nothing is queued or being written. */
  idle(): Promise<void>;
}

export function createFinisher(database: Database): Finisher {
  type Pending = { finish: Finish; resolve: (row: TicketRow | null) => void; reject: (err: unknown) => void };
  const queue: Pending[] = [];
  let flushing: Promise<void> | null = null;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, 500);
      try {
        const rows = await finishTicketsPrepared(
          database,
          batch.map((p) => p.finish),
        );
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const p of batch) p.resolve(byId.get(p.finish.lease.ticketId) ?? null);
      } catch (err) {
        if (batch.length === 1) {
          batch[0]?.reject(err);
          continue;
        }
        // One bad row must not fail its neighbours: write them one by one.
        for (const p of batch) {
          try {
            const [row] = await finishTicketsPrepared(database, [p.finish]);
            p.resolve(row ?? null);
          } catch (e) {
            p.reject(e);
          }
        }
      }
    }
  }

  return {
    finish(f) {
      return new Promise((resolve, reject) => {
        queue.push({ finish: f, resolve, reject });
        flushing ??= flush().finally(() => {
          flushing = null;
        });
      });
    },
    async idle() {
      while (flushing) await flushing;
    },
  };
}
