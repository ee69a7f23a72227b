// The pieces a server process runs beside the core API, wired in one place: the agent runtime,
// the realtime hub and its SSE routes, context uploads, outputs and downloads, metrics.
import type { RouteInstaller } from "../api/app.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { AgentError, type AgentRunner } from "../domain/agent-runner.js";
import type { Logger } from "./logger.js";

export interface ServerParts {
  runner: AgentRunner;
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
  const runner: AgentRunner = options.runner ?? {
    async run() {
      throw new AgentError("No agent runtime is installed in this build.");
    },
  };
  return {
    runner,
    routes: [],
    async start() {},
    async stop() {},
  };
}
