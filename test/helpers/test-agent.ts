// A deterministic AgentRunner for engine and API tests: each run follows a script of steps (todos,
// outputs, logs, usage, sleeps that honour the AbortSignal, throws, hangs). It records every run —
// when it started, how it ended, and the abort reason it saw — so tests assert on what the agent saw.
import type { AgentRunner, NewOutput, TicketRun, Usage } from "../../src/domain/agent-runner.js";
import type { TodoInput } from "../../src/domain/todos.js";

export type TestStep =
  | { todos: TodoInput[] }
  | { output: Partial<NewOutput> & { title: string } }
  | { log: string }
  | { usage: Usage }
  /** Waits `ms`; rejects with the signal's reason as soon as it is aborted. */
  | { sleep: number }
  /** Waits until aborted, then rejects with the reason (or, with ignoreAbort, never returns). */
  | { hang: true; ignoreAbort?: boolean }
  | { throw: Error }
  | { call: (run: TicketRun) => Promise<void> | void };

export interface RunRecord {
  ticketId: string;
  attempt: number;
  startedAt: number;
  endedAt: number | null;
  outcome: "returned" | "threw" | null;
  error: unknown;
  /** The signal's reason when the run ended aborted. */
  abortReason: unknown;
}

export interface TestAgent extends AgentRunner {
  runs: RunRecord[];
  /** Resolves when a run of `ticketId` (any ticket when omitted) has started. */
  started(ticketId?: string): Promise<RunRecord>;
  /** Resolves when a run of `ticketId` has ended. */
  ended(ticketId: string): Promise<RunRecord>;
}

export type Script = TestStep[] | ((run: TicketRun) => TestStep[]);

export function createTestAgent(script: Script = []): TestAgent {
  const runs: RunRecord[] = [];
  const startWaiters: { ticketId: string | undefined; resolve: (r: RunRecord) => void }[] = [];
  const endWaiters: { ticketId: string; resolve: (r: RunRecord) => void }[] = [];

  function notify(list: { ticketId: string | undefined; resolve: (r: RunRecord) => void }[], record: RunRecord) {
    for (let i = list.length - 1; i >= 0; i--) {
      const w = list[i]!;
      if (w.ticketId === undefined || w.ticketId === record.ticketId) {
        list.splice(i, 1);
        w.resolve(record);
      }
    }
  }

  return {
    runs,
    started(ticketId) {
      const seen = runs.find((r) => ticketId === undefined || r.ticketId === ticketId);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => startWaiters.push({ ticketId, resolve }));
    },
    ended(ticketId) {
      const seen = runs.find((r) => r.ticketId === ticketId && r.endedAt !== null);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => endWaiters.push({ ticketId, resolve }));
    },
    async run(run) {
      const record: RunRecord = {
        ticketId: run.ticket.id,
        attempt: run.ticket.attempt,
        startedAt: performance.now(),
        endedAt: null,
        outcome: null,
        error: null,
        abortReason: null,
      };
      runs.push(record);
      notify(startWaiters, record);
      try {
        const steps = typeof script === "function" ? script(run) : script;
        for (const step of steps) await perform(step, run);
        record.outcome = "returned";
      } catch (err) {
        record.outcome = "threw";
        record.error = err;
        throw err;
      } finally {
        record.endedAt = performance.now();
        if (run.signal.aborted) record.abortReason = run.signal.reason;
        notify(endWaiters, record);
      }
    },
  };
}

async function perform(step: TestStep, run: TicketRun): Promise<void> {
  const { ports, signal } = run;
  if ("todos" in step) await ports.writeTodos(step.todos);
  else if ("output" in step) await ports.emitOutput({ body: "", outputType: "report", generationMethod: "text", ...step.output });
  else if ("log" in step) await ports.log("info", step.log);
  else if ("usage" in step) await ports.recordUsage(step.usage);
  else if ("sleep" in step) await sleep(step.sleep, signal);
  else if ("hang" in step) await (step.ignoreAbort ? new Promise<never>(() => undefined) : sleep(Number.POSITIVE_INFINITY, signal));
  else if ("throw" in step) throw step.throw;
  else await step.call(run);
}

/** Resolves after `ms`, or rejects with the signal's reason once it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(abortError(signal!));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortError(signal: AbortSignal): Error {
  return new Error(`aborted: ${String(signal.reason)}`);
}
