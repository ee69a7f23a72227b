// `worksmith projects [list]` and `worksmith projects create <name>`.
import type { Command } from "commander";
import { ProjectView } from "../../domain/contract.js";
import { ProjectList } from "../client/projects.js";
import { formatAge, formatTable } from "../client/table.js";
import { clientCommand, clientFor, inputErrorsExit2, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

export function registerProjectCommands(program: Command, version: string): void {
  const projects = inputErrorsExit2(program.command("projects").description("List or create projects"));

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
            ["ID", "NAME", "TICKETS", "CONTEXT", "CREATED"],
            list.items.map((p) => [p.id, p.name, String(p.ticket_count), String(p.context_count), formatAge(p.created_at)]),
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
}
