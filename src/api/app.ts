// src/api — the HTTP edge (Hono): routes validated with the zod schemas of src/domain/contract.ts,
// problem+json errors, the OpenAPI document generated from the same schemas. May import everything below it.
import type { Hono, MiddlewareHandler } from "hono";
import type { ApiDeps } from "./deps.js";
import { createRouter, type Api } from "./openapi.js";
import { errorToProblem, problem, problemResponse } from "./problem.js";
import { registerHealthRoutes } from "./routes/health.js";
import { registerProjectRoutes } from "./routes/projects.js";
import { registerRecipeRoutes } from "./routes/recipes.js";
import { registerWorkRoutes } from "./routes/work.js";

/** Extra route groups added by the composition root (streams, context, outputs, metrics…). */
export type RouteInstaller = (app: Api) => void;

export function createApi(deps: ApiDeps, installers: RouteInstaller[] = [], middleware: MiddlewareHandler[] = []): Api {
  const app = createRouter();
  // Hono runs handlers in registration order: cross-cutting middleware (request logs) goes first.
  for (const m of middleware) app.use("*", m);
  app.onError((err, c) => errorToProblem(err, c, (e) => deps.logger.error({ err: e, path: c.req.path }, "unhandled error")));

  registerHealthRoutes(app, deps);
  registerProjectRoutes(app, deps);
  registerRecipeRoutes(app, deps);
  registerWorkRoutes(app, deps);
  for (const install of installers) install(app);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Worksmith API", version: deps.version, description: "Work tickets for AI agents: submit, follow live, fetch outputs." },
  });
  const noRoute = (c: Parameters<Parameters<Api["notFound"]>[0]>[0]) =>
    problemResponse(c, problem(404, "not-found", "Not found", `No route ${c.req.method} ${c.req.path.slice(0, 200)}`));
  app.all("/api/*", noRoute);
  app.notFound(noRoute);
  return app;
}

export type { Hono };
