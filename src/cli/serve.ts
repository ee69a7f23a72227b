// The composition root of `worksmith serve`: opens the database (locking the embedded data dir),
// migrates, loads recipes, seeds the demo, starts the event hub, the in-process worker and the HTTP
// server, and shuts all of it down in order on SIGTERM/SIGINT.
import type { AddressInfo } from "node:net";
import { createAdaptorServer, type ServerType } from "@hono/node-server";
import { createApi, type RouteInstaller } from "../api/app.js";
import { installWebApp } from "../api/web-app.js";
import { needsOwnerAccount } from "../auth/accounts.js";
import type { Config } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { acquireDataDirLock, type DataDirLock } from "../db/lock.js";
import { migrateDatabase } from "../db/migrate.js";
import type { AgentRunner } from "../domain/agent-runner.js";
import { createWorker } from "../engine/index.js";
import { WEB_DIST_DIR } from "../paths.js";
import { syncRecipes } from "../recipes/load.js";
import { seedDemoProject } from "./demo-seed.js";
import { createLogger, type Logger } from "./logger.js";
import { createServerParts } from "./server-parts.js";

import { VERSION } from "./version.js";

export { VERSION };

const LISTEN_BACKLOG = 4096;

export interface RunningServer {
  url: string;
  database: Database;
  /** No account exists yet: the first visit creates the owner (or `worksmith users create`). */
  setupRequired: boolean;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Replace the agent runner (tests). */
  runner?: AgentRunner;
  /** Run the in-process worker (always on PGlite; on PostgreSQL unless set to false). */
  worker?: boolean;
  logger?: Logger;
}

/** Open, migrate, seed. Shared by `serve`, `worker` and `migrate`. */
export async function openAndMigrate(config: Config, logger: Logger): Promise<{ database: Database; lock: DataDirLock | null }> {
  const lock = config.databaseUrl ? null : await acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      embeddedThread: config.embeddedThread,
      onError: (err) => logger.warn({ err: err.message }, "database connection error"),
    });
    await migrateDatabase(database);
    await syncRecipes(database);
    return { database, lock };
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

export async function startServer(config: Config, options: ServeOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  // The port is taken first: a port already in use is the commonest start-up mistake and should be
  // said at once, not after migrations, seeding and the worker have started. Until the app is ready,
  // requests get a 503 with Retry-After instead of a refused connection.
  let handle: (request: Request) => Response | Promise<Response> = startingResponse;
  const server: ServerType = createAdaptorServer({ fetch: (request) => handle(request) });
  await listen(server, config);
  try {
    const { database, lock } = await openAndMigrate(config, logger);
    try {
      return await startOnDatabase({ config, options, logger, server, database, lock, setHandler: (fetch) => (handle = fetch) });
    } catch (err) {
      await database.close().catch(() => undefined);
      await lock?.release();
      throw err;
    }
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
}

function startingResponse(): Response {
  return new Response(
    JSON.stringify({ type: "about:blank", title: "Starting", status: 503, detail: "Worksmith is starting; try again in a moment." }),
    {
      status: 503,
      headers: { "content-type": "application/problem+json", "retry-after": "1" },
    },
  );
}

async function listen(server: ServerType, config: Config): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "EADDRINUSE"
          ? new Error(`port ${config.port} on ${config.host} is already in use; stop what holds it or set WORKSMITH_PORT`)
          : err,
      );
    };
    server.once("error", onError);
    // A restarted server meets every client of the old one reconnecting at once; Node's default
    // backlog (511) overflowed then and the kernel's SYN retry backoff held the last clients off for
    // seconds (bench:faults part 2). The kernel caps this at net.core.somaxconn.
    server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
      server.off("error", onError);
      resolve();
    });
  });
  // Longer than the 4–5 s idle timeouts of HTTP clients (undici, proxies), so a pooled connection is
  // never closed by us at the moment a client reuses it (an ECONNRESET seen in the stream tests).
  (server as { keepAliveTimeout?: number }).keepAliveTimeout = 65_000;
}

interface StartOnDatabase {
  config: Config;
  options: ServeOptions;
  logger: Logger;
  server: ServerType;
  database: Database;
  lock: DataDirLock | null;
  setHandler: (fetch: (request: Request) => Response | Promise<Response>) => void;
}

async function startOnDatabase({ config, options, logger, server, database, lock, setHandler }: StartOnDatabase): Promise<RunningServer> {
  if (database.kind === "pglite" && config.seedDemo) {
    const demo = await seedDemoProject(database);
    if (demo) logger.info({ project_id: demo }, "seeded the demo project");
  }
  const parts = await createServerParts({ config, database, logger, runner: options.runner });
  const installers: RouteInstaller[] = [...parts.routes];
  const app = createApi(
    { database, config, version: VERSION, logger, ticketEnds: parts.ticketEnds ?? undefined },
    installers,
    parts.middleware,
  );
  installWebApp(app, WEB_DIST_DIR);

  const runWorker = database.kind === "pglite" || options.worker !== false;
  const worker =
    runWorker && config.workerConcurrency > 0
      ? createWorker({
          database,
          runner: parts.runner,
          concurrency: config.workerConcurrency,
          leaseMs: config.leaseMs,
          claimOrder: config.claimOrder,
          defaultMaxRunningPerProject: config.projectMaxRunning,
          shutdownGraceMs: config.shutdownGraceMs,
          logger,
          onTransition: parts.onTransition,
        })
      : null;
  await parts.start();
  await worker?.start();
  setHandler((request) => app.fetch(request));

  const address = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${address.port}`;

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing ??= (async () => {
      await worker?.stop();
      await parts.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open SSE responses would keep close() waiting forever; they were ended by parts.stop().
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await database.close();
      await lock?.release();
    })();
    return closing;
  }
  return { url, database, close, setupRequired: await needsOwnerAccount(database) };
}
