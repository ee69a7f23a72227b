// `worksmith recipes [slug]`: the active recipes with how they usually go (runs, success rate,
// typical duration), or one recipe's parameters (what --param takes) and its stats.
import type { Command } from "commander";
import { z } from "zod";
import { RecipeView } from "../../domain/contract.js";
import { formatApproxDuration } from "../../domain/eta.js";
import { RecipeStats } from "../../domain/recipe-stats.js";
import { describeParameters } from "../client/params.js";
import { formatTable } from "../client/table.js";
import { clientCommand, clientFor, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

const RecipeList = z.object({ items: z.array(RecipeView) });
const StatsList = z.object({ items: z.array(RecipeStats.extend({ slug: z.string() })) });
const OneStats = RecipeStats.extend({
  recent_failures: z.array(z.object({ ticket_id: z.string(), finished_at: z.string(), error: z.string() })),
});

/** "12 runs · 92% succeed · usually ~40 s (9 in 10 within ~1 min)" — or that there is no history. */
export function describeStats(s: RecipeStats): string {
  if (s.runs === 0) return "no runs yet";
  const parts = [`${s.runs} ${s.runs === 1 ? "run" : "runs"}`];
  if (s.success_rate !== null) parts.push(`${Math.round(s.success_rate * 100)}% succeed`);
  if (s.p50_ms === null) parts.push("no typical time yet");
  else
    parts.push(
      `usually ${formatApproxDuration(s.p50_ms)}${s.p90_ms === null ? "" : ` (9 in 10 within ${formatApproxDuration(s.p90_ms)})`}`,
    );
  return parts.join(" · ");
}

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
          const stats = await client.request("GET", `/api/recipe-stats/${encodeURIComponent(slug)}`, OneStats);
          t.out(`\nHistory: ${describeStats(stats)}\n`);
          for (const f of stats.recent_failures)
            t.out(`  failed ${f.finished_at.slice(0, 16).replace("T", " ")}  ${f.ticket_id}  ${f.error.split("\n")[0]!.slice(0, 100)}\n`);
          return;
        }
        const list = await client.request("GET", "/api/recipes", RecipeList, { query: { agent_type: flags.agentType } });
        if (flags.json) return printJson(t, list);
        const stats = new Map((await client.request("GET", "/api/recipe-stats", StatsList)).items.map((s) => [s.slug, s]));
        const success = (s: RecipeStats | undefined) => (s?.success_rate == null ? "–" : `${Math.round(s.success_rate * 100)}%`);
        const typical = (s: RecipeStats | undefined) => (s?.p50_ms == null ? "–" : formatApproxDuration(s.p50_ms));
        t.out(
          formatTable(
            ["SLUG", "AGENT", "FORMAT", "RUNS", "SUCCESS", "TYPICAL", "NAME"],
            list.items.map((r) => {
              const s = stats.get(r.slug);
              return [
                r.slug,
                r.agent_type,
                [r.output_format, ...r.extra_formats].join("+"),
                String(s?.runs ?? 0),
                success(s),
                typical(s),
                r.name,
              ];
            }),
          ),
        );
      }),
    );
}
