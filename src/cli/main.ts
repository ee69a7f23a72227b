#!/usr/bin/env node
// src/cli — the `worksmith` command: server processes (serve, worker, migrate) and the client
// commands that talk to a server over HTTP. The only place besides config.ts that touches process.*.
import { Command } from "commander";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { DataDirLockedError } from "../db/lock.js";
import { registerAdminCommands } from "./admin-commands.js";
import { registerClientCommands } from "./commands/index.js";
import { VERSION } from "./version.js";

// The server side (PGlite, drizzle, agents, NLP model) is imported inside the server commands only:
// a client command such as `worksmith tickets` then starts in about half the time.
const serverModules = async () => {
  const [serve, parts, engine, logger] = await Promise.all([
    import("./serve.js"),
    import("./server-parts.js"),
    import("../engine/index.js"),
    import("./logger.js"),
  ]);
  return { ...serve, ...parts, ...engine, ...logger };
};

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`worksmith: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

function fail(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  const known = err instanceof DataDirLockedError || err instanceof ConfigError;
  process.stderr.write(`worksmith: ${known ? message : `start-up failed: ${message}`}\n`);
  process.exit(known ? 2 : 1);
}

function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130); // a second Ctrl-C: leave now
    stopping = true;
    process.stderr.write(`\nworksmith: ${signal} received, shutting down…\n`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`worksmith: shutdown error: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
}

const program = new Command().name("worksmith").description("Work orchestration for AI agents").version(VERSION);

program
  .command("serve")
  .description("Run the HTTP API, the web app and an in-process worker")
  .option("--no-worker", "PostgreSQL only: serve without running tickets in this process")
  .action(async (opts: { worker: boolean }) => {
    const config = configOrExit();
    const { startServer } = await serverModules();
    const server = await startServer(config, { worker: opts.worker }).catch(fail);
    onSignals(() => server.close());
    const where = config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`;
    process.stdout.write(`\nWorksmith ${VERSION} is running at ${server.url}  (${where})\n`);
    if (server.setupRequired) process.stdout.write(`Open it to create the owner account (or run \`worksmith users create\`).\n`);
    process.stdout.write("\n");
  });

program
  .command("worker")
  .description("Run workers only (PostgreSQL): claim and run tickets")
  .action(async () => {
    const config = configOrExit();
    if (!config.databaseUrl)
      fail(new ConfigError("worksmith worker needs DATABASE_URL (PostgreSQL); on the embedded database `serve` runs the worker."));
    const { createLogger, openAndMigrate, createServerParts, createWorker } = await serverModules();
    const logger = createLogger(config, "worksmith-worker");
    const { database } = await openAndMigrate(config, logger).catch(fail);
    const parts = await createServerParts({ config, database, logger, workerOnly: true }).catch(fail);
    const worker = createWorker({
      database,
      runner: parts.runner,
      concurrency: Math.max(1, config.workerConcurrency),
      leaseMs: config.leaseMs,
      claimOrder: config.claimOrder,
      defaultMaxRunningPerProject: config.projectMaxRunning,
      shutdownGraceMs: config.shutdownGraceMs,
      logger,
      onTransition: parts.onTransition,
    });
    await parts.start();
    await worker.start();
    onSignals(async () => {
      await worker.stop();
      await parts.stop();
      await database.close();
    });
    logger.info({ concurrency: config.workerConcurrency }, "worker started");
  });

program
  .command("migrate")
  .description("Apply database migrations and load recipes, then exit")
  .action(async () => {
    const config = configOrExit();
    const { createLogger, openAndMigrate } = await serverModules();
    const logger = createLogger(config);
    const { database, lock } = await openAndMigrate(config, logger).catch(fail);
    await database.close();
    await lock?.release();
    process.stdout.write("worksmith: database migrated, recipes loaded\n");
  });

registerAdminCommands(
  program,
  configOrExit,
  async (config) => {
    const [{ createLogger, openAndMigrate }, accounts, repo, client] = await Promise.all([
      serverModules(),
      import("../auth/accounts.js"),
      import("../db/repositories/accounts.js"),
      import("../db/client.js"),
    ]);
    // An admin command run in the wrong directory must not quietly create an empty database there
    // (and then report "no account"): it works only on a database the server already made.
    if (!config.databaseUrl && !client.embeddedDatabaseExists(config.dataDir)) {
      throw new ConfigError(
        `no Worksmith database in ${config.dataDir}: set WORKSMITH_DATA_DIR to the server's data directory (or run \`worksmith migrate\` there to create one)`,
      );
    }
    const { database, lock } = await openAndMigrate({ ...config, logLevel: "warn" }, createLogger({ ...config, logLevel: "warn" }));
    return {
      async run(fn) {
        try {
          return await fn({ ...accounts, database, findUserByEmail: repo.findUserByEmail });
        } finally {
          await database.close();
          await lock?.release();
        }
      },
    };
  },
  fail,
);
registerClientCommands(program);
await program.parseAsync(process.argv);
