// Lowering one thread's CPU priority (./worker.ts): on Linux a thread has its own nice value, and
// setpriority(PRIO_PROCESS, tid) — `os.setPriority(tid, …)` — changes that thread's only, so the pool's
// threads yield the cores to the main thread (HTTP, SSE, the engine) and the embedded database's thread
// when the machine is busy. Elsewhere (macOS, Windows: a pid names the whole process) it does nothing.
import { readFileSync, readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** The calling thread's kernel id (Linux), or undefined. */
export function kernelThreadId(): number | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds `increment` (0–19) to the calling thread's nice value, on Linux only. Returns the new value, or
 * undefined when nothing changed (another platform, no /proc, an increment of 0, or a refusal): a
 * thread that cannot be lowered still runs its jobs.
 */
export function lowerThisThread(increment: number): number | undefined {
  if (!(increment > 0)) return undefined;
  const tid = kernelThreadId();
  if (tid === undefined) return undefined;
  try {
    const target = Math.min(19, getPriority(tid) + Math.floor(increment));
    setPriority(tid, target);
    return getPriority(tid);
  } catch {
    return undefined;
  }
}

/** A thread's nice value as the kernel reports it (/proc/<pid>/task/<tid>/stat, field 19), or undefined. */
export function niceOfThread(tid: number, pid = process.pid): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    // After "pid (comm) ": state is field 3, so nice (field 19) is the 17th from there.
    const nice = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    return Number.isInteger(nice) ? nice : undefined;
  } catch {
    return undefined;
  }
}
