// `worksmith schedules [list] --project P`, `schedules create …`, `schedules pause|resume|delete <id>`:
// recipes run on a cron rhythm in a time zone (issue 17), through the schedules API.
import type { Command } from "commander";
import { z } from "zod";
import { RecipeView } from "../../domain/contract.js";
import { CliError, EXIT, oneLine } from "../client/errors.js";
import { coerceParameters } from "../client/params.js";
import { resolveProject } from "../client/projects.js";
import { formatTable } from "../client/table.js";
import { clientCommand, clientFor, collect, inputErrorsExit2, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

const Schedule = z.object({
  id: z.string(),
  name: z.string(),
  recipe_slug: z.string(),
  cron: z.string(),
  timezone: z.string(),
  enabled: z.boolean(),
  missed_policy: z.string(),
  paused_reason: z.string().nullable(),
  next_runs: z.array(z.string()),
});
type Schedule = z.infer<typeof Schedule>;
const ScheduleList = z.object({ items: z.array(Schedule) });

interface CreateFlags extends ConnectionFlags {
  project: string;
  recipe: string;
  cron: string;
  tz: string;
  name?: string;
  param: string[];
  missed: string;
  paused?: boolean;
  json?: boolean;
}

/** "Mon 2026-11-30 09:00" in the schedule's own zone: what a person reading the schedule expects. */
function localTime(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? "";
  return `${p("weekday")} ${p("year")}-${p("month")}-${p("day")} ${p("hour")}:${p("minute")}`;
}

function state(s: Schedule): string {
  return s.enabled ? "active" : s.paused_reason ? `paused: ${oneLine(s.paused_reason).slice(0, 60)}` : "paused";
}

function describe(s: Schedule): string {
  const lines = [`${s.id} ${JSON.stringify(s.name)}: ${s.recipe_slug} at "${s.cron}" ${s.timezone} (${state(s)})`];
  for (const r of s.next_runs) lines.push(`  next: ${localTime(r, s.timezone)} ${s.timezone}`);
  return `${lines.join("\n")}\n`;
}

export function registerScheduleCommands(program: Command, version: string): void {
  const schedules = inputErrorsExit2(
    program.command("schedules").description("Run recipes on a schedule: list, create, pause, resume, delete"),
  );

  clientCommand(schedules.command("list", { isDefault: true }))
    .description("A project's schedules with their next run")
    .requiredOption("-p, --project <project>", "project id or name")
    .option("--json", "print JSON")
    .action(
      run(async (flags: ConnectionFlags & { project: string; json?: boolean }) => {
        const t = terminal();
        const client = clientFor(flags, version);
        const project = await resolveProject(client, flags.project);
        const list = await client.request("GET", `/api/projects/${project.id}/schedules`, ScheduleList);
        if (flags.json) return printJson(t, list);
        if (list.items.length === 0) return t.out(`No schedules in ${project.name}: worksmith schedules create --help\n`);
        t.out(
          formatTable(
            ["ID", "NAME", "RECIPE", "CRON", "ZONE", "NEXT RUN", "STATE"],
            list.items.map((s) => [
              s.id,
              s.name,
              s.recipe_slug,
              s.cron,
              s.timezone,
              s.next_runs[0] ? localTime(s.next_runs[0], s.timezone) : "-",
              state(s),
            ]),
          ),
        );
      }),
    );

  clientCommand(schedules.command("create"))
    .description('Run a recipe on a cron rhythm, e.g. --cron "0 9 * * 1" --tz Europe/Oslo (Mondays 09:00)')
    .requiredOption("-p, --project <project>", "project id or name")
    .requiredOption("-r, --recipe <slug>", "recipe slug (see: worksmith recipes)")
    .requiredOption("-c, --cron <expression>", "5 fields (minute hour day month weekday), or 6 with seconds first")
    .option("--tz <zone>", "IANA time zone the cron expression is read in", "UTC")
    .option("-n, --name <name>", "a name for the schedule (default: the recipe's name)")
    .option("--param <key=value>", "a recipe parameter; repeat for several", collect, [])
    .option("--missed <policy>", "after downtime: skip the missed slots, or run_once for all of them", "skip")
    .option("--paused", "create it paused")
    .option("--json", "print JSON")
    .action(
      run(async (flags: CreateFlags) => {
        if (flags.missed !== "skip" && flags.missed !== "run_once") throw new CliError("--missed is skip or run_once", EXIT.input);
        const t = terminal();
        const client = clientFor(flags, version);
        const recipe = await client.request("GET", `/api/recipes/${encodeURIComponent(flags.recipe)}`, RecipeView);
        const project = await resolveProject(client, flags.project);
        const created = await client.request("POST", `/api/projects/${project.id}/schedules`, Schedule, {
          json: {
            name: flags.name ?? recipe.name,
            recipe_slug: recipe.slug,
            parameters: coerceParameters(recipe.configurable_parameters, flags.param),
            cron: flags.cron,
            timezone: flags.tz,
            missed_policy: flags.missed,
            enabled: !flags.paused,
          },
        });
        if (flags.json) return printJson(t, created);
        t.out(`created schedule ${describe(created)}`);
      }),
    );

  for (const [verb, enabled] of [
    ["pause", false],
    ["resume", true],
  ] as const) {
    clientCommand(schedules.command(`${verb} <id>`))
      .description(enabled ? "Resume a schedule from now on (missed slots while paused are not run)" : "Pause a schedule")
      .option("--json", "print JSON")
      .action(
        run(async (id: string, flags: ConnectionFlags & { json?: boolean }) => {
          const t = terminal();
          const s = await clientFor(flags, version).request("PATCH", `/api/schedules/${encodeURIComponent(id)}`, Schedule, {
            json: { enabled },
          });
          if (flags.json) return printJson(t, s);
          t.out(`${enabled ? "resumed" : "paused"} schedule ${describe(s)}`);
        }),
      );
  }

  clientCommand(schedules.command("delete <id>"))
    .description("Delete a schedule (the tickets it made stay)")
    .action(
      run(async (id: string, flags: ConnectionFlags) => {
        await clientFor(flags, version).requestEmpty("DELETE", `/api/schedules/${encodeURIComponent(id)}`);
        terminal().out(`deleted schedule ${id}\n`);
      }),
    );
}
