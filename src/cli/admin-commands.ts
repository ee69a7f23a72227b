// Account administration straight on the database (no server needed; on the embedded database the
// server must be stopped, since it holds the data directory). For installs provisioned by scripts:
// the first account created here is the administrator, as if made on the setup page.
import type { Command } from "commander";
import { z } from "zod";
import type { Config } from "../config.js";
import { SetupRequest } from "../domain/contract.js";

type Open = (config: Config) => Promise<{ run<T>(fn: (m: AdminModules) => Promise<T>): Promise<T> }>;
type AdminModules = typeof import("../auth/accounts.js") & {
  database: import("../db/client.js").Database;
  findUserByEmail: typeof import("../db/repositories/accounts.js").findUserByEmail;
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Refusals (a taken email, a short password) are the operator's to fix: one line, exit 1. */
function die(err: unknown): never {
  process.stderr.write(`worksmith: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

export function registerAdminCommands(program: Command, configOrExit: () => Config, open: Open, fail: (err: unknown) => never): void {
  const users = program.command("users").description("Accounts (on the database directly; stop an embedded-database server first)");
  users
    .command("create")
    .description("Create an account; the first one is the administrator and owns every existing project")
    .requiredOption("--email <email>", "the account's email")
    .option("--name <name>", "display name", "")
    .option("--password <password>", "the password (prefer --password-stdin: arguments show in `ps`)")
    .option("--password-stdin", "read the password from standard input")
    .option("--admin", "make this account an administrator too")
    .action(async (opts: { email: string; name: string; password?: string; passwordStdin?: boolean; admin?: boolean }) => {
      const password = opts.passwordStdin ? await readStdin() : opts.password;
      const parsed = SetupRequest.safeParse({ email: opts.email, name: opts.name, password: password ?? "" });
      if (!parsed.success) die(new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")));
      const session = await open(configOrExit()).catch(fail);
      const user = await session
        .run(async (m) =>
          (await m.needsOwnerAccount(m.database))
            ? m.createOwnerAccount(m.database, parsed.data)
            : m.createAccount(m.database, parsed.data, { isAdmin: opts.admin ?? false }),
        )
        .catch(die);
      process.stdout.write(`worksmith: created ${user.email}${user.isAdmin ? " (administrator)" : ""}\n`);
    });

  const tokens = program.command("tokens").description("API tokens (on the database directly)");
  tokens
    .command("create")
    .description("Create an API token for an account and print it (shown once)")
    .requiredOption("--email <email>", "the account")
    .requiredOption("--name <name>", "what the token is for, e.g. ci")
    .action(async (opts: { email: string; name: string }) => {
      const name = z.string().trim().min(1).max(100).safeParse(opts.name);
      if (!name.success) die(new Error("--name must be 1 to 100 characters"));
      const session = await open(configOrExit()).catch(fail);
      const token = await session
        .run(async (m) => {
          const user = await m.findUserByEmail(m.database.db, opts.email.trim().toLowerCase());
          if (!user) throw new Error(`no account with email ${opts.email}`);
          return m.createApiToken(m.database, user.id, name.data);
        })
        .catch(die);
      process.stdout.write(`${token.token}\n`);
    });
}
