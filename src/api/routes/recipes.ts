import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { listActiveRecipes, recipeView } from "../../db/repositories/recipes.js";
import { RecipeView } from "../../domain/contract.js";
import { NotFoundError } from "../../domain/errors.js";
import { AgentType } from "../../domain/recipe.js";
import { requireProjectRole, requireVisibleRecipe } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, type Api } from "../openapi.js";

const list = createRoute({
  method: "get",
  path: "/api/recipes",
  tags: ["recipes"],
  summary: "Active recipes with their parameter schema (with project_id: that project's own recipes too)",
  request: {
    query: z.object({
      agent_type: AgentType.optional(),
      project_id: z.string().max(200).optional(),
      /** `archived` lists the recipes taken out of the gallery (to restore one). */
      status: z.enum(["active", "archived"]).optional(),
    }),
  },
  responses: {
    200: { description: "Recipes", content: { "application/json": { schema: z.object({ items: z.array(RecipeView) }) } } },
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

const get = createRoute({
  method: "get",
  path: "/api/recipes/{slug}",
  tags: ["recipes"],
  summary: "One active recipe",
  request: { params: z.object({ slug: z.string().min(1).max(200) }) },
  responses: { 200: { description: "The recipe", content: { "application/json": { schema: RecipeView } } }, 404: errorResponses[404] },
});

export function registerRecipeRoutes(app: Api, deps: Pick<ApiDeps, "database">): void {
  const db = deps.database.db;
  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const projectId = query.project_id === undefined ? undefined : requireUuid("project", query.project_id);
    if (projectId) await requireProjectRole(db, principalOf(c), projectId, "read");
    return c.json({ items: (await listActiveRecipes(db, query.agent_type, projectId, query.status)).map(recipeView) }, 200);
  });
  app.openapi(get, async (c) => {
    const { slug } = c.req.valid("param");
    const recipe = await requireVisibleRecipe(db, principalOf(c), slug);
    if (recipe.status !== "active") throw new NotFoundError("recipe", slug);
    return c.json(recipeView(recipe), 200);
  });
}
