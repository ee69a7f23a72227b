// Schedules as stored and as shown: create, read, change, delete, each validated the same way the
// tick re-checks them (cron and zone through croner, the recipe and its parameters through the
// domain's one parameter check).
import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import { getRecipe, recipeAvailableIn } from "../db/repositories/recipes.js";
import { workScheduleRuns, workSchedules, type ScheduleRow } from "../db/schema.js";
import { NotFoundError, ValidationError, type FieldError } from "../domain/errors.js";
import { validateParameters } from "../domain/parameters.js";
import { checkCronSpec, nextSlot, nextSlots } from "./cron.js";

export type MissedPolicy = "skip" | "run_once";

export interface ScheduleInput {
  name: string;
  recipe_slug: string;
  parameters: Record<string, unknown>;
  cron: string;
  timezone: string;
  enabled?: boolean | undefined;
  missed_policy?: MissedPolicy | undefined;
}

export type SchedulePatch = Partial<ScheduleInput>;

export interface ScheduleView {
  id: string;
  project_id: string;
  name: string;
  recipe_slug: string;
  parameters: Record<string, unknown>;
  cron: string;
  timezone: string;
  enabled: boolean;
  missed_policy: MissedPolicy;
  paused_reason: string | null;
  created_by: string | null;
  /** The next five slots (ISO 8601, UTC); empty while paused. */
  next_runs: string[];
  last_slot_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScheduleRunView {
  slot_at: string;
  outcome: "ticket" | "skipped";
  ticket_id: string | null;
  missed: number;
}

/** `schedule:<id>`: what a scheduled ticket's request records as its requester. */
export const scheduledBy = (scheduleId: string): string => `schedule:${scheduleId}`;

/** The database's clock, which every process agrees on. */
export async function databaseNow(db: Executor): Promise<Date> {
  const result: unknown = await db.execute(sql`SELECT (extract(epoch from now()) * 1000)::float8 AS ms`);
  const [row] = (result as { rows: { ms: number | string }[] }).rows;
  return new Date(Number(row?.ms));
}

export function scheduleView(row: ScheduleRow): ScheduleView {
  const next = row.enabled && row.nextRunAt ? [row.nextRunAt, ...nextSlots(row.cron, row.timezone, row.nextRunAt, 4)] : [];
  return {
    id: row.id,
    project_id: row.projectId,
    name: row.name,
    recipe_slug: row.recipeSlug,
    parameters: row.parameters,
    cron: row.cron,
    timezone: row.timezone,
    enabled: row.enabled,
    missed_policy: row.missedPolicy,
    paused_reason: row.pausedReason,
    created_by: row.createdBy,
    next_runs: next.map((d) => d.toISOString()),
    last_slot_at: row.lastSlotAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * Why the schedule's recipe and parameters cannot run in the project, or null when they can. The
 * same check refuses a bad create (422) and pauses a schedule whose recipe changed under it.
 */
export async function recipeProblems(
  db: Executor,
  projectId: string,
  slug: string,
  parameters: Record<string, unknown>,
): Promise<FieldError[]> {
  const recipe = await getRecipe(db, slug);
  if (!recipe || !recipeAvailableIn(recipe, projectId))
    return [{ field: "recipe_slug", message: `no recipe "${slug.slice(0, 100)}" in this project` }];
  if (recipe.status !== "active") return [{ field: "recipe_slug", message: `recipe "${slug}" is archived` }];
  const params = validateParameters(recipe.parameters, parameters);
  return params.ok ? [] : params.errors;
}

async function validate(db: Executor, projectId: string, s: ScheduleInput): Promise<void> {
  const errors = [...checkCronSpec(s.cron, s.timezone)];
  if (!s.name.trim()) errors.push({ field: "name", message: "must not be empty" });
  errors.push(...(await recipeProblems(db, projectId, s.recipe_slug, s.parameters)));
  if (errors.length) throw new ValidationError("the schedule cannot run as given", errors);
}

/** Slots from now on: a new, resumed or re-timed schedule never runs the slots before it. */
function anchorAt(now: Date, cron: string, timezone: string): { lastSlotAt: Date; nextRunAt: Date | null } {
  return { lastSlotAt: now, nextRunAt: nextSlot(cron, timezone, now) };
}

export async function createSchedule(
  db: Executor,
  projectId: string,
  createdBy: string | null,
  input: ScheduleInput,
): Promise<ScheduleView> {
  await validate(db, projectId, input);
  const enabled = input.enabled ?? true;
  const anchor = anchorAt(await databaseNow(db), input.cron, input.timezone);
  const [row] = await db
    .insert(workSchedules)
    .values({
      projectId,
      name: input.name.trim(),
      recipeSlug: input.recipe_slug,
      parameters: input.parameters,
      cron: input.cron.trim(),
      timezone: input.timezone,
      enabled,
      missedPolicy: input.missed_policy ?? "skip",
      createdBy,
      lastSlotAt: anchor.lastSlotAt,
      nextRunAt: enabled ? anchor.nextRunAt : null,
    })
    .returning();
  if (!row) throw new Error("insert returned no schedule");
  return scheduleView(row);
}

export async function listSchedules(db: Executor, projectId: string): Promise<ScheduleView[]> {
  const rows = await db.select().from(workSchedules).where(eq(workSchedules.projectId, projectId)).orderBy(workSchedules.createdAt);
  return rows.map(scheduleView);
}

export async function getScheduleRow(db: Executor, id: string): Promise<ScheduleRow | null> {
  const [row] = await db.select().from(workSchedules).where(eq(workSchedules.id, id));
  return row ?? null;
}

/** Changes what is given; turning it on (or changing when it runs) re-anchors it at now and clears a pause reason. */
export async function updateSchedule(db: Executor, id: string, patch: SchedulePatch): Promise<ScheduleView> {
  const row = await getScheduleRow(db, id);
  if (!row) throw new NotFoundError("schedule", id);
  const merged: ScheduleInput = {
    name: patch.name ?? row.name,
    recipe_slug: patch.recipe_slug ?? row.recipeSlug,
    parameters: patch.parameters ?? row.parameters,
    cron: patch.cron ?? row.cron,
    timezone: patch.timezone ?? row.timezone,
  };
  const enabled = patch.enabled ?? row.enabled;
  // A paused schedule may be edited freely, but only a runnable one may be turned on.
  if (enabled) await validate(db, row.projectId, merged);
  else {
    const errors = checkCronSpec(merged.cron, merged.timezone);
    if (errors.length) throw new ValidationError("the schedule cannot run as given", errors);
  }
  const retimed = merged.cron !== row.cron || merged.timezone !== row.timezone || (enabled && !row.enabled);
  const anchor = retimed ? anchorAt(await databaseNow(db), merged.cron, merged.timezone) : null;
  const [updated] = await db
    .update(workSchedules)
    .set({
      name: merged.name.trim(),
      recipeSlug: merged.recipe_slug,
      parameters: merged.parameters,
      cron: merged.cron.trim(),
      timezone: merged.timezone,
      missedPolicy: patch.missed_policy ?? row.missedPolicy,
      enabled,
      pausedReason: enabled ? null : row.pausedReason,
      ...(anchor ? { lastSlotAt: anchor.lastSlotAt } : {}),
      nextRunAt: enabled ? (anchor ? anchor.nextRunAt : row.nextRunAt) : null,
      updatedAt: sql`now()`,
    })
    .where(eq(workSchedules.id, id))
    .returning();
  if (!updated) throw new NotFoundError("schedule", id);
  return scheduleView(updated);
}

export async function deleteSchedule(db: Executor, id: string): Promise<boolean> {
  const rows = await db.delete(workSchedules).where(eq(workSchedules.id, id)).returning({ id: workSchedules.id });
  return rows.length > 0;
}

/** The schedule's latest handled slots, newest first. */
export async function listScheduleRuns(db: Executor, id: string, limit = 20): Promise<ScheduleRunView[]> {
  const rows = await db
    .select()
    .from(workScheduleRuns)
    .where(and(eq(workScheduleRuns.scheduleId, id)))
    .orderBy(desc(workScheduleRuns.slotAt))
    .limit(limit);
  return rows.map((r) => ({ slot_at: r.slotAt.toISOString(), outcome: r.outcome, ticket_id: r.ticketId, missed: r.missed }));
}
