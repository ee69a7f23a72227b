// Cron expressions read in an IANA time zone, through croner (which owns DST: a slot inside a
// spring-forward gap runs at the first valid moment after it; an autumn repeat runs once).
// Five fields (minute … weekday) or six (seconds first).
import { Cron } from "croner";
import type { FieldError } from "../domain/errors.js";

/** Slots looked at in one pass at most; older ones after a very long downtime count as missed without being listed. */
export const MAX_SLOTS_PER_PASS = 1000;

/** Field errors for a cron expression and a time zone; empty when both are usable. */
export function checkCronSpec(cron: string, timezone: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isTimeZone(timezone))
    errors.push({ field: "timezone", message: `"${timezone.slice(0, 80)}" is not an IANA time zone (e.g. Europe/Oslo, UTC)` });
  const fields = cron.trim().split(/\s+/).length;
  if (fields < 5 || fields > 6) {
    errors.push({ field: "cron", message: "must have 5 fields (minute hour day month weekday) or 6 (seconds first)" });
    return errors;
  }
  try {
    const job = patternOf(cron, errors.length ? "UTC" : timezone);
    if (!job.nextRun()) errors.push({ field: "cron", message: "never matches a future time" });
  } catch (err) {
    errors.push({
      field: "cron",
      message: err instanceof Error ? err.message.replace(/^CronPattern:\s*/, "") : "is not a cron expression",
    });
  }
  return errors;
}

function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function patternOf(cron: string, timezone: string): Cron {
  // paused: never schedules a timer of its own; we only ask it for times. legacyMode: day-of-month and
  // weekday combine with OR, as in Vixie cron.
  return new Cron(cron.trim(), { timezone, paused: true, legacyMode: true });
}

/** The next `count` slots strictly after `after`. */
export function nextSlots(cron: string, timezone: string, after: Date, count: number): Date[] {
  return patternOf(cron, timezone).nextRuns(count, after);
}

/** The first slot strictly after `after`, or null if the pattern never matches again. */
export function nextSlot(cron: string, timezone: string, after: Date): Date | null {
  return patternOf(cron, timezone).nextRun(after);
}

export interface SlotPlan {
  /** Slots in (after, now] no older than the grace period, oldest first: each gets its own ticket. */
  onTime: Date[];
  /** The newest slot in (after, now - grace], if any: what the missed-slot policy decides about. */
  latestMissed: Date | null;
  /** How many slots were missed (counted up to MAX_SLOTS_PER_PASS). */
  missed: number;
  /** The first slot after `now`, or null if the pattern never matches again. */
  next: Date | null;
}

/**
 * What is due at `now` for a schedule whose slots up to `after` are handled. A slot later than its time
 * by more than `graceMs` was missed (the server was down or paused); the policy decides about those.
 */
export function planSlots(cron: string, timezone: string, after: Date, now: Date, graceMs: number): SlotPlan {
  const job = patternOf(cron, timezone);
  const cutoff = new Date(now.getTime() - graceMs);
  let latestMissed: Date | null = null;
  let missed = 0;
  if (cutoff.getTime() > after.getTime()) {
    // previousRuns is strictly before its reference: +1 ms makes the cutoff itself count as missed.
    const [newest] = job.previousRuns(1, new Date(cutoff.getTime() + 1));
    if (newest && newest.getTime() > after.getTime()) {
      latestMissed = newest;
      for (
        let slot = job.nextRun(after);
        slot && slot.getTime() <= cutoff.getTime() && missed < MAX_SLOTS_PER_PASS;
        slot = job.nextRun(slot)
      )
        missed++;
    }
  }
  const onTime: Date[] = [];
  const from = cutoff.getTime() > after.getTime() ? cutoff : after;
  let slot = job.nextRun(from);
  while (slot && slot.getTime() <= now.getTime() && onTime.length < MAX_SLOTS_PER_PASS) {
    onTime.push(slot);
    slot = job.nextRun(slot);
  }
  return { onTime, latestMissed, missed, next: slot };
}
