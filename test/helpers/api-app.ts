// An API app over a test database, driven in-process with `app.request()` (no socket needed for
// request/response routes; the streaming tests use real sockets). Requests carry the bearer token
// of the project's owner, created here.
import { createApi } from "../../src/api/app.js";
import type { Api } from "../../src/api/openapi.js";
import { loadConfig } from "../../src/config.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { clientFor, createTestUser, type TestClient, type TestUser } from "./auth.js";
import type { TestDatabase } from "./databases.js";

export const silentLogger = { info() {}, warn() {}, error() {} };

export async function createTestApi(
  t: TestDatabase,
  env: Record<string, string> = {},
): Promise<{ app: TestClient; api: Api; projectId: string; owner: TestUser }> {
  await syncRecipes(t.database);
  const owner = await createTestUser(t.database);
  const project = await createProject(t.database.db, { name: "Test project", description: "" }, owner.id);
  const config = loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused", ...env });
  const api = createApi({ database: t.database, config, version: "test", logger: silentLogger });
  return { app: clientFor(api, owner), api, projectId: project.id, owner };
}

/** Anything with `request` like Hono's: a TestClient, or a bare Api for anonymous calls. */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export function postJson(app: Requester, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}
