// Runs test/storage/fixtures/store-process.ts for one store fixture, with the environment a server
// on that store would have.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import type { StoreFixture } from "./store-fixtures.js";

const ROOT = resolve(import.meta.dirname, "../..");

export function storeEnv(fx: StoreFixture): Record<string, string> {
  const kind = fx.name.startsWith("postgres") ? "postgres" : fx.name;
  return {
    WORKSMITH_DATA_DIR: fx.dataDir,
    WORKSMITH_FILE_STORE: kind,
    ...(fx.t.url ? { DATABASE_URL: fx.t.url } : {}),
    ...(fx.s3?.env ?? {}),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

export function startStoreProcess(
  fx: StoreFixture,
  args: string[],
): { child: ChildProcess; reports: AsyncIterable<Record<string, unknown>> } {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "test/storage/fixtures/store-process.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...storeEnv(fx) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  async function* reports() {
    for await (const line of lines) yield JSON.parse(line) as Record<string, unknown>;
  }
  return { child, reports: reports() };
}
