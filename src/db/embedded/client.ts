// The embedded database on its own thread (decision 0009): PGlite runs in a worker thread
// (./thread.ts) and this client stands in for it on the main thread with the part of PGlite's
// interface the rest of the code uses — `query` (drizzle's sessions, the file store, prepared
// statements), `exec`, `transaction` (drizzle's transactions and migrations), `listen` — so drizzle's
// PGlite driver runs on it unchanged. Statements, transactions and notifications keep PGlite's order
// (its mutex, in the thread). PGliteWorker, PGlite's own worker wrapper, is for browsers (it needs
// navigator.locks, which Node 20 does not have), so this is a small one of our own.
import type { PGlite, QueryOptions, Results, Transaction } from "@electric-sql/pglite";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { inRequest } from "./origin.js";
import type { ErrorData, Reply, Request, ThreadStart } from "./protocol.js";

/** What of PGlite the code uses; the thread client and an in-process PGlite both fit. */
export type EmbeddedClient = Pick<PGlite, "query" | "exec" | "transaction" | "listen" | "close" | "closed" | "waitReady">;

/** A request as written by the caller: `op` plus its fields; `id` is added when sent. */
type Outgoing = Request extends infer R ? (R extends { id: number } ? Omit<R, "id" | "first"> : never) : never;

export interface EmbeddedThreadOptions {
  /** PGlite's directory; absent → in memory. */
  dir?: string | undefined;
  /** The thread stopped by itself (a crash): every pending and later statement fails. */
  onError?: ((err: Error) => void) | undefined;
  /** The thread entry (default: ./thread.ts from source, ./thread.js from dist/). */
  threadFile?: URL | undefined;
}

/** PostgreSQL's error fields come back as they were (code, detail, constraint…), on an Error. */
function toError(data: ErrorData): Error {
  const err = new Error(data.message);
  err.name = data.name;
  Object.assign(err, data.props);
  // The stack of the thread says where PGlite failed; the caller's own stack is more use here.
  if (data.stack) err.stack = `${err.stack ?? ""}\n    --- in the database thread ---\n${data.stack.split("\n").slice(1).join("\n")}`;
  return err;
}

/** tsx's ESM API module (its `register()` installs the loader on the calling thread, synchronously enough for the next import). */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("tsx/package.json");
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports["./esm/api"]!.import.default)).href;
}

function defaultThreadFile(): URL {
  const fromSource = import.meta.url.endsWith(".ts");
  return new URL(fromSource ? "./thread.ts" : "./thread.js", import.meta.url);
}

/** Starts the thread and waits until its PGlite is ready. */
export async function openEmbeddedThread(options: EmbeddedThreadOptions = {}): Promise<EmbeddedClient> {
  const file = options.threadFile ?? defaultThreadFile();
  const workerData: ThreadStart = { dir: options.dir };
  // TypeScript source (tsx, vitest) needs tsx's loader in the thread too: `--import tsx` in the
  // thread's execArgv registers it too late for the entry module, so a one-line entry registers it
  // and then imports the thread. Compiled JavaScript needs nothing.
  let worker: Worker;
  if (file.pathname.endsWith(".ts")) {
    const entry = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); })`;
    worker = new Worker(entry, { eval: true, workerData });
  } else {
    worker = new Worker(file, { workerData });
  }
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let lastId = 0;
  let closed = false;
  let closing = false;
  let stopped: Error | null = null;
  // Idle, the thread does not keep the process alive (an in-process PGlite did not either); with a
  // statement in flight it must, or a CLI command awaiting its answer would see the process exit.
  worker.unref();

  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (msg: Reply) => {
      switch (msg.kind) {
        case "reply": {
          const call = pending.get(msg.id);
          if (!call) return;
          pending.delete(msg.id);
          if (pending.size === 0) worker.unref();
          if (msg.ok) call.resolve(msg.value);
          else call.reject(toError(msg.error));
          return;
        }
        case "notify": {
          const set = handlers.get(msg.channel);
          if (set) for (const h of set) h(msg.payload);
          return;
        }
        case "ready":
          resolve();
          return;
        case "failed":
          reject(toError(msg.error));
          return;
      }
    });
    worker.on("error", (err) => {
      reject(err);
      halt(new Error(`The embedded database thread failed: ${err.message}`, { cause: err }));
    });
    worker.on("exit", (code) => {
      const err = new Error(`The embedded database thread exited (code ${code})`);
      reject(err);
      halt(err);
    });
  });

  function halt(err: Error) {
    if (stopped) return;
    stopped = err;
    closed = true;
    for (const call of pending.values()) call.reject(err);
    pending.clear();
    if (!closing) options.onError?.(err);
  }

  function call<T>(req: Outgoing): Promise<T> {
    if (stopped) return Promise.reject(closing ? new Error("The embedded database is closed") : stopped);
    const id = ++lastId;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // A request's statements go first in the thread's queue (./origin.ts); only units that queue
      // there (a statement of its own, a transaction's begin) use the mark.
      worker.postMessage(inRequest() ? { ...req, id, first: true } : { ...req, id });
    });
  }

  function queryOf(tx: number | undefined) {
    return <T>(sql: string, params?: unknown[], opts?: QueryOptions): Promise<Results<T>> => {
      const extra = opts ? Object.keys(opts).filter((k) => k !== "rowMode" && k !== "parsers") : [];
      if (extra.length) return Promise.reject(new Error(`The embedded database thread does not take query option(s) ${extra.join(", ")}`));
      return call<Results<T>>({
        op: "query",
        tx,
        sql,
        params,
        rowMode: opts?.rowMode,
        // Only "keep the text" parsers cross (drizzle's, for timestamps and dates): functions cannot.
        textOids: opts?.parsers ? Object.keys(opts.parsers).map(Number) : undefined,
      });
    };
  }
  const execOf = (tx: number | undefined) => (sql: string) => call<Results[]>({ op: "exec", tx, sql });

  try {
    await ready;
  } catch (err) {
    closing = true;
    await worker.terminate();
    throw err;
  }

  const client = {
    waitReady: Promise.resolve(),
    get closed() {
      return closed;
    },
    query: queryOf(undefined),
    exec: execOf(undefined),
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const txId = await call<number>({ op: "begin" });
      let ended = false;
      const tx = {
        query: queryOf(txId),
        exec: execOf(txId),
        sql: () => Promise.reject(new Error("tx.sql is not available on the embedded database thread")),
        rollback: () => Promise.reject(new Error("tx.rollback is not available on the embedded database thread: throw instead")),
        listen: () => Promise.reject(new Error("tx.listen is not available on the embedded database thread")),
        get closed() {
          return ended;
        },
      } as unknown as Transaction;
      let result: T;
      try {
        result = await fn(tx);
      } catch (err) {
        ended = true;
        await call({ op: "end", tx: txId, commit: false }).catch(() => undefined);
        throw err;
      }
      ended = true;
      await call({ op: "end", tx: txId, commit: true });
      return result;
    },
    async listen(channel: string, handler: (payload: string) => void) {
      let set = handlers.get(channel);
      if (!set) handlers.set(channel, (set = new Set()));
      const fresh = set.size === 0;
      set.add(handler);
      if (fresh) await call({ op: "listen", channel });
      const mine = set;
      return async () => {
        mine.delete(handler);
        if (mine.size === 0 && handlers.get(channel) === mine) {
          handlers.delete(channel);
          if (!closed) await call({ op: "unlisten", channel });
        }
      };
    },
    async close() {
      if (closed) return;
      closing = true;
      try {
        await call({ op: "close" });
      } finally {
        closed = true;
        await worker.terminate();
      }
    },
  };
  return client;
}
