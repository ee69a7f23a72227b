// src/api — the HTTP edge (Hono): routes validated with the zod schemas of src/domain/contract.ts,
// problem+json errors, the OpenAPI document generated from the same schemas. May import everything below it.
import type { Hono, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { answeringRequest } from "../db/embedded/origin.js";
import { authenticate, isPublicRoute } from "./authn.js";
import type { ApiDeps } from "./deps.js";
import type { AppEnv } from "./env.js";
import { createRouter, errorResponses, problemContent, type Api } from "./openapi.js";
import { errorToProblem, problem, problemResponse, ProblemError } from "./problem.js";
import { registerAuthRoutes } from "./routes/auth.js";
import { registerHealthRoutes } from "./routes/health.js";
import { registerMemberRoutes } from "./routes/members.js";
import { registerProjectRoutes } from "./routes/projects.js";
import { registerQuestionRoutes } from "./routes/questions.js";
import { registerRecipeAuthoringRoutes } from "./routes/recipe-authoring.js";
import { registerRecipeStatsRoutes } from "./routes/recipe-stats.js";
import { registerRecipeRoutes } from "./routes/recipes.js";
import { registerNotificationRoutes } from "./routes/notifications.js";
import { registerScheduleRoutes } from "./routes/schedules.js";
import { registerWebhookRoutes } from "./routes/webhooks.js";
import { registerWorkRoutes } from "./routes/work.js";

/** Extra route groups added by the composition root (streams, context, outputs, metrics…). */
export type RouteInstaller = (app: Api) => void;

/** Context uploads carry files and have their own, larger limit (WORKSMITH_MAX_UPLOAD_BYTES). */
const UPLOAD_ROUTE = /^\/api\/projects\/[^/]+\/context$/;

export function createApi(deps: ApiDeps, installers: RouteInstaller[] = [], middleware: MiddlewareHandler[] = []): Api {
  const app = createRouter();
  // Statements a request sends while it is being answered go ahead of background ones on the
  // embedded database's thread (src/db/embedded/origin.ts). Only there: the mark is an
  // AsyncLocalStorage (promise hooks on every await on Node 20) and PostgreSQL has a connection per
  // statement — with it, PostgreSQL's GET ticket under agents got slower (bench/RESULTS.md, round 5).
  if (deps.database.kind === "pglite" && deps.config.embeddedThread) app.use("*", (_c, next) => answeringRequest(next));
  // Hono runs handlers in registration order: cross-cutting middleware (request logs) goes first.
  for (const m of middleware) app.use("*", m);
  app.onError((err, c) => errorToProblem(err, c, (e) => deps.logger.error({ err: e, path: c.req.path }, "unhandled error")));
  // nosniff, frame denial, no referrer, same-origin resource policy on every answer; the page's
  // Content-Security-Policy is set where the page is served (web-app.ts).
  // HSTS only when the install is known to be served over https: on plain http it means nothing, and
  // on a shared parent domain includeSubDomains would force every sibling onto https.
  const hsts = deps.config.publicUrl?.startsWith("https:") ? "max-age=15552000" : false;
  app.use("*", secureHeaders({ xFrameOptions: "DENY", crossOriginEmbedderPolicy: false, strictTransportSecurity: hsts }));
  app.use("/api/*", limitBodies(deps.config.maxBodyBytes));
  app.use("/api/*", authenticate(deps));

  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerProjectRoutes(app, deps);
  registerMemberRoutes(app, deps);
  registerRecipeRoutes(app, deps);
  registerRecipeStatsRoutes(app, deps);
  registerRecipeAuthoringRoutes(app, deps);
  registerWorkRoutes(app, deps);
  registerQuestionRoutes(app, deps);
  registerScheduleRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  for (const install of installers) install(app);
  documentEdgeAnswers(app);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Worksmith API", version: deps.version, description: "Work tickets for AI agents: submit, follow live, fetch outputs." },
    security: [{ bearer: [] }, { session: [] }],
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token created on the Account page (`wsk_…`)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "worksmith_session" });
  const noRoute = (c: Parameters<Parameters<Api["notFound"]>[0]>[0]) =>
    problemResponse(c, problem(404, "not-found", "Not found", `No route ${c.req.method} ${c.req.path.slice(0, 200)}`));
  app.all("/api/*", noRoute);
  app.notFound(noRoute);
  return app;
}

/**
 * The answers the middleware gives before any handler runs, added to every operation they apply to,
 * so the document states what the server does without each route repeating it.
 */
function documentEdgeAnswers(app: Api): void {
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== "route" || !def.route.path.startsWith("/api/")) continue;
    const responses = def.route.responses;
    if (!isPublicRoute(def.route.method, def.route.path)) responses[401] ??= errorResponses[401];
    if (def.route.request?.body) responses[413] ??= { description: "The request body is over the size limit", content: problemContent };
  }
}

/** Every request body is bounded before it is read, so no route can be made to buffer gigabytes. */
function limitBodies(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () => new ProblemError(413, "Payload too large", `Request bodies are limited to ${Math.round(maxBytes / 1024)} KB.`);
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return (c, next) => {
    const method = c.req.method;
    // A GET or HEAD carries no body (and hono's bodyLimit, asking for one, made @hono/node-server
    // build a full fetch Request with its AbortController for every read: ~7 % of the server's CPU
    // under bench:api).
    if (method === "GET" || method === "HEAD") return next();
    if (method === "POST" && UPLOAD_ROUTE.test(c.req.path)) return next();
    // A declared length is decided from the header alone: Node's parser never reads past it, and
    // leaving the body untouched keeps the adapter's direct read for the route's own c.req.json().
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined && /^\d+$/.test(length)) {
      if (Number(length) > maxBytes) throw tooLarge();
      return next();
    }
    return limit(c, next);
  };
}

export type { Hono };
