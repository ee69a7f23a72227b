// A Worksmith "host" for the multi-host tests: a real `worksmith serve` (or `worker`) process with its
// own data directory, sharing nothing with the other hosts but the PostgreSQL URL (and the S3 bucket
// when that store is chosen). Its URL is read from the line `serve` prints once it listens.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const ROOT = resolve(import.meta.dirname, "../..");

export interface Host {
  name: string;
  dataDir: string;
  pid: number;
  /** null for a worker-only host (it serves no HTTP). */
  url: string | null;
  output(): string;
  stop(): Promise<void>;
}

export async function startHost(
  name: string,
  command: "serve" | "serve --no-worker" | "worker",
  env: Record<string, string>,
  startTimeoutMs = 120_000,
): Promise<Host> {
  const dataDir = await mkdtemp(join(tmpdir(), `host-${name}-`));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...command.split(" ")], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      WORKSMITH_DATA_DIR: dataDir,
      WORKSMITH_SEED_DEMO: "false",
      WORKSMITH_AGENT_POOL_SIZE: "1",
      LOG_LEVEL: "info",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (log += chunk));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string | null>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`host ${name} did not start within ${startTimeoutMs} ms:\n${log}`)), startTimeoutMs);
    lines.on("line", (line) => {
      log += `${line}\n`;
      const found = /is running at (http:\/\/\S+)/.exec(line)?.[1];
      if (found) {
        clearTimeout(timer);
        done(found);
      } else if (command === "worker" && line.includes('"worker started"')) {
        clearTimeout(timer);
        done(null);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`host ${name} exited with ${code}:\n${log}`));
    });
  });
  return {
    name,
    dataDir,
    pid: child.pid!,
    url,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
