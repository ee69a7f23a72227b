// Running one claimed ticket's agent: the recipe, the ports bound to the run's lease, the
// ticket's timeout (a real timer), and a bounded wait after an abort — an agent that ignores its
// signal must not keep the ticket (or shutdown) hostage.
import type { Database } from "../db/client.js";
import { getRecipeVersion } from "../db/repositories/recipe-versions.js";
import { getRecipe } from "../db/repositories/recipes.js";
import type { TicketRow } from "../db/schema.js";
import { AgentError, type AbortReason, type AgentRunner, type RunnableTicket } from "../domain/agent-runner.js";
import type { Recipe } from "../domain/recipe.js";
import type { Lease } from "./lease.js";
import { createTicketPorts } from "./ports.js";
import type { WorkerLogger } from "./worker-types.js";

/** One run: a ticket under one lease, with the controller its agent's signal comes from. */
export interface Run {
  readonly ticket: TicketRow;
  readonly lease: Lease;
  readonly controller: AbortController;
}

export interface AgentCallerOptions {
  database: Database;
  runner: AgentRunner;
  abortGraceMs: number;
  log: WorkerLogger;
}

const RECIPE_TTL_MS = 10_000;

/** Returns a function that runs a Run's agent to its end; it resolves with what the agent threw, or null. */
export function createAgentCaller(o: AgentCallerOptions): (run: Run) => Promise<unknown> {
  const recipes = new Map<string, { at: number; recipe: Promise<Recipe | null>; immutable: boolean }>();

  /**
   * The recipe a ticket runs on: the version it recorded at submit (immutable, so cached for good),
   * or — for a ticket from before versions, or a recipe stored without them — the current one.
   */
  function recipeFor(slug: string, version: number | undefined): Promise<Recipe | null> {
    const key = version === undefined ? slug : `${slug}@${version}`;
    const cached = recipes.get(key);
    const now = Date.now();
    if (cached && (cached.immutable || now - cached.at < RECIPE_TTL_MS)) return cached.recipe;
    const entry = { at: now, recipe: Promise.resolve<Recipe | null>(null), immutable: false };
    entry.recipe = (async () => {
      const pinned = version === undefined ? null : await getRecipeVersion(o.database.db, slug, version);
      entry.immutable = pinned !== null;
      return pinned ?? getRecipe(o.database.db, slug);
    })();
    recipes.set(key, entry);
    entry.recipe.catch(() => recipes.delete(key));
    return entry.recipe;
  }

  async function callAgent(run: Run): Promise<void> {
    const { ticket, lease, controller } = run;
    if (controller.signal.aborted) return; // cancelled before it started: do not start the agent
    const recipe = await recipeFor(ticket.recipeSlug, ticket.metadata.recipe_version);
    if (!recipe) throw new AgentError(`recipe ${ticket.recipeSlug} no longer exists`);
    const runnable: RunnableTicket = {
      id: ticket.id,
      projectId: ticket.projectId,
      requestId: ticket.requestId,
      attempt: lease.attempt,
      recipeSlug: ticket.recipeSlug,
      agentType: recipe.agent_type,
    };
    const agent = o.runner.run({
      ticket: runnable,
      recipe,
      parameters: ticket.metadata.recipe_parameters,
      model: ticket.metadata.model ?? null,
      signal: controller.signal,
      ports: createTicketPorts({ database: o.database, ticket, lease }),
    });
    void agent.catch(() => undefined); // if abandoned below, a late rejection is expected and ignored
    let graceTimer: NodeJS.Timeout | undefined;
    const abandoned = new Promise<void>((resolve) => {
      const onAbort = () => {
        graceTimer = setTimeout(() => {
          o.log.warn(
            { ticketId: ticket.id, reason: String(controller.signal.reason) },
            `agent ignored its abort for ${o.abortGraceMs} ms; abandoning it`,
          );
          resolve();
        }, o.abortGraceMs);
      };
      if (controller.signal.aborted) onAbort();
      else controller.signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      await Promise.race([agent, abandoned]);
    } finally {
      clearTimeout(graceTimer);
    }
  }

  return async (run) => {
    const timer = setTimeout(() => run.controller.abort("timeout" satisfies AbortReason), run.ticket.timeoutS * 1000);
    try {
      await callAgent(run);
      return null;
    } catch (err) {
      return err ?? new Error("agent threw without an error");
    } finally {
      clearTimeout(timer);
    }
  };
}
