// The worker-thread entry piscina loads (./pool.ts): one job in, its plain-data result out.
// It imports no database or storage code, so a pool thread never touches PGlite or the file store.
import { runJob, type AgentJob } from "./jobs.js";

export default function runAgentJob(job: AgentJob): Promise<unknown> {
  return runJob(job);
}
