// Reads and writes of work_recipes.
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { RecipeView } from "../../domain/contract.js";
import type { AgentType, OutputFormat, Recipe, RecipeStatus } from "../../domain/recipe.js";
import type { Executor } from "../client.js";
import { workRecipes, type RecipeRow } from "../schema.js";

// Ajv validators are compiled once per schema object (src/domain/parameters.ts). Every read of a
// recipe row builds new objects, so equal schemas are interned here: a recipe version's schema is
// compiled once per process, not on every submit that reads the row.
const internedSchemas = new Map<string, RecipeRow["configurableParameters"]>();
const MAX_INTERNED = 1_000;

function internSchema(schema: RecipeRow["configurableParameters"]): RecipeRow["configurableParameters"] {
  const key = JSON.stringify(schema);
  const known = internedSchemas.get(key);
  if (known) return known;
  if (internedSchemas.size >= MAX_INTERNED) internedSchemas.clear();
  internedSchemas.set(key, schema);
  return schema;
}

/** A recipe as stored: its definition, plus where it may be used and whether it is built in. */
export interface StoredRecipe extends Recipe {
  /** Null: every project may use it; else only this project. */
  project_id: string | null;
  /** Built in (synced from recipes/*.json): read-only through the API. */
  system: boolean;
}

/** Whether a ticket of `projectId` may use the recipe (a project's own recipes stay in that project). */
export function recipeAvailableIn(recipe: StoredRecipe, projectId: string): boolean {
  return recipe.project_id === null || recipe.project_id === projectId;
}

export function recipeFromRow(row: RecipeRow): StoredRecipe {
  return {
    project_id: row.projectId ?? null,
    system: row.system,
    slug: row.slug,
    name: row.name,
    description: row.description,
    icon: row.icon,
    agent_type: row.agentType as AgentType,
    output_format: row.outputFormat as OutputFormat,
    extra_formats: row.extraFormats as OutputFormat[],
    status: row.status,
    timeout_s: row.timeoutS,
    max_attempts: row.maxAttempts,
    version: row.version,
    provider: row.provider,
    instructions: row.instructions,
    model: row.model ?? null,
    max_steps: row.maxSteps ?? null,
    output_contract: row.outputContract,
    parameters: internSchema(row.configurableParameters),
  };
}

export function recipeView(recipe: StoredRecipe): RecipeView {
  return {
    system: recipe.system,
    project_id: recipe.project_id,
    slug: recipe.slug,
    name: recipe.name,
    description: recipe.description,
    icon: recipe.icon,
    agent_type: recipe.agent_type,
    output_format: recipe.output_format,
    extra_formats: recipe.extra_formats,
    status: recipe.status,
    timeout_s: recipe.timeout_s,
    max_attempts: recipe.max_attempts,
    version: recipe.version,
    configurable_parameters: recipe.parameters,
  };
}

/** Writes the recipe's current row (work_recipes). Versions are saved by saveRecipeVersion (recipe-versions.ts). */
export async function upsertRecipe(
  db: Executor,
  r: Recipe,
  owner: { system?: boolean; projectId?: string | null; createdBy?: string | null } = {},
): Promise<void> {
  const values = {
    ...(owner.system === undefined ? {} : { system: owner.system }),
    ...(owner.projectId === undefined ? {} : { projectId: owner.projectId }),
    ...(owner.createdBy === undefined ? {} : { createdBy: owner.createdBy }),
    slug: r.slug,
    name: r.name,
    description: r.description,
    icon: r.icon,
    agentType: r.agent_type,
    outputFormat: r.output_format,
    extraFormats: r.extra_formats,
    configurableParameters: r.parameters,
    status: r.status,
    timeoutS: r.timeout_s,
    maxAttempts: r.max_attempts,
    version: r.version,
    provider: r.provider,
    instructions: r.instructions,
    model: r.model,
    maxSteps: r.max_steps,
    outputContract: r.output_contract,
    updatedAt: new Date(),
  };
  await db.insert(workRecipes).values(values).onConflictDoUpdate({ target: workRecipes.slug, set: values });
}

export async function getRecipe(db: Executor, slug: string): Promise<StoredRecipe | null> {
  const [row] = await db.select().from(workRecipes).where(eq(workRecipes.slug, slug));
  return row ? recipeFromRow(row) : null;
}

/** Active (or archived) recipes every project may use, plus those of `projectId` when given (the caller's access is checked by the route). */
export async function listActiveRecipes(
  db: Executor,
  agentType?: AgentType,
  projectId?: string,
  status: RecipeStatus = "active",
): Promise<StoredRecipe[]> {
  const scope = projectId ? or(isNull(workRecipes.projectId), eq(workRecipes.projectId, projectId)) : isNull(workRecipes.projectId);
  const rows = await db
    .select()
    .from(workRecipes)
    .where(and(eq(workRecipes.status, status), scope, agentType ? eq(workRecipes.agentType, agentType) : undefined))
    .orderBy(asc(workRecipes.agentType), asc(workRecipes.name));
  return rows.map(recipeFromRow);
}
