// Configuration: the one place that reads process.env. Parsed once with zod at start-up; a bad value
// stops the process with one line naming the variable. Everything else receives a typed `Config`.
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const bool = (def: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"])
    .default(def ? "true" : "false")
    .transform((v) => v === "true" || v === "1" || v === "yes");
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** USD per million tokens, per model name (the name the provider is asked for). */
const ModelPrice = z.object({ input_per_mtok: z.number().min(0), output_per_mtok: z.number().min(0) }).strict();
const PriceTable = z.record(z.string().min(1), ModelPrice);
export type PriceTable = z.infer<typeof PriceTable>;

// One issue on the variable itself (not on a path inside the JSON), so the start-up line names it.
function parsePriceTable(raw: string | undefined, ctx: z.RefinementCtx): PriceTable {
  if (raw === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: "custom", message: 'must be JSON like {"gpt-4.1":{"input_per_mtok":2,"output_per_mtok":8}}' });
    return z.NEVER;
  }
  const parsed = PriceTable.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    ctx.addIssue({
      code: "custom",
      message: `${where}${issue?.message ?? "invalid"} (expected {"<model>":{"input_per_mtok":N,"output_per_mtok":N}})`,
    });
    return z.NEVER;
  }
  return parsed.data;
}

const EnvSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default("127.0.0.1"),
  WORKSMITH_DATA_DIR: z.string().min(1).default("./.worksmith"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
  ),
  WORKSMITH_WORKER_CONCURRENCY: int(4, 0, 256),
  WORKSMITH_LEASE_MS: int(30_000, 1_000, 3_600_000),
  // Issue 19: running tickets per project across every worker (0: no limit; a project's own max_running wins),
  // and how the claim orders the queue (fair: projects take turns, priority within one; fifo: oldest first).
  WORKSMITH_PROJECT_MAX_RUNNING: int(0, 0, 100_000),
  WORKSMITH_CLAIM_ORDER: z.enum(["fair", "fifo"]).default("fair"),
  WORKSMITH_SHUTDOWN_GRACE_MS: int(10_000, 0, 600_000),
  WORKSMITH_BUILTIN_STEP_DELAY_MS: int(0, 0, 600_000),
  WORKSMITH_AGENT_POOL_SIZE: int(availableParallelism(), 0, 256),
  WORKSMITH_AGENT_POOL_NICE: int(10, 0, 19),
  WORKSMITH_EMBEDDED_THREAD: bool(true),
  WORKSMITH_AGENT_JOB_TIMEOUT_S: int(120, 1, 3600),
  WORKSMITH_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  WORKSMITH_DOWNLOAD_TTL_S: int(900, 1, 7 * 24 * 3600),
  WORKSMITH_MAX_UPLOAD_BYTES: int(10 * 1024 * 1024, 1, 1024 * 1024 * 1024),
  WORKSMITH_SEED_DEMO: bool(true),
  WORKSMITH_SESSION_TTL_HOURS: int(24 * 14, 1, 24 * 365),
  WORKSMITH_MAX_BODY_BYTES: int(1024 * 1024, 1024, 512 * 1024 * 1024),
  WORKSMITH_SUBMIT_RATE_PER_MINUTE: int(60, 1, 10_000_000),
  WORKSMITH_MAX_STREAMS_PER_PRINCIPAL: int(32, 1, 1_000_000),
  WORKSMITH_PUBLIC_URL: optionalString.pipe(z.string().url().optional()),
  WORKSMITH_AGENT_PROVIDER: z.enum(["builtin", "llm"]).default("builtin"),
  WORKSMITH_LLM_PROVIDER: z.enum(["anthropic", "openai", "openai-compatible"]).optional(),
  WORKSMITH_LLM_MODEL: optionalString,
  WORKSMITH_LLM_BASE_URL: optionalString.pipe(z.string().url().optional()),
  WORKSMITH_LLM_API_KEY: optionalString,
  ANTHROPIC_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  WORKSMITH_LLM_MAX_STEPS: int(24, 1, 500),
  WORKSMITH_LLM_IDLE_TIMEOUT_S: int(60, 1, 3600),
  WORKSMITH_LLM_PRICES: optionalString.transform(parsePriceTable),
  WORKSMITH_SCHEDULE_TICK_MS: int(1000, 0, 3_600_000),
  WORKSMITH_SCHEDULE_GRACE_S: int(60, 1, 7 * 24 * 3600),
  WORKSMITH_WEBHOOK_ALLOW_PRIVATE: bool(false),
  WORKSMITH_SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^/]/, "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.com:465")
      .optional(),
  ),
  WORKSMITH_SMTP_FROM: optionalString.pipe(z.string().max(320).optional()),
  // File stores (decision 0007): local | postgres | s3; unset → postgres with DATABASE_URL, else local.
  WORKSMITH_FILE_STORE: optionalString.pipe(z.enum(["local", "postgres", "s3"]).optional()),
  WORKSMITH_S3_BUCKET: optionalString,
  WORKSMITH_S3_ENDPOINT: optionalString.pipe(z.string().url().optional()),
  WORKSMITH_S3_REGION: optionalString,
  WORKSMITH_S3_FORCE_PATH_STYLE: bool(false),
  WORKSMITH_S3_PREFIX: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/, "must be path segments ending in /, e.g. worksmith/")
      .optional(),
  ),
  AWS_REGION: optionalString,
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  AWS_SESSION_TOKEN: optionalString,
  WORKSMITH_FILE_SWEEP_INTERVAL_S: int(3600, 0, 7 * 24 * 3600),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  workerConcurrency: number;
  /** Default per-project limit on running tickets; null: none (src/engine/sql/claim-tickets.ts). */
  projectMaxRunning: number | null;
  claimOrder: "fair" | "fifo";
  leaseMs: number;
  shutdownGraceMs: number;
  builtinStepDelayMs: number;
  /** Worker threads for agents' CPU-heavy work (src/agents/pool); 0 runs it on the main thread. */
  agentPoolSize: number;
  /** Added to the pool threads' nice value (Linux): agent work yields the cores to requests. 0–19, default 10. */
  agentPoolNice: number;
  /** The embedded database on its own thread (decision 0009); false runs PGlite on the main thread. */
  embeddedThread: boolean;
  /** A pool job (analysis, draft, file rendering) still running after this long fails its ticket. */
  agentJobTimeoutMs: number;
  secret: string | undefined;
  downloadTtlS: number;
  maxUploadBytes: number;
  seedDemo: boolean;
  /** Lifetime of a browser session (sliding is not worth a write per request). */
  sessionTtlMs: number;
  /** Largest request body on every route but context uploads (which have maxUploadBytes). */
  maxBodyBytes: number;
  /** Submissions (execute + retry) per minute per session or token; bursts up to the same number. */
  submitRatePerMinute: number;
  /** Concurrent SSE streams per session or token. */
  maxStreamsPerPrincipal: number;
  /** The origin browsers use when it differs from the Host header the server sees (behind a proxy). */
  publicUrl: string | undefined;
  agentProvider: "builtin" | "llm";
  llm: {
    provider: "anthropic" | "openai" | "openai-compatible" | undefined;
    model: string | undefined;
    baseUrl: string | undefined;
    apiKey: string | undefined;
    /** Keys per provider, for a recipe or submit that names another provider than the server's. */
    apiKeys: { anthropic: string | undefined; openai: string | undefined };
    /** Model calls per ticket unless the recipe sets max_steps. */
    maxSteps: number;
    /** A model stream that sends nothing for this long fails the attempt ("model stalled"). */
    idleTimeoutS: number;
    /** USD per million input/output tokens by model; a model without a price has no cost recorded. */
    prices: PriceTable;
  };
  logLevel: Env["LOG_LEVEL"];
  /** How often each process looks for due schedule slots (src/automations); 0: this process runs no schedules. */
  scheduleTickMs: number;
  /** A slot whose tick comes later than this was missed (downtime): the schedule's missed-slot policy applies. */
  scheduleGraceMs: number;
  /** Let webhooks target private, loopback and link-local addresses (tests, a trusted LAN). */
  webhookAllowPrivate: boolean;
  /** Notification e-mail (src/automations/notifications); undefined: no e-mail is offered or sent. */
  smtp: { url: string; from: string } | undefined;
  /** Where output files live (src/storage, decision 0007). */
  files: {
    store: "local" | "postgres" | "s3";
    /** WORKSMITH_FILE_STORE was set (not the default picked from DATABASE_URL). */
    storeChosen: boolean;
    s3: {
      bucket: string;
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
      prefix: string;
      credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined } | undefined;
    } | null;
    /** How often one process (of all) removes files whose rows are gone; 0: never. */
    sweepIntervalMs: number;
  };
}

export class ConfigError extends Error {}

/** Parse an environment (process.env by default). Throws ConfigError with a one-line message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join(".") ?? "environment";
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(env[name] ?? "")}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  if (e.WORKSMITH_FILE_STORE === "s3" && !e.WORKSMITH_S3_BUCKET)
    throw new ConfigError(`Invalid WORKSMITH_S3_BUCKET="": required when WORKSMITH_FILE_STORE=s3`);
  if (!e.AWS_ACCESS_KEY_ID !== !e.AWS_SECRET_ACCESS_KEY)
    throw new ConfigError("Invalid AWS_SECRET_ACCESS_KEY: set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither");
  const llmProvider = e.WORKSMITH_LLM_PROVIDER;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.WORKSMITH_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    workerConcurrency: e.WORKSMITH_WORKER_CONCURRENCY,
    projectMaxRunning: e.WORKSMITH_PROJECT_MAX_RUNNING === 0 ? null : e.WORKSMITH_PROJECT_MAX_RUNNING,
    claimOrder: e.WORKSMITH_CLAIM_ORDER,
    leaseMs: e.WORKSMITH_LEASE_MS,
    shutdownGraceMs: e.WORKSMITH_SHUTDOWN_GRACE_MS,
    builtinStepDelayMs: e.WORKSMITH_BUILTIN_STEP_DELAY_MS,
    agentPoolSize: e.WORKSMITH_AGENT_POOL_SIZE,
    agentPoolNice: e.WORKSMITH_AGENT_POOL_NICE,
    embeddedThread: e.WORKSMITH_EMBEDDED_THREAD,
    agentJobTimeoutMs: e.WORKSMITH_AGENT_JOB_TIMEOUT_S * 1000,
    secret: e.WORKSMITH_SECRET,
    downloadTtlS: e.WORKSMITH_DOWNLOAD_TTL_S,
    maxUploadBytes: e.WORKSMITH_MAX_UPLOAD_BYTES,
    seedDemo: e.WORKSMITH_SEED_DEMO,
    sessionTtlMs: e.WORKSMITH_SESSION_TTL_HOURS * 3_600_000,
    maxBodyBytes: e.WORKSMITH_MAX_BODY_BYTES,
    submitRatePerMinute: e.WORKSMITH_SUBMIT_RATE_PER_MINUTE,
    maxStreamsPerPrincipal: e.WORKSMITH_MAX_STREAMS_PER_PRINCIPAL,
    publicUrl: e.WORKSMITH_PUBLIC_URL,
    agentProvider: e.WORKSMITH_AGENT_PROVIDER,
    llm: {
      provider: llmProvider,
      model: e.WORKSMITH_LLM_MODEL,
      baseUrl: e.WORKSMITH_LLM_BASE_URL,
      apiKey:
        e.WORKSMITH_LLM_API_KEY ??
        (llmProvider === "anthropic" ? e.ANTHROPIC_API_KEY : llmProvider === "openai" ? e.OPENAI_API_KEY : undefined),
      apiKeys: { anthropic: e.ANTHROPIC_API_KEY, openai: e.OPENAI_API_KEY },
      maxSteps: e.WORKSMITH_LLM_MAX_STEPS,
      idleTimeoutS: e.WORKSMITH_LLM_IDLE_TIMEOUT_S,
      prices: e.WORKSMITH_LLM_PRICES,
    },
    logLevel: e.LOG_LEVEL,
    scheduleTickMs: e.WORKSMITH_SCHEDULE_TICK_MS,
    scheduleGraceMs: e.WORKSMITH_SCHEDULE_GRACE_S * 1000,
    webhookAllowPrivate: e.WORKSMITH_WEBHOOK_ALLOW_PRIVATE,
    smtp: e.WORKSMITH_SMTP_URL
      ? { url: e.WORKSMITH_SMTP_URL, from: e.WORKSMITH_SMTP_FROM ?? "Worksmith <worksmith@localhost>" }
      : undefined,
    files: {
      store: e.WORKSMITH_FILE_STORE ?? (e.DATABASE_URL ? "postgres" : "local"),
      storeChosen: e.WORKSMITH_FILE_STORE !== undefined,
      s3: e.WORKSMITH_S3_BUCKET
        ? {
            bucket: e.WORKSMITH_S3_BUCKET,
            endpoint: e.WORKSMITH_S3_ENDPOINT,
            region: e.WORKSMITH_S3_REGION ?? e.AWS_REGION ?? "us-east-1",
            forcePathStyle: e.WORKSMITH_S3_FORCE_PATH_STYLE,
            prefix: e.WORKSMITH_S3_PREFIX ?? "",
            credentials:
              e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
                ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, sessionToken: e.AWS_SESSION_TOKEN }
                : undefined,
          }
        : null,
      sweepIntervalMs: e.WORKSMITH_FILE_SWEEP_INTERVAL_S * 1000,
    },
  };
}
