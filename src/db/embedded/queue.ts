// The embedded database thread's queue (./thread.ts): PGlite has one connection, so statements and
// transactions run one at a time. A unit sent while a request was being answered (./origin.ts) goes
// ahead of background units (agents' outputs and events, claims, automation passes) — a click waits
// for the unit in progress, not for every deck's statements queued before it. Background work is never
// starved: it gets the next turn after `maxFirstInARow` request units passed it, or once its oldest
// unit has waited `maxWaitMs`. Within each class the order is first come, first served.

export interface UnitQueueOptions {
  /** Request units run in a row while background ones wait, before one background unit runs. */
  maxFirstInARow?: number | undefined;
  /** A background unit that has waited this long runs next, whatever is queued (ms). */
  maxWaitMs?: number | undefined;
  now?: (() => number) | undefined;
}

export const DEFAULT_MAX_FIRST_IN_A_ROW = 8;
export const DEFAULT_MAX_WAIT_MS = 50;

export class UnitQueue<T> {
  private readonly first: T[] = [];
  private readonly rest: { unit: T; at: number }[] = [];
  private inARow = 0;
  private readonly maxFirstInARow: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(options: UnitQueueOptions = {}) {
    this.maxFirstInARow = options.maxFirstInARow ?? DEFAULT_MAX_FIRST_IN_A_ROW;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.now = options.now ?? (() => performance.now());
  }

  get size(): number {
    return this.first.length + this.rest.length;
  }

  push(unit: T, first: boolean): void {
    if (first) this.first.push(unit);
    else this.rest.push({ unit, at: this.now() });
  }

  /** The unit to run next, or undefined when none waits. */
  take(): T | undefined {
    const oldest = this.rest[0];
    if (this.first.length === 0 || (oldest && (this.inARow >= this.maxFirstInARow || this.now() - oldest.at >= this.maxWaitMs))) {
      this.inARow = 0;
      return this.rest.shift()?.unit;
    }
    if (oldest) this.inARow++;
    return this.first.shift();
  }
}
