// The pieces a server process runs beside the core API, wired in one place: file storage and
// signed links, the agent runtime and its worker pool, the realtime hub and its SSE routes, context
// uploads, outputs and downloads, metrics and request logs.
import type { MiddlewareHandler } from "hono";
import type { RouteInstaller } from "../api/app.js";
import { createMetrics } from "../api/metrics.js";
import { logTransition, requestLog } from "../api/request-log.js";
import { registerContextRoutes } from "../api/routes/context.js";
import { registerOutputRoutes } from "../api/routes/outputs.js";
import { registerStreamRoutes } from "../api/routes/streams.js";
import type { Database } from "../db/client.js";
import { createAgentRunner } from "../agents/index.js";
import { createAgentPool, type AgentPool } from "../agents/pool/index.js";
import { checkLlmSettings, createLlmProvider } from "../agents/llm/index.js";
import { createNotificationDispatcher, createScheduler, createSmtpSender, createWebhookDispatcher } from "../automations/index.js";
import { ConfigError, type Config } from "../config.js";
import type { AgentRunner } from "../domain/agent-runner.js";
import { createTicketEndWaiter, type TicketEndWaiter, type WorkerTransition } from "../engine/index.js";
import { createEventHub } from "../events/index.js";
import { fileKeysStillNeeded } from "../db/repositories/stored-files.js";
import {
  createFileSweeper,
  loadOrCreateSecret,
  loadOrCreateSharedSecret,
  openFileStore,
  sqlRunnerOf,
  type FileStore,
} from "../storage/index.js";
import type { Logger } from "./logger.js";

export interface ServerParts {
  runner: AgentRunner;
  /** Agents' CPU-heavy work and ingest analysis run here; closed by stop(), after the worker. */
  pool: AgentPool;
  store: FileStore;
  routes: RouteInstaller[];
  middleware: MiddlewareHandler[];
  /** `async: false` waits on the hub (null in a worker-only process, which serves no API). */
  ticketEnds: TicketEndWaiter | null;
  onTransition: (event: WorkerTransition) => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerPartsOptions {
  config: Config;
  database: Database;
  logger: Logger;
  runner?: AgentRunner | undefined;
  /** Only a worker process: no hub, no routes. */
  workerOnly?: boolean;
}

export async function createServerParts(options: ServerPartsOptions): Promise<ServerParts> {
  const { config, database, logger } = options;
  // Files and link secret without a shared disk on PostgreSQL (decision 0007).
  const sql = sqlRunnerOf(database.raw);
  const files = await openFileStore({ store: config.files.store, dataDir: config.dataDir, s3: config.files.s3, sql });
  const store = files.store;
  if (files.legacyFiles)
    logger.warn(
      { store: store.kind, dir: `${config.dataDir}/files` },
      `this data dir still holds files: they are served from it until \`worksmith files migrate --to ${store.kind}\` moves them`,
    );
  const secret =
    config.secret ??
    (database.kind === "postgres" ? await loadOrCreateSharedSecret(sql, config.dataDir) : await loadOrCreateSecret(config.dataDir));
  const sweeper =
    config.files.sweepIntervalMs > 0
      ? createFileSweeper({
          store,
          sql,
          intervalMs: config.files.sweepIntervalMs,
          stillNeeded: (keys) => fileKeysStillNeeded(database.db, keys),
          minAgeMs: 10 * 60_000,
          incompleteAfterMs: 60 * 60_000,
          onSwept: (report) => logger.info(report, "file sweep"),
          onError: (err) => logger.warn({ err: String(err) }, "file sweep failed"),
        })
      : null;
  // The LLM provider is always registered: a recipe that asks for it on a server without LLM
  // settings fails its ticket with a message naming the missing variable, never a crash.
  const llmProblem = checkLlmSettings(config.llm);
  if (config.agentProvider === "llm" && llmProblem) throw new ConfigError(`WORKSMITH_AGENT_PROVIDER=llm but ${llmProblem}`);
  if (config.llm.provider && llmProblem) logger.warn({ problem: llmProblem }, "LLM provider misconfigured; recipes that use it will fail");
  // Threads start now (minThreads = size), so the first deck does not wait for them to load.
  const pool = createAgentPool({
    size: config.agentPoolSize,
    timeoutMs: config.agentJobTimeoutMs,
    niceIncrement: config.agentPoolNice,
  });
  const runner: AgentRunner =
    options.runner ?? createAgentRunner({ database, store, config, pool, providers: { llm: createLlmProvider(config.llm) } });
  const hub = options.workerOnly ? null : createEventHub({ database, logger });
  const ticketEnds = hub ? createTicketEndWaiter({ database, hub, logger }) : null;
  const metrics = createMetrics({
    database,
    hub: hub ?? undefined,
    onError: (err, where) => logger.warn({ err: String(err), where }, "metrics"),
  });
  const routes: RouteInstaller[] = hub
    ? [
        (app) => registerContextRoutes(app, { database, config, logger, pool }),
        (app) => registerOutputRoutes(app, { database, store, secret, downloadTtlS: config.downloadTtlS }),
        (app) =>
          registerStreamRoutes(app, {
            database,
            hub,
            maxStreamsPerPrincipal: config.maxStreamsPerPrincipal,
            onDelivered: () => metrics.countDelivered(),
          }),
        (app) => metrics.installRoute(app),
      ]
    : [];
  // Every process ticks (the slot claim makes each slot one ticket however many do); 0 turns it off.
  const scheduler =
    config.scheduleTickMs > 0
      ? createScheduler({ database, logger, tickMs: config.scheduleTickMs, graceMs: config.scheduleGraceMs })
      : null;
  // Webhook deliveries: any process may claim a due one (SKIP LOCKED), so every process runs the loop.
  const webhooks = createWebhookDispatcher({ database, logger, allowPrivate: config.webhookAllowPrivate });
  // Notifications (in the app, and by e-mail once SMTP is configured): the same pattern as webhooks.
  const mailer = config.smtp ? createSmtpSender(config.smtp) : null;
  const notifications = createNotificationDispatcher({ database, logger, send: mailer?.send, publicUrl: config.publicUrl });
  return {
    runner,
    pool,
    store,
    routes,
    middleware: [requestLog({ logger })],
    ticketEnds,
    onTransition(event) {
      logTransition(logger, event);
      metrics.onTransition(event);
    },
    async start() {
      await hub?.start();
      scheduler?.start();
      await webhooks.start();
      await notifications.start();
      sweeper?.start();
    },
    async stop() {
      await scheduler?.stop();
      await webhooks.stop();
      await notifications.stop();
      mailer?.close();
      await hub?.stop();
      await pool.close();
      await sweeper?.stop();
      await store.close();
    },
  };
}
