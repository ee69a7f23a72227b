import { createRoute } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { Health } from "../../domain/contract.js";
import type { ApiDeps } from "../deps.js";
import type { Api } from "../openapi.js";

const route = createRoute({
  method: "get",
  path: "/api/health",
  tags: ["system"],
  summary: "Liveness and database reachability",
  responses: { 200: { description: "Health", content: { "application/json": { schema: Health } } } },
});

export function registerHealthRoutes(app: Api, deps: Pick<ApiDeps, "database" | "version">): void {
  app.openapi(route, async (c) => {
    let status: "ok" | "degraded" = "ok";
    try {
      await deps.database.db.execute(sql`SELECT 1`);
    } catch {
      status = "degraded";
    }
    return c.json({ status, database: deps.database.kind, version: deps.version }, 200);
  });
}
