// A project's limit on running tickets through the API (issue 19), on both drivers: owners and
// administrators set it (PUT /api/projects/:id/limits), members and viewers cannot (403), outsiders
// see nothing (404), bad values are problem+json naming the field and change nothing; the project's
// view shows it, and the column the fair claim reads (src/engine/project-limits.ts) holds it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectDetail, ProjectLimits, ProjectView } from "../../src/domain/contract.js";
import { createTestApi } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { sqlRows } from "../helpers/sql.js";

interface FieldProblem {
  status: number;
  errors?: { field: string; message: string }[];
}

describe.each(DRIVERS)("project limits on %s", (driver) => {
  let t: TestDatabase;
  let owner: TestClient;
  let member: TestClient;
  let viewer: TestClient;
  let outsider: TestClient;
  let admin: TestClient;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    // The server's default: what a project without its own limit gets.
    const made = await createTestApi(t, { WORKSMITH_PROJECT_MAX_RUNNING: "7" });
    ({ app: owner, projectId } = made);
    const users = {
      member: await createTestUser(t.database),
      viewer: await createTestUser(t.database),
      outsider: await createTestUser(t.database),
      admin: await createTestUser(t.database, { admin: true }),
    };
    await grantRole(t.database, projectId, users.member.id, "member");
    await grantRole(t.database, projectId, users.viewer.id, "viewer");
    member = clientFor(made.api, users.member);
    viewer = clientFor(made.api, users.viewer);
    outsider = clientFor(made.api, users.outsider);
    admin = clientFor(made.api, users.admin);
  });
  afterAll(async () => t.cleanup());

  const put = (client: TestClient, body: unknown, id = projectId) =>
    client.request(`/api/projects/${id}/limits`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  async function stored(): Promise<number | null> {
    const [row] = await sqlRows<{ max_running: number | null }>(
      t.database.db,
      sql`SELECT max_running FROM projects WHERE id = ${projectId}::uuid`,
    );
    return row!.max_running;
  }

  it("a new project follows the server's default, and its view says so", async () => {
    const view = (await (await owner.request(`/api/projects/${projectId}`)).json()) as ProjectDetail;
    expect(view.max_running).toBeNull();
    const limits = (await (await viewer.request(`/api/projects/${projectId}/limits`)).json()) as ProjectLimits;
    expect(limits).toEqual({ project_id: projectId, max_running: null, default_max_running: 7, effective_max_running: 7 });
  });

  it("an owner sets the limit: the column the claim reads holds it, the project's view and list show it", async () => {
    const res = await put(owner, { max_running: 3 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ project_id: projectId, max_running: 3, default_max_running: 7, effective_max_running: 3 });
    expect(await stored()).toBe(3);
    const view = (await (await member.request(`/api/projects/${projectId}`)).json()) as ProjectDetail;
    expect(view.max_running).toBe(3);
    const list = (await (await viewer.request("/api/projects")).json()) as { items: ProjectView[] };
    expect(list.items.find((p) => p.id === projectId)?.max_running).toBe(3);
  });

  it("members and viewers are refused with 403 and change nothing; an outsider gets 404", async () => {
    expect(await stored()).toBe(3);
    for (const client of [member, viewer]) {
      const res = await put(client, { max_running: 50 });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const hidden = await put(outsider, { max_running: 50 });
    expect(hidden.status).toBe(404);
    expect((await outsider.request(`/api/projects/${projectId}/limits`)).status).toBe(404);
    expect(await stored()).toBe(3);
  });

  it("an administrator sets it on a project they are not a member of", async () => {
    const res = await put(admin, { max_running: 12 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as ProjectLimits).max_running).toBe(12);
    expect(await stored()).toBe(12);
    // Administrators still see only their own projects' views; a project that does not exist is 404.
    expect((await put(admin, { max_running: 2 }, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it.each([
    ["zero", { max_running: 0 }],
    ["a fraction", { max_running: 1.5 }],
    ["over the cap", { max_running: 100_001 }],
    ["a string", { max_running: "4" }],
    ["missing", {}],
  ])("refuses %s as problem+json naming max_running, and keeps the limit", async (_what, body) => {
    const before = await stored();
    const res = await put(owner, body);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as FieldProblem;
    expect(problem.errors?.map((e) => e.field)).toContain("max_running");
    expect(await stored()).toBe(before);
  });

  it("refuses an unknown field, and a body that is not JSON", async () => {
    const before = await stored();
    expect((await put(owner, { max_running: 2, priority: "high" })).status).toBe(422);
    const malformed = await put(owner, "{max_running: 2");
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toContain("application/problem+json");
    expect(await stored()).toBe(before);
  });

  it("null returns the project to the server's default", async () => {
    const res = await put(owner, { max_running: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ project_id: projectId, max_running: null, default_max_running: 7, effective_max_running: 7 });
    expect(await stored()).toBeNull();
  });
});
