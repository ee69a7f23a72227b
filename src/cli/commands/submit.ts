// `worksmith submit --project P --recipe R --param k=v … [--follow] [--json]`: reads the recipe to
// coerce the parameters by its JSON Schema and to pick the agent type's execute route, then submits.
import type { Command } from "commander";
import { ExecuteAccepted, RecipeView } from "../../domain/contract.js";
import { LLM_PROVIDER_NAMES, type RecipeModel } from "../../domain/recipe.js";
import { CliError, EXIT } from "../client/errors.js";
import { coerceParameters } from "../client/params.js";
import { resolveProject } from "../client/projects.js";
import { followToEnd } from "./follow.js";
import { clientCommand, clientFor, collect, run, terminal, type ConnectionFlags } from "./shared.js";

interface SubmitFlags extends ConnectionFlags {
  project: string;
  recipe: string;
  param: string[];
  follow?: boolean;
  json?: boolean;
  idempotencyKey?: string;
  model?: string;
  priority?: string;
}

/** `--model gpt-4o-mini` or `--model openai:gpt-4o-mini` (provider first, as in the recipe's `model`). */
export function parseModelFlag(value: string): RecipeModel {
  const at = value.indexOf(":");
  const provider = at > 0 ? value.slice(0, at).trim() : null;
  const name = (at > 0 ? value.slice(at + 1) : value).trim();
  if (name === "") throw new CliError("--model needs a model name, e.g. --model openai:gpt-4o-mini", EXIT.input);
  if (provider === null) return { name };
  const known = LLM_PROVIDER_NAMES.find((p) => p === provider);
  if (!known)
    throw new CliError(`unknown provider ${JSON.stringify(provider)} in --model: one of ${LLM_PROVIDER_NAMES.join(", ")}`, EXIT.input);
  return { provider: known, name };
}

export function registerSubmitCommand(program: Command, version: string): void {
  clientCommand(program.command("submit"))
    .description("Submit work: a recipe with parameters for a project; prints the ticket (or follows it with --follow)")
    .requiredOption("-p, --project <project>", "project id or name")
    .requiredOption("-r, --recipe <slug>", "recipe slug (see: worksmith recipes)")
    .option("--param <key=value>", "a recipe parameter; repeat for several; lists as a,b,c or by repeating the key", collect, [])
    .option("-f, --follow", "follow the ticket live until it ends; the exit code tells how it ended")
    .option("--idempotency-key <key>", "submitting again with the same key returns the first ticket")
    .option("-m, --model <[provider:]name>", "run on this model (LLM recipes), e.g. openai:gpt-4o-mini")
    .option("--priority <low|normal|high>", "its place in the project's queue: high before normal before low (the server checks the word)")
    .option("--json", "print JSON (with --follow: the accepted ticket, then one event per line)")
    .action(
      run(async (flags: SubmitFlags) => {
        const client = clientFor(flags, version);
        const t = terminal();
        const recipe = await client.request("GET", `/api/recipes/${encodeURIComponent(flags.recipe)}`, RecipeView);
        const parameters = coerceParameters(recipe.configurable_parameters, flags.param);
        const model = flags.model !== undefined ? parseModelFlag(flags.model) : undefined;
        const project = await resolveProject(client, flags.project);
        const accepted = await client.request("POST", `/api/work/${recipe.agent_type}/execute`, ExecuteAccepted, {
          json: {
            project_id: project.id,
            recipe_slug: recipe.slug,
            parameters,
            ...(model ? { model } : {}),
            ...(flags.priority ? { priority: flags.priority } : {}),
          },
          headers: flags.idempotencyKey ? { "idempotency-key": flags.idempotencyKey } : {},
        });
        if (flags.json) t.out(`${JSON.stringify(accepted)}\n`);
        else if (!flags.follow) {
          t.out(`submitted ticket ${accepted.work_ticket_id} (${accepted.status})\n`);
          t.out(`  follow:  worksmith follow ${accepted.work_ticket_id}\n  web:     ${client.url(accepted.links.track)}\n`);
        }
        if (!flags.follow) return;
        return followToEnd(client, accepted.work_ticket_id, t, flags.json === true);
      }),
    );
}
