// The client commands of `worksmith`: they talk to a server over HTTP only (DESIGN.md §7), so they
// work against a remote server as well as a local one. Exit codes: src/cli/client/errors.ts EXIT.
import type { Command } from "commander";
import { registerAnswerCommand } from "./answer.js";
import { registerContextCommands } from "./context.js";
import { registerFileCommands } from "./files.js";
import { registerFollowCommand } from "./follow.js";
import { registerOutputCommands } from "./outputs.js";
import { registerProjectCommands } from "./projects.js";
import { registerRecipeCommands } from "./recipes.js";
import { registerScheduleCommands } from "./schedules.js";
import { registerSubmitCommand } from "./submit.js";
import { registerTicketCommands } from "./tickets.js";

export function registerClientCommands(program: Command): void {
  const version = program.version() ?? "dev";
  registerRecipeCommands(program, version);
  registerProjectCommands(program, version);
  registerContextCommands(program, version);
  registerSubmitCommand(program, version);
  registerTicketCommands(program, version);
  registerFollowCommand(program, version);
  registerAnswerCommand(program, version);
  registerOutputCommands(program, version);
  registerScheduleCommands(program, version);
  registerFileCommands(program);
  program.addHelpText(
    "after",
    `
Client commands talk to a server at --url / WORKSMITH_URL (default http://127.0.0.1:3000),
with --token / WORKSMITH_TOKEN sent as a Bearer token.
Exit codes: 0 ok · 1 server or network error · 2 bad input (usage, 4xx) · 3 ticket failed · 4 ticket cancelled · 130 interrupted`,
  );
}
