// An API app over a test database, driven in-process with `app.request()` (no socket needed for
// request/response routes; the streaming tests use real sockets).
import { createApi } from "../../src/api/app.js";
import type { Api } from "../../src/api/openapi.js";
import { loadConfig } from "../../src/config.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { syncRecipes } from "../../src/recipes/load.js";
import type { TestDatabase } from "./databases.js";

export const silentLogger = { info() {}, warn() {}, error() {} };

export async function createTestApi(t: TestDatabase): Promise<{ app: Api; projectId: string }> {
  await syncRecipes(t.database);
  const project = await createProject(t.database.db, { name: "Test project", description: "" });
  const config = loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused" });
  const app = createApi({ database: t.database, config, version: "test", logger: silentLogger });
  return { app, projectId: project.id };
}

export function postJson(app: Api, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}
