// What every client command shares: the connection options (--url/--token, WORKSMITH_URL and
// WORKSMITH_TOKEN), the terminal it writes to, and one wrapper that turns any error into a single
// line on stderr and the documented exit code (src/cli/client/errors.ts).
import type { Command } from "commander";
import { CliError, EXIT, oneLine } from "../client/errors.js";
import { createApiClient, type ApiClient } from "../client/http.js";

export const DEFAULT_URL = "http://127.0.0.1:3000";

export interface ConnectionFlags {
  url?: string;
  token?: string;
}

export interface Terminal {
  out: (text: string) => void;
  tty: boolean;
  color: boolean;
  columns: number | undefined;
}

export function terminal(): Terminal {
  const tty = process.stdout.isTTY === true;
  return {
    out: (text) => void process.stdout.write(text),
    tty,
    color: tty && !process.env.NO_COLOR && process.env.TERM !== "dumb",
    columns: process.stdout.columns,
  };
}

export function clientFor(flags: ConnectionFlags, version: string): ApiClient {
  return createApiClient({
    baseUrl: flags.url ?? process.env.WORKSMITH_URL ?? DEFAULT_URL,
    token: flags.token ?? (process.env.WORKSMITH_TOKEN || undefined),
    userAgent: `worksmith-cli/${version}`,
  });
}

/** Adds --url and --token, and makes usage errors exit 2 (commander's default is 1). */
export function clientCommand(cmd: Command): Command {
  return inputErrorsExit2(
    cmd
      .option("--url <url>", `server URL (env WORKSMITH_URL; default ${DEFAULT_URL})`)
      .option("--token <token>", "API token, sent as Authorization: Bearer (env WORKSMITH_TOKEN)"),
  );
}

export function inputErrorsExit2(cmd: Command): Command {
  return cmd.exitOverride((err) => {
    // commander has already printed its message; help and --version are not errors
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.input);
  });
}

/** Runs a command body; its result (or error) decides the exit code. */
export function run<A extends unknown[]>(body: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async function runCommand(...args: A): Promise<void> {
    let code: number = EXIT.ok;
    try {
      code = (await body(...args)) ?? EXIT.ok;
    } catch (err) {
      if (err instanceof CliError) {
        process.stderr.write(`worksmith: ${err.message}\n`);
        code = err.exitCode;
      } else {
        const message = err instanceof Error ? err.message : String(err);
        process.stderr.write(`worksmith: unexpected error: ${oneLine(message)}\n`);
        code = EXIT.server;
      }
    }
    // Exit now: an idle keep-alive socket or a stream reader must not hold the process open.
    process.exit(code);
  };
}

/** Repeatable option collector: `--param a=1 --param b=2`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function printJson(t: Terminal, value: unknown): void {
  t.out(`${JSON.stringify(value, null, 2)}\n`);
}
