// Reads and writes of work_recipes.
import { and, asc, eq } from "drizzle-orm";
import type { RecipeView } from "../../domain/contract.js";
import type { AgentType, OutputFormat, Recipe } from "../../domain/recipe.js";
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

export function recipeFromRow(row: RecipeRow): Recipe {
  return {
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

export function recipeView(recipe: Recipe): RecipeView {
  return {
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

export async function upsertRecipe(db: Executor, r: Recipe): Promise<void> {
  const values = {
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

export async function getRecipe(db: Executor, slug: string): Promise<Recipe | null> {
  const [row] = await db.select().from(workRecipes).where(eq(workRecipes.slug, slug));
  return row ? recipeFromRow(row) : null;
}

export async function listActiveRecipes(db: Executor, agentType?: AgentType): Promise<Recipe[]> {
  const rows = await db
    .select()
    .from(workRecipes)
    .where(and(eq(workRecipes.status, "active"), agentType ? eq(workRecipes.agentType, agentType) : undefined))
    .orderBy(asc(workRecipes.agentType), asc(workRecipes.name));
  return rows.map(recipeFromRow);
}
