// The contract for scripts: GET /api/openapi.json, served by a real server, is a valid OpenAPI 3.1
// document by an independent validator; every route the app registers is in it (and nothing that is
// not); and real answers of the server match the response schemas the document states.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import { createMetrics } from "../../src/api/metrics.js";
import type { Api } from "../../src/api/openapi.js";
import { installWebApp } from "../../src/api/web-app.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createServerParts } from "../../src/cli/server-parts.js";
import { startServer, type RunningServer } from "../../src/cli/serve.js";
import { createLogger } from "../../src/cli/logger.js";
import { WEB_DIST_DIR } from "../../src/paths.js";

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/**
 * Registered routes deliberately absent from the document, with the reason. (Paths with `*` —
 * middleware, the /api 404 fallback, the web app's catch-all — are not endpoints and are skipped.)
 */
const NOT_DOCUMENTED: Record<string, string> = {
  "GET /api/openapi.json": "the document itself",
};

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; responses: Record<string, unknown> }>>;
}

/** Hono's `:id` (and `:id{regex}`) → OpenAPI's `{id}`. */
function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}");
}

function registeredRoutes(app: Api): Set<string> {
  const out = new Set<string>();
  for (const r of app.routes) {
    const method = r.method.toLowerCase();
    if (!METHODS.has(method) || r.path.includes("*")) continue;
    out.add(`${r.method.toUpperCase()} ${toOpenApiPath(r.path)}`);
  }
  return out;
}

function documentedRoutes(doc: OpenApiDoc): Set<string> {
  const out = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) if (METHODS.has(method)) out.add(`${method.toUpperCase()} ${path}`);
  }
  return out;
}

describe("OpenAPI document", () => {
  let dataDir: string;
  let config: Config;
  let server: RunningServer;
  let doc: OpenApiDoc;
  let app: Api;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "worksmith-openapi-"));
    config = loadConfig({ WORKSMITH_DATA_DIR: dataDir, PORT: "0", WORKSMITH_WORKER_CONCURRENCY: "0", LOG_LEVEL: "silent" });
    server = await startServer(config);
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    doc = (await res.json()) as OpenApiDoc;
    // The same composition as startServer (core routes, the server parts' route groups, the web app),
    // on the same database, so its route table is the one the running server answers from.
    const logger = createLogger(config);
    const parts = await createServerParts({ config, database: server.database, logger });
    app = createApi({ database: server.database, config, version: "test", logger }, parts.routes, parts.middleware);
    installWebApp(app, WEB_DIST_DIR);
  });

  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is valid OpenAPI 3.1 according to an independent validator", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every route the app registers, and only those", () => {
    const registered = registeredRoutes(app);
    const documented = documentedRoutes(doc);
    // The core groups of DESIGN.md §7 must be in the table, or this test would prove little.
    for (const must of [
      "GET /api/health",
      "POST /api/work/{agent_type}/execute",
      "GET /api/work/tickets/{id}",
      "POST /api/work/tickets/{id}/cancel",
    ]) {
      expect(registered).toContain(must);
    }
    const missing = [...registered].filter((r) => !documented.has(r) && !(r in NOT_DOCUMENTED));
    expect(missing, "registered but not in /api/openapi.json").toEqual([]);
    const phantom = [...documented].filter((r) => !registered.has(r));
    expect(phantom, "documented but not registered").toEqual([]);
    for (const excluded of Object.keys(NOT_DOCUMENTED))
      expect(registered, `${excluded} is listed as excluded but is not registered`).toContain(excluded);
  });

  it("declares every path parameter and a success response on every operation", () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(declared.sort(), `${method.toUpperCase()} ${path} path parameters`).toEqual([...names].sort());
        expect(
          Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)),
          `${method.toUpperCase()} ${path} has a 2xx response`,
        ).toBe(true);
      }
    }
  });

  it("matches what the server actually answers (schemas checked with Ajv, JSON Schema 2020-12)", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv); // uuid, date-time…: checked, not ignored
    ajv.addSchema(doc, "openapi.json");
    const pointer = (path: string, method: string, status: number, type: string) =>
      `openapi.json#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/responses/${status}/content/${type.replace(/\//g, "~1")}/schema`;

    let auth: Record<string, string> = {};
    async function check(method: string, docPath: string, url: string, init: RequestInit, status: number, type = "application/json") {
      const headers = { ...auth, ...(init.headers as Record<string, string> | undefined) };
      const res = await fetch(`${server.url}${url}`, { method: method.toUpperCase(), ...init, headers });
      expect(res.status, `${method} ${url}`).toBe(status);
      const body: unknown = await res.json();
      const validate =
        ajv.getSchema(pointer(docPath, method, status, type)) ?? ajv.compile({ $ref: pointer(docPath, method, status, type) });
      expect(validate(body) ? [] : validate.errors, `${method} ${url} → ${status} matches the document`).toEqual([]);
      return body;
    }
    const json = { "content-type": "application/json" };

    await check("get", "/api/health", "/api/health", {}, 200);
    await check("get", "/api/recipes", "/api/recipes", {}, 401, "application/problem+json");
    await check("get", "/api/auth/session", "/api/auth/session", {}, 200);
    // A fresh install: the owner account is made through the setup route (a browser sends Origin),
    // then a token for the rest, as a script would.
    const owner = { email: "owner@example.test", password: "correct horse battery" };
    const origin = { origin: server.url };
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: "POST",
      headers: { ...json, ...origin },
      body: JSON.stringify(owner),
    });
    expect(setup.status).toBe(201);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^worksmith_session=/);
    await check(
      "post",
      "/api/auth/setup",
      "/api/auth/setup",
      { headers: { ...json, ...origin }, body: JSON.stringify(owner) },
      409,
      "application/problem+json",
    );
    await check("get", "/api/auth/session", "/api/auth/session", { headers: { cookie } }, 200);
    const token = (await check(
      "post",
      "/api/tokens",
      "/api/tokens",
      { headers: { ...json, ...origin, cookie }, body: JSON.stringify({ name: "openapi" }) },
      201,
    )) as { token: string };
    auth = { authorization: `Bearer ${token.token}` };
    await check("get", "/api/tokens", "/api/tokens", {}, 200);
    await check("get", "/api/users", "/api/users", {}, 200);
    await check("get", "/api/recipes", "/api/recipes", {}, 200);
    await check("get", "/api/recipes/{slug}", "/api/recipes/status-report", {}, 200);
    await check("get", "/api/recipes/{slug}", "/api/recipes/no-such-recipe", {}, 404, "application/problem+json");
    const project = (await check(
      "post",
      "/api/projects",
      "/api/projects",
      { headers: json, body: JSON.stringify({ name: "OpenAPI" }) },
      201,
    )) as { id: string };
    await check(
      "post",
      "/api/projects",
      "/api/projects",
      { headers: json, body: JSON.stringify({ name: "" }) },
      422,
      "application/problem+json",
    );
    await check("get", "/api/projects", "/api/projects", {}, 200);
    await check("get", "/api/projects/{id}", `/api/projects/${project.id}`, {}, 200);
    await check("get", "/api/projects/{id}/members", `/api/projects/${project.id}/members`, {}, 200);
    const note = (await check(
      "post",
      "/api/projects/{id}/context",
      `/api/projects/${project.id}/context`,
      { headers: json, body: JSON.stringify({ title: "Q3", body: "Revenue <b>grew</b> 18%.", internal: true }) },
      201,
    )) as { id: string };
    await check("get", "/api/projects/{id}/context", `/api/projects/${project.id}/context`, {}, 200);
    const item = `/api/projects/${project.id}/context/${note.id}`;
    await check("get", "/api/projects/{id}/context/{itemId}", item, {}, 200);
    const patch = (body: unknown) => ({ method: "PATCH", headers: json, body: JSON.stringify(body) });
    await check("patch", "/api/projects/{id}/context/{itemId}", item, patch({ internal: false }), 200);
    await check("patch", "/api/projects/{id}/context/{itemId}", item, patch({ internal: "no" }), 422, "application/problem+json");
    await check(
      "post",
      "/api/work/{agent_type}/execute",
      "/api/work/reporting/execute",
      {
        headers: json,
        body: JSON.stringify({ project_id: project.id, recipe_slug: "status-report", parameters: {}, model: { name: "" } }),
      },
      422,
      "application/problem+json",
    );
    const accepted = (await check(
      "post",
      "/api/work/{agent_type}/execute",
      "/api/work/reporting/execute",
      {
        headers: json,
        body: JSON.stringify({
          project_id: project.id,
          recipe_slug: "status-report",
          parameters: { topic: "Contract" },
          model: { provider: "openai", name: "gpt-4o-mini" },
        }),
      },
      202,
    )) as { work_ticket_id: string };
    await check("get", "/api/work/tickets", `/api/work/tickets?project_id=${project.id}`, {}, 200);
    await check("get", "/api/work/tickets/{id}", `/api/work/tickets/${accepted.work_ticket_id}`, {}, 200);
    await check("get", "/api/work/tickets/{id}/outputs", `/api/work/tickets/${accepted.work_ticket_id}/outputs`, {}, 200);
    await check("post", "/api/work/tickets/{id}/cancel", `/api/work/tickets/${accepted.work_ticket_id}/cancel`, { method: "POST" }, 200);
    await check(
      "post",
      "/api/work/tickets/{id}/cancel",
      `/api/work/tickets/${accepted.work_ticket_id}/cancel`,
      { method: "POST" },
      409,
      "application/problem+json",
    );
  });

  it("documents GET /metrics when the metrics route is installed", async () => {
    const metrics = createMetrics({ database: server.database, processMetrics: false });
    const withMetrics = createApi({ database: server.database, config, version: "test", logger: createLogger(config) }, [
      (a) => metrics.installRoute(a),
    ]);
    const document = (await (await withMetrics.request("/api/openapi.json")).json()) as OpenApiDoc;
    expect(Object.keys(document.paths["/metrics"] ?? {})).toEqual(["get"]);
    expect(registeredRoutes(withMetrics)).toContain("GET /metrics");
    const res = await withMetrics.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
