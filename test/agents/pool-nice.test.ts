// The agent pool's threads run at a lower CPU priority than the main thread (Linux): each thread adds
// the pool's niceIncrement (WORKSMITH_AGENT_POOL_NICE) to its own nice value, read back here from
// /proc/<pid>/task/<tid>/stat; the main thread keeps its own. Elsewhere the setting does nothing.
import { afterEach, describe, expect, it } from "vitest";
import { createAgentPool, kernelThreadId, niceOfThread, type AgentPool } from "../../src/agents/pool/index.js";
import { loadConfig } from "../../src/config.js";

const workerFile = new URL("./pool-nice-worker.ts", import.meta.url);
const linux = process.platform === "linux";

describe("the agent pool's CPU priority", { timeout: 120_000 }, () => {
  let pool: AgentPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  async function poolThreadNice(niceIncrement: number | undefined): Promise<{ main: number; thread: number }> {
    pool = createAgentPool({ size: 1, workerFile, ...(niceIncrement === undefined ? {} : { niceIncrement }) });
    const { tid } = (await pool.run("analyse-item", {} as never)) as unknown as { tid: number };
    const mainTid = kernelThreadId()!;
    expect(tid).not.toBe(mainTid);
    return { main: niceOfThread(mainTid)!, thread: niceOfThread(tid)! };
  }

  it.runIf(linux)("a pool thread runs at the main thread's nice + the increment; the main thread is unchanged", async () => {
    const before = niceOfThread(kernelThreadId()!)!;
    const { main, thread } = await poolThreadNice(7);
    expect(main).toBe(before);
    expect(thread).toBe(Math.min(19, before + 7));
  });

  it.runIf(linux)("by 10 by default, and not at all with 0", async () => {
    const first = await poolThreadNice(undefined);
    expect(first.thread).toBe(Math.min(19, first.main + 10));
    await pool!.close();
    const second = await poolThreadNice(0);
    expect(second.thread).toBe(second.main);
  });

  it("WORKSMITH_AGENT_POOL_NICE sets it (0–19, default 10)", () => {
    expect(loadConfig({}).agentPoolNice).toBe(10);
    expect(loadConfig({ WORKSMITH_AGENT_POOL_NICE: "0" }).agentPoolNice).toBe(0);
    expect(() => loadConfig({ WORKSMITH_AGENT_POOL_NICE: "20" })).toThrow();
  });
});
