import { createRoute } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { Health } from "../../domain/contract.js";
import type { ApiDeps } from "../deps.js";
import type { Api } from "../openapi.js";

/**
 * Health answers from a probe (`SELECT 1`) at most this old, so a load balancer polling it, or a
 * crowd of clients, costs the database one query a second, not one per call. A database that goes
 * away turns the answer "degraded" within HEALTH_PROBE_MS + HEALTH_PROBE_TIMEOUT_MS (README).
 */
export const HEALTH_PROBE_MS = 1_000;
/** A probe that has not answered by then counts as a failure (a hung database is not healthy). */
export const HEALTH_PROBE_TIMEOUT_MS = 2_000;

const route = createRoute({
  method: "get",
  path: "/api/health",
  tags: ["system"],
  summary: "Liveness and database reachability (from a probe at most 1 s old)",
  responses: { 200: { description: "Health", content: { "application/json": { schema: Health } } } },
});

export interface HealthProbe {
  /** ok/degraded from a probe no older than `maxAgeMs`; concurrent callers share one probe. */
  status(): Promise<"ok" | "degraded">;
}

export function createHealthProbe(database: Database, maxAgeMs = HEALTH_PROBE_MS, timeoutMs = HEALTH_PROBE_TIMEOUT_MS): HealthProbe {
  let last: { ok: boolean; at: number } | null = null;
  let inFlight: Promise<boolean> | null = null;

  async function probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([database.db.execute(sql`SELECT 1`).then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async status() {
      // The probe's age counts from when it started: an answer never reflects an older state.
      if (!last || performance.now() - last.at >= maxAgeMs) {
        inFlight ??= (async () => {
          const at = performance.now();
          const ok = await probe();
          last = { ok, at };
          inFlight = null;
          return ok;
        })();
        return (await inFlight) ? "ok" : "degraded";
      }
      return last.ok ? "ok" : "degraded";
    },
  };
}

export function registerHealthRoutes(
  app: Api,
  deps: Pick<ApiDeps, "database" | "version">,
  probe = createHealthProbe(deps.database),
): void {
  const kind = deps.database.kind;
  app.openapi(route, async (c) => c.json({ status: await probe.status(), database: kind, version: deps.version }, 200));
}
