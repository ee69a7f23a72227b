// Rows the engine tests stand on: a project and a small recipe (no files from recipes/ needed).
import { eq } from "drizzle-orm";
import type { Database } from "../../src/db/client.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { upsertRecipe } from "../../src/db/repositories/recipes.js";
import { ticketEvents } from "../../src/db/schema.js";
import type { Recipe } from "../../src/domain/recipe.js";

export function testRecipe(overrides: Partial<Recipe> = {}): Recipe {
  return {
    slug: "test-report",
    name: "Test report",
    description: "A recipe for engine tests",
    icon: "file",
    agent_type: "reporting",
    output_format: "markdown",
    extra_formats: [],
    status: "active",
    timeout_s: 300,
    max_attempts: 3,
    version: 1,
    provider: null,
    instructions: "",
    model: null,
    max_steps: null,
    output_contract: { sections: [] },
    parameters: { type: "object", required: [], properties: { topic: { type: "string", title: "Topic" } } },
    ...overrides,
  };
}

export async function seedEngine(database: Database, recipes: Partial<Recipe>[] = [{}]): Promise<{ projectId: string }> {
  for (const r of recipes) await upsertRecipe(database.db, testRecipe(r));
  const project = await createProject(database.db, { name: "Engine tests", description: "" });
  return { projectId: project.id };
}

export async function eventsOf(database: Database, ticketId: string) {
  return database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.id);
}

export async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
