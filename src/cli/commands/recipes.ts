// `worksmith recipes [slug]`: the active recipes, or one recipe's parameters (what --param takes).
import type { Command } from "commander";
import { z } from "zod";
import { RecipeView } from "../../domain/contract.js";
import { describeParameters } from "../client/params.js";
import { formatTable } from "../client/table.js";
import { clientCommand, clientFor, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

const RecipeList = z.object({ items: z.array(RecipeView) });

export function registerRecipeCommands(program: Command, version: string): void {
  clientCommand(program.command("recipes [slug]"))
    .description("List active recipes, or show one recipe's parameters")
    .option("--agent-type <type>", "only recipes of this agent type (reporting, research, content)")
    .option("--json", "print JSON")
    .action(
      run(async (slug: string | undefined, flags: ConnectionFlags & { agentType?: string; json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
        if (slug) {
          const recipe = await client.request("GET", `/api/recipes/${encodeURIComponent(slug)}`, RecipeView);
          if (flags.json) return printJson(t, recipe);
          t.out(
            `${recipe.icon} ${recipe.name} (${recipe.slug}) — ${recipe.agent_type} → ${[recipe.output_format, ...recipe.extra_formats].join(" + ")}\n`,
          );
          t.out(`${recipe.description}\n\nParameters (--param name=value; lists: a,b or repeat the flag):\n`);
          for (const line of describeParameters(recipe.configurable_parameters)) t.out(`  ${line}\n`);
          return;
        }
        const list = await client.request("GET", "/api/recipes", RecipeList, { query: { agent_type: flags.agentType } });
        if (flags.json) return printJson(t, list);
        t.out(
          formatTable(
            ["SLUG", "AGENT", "FORMAT", "NAME"],
            list.items.map((r) => [r.slug, r.agent_type, [r.output_format, ...r.extra_formats].join("+"), r.name]),
          ),
        );
      }),
    );
}
