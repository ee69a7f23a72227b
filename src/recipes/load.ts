// Loads the built-in recipes from recipes/*.json and syncs them into work_recipes at start-up.
// A bad file stops start-up with one line naming the file and the field; nothing is half-loaded.
import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import type { Database } from "../db/client.js";
import { upsertRecipe } from "../db/repositories/recipes.js";
import { checkParametersSchema, validateParameters } from "../domain/parameters.js";
import { RecipeDefinition, type Recipe } from "../domain/recipe.js";
import { PACKAGE_ROOT, RECIPES_DIR } from "../paths.js";

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
  const parsed = RecipeDefinition.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RecipeFileError(label, issue ? issue.path.join(".") : "", issue?.message ?? "invalid recipe");
  }
  const recipe = parsed.data;
  for (const name of recipe.parameters.required) {
    if (!(name in recipe.parameters.properties)) {
      throw new RecipeFileError(label, "parameters.required", `"${name}" is required but not a property`);
    }
  }
  const schemaError = checkParametersSchema(recipe.parameters);
  if (schemaError) throw new RecipeFileError(label, "parameters", `not a valid JSON Schema: ${schemaError}`);
  // Defaults must satisfy their own property, or every request that omits the field would be refused.
  const defaults = validateParameters({ ...recipe.parameters, required: [] }, {});
  if (!defaults.ok) {
    const bad = defaults.errors[0];
    const field = bad ? bad.field.replace(/^parameters\//, "") : "";
    throw new RecipeFileError(label, `parameters.properties.${field}.default`, bad?.message ?? "invalid default");
  }
  const fileStem = basename(label, ".json");
  if (fileStem !== recipe.slug) throw new RecipeFileError(label, "slug", `"${recipe.slug}" must match the file name "${fileStem}"`);
  return recipe;
}

/** Load the recipe files and upsert each into work_recipes. Returns what was loaded. */
export async function syncRecipes(database: Database, dir: string = RECIPES_DIR): Promise<Recipe[]> {
  const recipes = await loadRecipeFiles(dir);
  for (const recipe of recipes) await upsertRecipe(database.db, recipe);
  return recipes;
}

function displayPath(path: string): string {
  const rel = relative(PACKAGE_ROOT, path);
  return rel.startsWith("..") ? path : rel;
}
