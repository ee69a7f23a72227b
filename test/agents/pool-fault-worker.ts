// A pool worker entry for tests: the real one (src/agents/pool/worker.ts), except that a job whose
// topic (analysis) or title (ingest analysis) names a fault really has it — on the pool's thread.
import { runJob, type AgentJob } from "../../src/agents/pool/jobs.js";
import { createJobHandler } from "../../src/agents/pool/worker.js";

export default createJobHandler(async function runWithFaults(job: AgentJob): Promise<unknown> {
  const said = job.kind === "analyse-context" ? job.input.topic : job.kind === "analyse-item" ? job.input.title : "";
  if (said.includes("fault-throw")) throw new Error("the analyser tripped over this input");
  if (said.includes("fault-exit")) process.exit(7);
  if (said.includes("fault-hang")) for (;;); // a stuck job: only terminating the thread ends it
  if (said.includes("fault-oom")) {
    const hoard: number[][] = [];
    for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i));
  }
  return runJob(job);
});
