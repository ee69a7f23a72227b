// The agent worker pool: CPU-heavy agent work (./jobs.ts) runs on piscina worker threads so the main
// thread — HTTP, SSE, the engine and PGlite — keeps answering while decks are built. Each job takes
// the ticket's AbortSignal (cancel terminates the thread running it) and a timeout; a job that
// throws, exits its thread, runs out of memory or overruns fails with a PoolJobError (an AgentError,
// so the ticket's message is ours), and piscina replaces the thread. Size 0 runs jobs inline.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { AgentError } from "../../domain/agent-runner.js";
import { abortReason } from "../abortable.js";
// Types only: jobs.ts (the composers, the renderers) is loaded by the threads, and by an inline pool on
// first use, never at import — the skills and the provider import this module, and jobs.ts imports them.
import type { AgentJob, AgentJobKind, AgentJobs } from "./jobs.js";
import type { JobStarted, PoolTask, PoolThreadStart } from "./worker.js";

export interface AgentPool {
  /** Worker threads; 0 means jobs run inline on the calling thread. */
  readonly size: number;
  run<K extends AgentJobKind>(kind: K, input: AgentJobs[K]["input"], signal?: AbortSignal): Promise<AgentJobs[K]["output"]>;
  /** Thread ids of the live workers (a cancelled or crashed job's thread is replaced by a new one). */
  threadIds(): number[];
  close(): Promise<void>;
}

export interface AgentPoolOptions {
  /** Worker threads (default: the machine's cores); 0 runs every job inline (no isolation, no timeout). */
  size?: number | undefined;
  /** A job still running this long after it started on a thread is stopped and fails (default 120 s). */
  timeoutMs?: number | undefined;
  /** Heap limit of one worker thread: a job that needs more fails alone instead of the process. */
  maxHeapMb?: number | undefined;
  /**
   * Added to the threads' nice value (Linux, 0–19; ignored elsewhere — ./nice.ts): when the cores are
   * busy, the main thread — HTTP, SSE, the engine — and the embedded database's thread run before agent
   * work. Default 10 (WORKSMITH_AGENT_POOL_NICE); 0 to share equally.
   */
  niceIncrement?: number | undefined;
  /** The worker entry (tests pass one that wraps ./worker.ts). Default: ./worker.ts or ./worker.js beside this file. */
  workerFile?: URL | undefined;
}

// A deck's analysis + draft + render takes ~0.3 s on this 2-core machine (bench/RESULTS.md); 120 s
// is far past any real job, and short enough that a stuck one frees its thread the same minute.
export const DEFAULT_JOB_TIMEOUT_MS = 120_000;
// Without it, on a 2-core machine two busy pool threads and the main thread shared the cores equally
// and a request still waited for its slice; with it the main thread wins (bench/pool.ts).
export const DEFAULT_NICE_INCREMENT = 10;
// The heaviest job seen (10 MB of context text, analysed) peaks near 300 MB.
const DEFAULT_MAX_HEAP_MB = 1_024;

const LABELS: Record<AgentJobKind, string> = {
  "analyse-item": "context analysis",
  "analyse-context": "analysis",
  compose: "draft",
  "render-pptx": "PowerPoint rendering",
  "render-pdf": "PDF rendering",
  "render-xlsx": "Excel rendering",
};

export type PoolFailure = "error" | "crash" | "out-of-memory" | "timeout";

export class PoolJobError extends AgentError {
  constructor(
    message: string,
    readonly failure: PoolFailure,
    options?: { cause?: unknown },
  ) {
    super(message);
    this.name = "PoolJobError";
    if (options && "cause" in options) this.cause = options.cause;
  }
}

export function defaultPoolSize(): number {
  return availableParallelism();
}

/**
 * The worker entry beside this module: worker.ts when running from source (tsx, vitest), loaded with
 * `--import tsx`; worker.js from dist/, plain JavaScript.
 */
function defaultWorkerFile(): URL {
  const fromSource = import.meta.url.endsWith(".ts");
  return new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
}

export function createAgentPool(options: AgentPoolOptions = {}): AgentPool {
  const size = options.size ?? defaultPoolSize();
  const timeoutMs = options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  if (size === 0) return createInlinePool();
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  const workerFile = options.workerFile ?? defaultWorkerFile();
  const piscina = new Piscina({
    filename: workerFile.href,
    minThreads: size,
    maxThreads: size,
    // TypeScript source needs tsx's loader in the thread too; compiled JavaScript needs nothing.
    execArgv: workerFile.pathname.endsWith(".ts") ? ["--import", "tsx"] : [],
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    // Each thread lowers itself (./worker.ts, ./nice.ts), by its own kernel thread id: piscina's
    // niceIncrement needs an optional native module and gives no way to check it took effect.
    niceIncrement: 0,
    workerData: { niceIncrement: options.niceIncrement ?? DEFAULT_NICE_INCREMENT } satisfies PoolThreadStart,
  });
  // piscina emits 'error' for a thread that dies with no task on it; unheard, that would end the process.
  piscina.on("error", () => {});
  // The timeout starts when the thread says the job started (./worker.ts), not when it was queued.
  const onStart = new Map<number, () => void>();
  piscina.on("message", (message: Partial<JobStarted> | null) => {
    const id = message?.agentJobStarted;
    if (id !== undefined) onStart.get(id)?.();
  });
  let lastId = 0;

  return {
    size,
    async run(kind, input, signal) {
      signal?.throwIfAborted();
      const id = ++lastId;
      const timeout = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      onStart.set(id, () => {
        timer = setTimeout(() => timeout.abort(), timeoutMs);
      });
      const either = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
      try {
        const task = { id, kind, input } as PoolTask;
        return (await piscina.run(task, { signal: either })) as AgentJobs[typeof kind]["output"];
      } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        if (timeout.signal.aborted) {
          throw new PoolJobError(
            `The ${LABELS[kind]} step did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped (WORKSMITH_AGENT_JOB_TIMEOUT_S).`,
            "timeout",
          );
        }
        throw poolError(kind, err, maxHeapMb);
      } finally {
        clearTimeout(timer);
        onStart.delete(id);
      }
    },
    threadIds: () => piscina.threads.map((t) => t.threadId),
    close: () => piscina.close({ force: true }),
  };
}

/** Size 0: the same jobs on the calling thread. For tests and debugging; a stuck job cannot be stopped. */
function createInlinePool(): AgentPool {
  return {
    size: 0,
    async run(kind, input, signal) {
      signal?.throwIfAborted();
      try {
        const { runJob } = await import("./jobs.js");
        return await runJob({ kind, input } as AgentJob);
      } catch (err) {
        throw poolError(kind, err, 0);
      }
    },
    threadIds: () => [],
    close: () => Promise.resolve(),
  };
}

function poolError(kind: AgentJobKind, err: unknown, maxHeapMb: number): PoolJobError {
  const label = LABELS[kind];
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ERR_WORKER_OUT_OF_MEMORY") {
    return new PoolJobError(`The ${label} step ran out of memory (over ${maxHeapMb} MB) and was stopped.`, "out-of-memory", {
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  const exited = /^worker exited with code: (-?\d+)/.exec(message);
  if (exited) {
    return new PoolJobError(`The ${label} step crashed its worker thread (exit code ${exited[1]}).`, "crash", { cause: err });
  }
  return new PoolJobError(`The ${label} step failed: ${message}`, "error", { cause: err });
}

let shared: AgentPool | undefined;

/**
 * One pool per process for callers that were not handed one (tests, benches, the CLI's one-off
 * runs). Its idle threads do not keep the process alive. The server makes its own from Config.
 */
export function sharedAgentPool(): AgentPool {
  shared ??= createAgentPool();
  return shared;
}
