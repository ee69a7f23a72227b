// Schedules (issue 17): a recipe run on a cron rhythm in a time zone. Viewers read; members create,
// change, pause, resume and delete. Every answer carries the next five run times. A bad cron
// expression, time zone, recipe or parameter is a 422 naming the field.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import {
  createSchedule,
  deleteSchedule,
  getScheduleRow,
  listScheduleRuns,
  listSchedules,
  scheduleView,
  updateSchedule,
} from "../../automations/index.js";
import { NotFoundError } from "../../domain/errors.js";
import { requireProjectRole } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, type Api } from "../openapi.js";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const MissedPolicy = z.enum(["skip", "run_once"]).openapi({
  description: "After downtime: `skip` the missed slots, or `run_once` (one ticket for all of them)",
});

const ScheduleCreate = z
  .object({
    name: z.string().min(1).max(200),
    recipe_slug: z.string().min(1).max(100),
    parameters: z.record(z.string(), z.unknown()).default({}),
    cron: z.string().min(1).max(200).openapi({ example: "0 9 * * 1", description: "5 fields, or 6 with seconds first" }),
    timezone: z.string().min(1).max(64).openapi({ example: "Europe/Oslo", description: "An IANA time zone" }),
    enabled: z.boolean().optional(),
    missed_policy: MissedPolicy.optional(),
  })
  .strict()
  .openapi("ScheduleCreate");

// Built from the create shape without its defaults: a PATCH that leaves out `parameters` keeps them.
const SchedulePatch = ScheduleCreate.extend({ parameters: z.record(z.string(), z.unknown()) })
  .partial()
  .strict()
  .openapi("SchedulePatch");

const ScheduleRun = z.object({
  slot_at: z.string(),
  outcome: z.enum(["ticket", "skipped"]),
  ticket_id: z.string().nullable(),
  missed: z.number().int(),
});

const Schedule = z
  .object({
    id: z.string(),
    project_id: z.string(),
    name: z.string(),
    recipe_slug: z.string(),
    parameters: z.record(z.string(), z.unknown()),
    cron: z.string(),
    timezone: z.string(),
    enabled: z.boolean(),
    missed_policy: MissedPolicy,
    paused_reason: z
      .string()
      .nullable()
      .openapi({ description: "Why the schedule paused itself (its recipe or parameters became invalid)" }),
    created_by: z.string().nullable(),
    next_runs: z.array(z.string()).openapi({ description: "The next five run times (UTC, ISO 8601); empty while paused" }),
    last_slot_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Schedule");

const ScheduleDetail = Schedule.extend({ recent_runs: z.array(ScheduleRun) }).openapi("ScheduleDetail");

const list = createRoute({
  method: "get",
  path: "/api/projects/{id}/schedules",
  tags: ["schedules"],
  summary: "The project's schedules, each with its next five run times",
  request: { params: IdParam },
  responses: { 200: { description: "Schedules", ...json(z.object({ items: z.array(Schedule) })) }, 404: errorResponses[404] },
});

const create = createRoute({
  method: "post",
  path: "/api/projects/{id}/schedules",
  tags: ["schedules"],
  summary: "Run a recipe on a cron rhythm in a time zone (members)",
  request: { params: IdParam, body: { required: true, ...json(ScheduleCreate) } },
  responses: { 201: { description: "The schedule", ...json(Schedule) }, ...errorResponses },
});

const one = createRoute({
  method: "get",
  path: "/api/schedules/{id}",
  tags: ["schedules"],
  summary: "One schedule, with its latest handled slots",
  request: { params: IdParam },
  responses: { 200: { description: "The schedule", ...json(ScheduleDetail) }, 404: errorResponses[404] },
});

const patch = createRoute({
  method: "patch",
  path: "/api/schedules/{id}",
  tags: ["schedules"],
  summary: "Change, pause (`enabled: false`) or resume (`enabled: true`) a schedule (members)",
  request: { params: IdParam, body: { required: true, ...json(SchedulePatch) } },
  responses: { 200: { description: "The schedule", ...json(Schedule) }, ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/api/schedules/{id}",
  tags: ["schedules"],
  summary: "Delete a schedule (members); its tickets stay",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, 403: errorResponses[403], 404: errorResponses[404] },
});

export function registerScheduleRoutes(app: Api, deps: Pick<ApiDeps, "database">): void {
  const db = deps.database.db;

  /** The schedule, once the caller may `action` its project (not a member: 404 like a missing id). */
  async function scheduleFor(c: Context<AppEnv>, rawId: string, action: "read" | "work") {
    const id = requireUuid("schedule", rawId);
    const row = await getScheduleRow(db, id);
    if (!row) throw new NotFoundError("schedule", id);
    try {
      await requireProjectRole(db, principalOf(c), row.projectId, action);
    } catch (err) {
      if (err instanceof NotFoundError) throw new NotFoundError("schedule", id);
      throw err;
    }
    return row;
  }

  app.openapi(list, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    await requireProjectRole(db, principalOf(c), projectId, "read");
    return c.json({ items: await listSchedules(db, projectId) }, 200);
  });

  app.openapi(create, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    const principal = principalOf(c);
    await requireProjectRole(db, principal, projectId, "work");
    return c.json(await createSchedule(db, projectId, principal.user.id, c.req.valid("json")), 201);
  });

  app.openapi(one, async (c) => {
    const row = await scheduleFor(c, c.req.valid("param").id, "read");
    return c.json({ ...scheduleView(row), recent_runs: await listScheduleRuns(db, row.id) }, 200);
  });

  app.openapi(patch, async (c) => {
    const row = await scheduleFor(c, c.req.valid("param").id, "work");
    return c.json(await updateSchedule(db, row.id, c.req.valid("json")), 200);
  });

  app.openapi(remove, async (c) => {
    const row = await scheduleFor(c, c.req.valid("param").id, "work");
    if (!(await deleteSchedule(db, row.id))) throw new NotFoundError("schedule", row.id);
    return c.body(null, 204);
  });
}
