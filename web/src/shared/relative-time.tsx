// "25 s ago" that keeps counting: a page left open must not say "just now" an hour later (issue 15).
// One shared ticker for the whole page, which ticks only while some relative time is shown and only
// as often as the youngest one needs (every second under a minute, then every 30 s, then every 5 min).
import { useCallback, useSyncExternalStore } from "react";
import { formatExact, formatRelative } from "./format.js";

type Listener = () => void;
const listeners = new Map<Listener, number>(); // listener → the interval it needs
let timer: ReturnType<typeof setInterval> | undefined;
let timerEvery = 0;
let tick = 0;

function reschedule(): void {
  const every = listeners.size === 0 ? 0 : Math.min(...listeners.values());
  if (every === timerEvery) return;
  if (timer) clearInterval(timer);
  timer = undefined;
  timerEvery = every;
  if (every > 0) {
    timer = setInterval(() => {
      tick++;
      for (const listener of listeners.keys()) listener();
    }, every);
  }
}

function intervalFor(ageMs: number): number {
  if (ageMs < 60_000) return 1_000;
  if (ageMs < 3_600_000) return 30_000;
  return 300_000;
}

/** Re-renders the caller on the page's ticker, as often as a time `iso` old needs; returns the time now. */
function useTickingNow(iso: string | null | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  const every = Number.isNaN(t) ? 0 : intervalFor(Date.now() - t);
  const subscribe = useCallback(
    (listener: Listener) => {
      if (every === 0) return () => {};
      listeners.set(listener, every);
      reschedule();
      return () => {
        listeners.delete(listener);
        reschedule();
      };
    },
    [every],
  );
  useSyncExternalStore(subscribe, () => tick);
  return Date.now();
}

export function RelativeTime({ iso, prefix }: { iso: string | null | undefined; prefix?: string }) {
  const current = useTickingNow(iso);
  if (!iso) return null;
  return (
    <time dateTime={iso} title={formatExact(iso)}>
      {prefix ? `${prefix} ` : ""}
      {formatRelative(iso, current)}
    </time>
  );
}
