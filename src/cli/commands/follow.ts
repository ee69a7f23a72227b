// `worksmith follow <ticket>`, and the follow step shared by `submit --follow` and `retry --follow`.
import type { Command } from "commander";
import { answerInTerminal, stdioPrompts } from "../client/ask-in-terminal.js";
import { CliError, EXIT } from "../client/errors.js";
import { followTicket } from "../client/follow.js";
import type { ApiClient } from "../client/http.js";
import { clientCommand, clientFor, run, terminal, type ConnectionFlags, type Terminal } from "./shared.js";

/**
 * Follows until the ticket ends; Ctrl-C stops following (exit 130) and leaves the ticket running.
 * When it waits for a person and stdin is a terminal, the question is asked and answered right here.
 */
export async function followToEnd(
  client: ApiClient,
  id: string,
  t: Terminal,
  json: boolean,
  interactive = process.stdin.isTTY === true,
): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () =>
    controller.abort(new CliError(`stopped following; the ticket keeps running — worksmith follow ${id}`, EXIT.interrupted));
  process.once("SIGINT", onInterrupt);
  try {
    const { exitCode } = await followTicket(client, id, {
      json,
      write: t.out,
      tty: t.tty && !json,
      color: t.color && !json,
      columns: t.columns,
      signal: controller.signal,
      // A person at a terminal answers the question here; a pipe or a script gets the how-to line.
      answer:
        interactive && !json
          ? async (question) => void (await answerInTerminal(client, id, question, stdioPrompts(controller.signal)))
          : undefined,
    });
    return exitCode;
  } catch (err) {
    if (controller.signal.aborted) throw controller.signal.reason instanceof CliError ? controller.signal.reason : err;
    throw err;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

export function registerFollowCommand(program: Command, version: string): void {
  clientCommand(program.command("follow <ticket>"))
    .description("Follow a ticket live: its todo list, status and outputs, until it ends (exit 0 completed, 3 failed, 4 cancelled)")
    .option("--json", "one JSON event per line, then an end line {type:'end', status, …}")
    .action(
      run(async (ticket: string, flags: ConnectionFlags & { json?: boolean }) => {
        const client = clientFor(flags, version);
        return followToEnd(client, ticket, terminal(), flags.json === true);
      }),
    );
}
