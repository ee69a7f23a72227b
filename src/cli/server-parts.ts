// The pieces a server process runs beside the core API, wired in one place: file storage and
// signed links, the agent runtime, the realtime hub and its SSE routes, context uploads, outputs
// and downloads, metrics.
import type { RouteInstaller } from "../api/app.js";
import { registerContextRoutes } from "../api/routes/context.js";
import { registerOutputRoutes } from "../api/routes/outputs.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { AgentError, type AgentRunner } from "../domain/agent-runner.js";
import { createDataDirFileStore, loadOrCreateSecret, type FileStore } from "../storage/index.js";
import type { Logger } from "./logger.js";

export interface ServerParts {
  runner: AgentRunner;
  store: FileStore;
  routes: RouteInstaller[];
  onTransition?: ((event: { ticketId: string; from: string | null; to: string }) => void) | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerPartsOptions {
  config: Config;
  database: Database;
  logger: Logger;
  runner?: AgentRunner | undefined;
}

export async function createServerParts(options: ServerPartsOptions): Promise<ServerParts> {
  const { config, database } = options;
  const store = createDataDirFileStore(config.dataDir);
  const secret = await loadOrCreateSecret(config.dataDir, config.secret);
  const runner: AgentRunner = options.runner ?? {
    async run() {
      throw new AgentError("No agent runtime is installed in this build.");
    },
  };
  const routes: RouteInstaller[] = [
    (app) => registerContextRoutes(app, { database, config }),
    (app) => registerOutputRoutes(app, { database, store, secret, downloadTtlS: config.downloadTtlS }),
  ];
  return {
    runner,
    store,
    routes,
    async start() {},
    async stop() {},
  };
}
