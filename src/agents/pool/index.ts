// src/agents/pool — the worker-thread pool that runs agents' CPU-heavy work off the main thread.
// May import the rest of src/agents (never src/db or src/storage: a pool thread holds no database).
export { createAgentPool, defaultPoolSize, DEFAULT_JOB_TIMEOUT_MS, DEFAULT_NICE_INCREMENT, PoolJobError, sharedAgentPool } from "./pool.js";
export { kernelThreadId, niceOfThread } from "./nice.js";
export type { AgentPool, AgentPoolOptions, PoolFailure } from "./pool.js";
export type { AgentJobKind, AgentJobs, DraftedComposition, FileRender, RenderedFile } from "./jobs.js";
