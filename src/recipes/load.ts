// Loads the built-in recipes from recipes/*.json and syncs them into work_recipes at start-up.
// A bad file stops start-up with one line naming the file and the field; nothing is half-loaded.
import { readdir, readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { basename, join, relative } from "node:path";
import type { Database } from "../db/client.js";
import { getRecipe } from "../db/repositories/recipes.js";
import {
  latestRecipeVersion,
  markSystemRecipe,
  sameDefinition,
  saveRecipeVersion,
  snapshotVersion,
} from "../db/repositories/recipe-versions.js";
import { checkParametersSchema, validateParameters } from "../domain/parameters.js";
import type { FieldError } from "../domain/errors.js";
import { RecipeDefinition, type Recipe } from "../domain/recipe.js";
import { PACKAGE_ROOT, RECIPES_DIR } from "../paths.js";

const RECIPE_SYNC_LOCK_KEY = 7_734_003; // arbitrary, constant: "worksmith recipe sync"

export class RecipeFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ""}${detail}`);
    this.name = "RecipeFileError";
  }
}

/** Parse every `*.json` in `dir` (sorted by name). Throws RecipeFileError on the first bad file. */
export async function loadRecipeFiles(dir: string = RECIPES_DIR): Promise<Recipe[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  const recipes: Recipe[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    const label = displayPath(path);
    const recipe = parseRecipeFile(label, await readFile(path, "utf8"));
    const earlier = seen.get(recipe.slug);
    if (earlier) throw new RecipeFileError(label, "slug", `"${recipe.slug}" is already used by ${earlier}`);
    seen.set(recipe.slug, label);
    recipes.push(recipe);
  }
  return recipes;
}

/** Parse one recipe file's text; `label` names the file in errors. */
export function parseRecipeFile(label: string, text: string): Recipe {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RecipeFileError(label, "", `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const checked = checkRecipeDefinition(json);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new RecipeFileError(label, first?.field ?? "", first?.message ?? "invalid recipe");
  }
  const recipe = checked.recipe;
  const fileStem = basename(label, ".json");
  if (fileStem !== recipe.slug) throw new RecipeFileError(label, "slug", `"${recipe.slug}" must match the file name "${fileStem}"`);
  return recipe;
}

export type RecipeCheck = { ok: true; recipe: Recipe } | { ok: false; errors: FieldError[] };

/**
 * Everything a recipe must satisfy, whether it comes from a file or from the recipe editor: the
 * definition's shape, required parameters that exist, a parameter schema Ajv compiles, and defaults
 * that satisfy their own property (or every request omitting the field would be refused). Fields are
 * named as dotted paths ("parameters.properties.topic.default").
 */
export function checkRecipeDefinition(json: unknown): RecipeCheck {
  const parsed = RecipeDefinition.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) };
  }
  const recipe = parsed.data;
  const missing = recipe.parameters.required.filter((name) => !(name in recipe.parameters.properties));
  if (missing.length > 0) {
    return {
      ok: false,
      errors: missing.map((name) => ({ field: "parameters.required", message: `"${name}" is required but not a property` })),
    };
  }
  const schemaError = checkParametersSchema(recipe.parameters);
  if (schemaError) return { ok: false, errors: [{ field: "parameters", message: `not a valid JSON Schema: ${schemaError}` }] };
  const defaults = validateParameters({ ...recipe.parameters, required: [] }, {});
  if (!defaults.ok) {
    return {
      ok: false,
      errors: defaults.errors.map((bad) => ({
        field: `parameters.properties.${bad.field.replace(/^parameters\//, "")}.default`,
        message: bad.message || "invalid default",
      })),
    };
  }
  return { ok: true, recipe };
}

/**
 * Load the recipe files and sync each into the database as a built-in (system) recipe: a file whose
 * definition differs from the latest stored version becomes a new version (tickets already submitted
 * keep theirs); an unchanged one writes nothing, and keeps an administrator's archive. Returns what
 * was loaded.
 */
export async function syncRecipes(database: Database, dir: string = RECIPES_DIR): Promise<Recipe[]> {
  const recipes = await loadRecipeFiles(dir);
  await database.db.transaction(async (tx) => {
    // Servers starting together on one PostgreSQL sync one at a time: each sees the others' versions.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${RECIPE_SYNC_LOCK_KEY})`);
    for (const recipe of recipes) {
      const latest = await latestRecipeVersion(tx, recipe.slug);
      const current = await getRecipe(tx, recipe.slug);
      if (latest && sameDefinition(latest, recipe)) {
        await markSystemRecipe(tx, recipe.slug);
      } else if (!latest && current && sameDefinition(current, recipe)) {
        await snapshotVersion(tx, current);
        await markSystemRecipe(tx, recipe.slug);
      } else {
        await saveRecipeVersion(tx, recipe, { system: true, projectId: null, createdBy: null, status: current?.status ?? recipe.status });
      }
    }
  });
  return recipes;
}

function displayPath(path: string): string {
  const rel = relative(PACKAGE_ROOT, path);
  return rel.startsWith("..") ? path : rel;
}
