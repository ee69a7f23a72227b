// Recipe stats and ticket estimates (issue 18): what a recipe's recent history says — runs, success
// rate, typical duration, tokens and cost — and, for one ticket, the basis its ETA is computed from
// (src/domain/eta.ts). Clients recompute the ETA every second from that basis; nobody polls for it.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { readQueueState, readRecentFailures, readRecentRuns } from "../../db/repositories/recipe-stats.js";
import { getTicketView } from "../../db/repositories/tickets.js";
import { RecipeStats, summarizeByVersion, summarizeRuns, TicketEstimate } from "../../domain/recipe-stats.js";
import { NotFoundError } from "../../domain/errors.js";
import { readQueuePosition } from "../../engine/index.js";
import { listActiveRecipes } from "../../db/repositories/recipes.js";
import { requireProjectRole, requireTicketRole, requireVisibleRecipe } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, type Api } from "../openapi.js";

/** Stats change only when tickets finish; a short reuse window keeps the gallery cheap under load. */
export const STATS_CACHE_MS = 10_000;

const SlugStats = RecipeStats.extend({ slug: z.string() });

const RecentFailure = z.object({
  ticket_id: z.string(),
  project_id: z.string(),
  finished_at: z.string(),
  error: z.string(),
});

const listStats = createRoute({
  method: "get",
  path: "/api/recipe-stats",
  tags: ["recipes"],
  summary:
    "Every active recipe's stats from its recent history (the latest 200 finished runs); with project_id, that project's own recipes too",
  request: { query: z.object({ project_id: z.string().max(200).optional() }) },
  responses: {
    404: errorResponses[404],
    200: { description: "Stats per recipe slug", content: { "application/json": { schema: z.object({ items: z.array(SlugStats) }) } } },
  },
});

const oneStats = createRoute({
  method: "get",
  path: "/api/recipe-stats/{slug}",
  tags: ["recipes"],
  summary: "One recipe's stats, with its latest failures in the caller's projects",
  request: { params: z.object({ slug: z.string().min(1).max(200) }) },
  responses: {
    200: {
      description: "The recipe's stats",
      content: {
        "application/json": {
          schema: SlugStats.extend({
            recent_failures: z.array(RecentFailure),
            /** The same figures per recipe version, newest first (issue 18). */
            versions: z.array(RecipeStats.extend({ version: z.number().int() })),
          }),
        },
      },
    },
    404: errorResponses[404],
  },
});

const estimate = createRoute({
  method: "get",
  path: "/api/work/tickets/{id}/estimate",
  tags: ["work"],
  summary: "What the ticket's ETA is computed from: its place in the queue and its recipe's typical run",
  request: { params: IdParam },
  responses: {
    200: { description: "The estimate's basis", content: { "application/json": { schema: TicketEstimate } } },
    404: errorResponses[404],
  },
});

export function registerRecipeStatsRoutes(app: Api, deps: Pick<ApiDeps, "database" | "config">): void {
  const db = deps.database.db;
  let cached: { at: number; stats: Map<string, RecipeStats> } | null = null;
  let inFlight: Promise<Map<string, RecipeStats>> | null = null;

  /** All recipes' stats, read at most once per window however many requests ask at once. */
  async function allStats(): Promise<Map<string, RecipeStats>> {
    if (cached && Date.now() - cached.at < STATS_CACHE_MS) return cached.stats;
    inFlight ??= readRecentRuns(db)
      .then((runs) => {
        const stats = new Map([...runs].map(([slug, list]) => [slug, summarizeRuns(list)]));
        cached = { at: Date.now(), stats };
        return stats;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }
  const statsOf = async (slug: string): Promise<RecipeStats> => (await allStats()).get(slug) ?? summarizeRuns([]);

  app.openapi(listStats, async (c) => {
    const query = c.req.valid("query");
    const projectId = query.project_id === undefined ? undefined : requireUuid("project", query.project_id);
    if (projectId) await requireProjectRole(db, principalOf(c), projectId, "read");
    // The recipes the gallery would list: a project's own recipes are not other projects' business.
    const [stats, visible] = await Promise.all([allStats(), listActiveRecipes(db, undefined, projectId)]);
    const empty = summarizeRuns([]);
    return c.json({ items: visible.map((r) => ({ slug: r.slug, ...(stats.get(r.slug) ?? empty) })) }, 200);
  });

  app.openapi(oneStats, async (c) => {
    const { slug } = c.req.valid("param");
    const principal = principalOf(c);
    await requireVisibleRecipe(db, principal, slug);
    const [recent_failures, runs] = await Promise.all([readRecentFailures(db, slug, principal.user.id), readRecentRuns(db, slug)]);
    // Read fresh for one recipe (a recipe created seconds ago is not in the shared window yet).
    const own = runs.get(slug) ?? [];
    return c.json({ slug, ...summarizeRuns(own), recent_failures, versions: summarizeByVersion(own) }, 200);
  });

  app.openapi(estimate, async (c) => {
    const id = requireUuid("ticket", c.req.valid("param").id);
    await requireTicketRole(db, principalOf(c), id, "read");
    const ticket = await getTicketView(db, id);
    if (!ticket) throw new NotFoundError("ticket", id);
    const pending = ticket.status === "pending";
    const [stats, queue, position] = await Promise.all([
      statsOf(ticket.recipe_slug),
      pending ? readQueueState(db, id) : Promise.resolve({ position: null, pacePerMinute: null }),
      // In the order the claim takes tickets (fair by default: projects take turns, priority first; issue 19).
      pending ? readQueuePosition(db, id, deps.config.claimOrder) : Promise.resolve(null),
    ]);
    return c.json(
      {
        ticket_id: id,
        status: ticket.status,
        queue_position: position,
        pace_per_minute: queue.pacePerMinute,
        basis: { p50_ms: stats.p50_ms, p90_ms: stats.p90_ms, steps: stats.steps, runs: stats.runs, completed: stats.completed },
      },
      200,
    );
  });
}
