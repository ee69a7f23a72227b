// The scheduler tick every server process runs. It finds schedules whose next slot is due by the
// database's clock, and for each one, in ONE transaction: locks the schedule row (SKIP LOCKED: another
// process already on it is left alone), claims each due slot in work_schedule_runs (primary key per
// schedule and slot) and submits its ticket through the engine's submitTicket, then moves the
// schedule's cursor. A slot claim and its ticket commit together or not at all, so a slot makes
// exactly one ticket however many processes tick.
import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import { withinTransaction, type Database, type Tx } from "../db/client.js";
import { workScheduleRuns, workSchedules, type ScheduleRow } from "../db/schema.js";
import { submitTicket } from "../engine/submit.js";
import { appendEvent } from "../events/append.js";
import type { WorkerLogger } from "../engine/worker-types.js";
import { planSlots } from "./cron.js";
import { databaseNow, recipeProblems, scheduledBy } from "./store.js";
import { createWakeLoop } from "./wake-loop.js";

export interface TickOptions {
  /** A slot later than this when its tick comes was missed; the schedule's policy decides (default 60 s). */
  graceMs?: number | undefined;
  /** Schedules handled per tick at most (the rest wait for the next tick). */
  batch?: number | undefined;
}

export interface TickResult {
  /** Tickets submitted by this tick. */
  tickets: { scheduleId: string; slot: Date; ticketId: string }[];
  /** Schedules this tick paused, with why. */
  paused: { scheduleId: string; reason: string }[];
}

export const DEFAULT_GRACE_MS = 60_000;

/** One pass over the due schedules. */
export async function runScheduleTick(database: Database, options: TickOptions = {}): Promise<TickResult> {
  const result: TickResult = { tickets: [], paused: [] };
  const due = await database.db
    .select({ id: workSchedules.id })
    .from(workSchedules)
    .where(and(eq(workSchedules.enabled, true), isNotNull(workSchedules.nextRunAt), lte(workSchedules.nextRunAt, sql`now()`)))
    .orderBy(workSchedules.nextRunAt)
    .limit(options.batch ?? 100);
  for (const { id } of due) await runOneSchedule(database, id, options.graceMs ?? DEFAULT_GRACE_MS, result);
  return result;
}

async function runOneSchedule(database: Database, id: string, graceMs: number, result: TickResult): Promise<void> {
  await database.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(workSchedules)
      .where(and(eq(workSchedules.id, id), eq(workSchedules.enabled, true), lte(workSchedules.nextRunAt, sql`now()`)))
      .for("update", { skipLocked: true });
    if (!row) return; // handled meanwhile by another process, paused or deleted
    const now = await databaseNow(tx);
    const problems = await recipeProblems(tx, row.projectId, row.recipeSlug, row.parameters);
    if (problems.length) {
      const reason = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
      await pause(tx, row.id, reason);
      result.paused.push({ scheduleId: row.id, reason });
      return;
    }
    const plan = planSlots(row.cron, row.timezone, row.lastSlotAt ?? row.createdAt, now, graceMs);
    const txDatabase = withinTransaction(database, tx);
    if (plan.latestMissed) {
      if (row.missedPolicy === "run_once") await submitSlot(txDatabase, tx, row, plan.latestMissed, plan.missed, result);
      else
        await tx
          .insert(workScheduleRuns)
          .values({ scheduleId: row.id, slotAt: plan.latestMissed, outcome: "skipped", missed: plan.missed })
          .onConflictDoNothing();
    }
    for (const slot of plan.onTime) await submitSlot(txDatabase, tx, row, slot, 0, result);
    await tx
      .update(workSchedules)
      .set({
        lastSlotAt: sql`GREATEST(${workSchedules.lastSlotAt}, ${now.toISOString()}::timestamptz)`,
        nextRunAt: plan.next,
        ...(plan.next ? {} : { enabled: false, pausedReason: "the cron expression matches no later time" }),
      })
      .where(eq(workSchedules.id, row.id));
  });
}

/** Claims the slot and, if this transaction won it, submits its ticket. */
async function submitSlot(txDatabase: Database, tx: Tx, row: ScheduleRow, slot: Date, missed: number, result: TickResult): Promise<void> {
  const claimed = await tx
    .insert(workScheduleRuns)
    .values({ scheduleId: row.id, slotAt: slot, outcome: "ticket", missed })
    .onConflictDoNothing()
    .returning({ slot: workScheduleRuns.slotAt });
  if (!claimed.length) return;
  // A refusal here (the recipe changed since recipeProblems looked) throws and rolls the claim back;
  // the next tick sees the change and pauses the schedule.
  const { ticket } = await submitTicket(txDatabase, {
    projectId: row.projectId,
    recipeSlug: row.recipeSlug,
    parameters: row.parameters,
    requestedBy: scheduledBy(row.id),
  });
  // The ticket's own log says where it came from (the request's requested_by says it too, as schedule:<id>).
  const late = missed > 0 ? ` (${missed} slot${missed === 1 ? "" : "s"} missed during downtime; run once for them)` : "";
  await appendEvent(tx, {
    ticketId: ticket.id,
    projectId: row.projectId,
    type: "log",
    data: { level: "info", message: `Scheduled by "${row.name}" (schedule ${row.id}) for ${slot.toISOString()}${late}` },
  });
  await tx
    .update(workScheduleRuns)
    .set({ ticketId: ticket.id })
    .where(and(eq(workScheduleRuns.scheduleId, row.id), eq(workScheduleRuns.slotAt, slot)));
  result.tickets.push({ scheduleId: row.id, slot, ticketId: ticket.id });
}

async function pause(tx: Tx, id: string, reason: string): Promise<void> {
  await tx
    .update(workSchedules)
    .set({ enabled: false, nextRunAt: null, pausedReason: reason.slice(0, 1000), updatedAt: sql`now()` })
    .where(eq(workSchedules.id, id));
}

export interface SchedulerOptions extends TickOptions {
  database: Database;
  logger: WorkerLogger;
  /** How often to look for due slots (default 1 s: one indexed query per process when nothing is due). */
  tickMs?: number | undefined;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
}

/** Milliseconds until the earliest enabled schedule's next slot (null: none), by the database's clock. */
async function msUntilNextSlot(database: Database): Promise<number | null> {
  const result: unknown = await database.db.execute(
    sql`SELECT (extract(epoch from min(next_run_at) - now()) * 1000)::float8 AS ms FROM work_schedules WHERE enabled`,
  );
  const ms = (result as { rows: { ms: number | null }[] }).rows[0]?.ms;
  return ms === null || ms === undefined ? null : Number(ms);
}

/**
 * The tick of one server process (started and stopped by the composition root): every `tickMs`, and
 * also at the moment the earliest slot comes due when that is sooner — so a slot's ticket is made
 * within milliseconds of its time, not up to a whole tick later.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const tickMs = options.tickMs ?? 1000;
  let atSlot: NodeJS.Timeout | undefined;
  const loop = createWakeLoop({
    what: "schedule tick",
    logger: options.logger,
    fallbackMs: tickMs,
    pass: async () => {
      const r = await runScheduleTick(options.database, options);
      for (const t of r.tickets)
        options.logger.info({ schedule: t.scheduleId, slot: t.slot.toISOString(), ticket: t.ticketId }, "scheduled ticket submitted");
      for (const p of r.paused) options.logger.info({ schedule: p.scheduleId, reason: p.reason }, "schedule paused");
      const next = await msUntilNextSlot(options.database);
      clearTimeout(atSlot);
      if (next !== null && next < tickMs) {
        // A few ms after the slot, so the database's now() has passed it when the tick looks.
        atSlot = setTimeout(() => loop.wake(), Math.max(0, next) + 2);
        atSlot.unref();
      }
      return false;
    },
  });
  return {
    start: () => void loop.start(),
    stop: async () => {
      clearTimeout(atSlot);
      await loop.stop();
    },
  };
}
