// Writing recipes (issue 18 items 1–3), on both drivers: roles (member 403, admin and project owner
// OK), validation naming the field, built-ins read-only, archive/restore, versions that never change,
// and tickets that run on the version they were submitted with — even when the recipe is edited
// before a worker picks them up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteAccepted, RecipeView, TicketView } from "../../src/domain/contract.js";
import type { Recipe } from "../../src/domain/recipe.js";
import { createWorker, waitForTicketEnd } from "../../src/engine/index.js";
import { createTestApi, postJson } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestAgent } from "../helpers/test-agent.js";

const DIGEST = {
  slug: "weekly-customer-digest",
  name: "Weekly customer digest",
  description: "A short digest of what customers said this week.",
  icon: "📬",
  agent_type: "content",
  output_format: "markdown",
  instructions: "Version one instructions",
  parameters: {
    type: "object",
    required: ["topic"],
    properties: {
      topic: { type: "string", title: "Topic", minLength: 1, maxLength: 200 },
      tone: { type: "string", title: "Tone", enum: ["plain", "warm"], default: "plain" },
    },
  },
};

function send(client: TestClient, method: string, path: string, body?: unknown): Promise<Response> {
  return Promise.resolve(
    client.request(path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    }),
  );
}

describe.each(DRIVERS)("recipe authoring on %s", (driver) => {
  let t: TestDatabase;
  let owner: TestClient;
  let admin: TestClient;
  let member: TestClient;
  let projectId: string;
  let api: Parameters<typeof clientFor>[0];

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ app: owner, api, projectId } = await createTestApi(t, { WORKSMITH_SUBMIT_RATE_PER_MINUTE: "100000" }));
    admin = clientFor(api, await createTestUser(t.database, { admin: true }));
    const m = await createTestUser(t.database);
    await grantRole(t.database, projectId, m.id, "member");
    member = clientFor(api, m);
  });
  afterAll(async () => t.cleanup());

  it("lets an administrator create a recipe for every project, and refuses members and a taken slug", async () => {
    expect((await send(member, "POST", "/api/recipes", DIGEST)).status).toBe(403);
    expect((await send(owner, "POST", "/api/recipes", DIGEST)).status).toBe(403); // owning a project is not enough for a global recipe
    const res = await send(admin, "POST", "/api/recipes", DIGEST);
    expect(res.status).toBe(201);
    const view = (await res.json()) as RecipeView;
    expect(view).toMatchObject({ slug: DIGEST.slug, version: 1, system: false, project_id: null, status: "active" });
    const again = await send(admin, "POST", "/api/recipes", DIGEST);
    expect(again.status).toBe(409);
    const list = (await (await owner.request("/api/recipes")).json()) as { items: RecipeView[] };
    expect(list.items.map((r) => r.slug)).toContain(DIGEST.slug);
  });

  it("refuses a bad recipe with 422 naming the field, and writes nothing", async () => {
    const badDefault = {
      ...DIGEST,
      slug: "bad-default",
      parameters: {
        ...DIGEST.parameters,
        properties: { ...DIGEST.parameters.properties, tone: { type: "string", title: "Tone", enum: ["plain"], default: "loud" } },
      },
    };
    const res = await send(admin, "POST", "/api/recipes", badDefault);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors[0]?.field).toBe("parameters.properties.tone.default");
    const noName = await send(admin, "POST", "/api/recipes", { ...DIGEST, slug: "no-name", name: undefined });
    expect(((await noName.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain("name");
    expect((await admin.request("/api/recipes/bad-default/export")).status).toBe(404);
  });

  it("keeps built-in recipes read-only, even for administrators", async () => {
    const deck = (await (await admin.request("/api/recipes/executive-summary-deck/export")).json()) as Recipe;
    const res = await send(admin, "PUT", "/api/recipes/executive-summary-deck", { ...deck, name: "Hacked" });
    expect(res.status).toBe(403);
    expect(((await (await admin.request("/api/recipes/executive-summary-deck")).json()) as RecipeView).name).not.toBe("Hacked");
  });

  it("lets a project's owner write a recipe for that project only", async () => {
    const scoped = { ...DIGEST, slug: "halvorsen-digest", project_id: projectId };
    expect((await send(member, "POST", "/api/recipes", scoped)).status).toBe(403);
    expect((await send(owner, "POST", "/api/recipes", scoped)).status).toBe(201);
    const inProject = (await (await owner.request(`/api/recipes?project_id=${projectId}`)).json()) as { items: RecipeView[] };
    expect(inProject.items.find((r) => r.slug === "halvorsen-digest")?.project_id).toBe(projectId);
    const global = (await (await owner.request("/api/recipes")).json()) as { items: RecipeView[] };
    expect(global.items.map((r) => r.slug)).not.toContain("halvorsen-digest");

    const stranger = await createTestUser(t.database);
    const strangerClient = clientFor(api, stranger);
    expect((await strangerClient.request("/api/recipes/halvorsen-digest")).status).toBe(404);
    expect((await strangerClient.request("/api/recipes/halvorsen-digest/export")).status).toBe(404);
    // Nor its stats: the list names only the recipes a caller's gallery would show.
    expect((await strangerClient.request("/api/recipe-stats/halvorsen-digest")).status).toBe(404);
    const stats = (await (await strangerClient.request("/api/recipe-stats")).json()) as { items: { slug: string }[] };
    expect(stats.items.map((i) => i.slug)).not.toContain("halvorsen-digest");
    const ownStats = (await (await owner.request(`/api/recipe-stats?project_id=${projectId}`)).json()) as { items: { slug: string }[] };
    expect(ownStats.items.map((i) => i.slug)).toContain("halvorsen-digest");
    // Their own project cannot run it.
    const theirs = (await (await send(strangerClient, "POST", "/api/projects", { name: "Elsewhere", description: "" })).json()) as {
      id: string;
    };
    const submit = await postJson(strangerClient, "/api/work/content/execute", {
      project_id: theirs.id,
      recipe_slug: "halvorsen-digest",
      parameters: { topic: "x" },
    });
    expect(submit.status).toBe(404);
  });

  it("saves every edit as a new version; a ticket runs on the version it was submitted with", async () => {
    const submit = async () => {
      const res = await postJson(owner, "/api/work/content/execute", {
        project_id: projectId,
        recipe_slug: DIGEST.slug,
        parameters: { topic: "Week 48" },
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as ExecuteAccepted).work_ticket_id;
    };
    const before = await submit(); // pending on version 1; no worker yet

    const edited = await send(admin, "PUT", `/api/recipes/${DIGEST.slug}`, { ...DIGEST, instructions: "Version two instructions" });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as RecipeView).version).toBe(2);
    // Saving the same definition again is not a new version.
    const same = await send(admin, "PUT", `/api/recipes/${DIGEST.slug}`, { ...DIGEST, instructions: "Version two instructions" });
    expect(((await same.json()) as RecipeView).version).toBe(2);
    const after = await submit();

    const seen = new Map<string, string>();
    const agent = createTestAgent((run) => {
      seen.set(run.ticket.id, run.recipe.instructions);
      return [{ output: { title: "Digest", body: "ok" } }];
    });
    const worker = createWorker({ database: t.database, runner: agent, concurrency: 2, leaseMs: 30_000, shutdownGraceMs: 1_000 });
    await worker.start();
    try {
      await waitForTicketEnd(t.database, before, 30_000);
      await waitForTicketEnd(t.database, after, 30_000);
    } finally {
      await worker.stop();
    }
    expect(seen.get(before)).toBe("Version one instructions");
    expect(seen.get(after)).toBe("Version two instructions");
    const ticket = (await (await owner.request(`/api/work/tickets/${before}`)).json()) as TicketView;
    expect(ticket.metadata.recipe_version).toBe(1);

    const versions = (await (await owner.request(`/api/recipes/${DIGEST.slug}/versions`)).json()) as { items: { version: number }[] };
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    const v1 = (await (await owner.request(`/api/recipes/${DIGEST.slug}/versions/1`)).json()) as Recipe;
    expect(v1.instructions).toBe("Version one instructions");

    // A retry runs on its original's version unless asked for the latest.
    const retried = (await (await send(owner, "POST", `/api/work/tickets/${before}/retry`, {})).json()) as ExecuteAccepted;
    const retry = (await (await owner.request(`/api/work/tickets/${retried.work_ticket_id}`)).json()) as TicketView;
    expect(retry.metadata.recipe_version).toBe(1);
    const latest = (await (
      await send(owner, "POST", `/api/work/tickets/${before}/retry`, { latest_recipe: true })
    ).json()) as ExecuteAccepted;
    expect(((await (await owner.request(`/api/work/tickets/${latest.work_ticket_id}`)).json()) as TicketView).metadata.recipe_version).toBe(
      2,
    );
  });

  it("archives a recipe out of the gallery and restores it", async () => {
    expect((await send(member, "POST", `/api/recipes/${DIGEST.slug}/archive`)).status).toBe(403);
    const archived = await send(admin, "POST", `/api/recipes/${DIGEST.slug}/archive`);
    expect(((await archived.json()) as RecipeView).status).toBe("archived");
    const list = (await (await owner.request("/api/recipes")).json()) as { items: RecipeView[] };
    expect(list.items.map((r) => r.slug)).not.toContain(DIGEST.slug);
    const archivedList = (await (await owner.request("/api/recipes?status=archived")).json()) as { items: RecipeView[] };
    expect(archivedList.items.map((r) => r.slug)).toEqual([DIGEST.slug]);
    const submit = await postJson(owner, "/api/work/content/execute", {
      project_id: projectId,
      recipe_slug: DIGEST.slug,
      parameters: { topic: "x" },
    });
    expect(submit.status).toBe(404);
    await send(admin, "POST", `/api/recipes/${DIGEST.slug}/restore`);
    const back = (await (await owner.request("/api/recipes")).json()) as { items: RecipeView[] };
    expect(back.items.map((r) => r.slug)).toContain(DIGEST.slug);
  });
});
