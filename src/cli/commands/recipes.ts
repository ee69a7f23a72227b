// `worksmith recipes [slug]`: the active recipes with how they usually go (runs, success rate,
// typical duration), or one recipe's parameters (what --param takes) and its stats.
import type { Command } from "commander";
import { z } from "zod";
import { RecipeView } from "../../domain/contract.js";
import { formatApproxDuration } from "../../domain/eta.js";
import { RecipeStats } from "../../domain/recipe-stats.js";
import { describeParameters } from "../client/params.js";
import { readFile } from "node:fs/promises";
import { CliError, EXIT } from "../client/errors.js";
import { formatAge, formatTable } from "../client/table.js";
import { clientCommand, clientFor, inputErrorsExit2, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

const RecipeList = z.object({ items: z.array(RecipeView) });
const VersionList = z.object({
  items: z.array(z.object({ version: z.number(), created_by: z.string().nullable(), created_at: z.string() })),
});
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
  const recipes = inputErrorsExit2(program.command("recipes").description("List, show, write and version recipes"));

  clientCommand(recipes.command("list [slug]", { isDefault: true }))
    .description("List active recipes, or show one recipe's parameters and history")
    .option("--agent-type <type>", "only recipes of this agent type (reporting, research, content)")
    .option("--project <id>", "also the recipes of this project")
    .option("--json", "print JSON")
    .action(
      run(async (slug: string | undefined, flags: ConnectionFlags & { agentType?: string; project?: string; json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
        if (slug) {
          const recipe = await client.request("GET", `/api/recipes/${encodeURIComponent(slug)}`, RecipeView);
          if (flags.json) return printJson(t, recipe);
          t.out(
            `${recipe.icon} ${recipe.name} (${recipe.slug}, v${recipe.version}${recipe.system ? ", built in" : ""}) — ${recipe.agent_type} → ${[recipe.output_format, ...recipe.extra_formats].join(" + ")}\n`,
          );
          t.out(`${recipe.description}\n\nParameters (--param name=value; lists: a,b or repeat the flag):\n`);
          for (const line of describeParameters(recipe.configurable_parameters)) t.out(`  ${line}\n`);
          const stats = await client.request("GET", `/api/recipe-stats/${encodeURIComponent(slug)}`, OneStats);
          t.out(`\nHistory: ${describeStats(stats)}\n`);
          for (const f of stats.recent_failures)
            t.out(`  failed ${f.finished_at.slice(0, 16).replace("T", " ")}  ${f.ticket_id}  ${f.error.split("\n")[0]!.slice(0, 100)}\n`);
          return;
        }
        const list = await client.request("GET", "/api/recipes", RecipeList, {
          query: { agent_type: flags.agentType, project_id: flags.project },
        });
        if (flags.json) return printJson(t, list);
        const stats = new Map(
          (await client.request("GET", "/api/recipe-stats", StatsList, { query: { project_id: flags.project } })).items.map((s) => [
            s.slug,
            s,
          ]),
        );
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

  clientCommand(recipes.command("create"))
    .description("Create a recipe from a JSON file (administrators; a project's owners with --project)")
    .requiredOption("-f, --file <path>", "the recipe as JSON (what `recipes export` prints)")
    .option("--project <id>", "only for this project")
    .option("--json", "print JSON")
    .action(
      run(async (flags: ConnectionFlags & { file: string; project?: string; json?: boolean }) => {
        const t = terminal();
        const body = { ...(await readRecipeFile(flags.file)), ...(flags.project ? { project_id: flags.project } : {}) };
        const recipe = await clientFor(flags, version).request("POST", "/api/recipes", RecipeView, { json: body });
        if (flags.json) return printJson(t, recipe);
        t.out(`created recipe ${recipe.slug} v${recipe.version}\n`);
      }),
    );

  clientCommand(recipes.command("update <slug>"))
    .description("Save a JSON file as the recipe's next version (tickets already submitted keep theirs)")
    .requiredOption("-f, --file <path>", "the recipe as JSON")
    .option("--json", "print JSON")
    .action(
      run(async (slug: string, flags: ConnectionFlags & { file: string; json?: boolean }) => {
        const t = terminal();
        const recipe = await clientFor(flags, version).request("PUT", `/api/recipes/${encodeURIComponent(slug)}`, RecipeView, {
          json: await readRecipeFile(flags.file),
        });
        if (flags.json) return printJson(t, recipe);
        t.out(`saved recipe ${recipe.slug} v${recipe.version}\n`);
      }),
    );

  clientCommand(recipes.command("export <slug>"))
    .description("Print a recipe's definition as JSON (--at N: an earlier version)")
    .option("--at <version>", "an earlier version")
    .action(
      run(async (slug: string, flags: ConnectionFlags & { at?: string }) => {
        const path = flags.at
          ? `/api/recipes/${encodeURIComponent(slug)}/versions/${encodeURIComponent(flags.at)}`
          : `/api/recipes/${encodeURIComponent(slug)}/export`;
        printJson(terminal(), await clientFor(flags, version).request("GET", path, z.record(z.string(), z.unknown())));
      }),
    );

  clientCommand(recipes.command("versions <slug>"))
    .description("A recipe's saved versions, newest first")
    .option("--json", "print JSON")
    .action(
      run(async (slug: string, flags: ConnectionFlags & { json?: boolean }) => {
        const t = terminal();
        const list = await clientFor(flags, version).request("GET", `/api/recipes/${encodeURIComponent(slug)}/versions`, VersionList);
        if (flags.json) return printJson(t, list);
        t.out(
          formatTable(
            ["VERSION", "SAVED", "BY"],
            list.items.map((v) => [String(v.version), formatAge(v.created_at), v.created_by ?? "(built in)"]),
          ),
        );
      }),
    );

  for (const action of ["archive", "restore"] as const) {
    clientCommand(recipes.command(`${action} <slug>`))
      .description(
        action === "archive" ? "Archive a recipe (gone from the gallery; its tickets keep running)" : "Restore an archived recipe",
      )
      .action(
        run(async (slug: string, flags: ConnectionFlags) => {
          const recipe = await clientFor(flags, version).request("POST", `/api/recipes/${encodeURIComponent(slug)}/${action}`, RecipeView);
          terminal().out(`${recipe.slug} is ${recipe.status}\n`);
        }),
      );
  }
}

/** A recipe file's JSON; a file that is missing or not JSON is the user's input error. */
async function readRecipeFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`, EXIT.input);
  }
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === "object" && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new CliError(`${path} is not a JSON object`, EXIT.input);
}
