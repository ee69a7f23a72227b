// Writing recipes (issue 18): create, save a new version, archive and restore, list versions, export.
// Administrators write recipes for every project; a project's owners write recipes for their project
// (`project_id`). Built-in recipes (from recipes/*.json) are read-only: copy one under a new slug.
// Every save is a new immutable version (src/db/repositories/recipe-versions.ts); tickets keep theirs.
import { createRoute } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Principal } from "../../auth/accounts.js";
import type { Executor } from "../../db/client.js";
import {
  getRecipeVersion,
  listRecipeVersions,
  sameDefinition,
  saveRecipeVersion,
  setRecipeStatus,
} from "../../db/repositories/recipe-versions.js";
import { getRecipe, recipeView } from "../../db/repositories/recipes.js";
import { workRecipes } from "../../db/schema.js";
import { RecipeView } from "../../domain/contract.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors.js";
import { checkRecipeDefinition } from "../../recipes/load.js";
import { requireProjectRole, requireVisibleRecipe } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, problemContent, type Api } from "../openapi.js";

const SlugParam = z.object({ slug: z.string().min(1).max(200) });
const VersionParam = SlugParam.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });

const RecipeBody = z
  .object({ project_id: z.string().nullable().optional() })
  .passthrough()
  .describe(
    "A recipe definition (the same JSON as a file in recipes/, see `GET /api/recipes/{slug}/export`), plus `project_id` to scope it to one project",
  );

const VersionList = z.object({
  items: z.array(z.object({ version: z.number().int(), created_by: z.string().nullable(), created_at: z.string() })),
});
const Definition = z.record(z.string(), z.unknown()).describe("The recipe definition, importable as it is");

const json = (schema: z.ZodTypeAny, description: string) => ({ description, content: { "application/json": { schema } } });

const create = createRoute({
  method: "post",
  path: "/api/recipes",
  tags: ["recipes"],
  summary: "Create a recipe (administrators; a project's owners with project_id)",
  request: { body: { content: { "application/json": { schema: RecipeBody } }, required: true } },
  responses: {
    201: json(RecipeView, "The recipe, at version 1"),
    403: errorResponses[403],
    404: errorResponses[404],
    409: { description: "The slug is taken", content: problemContent },
    422: errorResponses[422],
  },
});

const update = createRoute({
  method: "put",
  path: "/api/recipes/{slug}",
  tags: ["recipes"],
  summary: "Save a new version of a recipe (running and finished tickets keep theirs)",
  request: { params: SlugParam, body: { content: { "application/json": { schema: RecipeBody } }, required: true } },
  responses: {
    200: json(RecipeView, "The recipe at its new version (unchanged when the definition is)"),
    403: errorResponses[403],
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

const lifecycle = (action: "archive" | "restore") =>
  createRoute({
    method: "post",
    path: `/api/recipes/{slug}/${action}`,
    tags: ["recipes"],
    summary: action === "archive" ? "Archive a recipe: gone from the gallery, its tickets keep running" : "Restore an archived recipe",
    request: { params: SlugParam },
    responses: { 200: json(RecipeView, "The recipe"), 403: errorResponses[403], 404: errorResponses[404] },
  });

const versions = createRoute({
  method: "get",
  path: "/api/recipes/{slug}/versions",
  tags: ["recipes"],
  summary: "A recipe's saved versions, newest first",
  request: { params: SlugParam },
  responses: { 200: json(VersionList, "Versions"), 404: errorResponses[404] },
});

const oneVersion = createRoute({
  method: "get",
  path: "/api/recipes/{slug}/versions/{version}",
  tags: ["recipes"],
  summary: "One version's definition (what tickets of that version ran on)",
  request: { params: VersionParam },
  responses: { 200: json(Definition, "The definition"), 404: errorResponses[404] },
});

const exportRecipe = createRoute({
  method: "get",
  path: "/api/recipes/{slug}/export",
  tags: ["recipes"],
  summary: "The recipe's current definition as importable JSON (archived ones too, for their editors)",
  request: { params: SlugParam },
  responses: { 200: json(Definition, "The definition"), 404: errorResponses[404] },
});

/** Who may write a recipe of this scope: administrators any; a project's owners their project's. */
async function requireEditor(db: Executor, principal: Principal, projectId: string | null): Promise<void> {
  if (principal.user.isAdmin) return;
  if (projectId === null) {
    throw new ForbiddenError(
      "Only administrators write recipes for every project; a project's owners can write one for their project (set project_id).",
    );
  }
  await requireProjectRole(db, principal, projectId, "manage");
}

function checkedDefinition(body: Record<string, unknown>, slug?: string) {
  const { project_id: _scope, ...definition } = body;
  const checked = checkRecipeDefinition(slug === undefined ? definition : { ...definition, slug: definition.slug ?? slug });
  if (!checked.ok) throw new ValidationError("The recipe is not valid.", checked.errors);
  if (slug !== undefined && checked.recipe.slug !== slug) {
    throw new ValidationError("The recipe is not valid.", [
      { field: "slug", message: `must stay "${slug}" (save under a new slug to copy it)` },
    ]);
  }
  return checked.recipe;
}

export function registerRecipeAuthoringRoutes(app: Api, deps: Pick<ApiDeps, "database">): void {
  const { database } = deps;
  const db = database.db;

  app.openapi(create, async (c) => {
    const body = c.req.valid("json") as Record<string, unknown>;
    const principal = principalOf(c);
    const projectId = typeof body.project_id === "string" ? requireUuid("project", body.project_id) : null;
    await requireEditor(db, principal, projectId);
    const recipe = checkedDefinition(body);
    const saved = await db.transaction(async (tx) => {
      if (await getRecipe(tx, recipe.slug)) throw new ConflictError(`A recipe with the slug "${recipe.slug}" exists; choose another slug.`);
      await saveRecipeVersion(tx, { ...recipe, version: 1 }, { system: false, projectId, createdBy: principal.user.id });
      return getRecipe(tx, recipe.slug);
    });
    c.header("Location", `/api/recipes/${recipe.slug}`);
    return c.json(recipeView(saved!), 201);
  });

  app.openapi(update, async (c) => {
    const { slug } = c.req.valid("param");
    const principal = principalOf(c);
    const existing = await requireVisibleRecipe(db, principal, slug);
    if (existing.system) throw new ForbiddenError("Built-in recipes are read-only; save a copy under a new slug to change it.");
    await requireEditor(db, principal, existing.project_id);
    const recipe = checkedDefinition(c.req.valid("json"), slug);
    const saved = await db.transaction(async (tx) => {
      // One save at a time per recipe: the version number is taken under the row's lock.
      await tx.execute(sql`SELECT 1 FROM ${workRecipes} WHERE ${eq(workRecipes.slug, slug)} FOR UPDATE`);
      const current = await getRecipe(tx, slug);
      if (!current) throw new NotFoundError("recipe", slug);
      if (sameDefinition(current, recipe)) return current;
      await saveRecipeVersion(tx, recipe, {
        system: false,
        projectId: current.project_id,
        createdBy: principal.user.id,
        status: current.status,
      });
      return getRecipe(tx, slug);
    });
    return c.json(recipeView(saved!), 200);
  });

  for (const action of ["archive", "restore"] as const) {
    app.openapi(lifecycle(action), async (c) => {
      const { slug } = c.req.valid("param");
      const principal = principalOf(c);
      const existing = await requireVisibleRecipe(db, principal, slug);
      await requireEditor(db, principal, existing.project_id);
      await setRecipeStatus(db, slug, action === "archive" ? "archived" : "active");
      return c.json(recipeView((await getRecipe(db, slug))!), 200);
    });
  }

  app.openapi(versions, async (c) => {
    const { slug } = c.req.valid("param");
    await requireVisibleRecipe(db, principalOf(c), slug);
    return c.json({ items: await listRecipeVersions(db, slug) }, 200);
  });

  app.openapi(oneVersion, async (c) => {
    const { slug, version } = c.req.valid("param");
    await requireVisibleRecipe(db, principalOf(c), slug);
    const definition = await getRecipeVersion(db, slug, version);
    if (!definition) throw new NotFoundError("recipe version", `${slug}@${version}`);
    return c.json(definition as Record<string, unknown>, 200);
  });

  app.openapi(exportRecipe, async (c) => {
    const { slug } = c.req.valid("param");
    const recipe = await requireVisibleRecipe(db, principalOf(c), slug);
    const { system: _system, project_id: _project, ...definition } = recipe;
    return c.json(definition as Record<string, unknown>, 200);
  });
}
