// The schedules API on both drivers: create with next five runs, 422 naming the field for a bad cron,
// zone, recipe or parameter, viewers read but cannot create or change, pause/resume/delete, and a
// due slot turning into a ticket whose request names the schedule.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScheduleTick } from "../../src/automations/index.js";
import { workRequests, workSchedules, workTickets } from "../../src/db/schema.js";
import { createTestApi, postJson } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

interface Schedule {
  id: string;
  name: string;
  enabled: boolean;
  paused_reason: string | null;
  next_runs: string[];
  missed_policy: string;
  recent_runs?: { slot_at: string; outcome: string; ticket_id: string | null }[];
}
interface Problem {
  status: number;
  errors?: { field: string; message: string }[];
}

const MONDAY_OSLO = {
  name: "Weekly status",
  recipe_slug: "status-report",
  parameters: { topic: "The week" },
  cron: "0 9 * * 1",
  timezone: "Europe/Oslo",
};

describe.each(DRIVERS)("schedules API on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let viewer: TestClient;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    let api;
    ({ app, api, projectId } = await createTestApi(t));
    const v = await createTestUser(t.database, { email: "viewer@example.com" });
    await grantRole(t.database, projectId, v.id, "viewer");
    viewer = clientFor(api, v);
  });
  afterAll(async () => t.cleanup());

  const patchJson = (client: TestClient, path: string, body: unknown) =>
    client.request(path, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("creates a schedule and previews its next five runs at 09:00 Oslo time", async () => {
    const res = await postJson(app, `/api/projects/${projectId}/schedules`, MONDAY_OSLO);
    expect(res.status).toBe(201);
    const s = (await res.json()) as Schedule;
    expect(s).toMatchObject({ enabled: true, paused_reason: null, missed_policy: "skip" });
    expect(s.next_runs).toHaveLength(5);
    const times = s.next_runs.map((r) => new Date(r));
    for (const d of times) {
      const local = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Oslo",
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(d);
      expect(local).toBe("Mon 09:00");
    }
    expect(times[0]!.getTime()).toBeGreaterThan(Date.now());
    for (let i = 1; i < 5; i++) expect(Math.round((times[i]!.getTime() - times[i - 1]!.getTime()) / 3_600_000)).toBeGreaterThanOrEqual(167);
    const list = (await (await viewer.request(`/api/projects/${projectId}/schedules`)).json()) as { items: Schedule[] };
    expect(list.items.map((x) => x.id)).toContain(s.id);
  });

  it.each([
    [{ cron: "0 25 * * *" }, "cron"],
    [{ timezone: "Europe/Atlantis" }, "timezone"],
    [{ recipe_slug: "no-such-recipe" }, "recipe_slug"],
    [{ parameters: {} }, "parameters/topic"],
    [{ missed_policy: "always" }, "missed_policy"],
  ])("refuses %j with a 422 naming %s", async (change, field) => {
    const res = await postJson(app, `/api/projects/${projectId}/schedules`, { ...MONDAY_OSLO, ...change });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as Problem;
    expect(body.errors?.map((e) => e.field)).toContain(field);
  });

  it("lets viewers read but not create, change or delete", async () => {
    const created = (await (await postJson(app, `/api/projects/${projectId}/schedules`, MONDAY_OSLO)).json()) as Schedule;
    expect((await postJson(viewer, `/api/projects/${projectId}/schedules`, MONDAY_OSLO)).status).toBe(403);
    expect((await viewer.request(`/api/schedules/${created.id}`)).status).toBe(200);
    expect((await patchJson(viewer, `/api/schedules/${created.id}`, { enabled: false })).status).toBe(403);
    expect((await viewer.request(`/api/schedules/${created.id}`, { method: "DELETE" })).status).toBe(403);
    const stranger = clientFor(app.api, await createTestUser(t.database, { email: "stranger@example.com" }));
    expect((await stranger.request(`/api/schedules/${created.id}`)).status).toBe(404);
    expect((await app.request(`/api/schedules/not-a-uuid`)).status).toBe(404);
  });

  it("pauses, resumes and deletes", async () => {
    const s = (await (await postJson(app, `/api/projects/${projectId}/schedules`, MONDAY_OSLO)).json()) as Schedule;
    const paused = (await (await patchJson(app, `/api/schedules/${s.id}`, { enabled: false })).json()) as Schedule;
    expect(paused).toMatchObject({ enabled: false, next_runs: [] });
    const bad = await patchJson(app, `/api/schedules/${s.id}`, { enabled: true, cron: "nonsense" });
    expect(bad.status).toBe(422);
    const resumed = (await (
      await patchJson(app, `/api/schedules/${s.id}`, { enabled: true, missed_policy: "run_once" })
    ).json()) as Schedule;
    expect(resumed).toMatchObject({ enabled: true, missed_policy: "run_once" });
    expect(resumed.next_runs).toHaveLength(5);
    expect((await app.request(`/api/schedules/${s.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await app.request(`/api/schedules/${s.id}`)).status).toBe(404);
  });

  it("turns a due slot into a ticket that names its schedule, shown in recent runs", async () => {
    const s = (await (
      await postJson(app, `/api/projects/${projectId}/schedules`, { ...MONDAY_OSLO, cron: "* * * * * *", timezone: "UTC" })
    ).json()) as Schedule;
    await t.database.db
      .update(workSchedules)
      .set({ lastSlotAt: sql`now() - interval '3 seconds'`, nextRunAt: sql`now() - interval '2 seconds'` })
      .where(eq(workSchedules.id, s.id));
    const r = await runScheduleTick(t.database);
    const mine = r.tickets.filter((x) => x.scheduleId === s.id);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    const [row] = await t.database.db
      .select({ by: workRequests.requestedBy, project: workTickets.projectId })
      .from(workTickets)
      .innerJoin(workRequests, eq(workRequests.id, workTickets.requestId))
      .where(eq(workTickets.id, mine[0]!.ticketId));
    expect(row).toEqual({ by: `schedule:${s.id}`, project: projectId });
    const detail = (await (await app.request(`/api/schedules/${s.id}`)).json()) as Schedule;
    expect(detail.recent_runs?.map((x) => x.ticket_id)).toContain(mine[0]!.ticketId);
    await patchJson(app, `/api/schedules/${s.id}`, { enabled: false });
  });
});
