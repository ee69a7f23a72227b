// Group commit for submits (issue 14 build 3), on both drivers: concurrent submits are written
// together, each still with its own ticket, first event and 202; bad input still writes nothing;
// one request's refusal never fails the others.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteAccepted } from "../../src/domain/contract.js";
import { SubmitBatcher } from "../../src/engine/submit-batcher.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { createTestApi, postJson } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { sqlRows } from "../helpers/sql.js";

const RECIPE = "executive-summary-deck";

describe.each(DRIVERS)("submit batching on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let projectId: string;
  let ownerId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const made = await createTestApi(t, { WORKSMITH_SUBMIT_RATE_PER_MINUTE: "100000" });
    ({ app, projectId } = made);
    ownerId = made.owner.id;
  });
  afterAll(async () => t.cleanup());

  async function counts(project: string) {
    const [row] = await sqlRows<{ requests: number; tickets: number; events: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM work_requests WHERE project_id = ${project}::uuid) AS requests,
                 (SELECT count(*)::int FROM work_tickets WHERE project_id = ${project}::uuid) AS tickets,
                 (SELECT count(*)::int FROM ticket_events WHERE project_id = ${project}::uuid) AS events`,
    );
    return { requests: Number(row!.requests), tickets: Number(row!.tickets), events: Number(row!.events) };
  }

  it("writes requests that arrive during a write as one group: two batches for ten submits, each with its own ticket", async () => {
    const batcher = new SubmitBatcher(t.database);
    const project = await createProject(t.database.db, { name: "batch", description: "" }, ownerId);
    const before = await counts(project.id);
    // Called in one tick: the first finds the batcher idle and is written alone (by the same one
    // statement, as a group of one), the nine others queue behind it and are written together.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        batcher.submit({ projectId: project.id, recipeSlug: RECIPE, parameters: { topic: `topic ${i}` }, requestedBy: ownerId }),
      ),
    );
    expect(batcher.stats).toEqual({ batches: 2, grouped: 10, single: 0 });
    const ids = results.map((r) => r.ticket.id);
    expect(new Set(ids).size).toBe(10);
    // Each request got the ticket of its own parameters.
    results.forEach((r, i) => expect(r.ticket.metadata.recipe_parameters.topic).toBe(`topic ${i}`));
    expect(await counts(project.id)).toEqual({ requests: before.requests + 10, tickets: before.tickets + 10, events: before.events + 10 });
    const firstEvents = await sqlRows<{ ticket_id: string; status: string }>(
      t.database.db,
      sql`SELECT ticket_id::text, data->>'status' AS status FROM ticket_events WHERE project_id = ${project.id}::uuid`,
    );
    expect(firstEvents.map((e) => e.ticket_id).sort()).toEqual([...ids].sort());
    expect(firstEvents.every((e) => e.status === "pending")).toBe(true);
  });

  it("with two writers, a submit that arrives during a write is written at once, not after it; each still gets its own ticket", async () => {
    const batcher = new SubmitBatcher(t.database, { writers: 2 });
    const project = await createProject(t.database.db, { name: "two writers", description: "" }, ownerId);
    const before = await counts(project.id);
    // In one tick: the first and the second each find a writer free and are written alone, at once;
    // the eight others wait for whichever ends first and are written together (one writer: 2 batches).
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        batcher.submit({ projectId: project.id, recipeSlug: RECIPE, parameters: { topic: `two ${i}` }, requestedBy: ownerId }),
      ),
    );
    expect(batcher.stats).toEqual({ batches: 3, grouped: 10, single: 0 });
    expect(new Set(results.map((r) => r.ticket.id)).size).toBe(10);
    results.forEach((r, i) => expect(r.ticket.metadata.recipe_parameters.topic).toBe(`two ${i}`));
    expect(await counts(project.id)).toEqual({ requests: before.requests + 10, tickets: before.tickets + 10, events: before.events + 10 });
  });

  it("concurrent HTTP submits: good ones 202 with their own tickets; bad parameters, unknown recipes, other agent types and non-members refused alone, writing nothing", async () => {
    const before = await counts(projectId);
    const outsider = await createTestUser(t.database);
    const viewer = await createTestUser(t.database);
    await grantRole(t.database, projectId, viewer.id, "viewer");
    const post = (client: TestClient, body: object, agent = "reporting") => postJson(client, `/api/work/${agent}/execute`, body);
    const good = (i: number) => post(app, { project_id: projectId, recipe_slug: RECIPE, parameters: { topic: `good ${i}` } });
    const answers = await Promise.all([
      good(0),
      good(1),
      post(app, { project_id: projectId, recipe_slug: RECIPE, parameters: { topic: 42 } }), // 422: bad parameters
      good(2),
      post(app, { project_id: projectId, recipe_slug: "no-such-recipe", parameters: { topic: "x" } }), // 404
      post(app, { project_id: projectId, recipe_slug: RECIPE, parameters: { topic: "x" } }, "content"), // 422: other agent type
      post(clientFor(app.api, outsider), { project_id: projectId, recipe_slug: RECIPE, parameters: { topic: "x" } }), // 404
      post(clientFor(app.api, viewer), { project_id: projectId, recipe_slug: RECIPE, parameters: { topic: "x" } }), // 403
      good(3),
      post(app, { project_id: projectId, recipe_slug: RECIPE, parameters: { topic: "ok", slide_count: 500 } }), // 422
      good(4),
    ]);
    expect(answers.map((r) => r.status)).toEqual([202, 202, 422, 202, 404, 422, 404, 403, 202, 422, 202]);
    const accepted = await Promise.all(answers.filter((r) => r.status === 202).map((r) => r.json() as Promise<ExecuteAccepted>));
    expect(new Set(accepted.map((a) => a.work_ticket_id)).size).toBe(5);
    for (const [i, a] of accepted.entries()) {
      const view = (await (await app.request(a.links.self)).json()) as { metadata: { recipe_parameters: { topic: string } } };
      expect(view.metadata.recipe_parameters.topic).toBe(`good ${i}`);
    }
    expect(await counts(projectId)).toEqual({ requests: before.requests + 5, tickets: before.tickets + 5, events: before.events + 5 });
  });

  // The fast path reads the recipe from a per-process cache and never reads the caller's role before
  // writing: its one statement must re-check both, or a stale cache admits what a fresh read refuses.
  describe("what the one statement re-checks", () => {
    const post = (client: TestClient, project: string, topic: string) =>
      postJson(client, "/api/work/reporting/execute", { project_id: project, recipe_slug: RECIPE, parameters: { topic } });

    it("a member demoted to viewer after a submit is refused (403) on the next one, which writes nothing", async () => {
      const project = await createProject(t.database.db, { name: "demoted", description: "" }, ownerId);
      const member = await createTestUser(t.database);
      await grantRole(t.database, project.id, member.id, "member");
      const client = clientFor(app.api, member);
      expect((await post(client, project.id, "first")).status).toBe(202);
      await grantRole(t.database, project.id, member.id, "viewer");
      const before = await counts(project.id);
      expect((await post(client, project.id, "second")).status).toBe(403);
      expect(await counts(project.id)).toEqual(before);
    });

    it("a recipe archived after a submit cached it is refused (404); a new version of it is what the next ticket runs", async () => {
      const project = await createProject(t.database.db, { name: "recipe changes", description: "" }, ownerId);
      const [recipeRow] = await sqlRows<{ version: number }>(t.database.db, sql`SELECT version FROM work_recipes WHERE slug = ${RECIPE}`);
      const version = Number(recipeRow!.version);
      try {
        expect((await post(app, project.id, "cached")).status).toBe(202);
        // As the editor's archive does (status and updated_at), but behind this process's back.
        await t.database.db.execute(sql`UPDATE work_recipes SET status = 'archived', updated_at = now() WHERE slug = ${RECIPE}`);
        const before = await counts(project.id);
        expect((await post(app, project.id, "archived")).status).toBe(404);
        expect(await counts(project.id)).toEqual(before);
        // Restored as a new version: the cached row is stale by its stamp, and the ticket runs the new one.
        await t.database.db.execute(
          sql`UPDATE work_recipes SET status = 'active', version = version + 1, updated_at = now() WHERE slug = ${RECIPE}`,
        );
        const answer = await post(app, project.id, "new version");
        expect(answer.status).toBe(202);
        const { work_ticket_id } = (await answer.json()) as ExecuteAccepted;
        const [row] = await sqlRows<{ v: number }>(
          t.database.db,
          sql`SELECT (metadata->>'recipe_version')::int AS v FROM work_tickets WHERE id = ${work_ticket_id}::uuid`,
        );
        expect(Number(row!.v)).toBe(version + 1);
      } finally {
        await t.database.db.execute(
          sql`UPDATE work_recipes SET status = 'active', version = ${version}, updated_at = now() WHERE slug = ${RECIPE}`,
        );
      }
    });
  });
  it("takes a priority on submit: written with the ticket, shown on it; a word it does not know is a 422 naming the field, writing nothing", async () => {
    const project = await createProject(t.database.db, { name: "priorities", description: "" }, ownerId);
    const post = (body: object) => postJson(app, "/api/work/reporting/execute", { project_id: project.id, recipe_slug: RECIPE, ...body });
    const answers = await Promise.all([
      post({ parameters: { topic: "urgent" }, priority: "high" }),
      post({ parameters: { topic: "whenever" }, priority: "low" }),
      post({ parameters: { topic: "as usual" } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as ExecuteAccepted).work_ticket_id));
    const shown = await Promise.all(
      ids.map(async (id) => ((await (await app.request(`/api/work/tickets/${id}`)).json()) as { priority: string }).priority),
    );
    expect(shown).toEqual(["high", "low", "normal"]);
    const stored = await sqlRows<{ id: string; priority: number }>(
      t.database.db,
      sql`SELECT id::text, priority FROM work_tickets WHERE project_id = ${project.id}::uuid`,
    );
    expect(new Map(stored.map((r) => [r.id, Number(r.priority)]))).toEqual(
      new Map([
        [ids[0], 1],
        [ids[1], -1],
        [ids[2], 0],
      ]),
    );

    const before = await counts(project.id);
    const bad = await post({ parameters: { topic: "x" }, priority: "urgent" });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors?: { field: string }[] };
    expect(problem.errors?.map((e) => e.field)).toContain("priority");
    expect(await counts(project.id)).toEqual(before);
  });
});
