// The orphan sweep: files whose rows are gone. A file is kept while an output row names it, or while
// its ticket may still attach it (pending, running, waiting); any other file — its ticket finished
// without using it, or the ticket (its project) was deleted — is removed once older than `minAgeMs`.
// What interrupted uploads left behind goes too. The database answers which keys are still needed
// (src/db/repositories/stored-files.ts); this module only walks the store.
import type { FileStore } from "./file-store.js";
import type { SqlRunner } from "./postgres-file-store.js";

export interface SweepOptions {
  /** Of these keys, the ones still needed. */
  stillNeeded(keys: string[]): Promise<Set<string>>;
  /** Files younger than this are left alone (an output row may be about to name them). */
  minAgeMs: number;
  /** Unfinished uploads older than this are removed. */
  incompleteAfterMs: number;
}

export interface SweepReport {
  checked: number;
  removed: number;
  incomplete: number;
}

const BATCH = 500;

export async function sweepOrphanFiles(store: FileStore, options: SweepOptions): Promise<SweepReport> {
  const report: SweepReport = { checked: 0, removed: 0, incomplete: 0 };
  const before = Date.now() - options.minAgeMs;
  let batch: string[] = [];
  const settle = async () => {
    const needed = await options.stillNeeded(batch);
    for (const key of batch) {
      if (needed.has(key)) continue;
      await store.delete(key);
      report.removed += 1;
    }
    batch = [];
  };
  for await (const file of store.list()) {
    report.checked += 1;
    if (file.modifiedAt.getTime() > before) continue;
    batch.push(file.key);
    if (batch.length >= BATCH) await settle();
  }
  if (batch.length > 0) await settle();
  report.incomplete = await store.removeIncomplete(options.incompleteAfterMs);
  return report;
}

export interface FileSweeperOptions extends SweepOptions {
  store: FileStore;
  sql: SqlRunner;
  intervalMs: number;
  onSwept(report: SweepReport): void;
  onError(err: unknown): void;
}

/**
 * Runs the sweep every `intervalMs` in one process of the install: every process's timer fires, and
 * the one that moves `server_settings.file_sweep` forward (a row update guarded by the interval) sweeps.
 */
export function createFileSweeper(options: FileSweeperOptions): { start(): void; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  async function claim(): Promise<boolean> {
    const { rows } = await options.sql.query(
      `INSERT INTO server_settings (name, value, updated_at) VALUES ('file_sweep', '', now())
       ON CONFLICT (name) DO UPDATE SET updated_at = now()
        WHERE server_settings.updated_at < now() - make_interval(secs => $1)
       RETURNING name`,
      [(options.intervalMs * 0.9) / 1000],
    );
    return rows.length > 0;
  }
  async function tick(): Promise<void> {
    try {
      if (await claim()) options.onSwept(await sweepOrphanFiles(options.store, options));
    } catch (err) {
      options.onError(err);
    }
  }
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  return {
    start: schedule,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
