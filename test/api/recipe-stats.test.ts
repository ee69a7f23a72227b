// Recipe stats and ticket estimates (issue 18 items 4–5), on both drivers: figures from a synthetic
// history match a hand computation, failures are shown only from the caller's projects, and a
// pending ticket's estimate names its place in the queue.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../../src/db/repositories/projects.js";
import type { ExecuteAccepted } from "../../src/domain/contract.js";
import { createApi } from "../../src/api/app.js";
import { loadConfig } from "../../src/config.js";
import { createTestApi, postJson, silentLogger } from "../helpers/api-app.js";
import { clientFor, createTestUser, type TestClient, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const RECIPE = "status-report";
const OTHER = "blog-post";

interface Stats {
  slug: string;
  runs: number;
  completed: number;
  failed: number;
  cancelled: number;
  success_rate: number | null;
  p50_ms: number | null;
  p90_ms: number | null;
  typical_tokens: number | null;
  steps: { content: string; p50_ms: number }[];
}

describe.each(DRIVERS)("recipe stats and estimates on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let projectId: string;
  let owner: TestUser;
  let api: Parameters<typeof clientFor>[0];

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ app, api, projectId, owner } = await createTestApi(t, { WORKSMITH_SUBMIT_RATE_PER_MINUTE: "100000" }));
  });
  afterAll(async () => t.cleanup());

  const freshApp = () =>
    clientFor(
      createApi({
        database: t.database,
        config: loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused" }),
        version: "test",
        logger: silentLogger,
      }),
      owner,
    );

  async function submit(client: TestClient, project: string, recipe = RECIPE): Promise<string> {
    const res = await postJson(client, "/api/work/reporting/execute", {
      project_id: project,
      recipe_slug: recipe,
      parameters: { topic: "Weekly" },
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as ExecuteAccepted).work_ticket_id;
  }

  /** Turns a pending ticket into a finished run of `ms`, with two steps splitting it 1:3, and tokens. */
  async function finish(
    id: string,
    status: "completed" | "failed" | "cancelled",
    ms: number,
    extra: { error?: string; tokens?: number } = {},
  ) {
    const todos = [
      {
        content: "Load",
        activeForm: "Loading",
        status: "completed",
        started_at: "2026-01-01T00:00:00.000Z",
        completed_at: new Date(Date.parse("2026-01-01T00:00:00Z") + ms / 4).toISOString(),
      },
      {
        content: "Write",
        activeForm: "Writing",
        status: "completed",
        started_at: new Date(Date.parse("2026-01-01T00:00:00Z") + ms / 4).toISOString(),
        completed_at: new Date(Date.parse("2026-01-01T00:00:00Z") + ms).toISOString(),
      },
    ];
    await t.database.db.execute(sql`
      UPDATE work_tickets SET status = ${status}, started_at = now() - make_interval(secs => ${ms / 1000}), finished_at = now(),
             metadata = metadata || jsonb_build_object('execution_time_ms', ${ms}::int, 'error_message', ${extra.error ?? null}::text,
                                                       'final_todos', ${JSON.stringify(todos)}::jsonb)
       WHERE id = ${id}`);
    if (extra.tokens) {
      await t.database.db.execute(sql`
        UPDATE work_requests SET usage = jsonb_build_object('input_tokens', ${extra.tokens}::int, 'output_tokens', 0)
         WHERE id = (SELECT request_id FROM work_tickets WHERE id = ${id})`);
    }
  }

  async function statsOf(client: TestClient, slug: string): Promise<Stats & { recent_failures: { ticket_id: string; error: string }[] }> {
    const res = await client.request(`/api/recipe-stats/${slug}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Stats & { recent_failures: { ticket_id: string; error: string }[] };
  }

  it("has honest empty stats before any run, and a 404 for an unknown recipe", async () => {
    const stats = await statsOf(app, OTHER);
    expect(stats).toMatchObject({ runs: 0, success_rate: null, p50_ms: null, p90_ms: null, steps: [] });
    expect((await app.request("/api/recipe-stats/no-such-recipe")).status).toBe(404);
  });

  it("matches a history computed by hand, and shows failures only from the caller's projects", async () => {
    // Completed in 4, 8, 12, 16, 40 s; one failure in our project, one in a project we are not in.
    const durations = [4000, 8000, 12_000, 16_000, 40_000];
    for (const [i, ms] of durations.entries()) await finish(await submit(app, projectId), "completed", ms, { tokens: (i + 1) * 100 });
    const failed = await submit(app, projectId);
    await finish(failed, "failed", 1000, { error: "Our own failure" });
    await finish(await submit(app, projectId), "cancelled", 2000);

    const stranger = await createTestUser(t.database);
    const theirs = await createProject(t.database.db, { name: "Their project", description: "" }, stranger.id);
    const theirFailure = await submit(clientFor(api, stranger), theirs.id);
    await finish(theirFailure, "failed", 1000, { error: "Secret figure 41,000 from their notes" });

    // The stats are cached for a few seconds; a fresh API over the same database reads them now.
    const fresh = freshApp();
    const stats = await statsOf(fresh, RECIPE);
    // 8 runs: 5 completed, 2 failed (ours and theirs), 1 cancelled; rate 5/7; p50 12 s, p90 40 s (nearest rank).
    expect(stats).toMatchObject({ runs: 8, completed: 5, failed: 2, cancelled: 1, p50_ms: 12_000, p90_ms: 40_000, typical_tokens: 300 });
    expect(stats.success_rate).toBeCloseTo(5 / 7);
    expect(stats.steps).toEqual([
      { content: "Load", p50_ms: 3000 },
      { content: "Write", p50_ms: 9000 },
    ]);
    expect(stats.recent_failures.map((f) => f.ticket_id)).toEqual([failed]);
    // Per version: every run above ran on the built-in's one version.
    const versions = (stats as unknown as { versions: { version: number; runs: number; p50_ms: number }[] }).versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ runs: 8, p50_ms: 12_000 });
    expect(JSON.stringify(stats)).not.toContain("41,000");

    const all = (await (await fresh.request("/api/recipe-stats")).json()) as { items: Stats[] };
    expect(all.items.find((s) => s.slug === RECIPE)?.completed).toBe(5);
  });

  it("gives a pending ticket its place in the queue and the recipe's typical run", async () => {
    const first = await submit(app, projectId);
    const second = await submit(app, projectId);
    const res = await freshApp().request(`/api/work/tickets/${second}/estimate`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      queue_position: number;
      pace_per_minute: number | null;
      basis: { p50_ms: number | null; steps: unknown[] };
    };
    expect(body.queue_position).toBe(1);
    // Eight runs finished in the last ten minutes above: 0.8 a minute.
    expect(body.pace_per_minute).toBeCloseTo(0.8);
    expect(body.basis.p50_ms).toBe(12_000);
    expect(body.basis.steps).toHaveLength(2);
    const head = (await (await app.request(`/api/work/tickets/${first}/estimate`)).json()) as { queue_position: number };
    expect(head.queue_position).toBe(0);
  });

  it("does not estimate tickets the caller cannot see", async () => {
    const stranger = await createTestUser(t.database);
    const mine = await submit(app, projectId);
    expect((await clientFor(api, stranger).request(`/api/work/tickets/${mine}/estimate`)).status).toBe(404);
  });
});
