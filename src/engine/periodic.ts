// A task run every `ms` that never overlaps itself; stop() waits for a run in progress.
import type { WorkerLogger } from "./worker-types.js";

export interface Periodic {
  start(ms: number): void;
  stop(): Promise<void>;
}

export function periodic(task: () => Promise<void>, what: string, log: WorkerLogger): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  return {
    start(ms) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = task()
          .catch((err: unknown) => log.error({ err }, `${what} failed`))
          .finally(() => {
            running = null;
          });
      }, ms);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
