// Opens the database: PGlite (embedded, in-process) when no DATABASE_URL is set, PostgreSQL otherwise.
// Both are handed out as one `Database` so the rest of the code has a single path. LISTEN lives here
// too, because it is the one thing the two drivers do differently (PGlite: in-process callbacks;
// PostgreSQL: a dedicated connection that reconnects by itself after a server restart).
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { openEmbeddedThread, type EmbeddedClient } from "./embedded/client.js";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** LISTEN on `channel`; resolves once listening. Returns an unsubscribe function. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  /** Called after the LISTEN connection came back from a drop: listeners may have missed NOTIFYs. */
  onReconnect(handler: () => void): () => void;
  close(): Promise<void>;
  /** The raw driver, for the few places that need it (migrations, benchmarks). */
  raw: { kind: "pglite"; client: EmbeddedClient } | { kind: "postgres"; pool: pg.Pool; url: string };
  /**
   * Set when `db` is an open transaction (`withinTransaction`): every statement must run on it —
   * never on `raw` (another connection: not atomic on PostgreSQL, a deadlock on PGlite, whose one
   * connection waits for this transaction) — and nothing may act outside it (no hand-off).
   */
  tx?: Tx;
}

/** `database` with its statements bound to the open transaction `tx`. */
export function withinTransaction(database: Database, tx: Tx): Database {
  return { ...database, db: tx, tx };
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; absent → in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  onError?: (err: Error) => void;
  /**
   * Embedded only: run PGlite on its own thread (src/db/embedded, decision 0009), so its statements
   * never hold the thread that answers HTTP. Default: on (WORKSMITH_EMBEDDED_THREAD, read by src/config.ts).
   */
  embeddedThread?: boolean | undefined;
}

// Postgres `bigint`/`bigserial` and `numeric` come back as strings from pg by default; our typed
// bigserial columns use mode "number", so keep pg's parsers as they are and convert in the schema.

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

/** Where an embedded database keeps its files inside the data directory. */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, "pgdata");
}

/** Whether `dataDir` already holds an embedded database (PostgreSQL writes PG_VERSION when it creates one). */
export function embeddedDatabaseExists(dataDir: string): boolean {
  return existsSync(join(embeddedDatabaseDir(dataDir), "PG_VERSION"));
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const dir = options.dataDir ? embeddedDatabaseDir(options.dataDir) : undefined;
  if (dir) await mkdir(dir, { recursive: true });
  const threaded = options.embeddedThread ?? true;
  let client: EmbeddedClient;
  if (threaded) {
    const onError = options.onError ?? ((err: Error) => console.error(`database: ${err.message}`));
    client = await openEmbeddedThread({ dir, onError });
  } else {
    client = dir ? new PGlite(dir) : new PGlite();
    await client.waitReady;
  }
  // drizzle's PGlite driver only calls query and transaction, which the thread client has.
  const db = drizzlePglite(client as PGlite, { schema }) as unknown as Db;
  const reconnectHandlers = new Set<() => void>();
  return {
    kind: "pglite",
    db,
    raw: { kind: "pglite", client },
    async listen(channel, handler) {
      const unsub = await client.listen(channel, handler);
      return async () => {
        if (!client.closed) await unsub();
      };
    },
    onReconnect(handler) {
      // In-process: the "connection" cannot drop. Kept for the same contract as PostgreSQL.
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const onError = options.onError ?? ((err: Error) => console.error(`database: ${err.message}`));
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client that dies (server restart) emits 'error' on the pool; unhandled it kills the process.
  pool.on("error", onError);
  // A checked-out client whose connection dies between two queries (inside a transaction, when the
  // server restarts) emits 'error' itself, and the pool's idle listener is not attached then: without
  // this the process died with "Connection terminated unexpectedly" (bench:faults, PostgreSQL
  // restart). The pending or next query still fails and the pool discards the broken client.
  pool.on("connect", (client) => client.on("error", onError));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listener = createPgListener(url, onError);
  // Fail fast with a clear message if the server is not there.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: "postgres",
    db,
    raw: { kind: "postgres", pool, url },
    listen: listener.listen,
    onReconnect: listener.onReconnect,
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * One LISTEN connection per process, shared by every channel. When it drops it reconnects with
 * backoff (100 ms doubling to 5 s), re-LISTENs every channel and tells `onReconnect` handlers, who
 * must catch up from the tables because NOTIFYs sent while it was down are gone.
 */
function createPgListener(url: string, onError: (err: Error) => void) {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const reconnectHandlers = new Set<() => void>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let backoffMs = 100;
  let reconnectTimer: NodeJS.Timeout | undefined;

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", (msg) => {
      const set = handlers.get(msg.channel);
      if (set) for (const h of set) h(msg.payload ?? "");
    });
    c.on("error", (err) => {
      onError(err);
      dropped(c);
    });
    c.on("end", () => dropped(c));
    await c.connect();
    for (const channel of handlers.keys()) await c.query(`LISTEN ${quoteIdent(channel)}`);
    return c;
  }

  function dropped(c: pg.Client) {
    if (client !== c || closed) return;
    client = null;
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (closed || connecting) return;
    const wait = backoffMs;
    backoffMs = Math.min(backoffMs * 2, 5_000);
    connecting = new Promise<pg.Client>((resolve, reject) => {
      // Not unref'd: while the database is away this timer may be all that keeps a worker-only
      // process alive (its own timers are unref'd), which otherwise exited with code 0 when
      // PostgreSQL restarted (bench:faults). close() clears it.
      reconnectTimer = setTimeout(() => {
        reconnectTimer = undefined;
        connect().then(resolve, reject);
      }, wait);
    });
    connecting.then(
      (c) => {
        connecting = null;
        if (closed) {
          void c.end();
          return;
        }
        client = c;
        backoffMs = 100;
        for (const h of reconnectHandlers) h();
      },
      (err: unknown) => {
        connecting = null;
        onError(err instanceof Error ? err : new Error(String(err)));
        scheduleReconnect();
      },
    );
  }

  async function ensureClient(): Promise<pg.Client | null> {
    if (client) return client;
    if (connecting) return connecting.catch(() => null);
    connecting = connect();
    try {
      client = await connecting;
      return client;
    } finally {
      connecting = null;
    }
  }

  return {
    listen: async (channel: string, handler: (payload: string) => void) => {
      let set = handlers.get(channel);
      const fresh = !set;
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(handler);
      const c = await ensureClient();
      if (fresh && c) await c.query(`LISTEN ${quoteIdent(channel)}`);
      return async () => {
        set.delete(handler);
        if (set.size === 0) {
          handlers.delete(channel);
          if (client && !closed) await client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
        }
      };
    },
    onReconnect: (handler: () => void) => {
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
    close: async () => {
      closed = true;
      clearTimeout(reconnectTimer);
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
