// Admin commands (`users create`, `tokens create`) work on the database directly. Run where there is
// no database — a mistyped or unset WORKSMITH_DATA_DIR — they must say so and create nothing, instead
// of making an empty database and then reporting "no account" (issue 15).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = resolve(import.meta.dirname, "../../src/cli/main.ts");
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "worksmith-admin-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => done({ code, stderr }));
  });
}

describe("admin commands on a data directory with no database", () => {
  it("tokens create refuses, names the directory, and creates nothing", async () => {
    const dataDir = join(root, "nowhere");
    const result = await runCli(["tokens", "create", "--email", "ada@example.com", "--name", "ci"], { WORKSMITH_DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no Worksmith database in ${dataDir}`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("users create refuses too (the account would land where no server reads it)", async () => {
    const dataDir = join(root, "elsewhere");
    const result = await runCli(["users", "create", "--email", "ada@example.com", "--password", "correct horse battery"], {
      WORKSMITH_DATA_DIR: dataDir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("WORKSMITH_DATA_DIR");
    expect(existsSync(dataDir)).toBe(false);
  });
});
