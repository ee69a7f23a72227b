// Immutable recipe versions (work_recipe_versions, issue 18): every save is a new version, the row
// in work_recipes is the latest, and a ticket runs on the version it recorded at submit.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Recipe } from "../../domain/recipe.js";
import type { Executor } from "../client.js";
import { workRecipes, workRecipeVersions } from "../schema.js";
import { upsertRecipe } from "./recipes.js";

/** What a version stores: the definition without its lifecycle (status) and its key (version). */
export function versionDefinition(recipe: Recipe): Recipe {
  // A stored recipe also carries where it lives (system, project_id): not part of what it does.
  const { system: _system, project_id: _project, ...definition } = recipe as Recipe & { system?: unknown; project_id?: unknown };
  return { ...definition, status: "active", version: 1 };
}

/** Key order-independent JSON, to tell whether a definition really changed. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sameDefinition(a: Recipe, b: Recipe): boolean {
  return canonical(versionDefinition(a)) === canonical(versionDefinition(b));
}

export interface VersionSummary {
  version: number;
  created_by: string | null;
  created_at: string;
}

/**
 * Saves `recipe` as its next version (or the first) and makes it the current row, in the caller's
 * transaction. The version number comes from the table, never from the input: two saves of one recipe
 * at once cannot both write version N (the primary key refuses the second, which the caller retries).
 */
export async function saveRecipeVersion(
  db: Executor,
  recipe: Recipe,
  owner: { system: boolean; projectId: string | null; createdBy: string | null; status?: Recipe["status"] },
): Promise<number> {
  const [row] = await db
    .select({ latest: sql<number | null>`max(${workRecipeVersions.version})` })
    .from(workRecipeVersions)
    .where(eq(workRecipeVersions.slug, recipe.slug));
  const [current] = await db.select({ version: workRecipes.version }).from(workRecipes).where(eq(workRecipes.slug, recipe.slug));
  // A recipe stored before versions existed keeps counting from its own number.
  const latest = row?.latest == null ? null : Number(row.latest);
  const version = latest !== null ? latest + 1 : current ? current.version + 1 : Math.max(1, recipe.version);
  const status = owner.status ?? recipe.status;
  await upsertRecipe(db, { ...recipe, version, status }, { system: owner.system, projectId: owner.projectId, createdBy: owner.createdBy });
  await db.insert(workRecipeVersions).values({
    slug: recipe.slug,
    version,
    definition: versionDefinition(recipe),
    createdBy: owner.createdBy,
  });
  return version;
}

export async function getRecipeVersion(db: Executor, slug: string, version: number): Promise<Recipe | null> {
  const [row] = await db
    .select({ definition: workRecipeVersions.definition })
    .from(workRecipeVersions)
    .where(and(eq(workRecipeVersions.slug, slug), eq(workRecipeVersions.version, version)));
  return row ? { ...row.definition, version } : null;
}

export async function latestRecipeVersion(db: Executor, slug: string): Promise<Recipe | null> {
  const [row] = await db
    .select({ definition: workRecipeVersions.definition, version: workRecipeVersions.version })
    .from(workRecipeVersions)
    .where(eq(workRecipeVersions.slug, slug))
    .orderBy(desc(workRecipeVersions.version))
    .limit(1);
  return row ? { ...row.definition, version: row.version } : null;
}

export async function listRecipeVersions(db: Executor, slug: string): Promise<VersionSummary[]> {
  const rows = await db
    .select({ version: workRecipeVersions.version, createdBy: workRecipeVersions.createdBy, createdAt: workRecipeVersions.createdAt })
    .from(workRecipeVersions)
    .where(eq(workRecipeVersions.slug, slug))
    .orderBy(desc(workRecipeVersions.version));
  return rows.map((r) => ({ version: r.version, created_by: r.createdBy, created_at: new Date(r.createdAt).toISOString() }));
}

/** Archive or restore: the lifecycle lives on the current row; versions never change. */
export async function setRecipeStatus(db: Executor, slug: string, status: Recipe["status"]): Promise<boolean> {
  const rows = await db
    .update(workRecipes)
    .set({ status, updatedAt: new Date() })
    .where(eq(workRecipes.slug, slug))
    .returning({ slug: workRecipes.slug });
  return rows.length > 0;
}

/** Records the current row's definition as its version, for a recipe stored before versions existed. */
export async function snapshotVersion(db: Executor, recipe: Recipe): Promise<void> {
  await db
    .insert(workRecipeVersions)
    .values({ slug: recipe.slug, version: recipe.version, definition: versionDefinition(recipe), createdBy: null })
    .onConflictDoNothing();
}

export async function markSystemRecipe(db: Executor, slug: string): Promise<void> {
  await db.update(workRecipes).set({ system: true, projectId: null }).where(eq(workRecipes.slug, slug));
}
