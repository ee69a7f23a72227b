import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "./lock.js";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

/** A real OS process that holds the lock on `dir` until killed. */
async function holdLockInChild(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/hold-lock.ts", dir], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (b: Buffer) => b.toString().includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

describe("embedded data directory lock", () => {
  it("refuses a second process with a message that says what to do", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ws-lock-"));
    const child = await holdLockInChild(dir);
    const err = await acquireDataDirLock(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(`pid ${child.pid}`);
    expect((err as Error).message).toContain("WORKSMITH_DATA_DIR");
  });

  it("recovers the stale lock of a process killed with SIGKILL", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ws-lock-"));
    const child = await holdLockInChild(dir);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(await readFile(lock.path, "utf8"))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it("treats a lock whose pid now belongs to another process as stale", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ws-lock-"));
    // pid 1 is alive but started long before: a recycled pid, not the lock's owner.
    await writeFile(join(dir, "worksmith.lock"), JSON.stringify({ pid: 1, host: hostname(), procStart: "1", startedAt: "2020-01-01" }));
    const lock = await acquireDataDirLock(dir);
    // The stale file was replaced by ours, and releasing removes it.
    expect(JSON.parse(await readFile(lock.path, "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
    await expect(readFile(lock.path, "utf8")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("is released on close, so the next process can start", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ws-lock-"));
    const first = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
    const second = await acquireDataDirLock(dir);
    await second.release();
  });
});
