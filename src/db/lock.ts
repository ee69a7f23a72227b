// The embedded data directory's lock file. Two PGlite instances on one directory silently lose
// writes (PGlite has no lock of its own), so a second process is refused; a lock left by a killed
// process is recognised (its pid is gone, or now belongs to another process) and taken over.
import { readFileSync } from "node:fs";
import { mkdir, open, readFile, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";

export class DataDirLockedError extends Error {}

interface LockInfo {
  pid: number;
  host: string;
  /** Process start time from /proc (clock ticks since boot): tells a recycled pid from ours. */
  procStart: string | null;
  startedAt: string;
}

function procStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime); the command name (field 2) may hold spaces, so split after its ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true; // cannot check another machine: assume it is alive
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const now = procStart(info.pid);
  return info.procStart === null || now === null || now === info.procStart;
}

export interface DataDirLock {
  path: string;
  release(): Promise<void>;
}

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, "worksmith.lock");
  const mine: LockInfo = { pid: process.pid, host: hostname(), procStart: procStart(process.pid), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(JSON.stringify(mine));
      await handle.close();
      return {
        path,
        async release() {
          const current = await readFile(path, "utf8").catch(() => "");
          if (current === JSON.stringify(mine)) await unlink(path).catch(() => undefined);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let holder: LockInfo | null = null;
    try {
      holder = JSON.parse(await readFile(path, "utf8")) as LockInfo;
    } catch {
      holder = null; // unreadable or half-written: treat as stale
    }
    if (holder && isAlive(holder)) {
      throw new DataDirLockedError(
        `Data directory ${dataDir} is in use by another Worksmith process (pid ${holder.pid}, started ${holder.startedAt}). ` +
          `Stop it first, or set WORKSMITH_DATA_DIR to another directory (or DATABASE_URL to share a PostgreSQL).`,
      );
    }
    await unlink(path).catch(() => undefined); // stale: its process is gone
  }
  throw new DataDirLockedError(`Could not lock data directory ${dataDir}: another process keeps taking it.`);
}
