// `worksmith projects [list]`, `worksmith projects create <name>`, `worksmith projects delete <project> --yes` and
// `worksmith projects limit <project> [n|none]`.
import type { Command } from "commander";
import { ProjectLimits, ProjectView } from "../../domain/contract.js";
import { CliError, EXIT } from "../client/errors.js";
import { ProjectList, resolveProject } from "../client/projects.js";
import { formatAge, formatTable } from "../client/table.js";
import { clientCommand, clientFor, inputErrorsExit2, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

export function registerProjectCommands(program: Command, version: string): void {
  const projects = inputErrorsExit2(program.command("projects").description("List, create or delete projects, or set a project's limit"));

  clientCommand(projects.command("list", { isDefault: true }))
    .description("List projects, newest first")
    .option("--json", "print JSON")
    .action(
      run(async (flags: ConnectionFlags & { json?: boolean }) => {
        const t = terminal();
        const list = await clientFor(flags, version).request("GET", "/api/projects", ProjectList);
        if (flags.json) return printJson(t, list);
        if (list.items.length === 0) return t.out("No projects yet: worksmith projects create <name>\n");
        t.out(
          formatTable(
            ["ID", "NAME", "TICKETS", "CONTEXT", "MAX RUNNING", "CREATED"],
            list.items.map((p) => [
              p.id,
              p.name,
              String(p.ticket_count),
              String(p.context_count),
              p.max_running === null ? "default" : String(p.max_running),
              formatAge(p.created_at),
            ]),
          ),
        );
      }),
    );

  clientCommand(projects.command("create <name>"))
    .description("Create a project")
    .option("-d, --description <text>", "what the project is about", "")
    .option("--json", "print JSON")
    .action(
      run(async (name: string, flags: ConnectionFlags & { description: string; json?: boolean }) => {
        const t = terminal();
        const project = await clientFor(flags, version).request("POST", "/api/projects", ProjectView, {
          json: { name, description: flags.description },
        });
        if (flags.json) return printJson(t, project);
        t.out(`created project ${project.id} ${JSON.stringify(project.name)}\n`);
      }),
    );

  clientCommand(projects.command("delete <project>"))
    .description(
      "Delete a project and everything in it: tickets with their history and outputs, context, members, schedules, " +
        "webhooks, share links and files (owners and administrators; refused while a ticket is pending, running or waiting)",
    )
    .option("--yes", "confirm: this cannot be undone")
    .action(
      run(async (ref: string, flags: ConnectionFlags & { yes?: boolean }) => {
        const client = clientFor(flags, version);
        const project = await resolveProject(client, ref);
        if (!flags.yes) {
          throw new CliError(
            `deleting project ${JSON.stringify(project.name)} removes its ${project.ticket_count} tickets and everything else in it, and cannot be undone: run again with --yes`,
            EXIT.input,
          );
        }
        await client.requestEmpty("DELETE", `/api/projects/${project.id}`);
        terminal().out(`deleted project ${project.id} ${JSON.stringify(project.name)}\n`);
      }),
    );

  clientCommand(projects.command("limit <project> [max]"))
    .description(
      "Show or set how many of the project's tickets may run at once across every worker (owners and administrators set it; " +
        "'none' follows the server's default, WORKSMITH_PROJECT_MAX_RUNNING)",
    )
    .option("--json", "print JSON")
    .action(
      run(async (ref: string, max: string | undefined, flags: ConnectionFlags & { json?: boolean }) => {
        const t = terminal();
        const wanted = max === undefined ? undefined : parseMaxRunning(max);
        const client = clientFor(flags, version);
        const project = await resolveProject(client, ref);
        const path = `/api/projects/${project.id}/limits`;
        const limits =
          wanted === undefined
            ? await client.request("GET", path, ProjectLimits)
            : await client.request("PUT", path, ProjectLimits, { json: { max_running: wanted } });
        if (flags.json) return printJson(t, limits);
        const own = limits.max_running === null ? "the server's default" : String(limits.max_running);
        const applied = limits.effective_max_running === null ? "no limit" : `${limits.effective_max_running} running at most`;
        t.out(`${wanted === undefined ? "" : "set: "}project ${JSON.stringify(project.name)} max running: ${own} (${applied})\n`);
      }),
    );
}

/** `<n>` (a whole number from 1) or `none` / `default` (the server's default); the server checks the range. */
export function parseMaxRunning(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === "none" || value === "default") return null;
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
  throw new CliError(`max running ${JSON.stringify(text)}: expected a whole number from 1, or none`, EXIT.input);
}
