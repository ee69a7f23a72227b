// The worker-thread entry piscina loads (./pool.ts): one job in, its plain-data result out.
// It imports no database or storage code, so a pool thread never touches PGlite or the file store.
import { parentPort, workerData } from "node:worker_threads";
import { runJob, type AgentJob } from "./jobs.js";
import { lowerThisThread } from "./nice.js";

/** What ./pool.ts starts each thread with (piscina's `workerData`). */
export interface PoolThreadStart {
  /** Added to this thread's nice value (Linux; ./nice.ts). */
  niceIncrement: number;
}

// Before any job: this thread yields the cores to the main thread when they are busy.
lowerThisThread((workerData as Partial<PoolThreadStart> | null)?.niceIncrement ?? 0);

/** A job as sent to a thread: its id lets the pool start the job's timeout when the job starts. */
export type PoolTask = AgentJob & { id: number };

export interface JobStarted {
  agentJobStarted: number;
}

/**
 * The thread's handler around `run`: says "started" first, so the timeout counts running time only,
 * never the wait in the queue or a new thread's start-up (seconds under tsx on a busy machine).
 */
export function createJobHandler(run: (job: AgentJob) => Promise<unknown>): (task: PoolTask) => Promise<unknown> {
  return function runAgentJob(task) {
    parentPort?.postMessage({ agentJobStarted: task.id } satisfies JobStarted);
    return run(task);
  };
}

export default createJobHandler(runJob);
