// The embedded database's thread: it holds the one PGlite instance of the process and runs every
// statement the main thread sends (./client.ts), so PGlite's query execution (WebAssembly, run
// synchronously) and its protocol parsing no longer hold the thread that answers HTTP (issue 14).
// A statement of its own and a whole transaction are each one unit of ./queue.ts: one runs at a time,
// a request's before background ones (./origin.ts); a transaction's own statements and its end go
// straight in. PGlite's own mutex still orders whatever reaches it.
// A statement text seen before runs as a named prepared statement (see `runNamed`): PGlite's `query`
// parses, plans and describes every statement again, in five calls into PostgreSQL.
import { parse, PGlite, protocol, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";
import { parentPort, workerData } from "node:worker_threads";
import { errorData, type Reply, type Request, type ThreadStart } from "./protocol.js";
import { UnitQueue } from "./queue.js";

if (!parentPort) throw new Error("src/db/embedded/thread.ts runs as a worker thread");
const port = parentPort;
const { dir } = workerData as ThreadStart;

const send = (reply: Reply) => port.postMessage(reply);
const ok = (id: number, value: unknown) => send({ kind: "reply", id, ok: true, value });
const fail = (id: number, err: unknown) => send({ kind: "reply", id, ok: false, error: errorData(err) });

/** Rolls back a transaction the main thread asked to end without committing (never reaches the caller). */
class Rollback extends Error {}

interface OpenTx {
  tx: Transaction;
  /** Resolved by the "end" request: commit or not, and the request to answer once it is done. */
  end: (how: { commit: boolean; id: number }) => void;
}

let client: PGlite;
try {
  client = dir ? new PGlite(dir) : new PGlite();
  await client.waitReady;
  if (process.env.PGTIME) ((await import(process.env.PGTIME)) as { instrument(c: PGlite): void }).instrument(client);
} catch (err) {
  send({ kind: "failed", error: errorData(err) });
  throw err;
}

const txs = new Map<number, OpenTx>();
let lastTx = 0;
/** One PGlite listener per channel; the main thread fans a notification out to its handlers. */
const listening = new Map<string, () => Promise<void>>();
// Identity parsers, one set per list of oids (drizzle asks for the same few on every query).
const parserSets = new Map<string, Record<number, (value: string) => string>>();
const keepText = (oids: number[]) => {
  const key = oids.join(",");
  let parsers = parserSets.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(oids.map((oid) => [oid, (value: string) => value]));
    parserSets.set(key, parsers);
  }
  return parsers;
};

// ---- named statements ----
// PGlite's `query` sends Parse (unnamed), Describe, Bind, Describe, Execute and Sync as five calls into
// its WebAssembly, and PostgreSQL parses and plans the text every time: for the GET ticket's select
// (a 2.5 kB statement with joins) ~3–4.7 ms a run, against ~0.6 ms as a named statement run by one
// Bind/Describe/Execute/Sync call (measured in process, issue 14). A text is named on its second use
// (one-off statements, migrations, DDL stay unnamed); at most NAMED_MAX are kept, the oldest closed.

/** PGlite's own serialisation and locking, which its `query` uses (public, underscore-named). */
interface PGliteInternals {
  serializers: Record<number, (value: unknown) => string>;
  parsers: Record<number, (value: string, typeId?: number) => unknown>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
}
interface NamedStatement {
  name: string;
  paramTypes: number[];
}
const NAMED_MAX = 500;
const SEEN_MAX = 5_000;
const named = new Map<string, NamedStatement>();
const seen = new Set<string>();
let lastName = 0;
const wire = protocol.serialize;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Whether this text runs named: the second time it is seen, and after. */
function worthNaming(sql: string): boolean {
  if (named.has(sql)) return true;
  if (seen.has(sql)) return true;
  if (seen.size >= SEEN_MAX) seen.clear();
  seen.add(sql);
  return false;
}

async function runNamed(sql: string, params: unknown[], options: QueryOptions, inTransaction: boolean): Promise<Results> {
  const pg = client as unknown as PGliteInternals;
  const run = async (): Promise<Results> => {
    let statement = named.get(sql);
    if (statement) {
      named.delete(sql); // re-inserted below: the map's order is least recently used first
    } else {
      const name = `ws_${++lastName}`;
      const parts = [wire.parse({ name, text: sql }), wire.describe({ type: "S", name }), wire.sync()];
      let oldest: string | undefined;
      if (named.size >= NAMED_MAX) {
        oldest = named.keys().next().value;
        if (oldest !== undefined) parts.unshift(wire.close({ type: "S", name: named.get(oldest)!.name }));
      }
      if (oldest !== undefined) named.delete(oldest);
      const described = await runWire(parts);
      statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
    }
    named.set(sql, statement);
    const types = statement.paramTypes;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = pg.serializers[types[i]!];
      return serialize ? serialize(value) : (value as { toString(): string }).toString(); // as PGlite does
    });
    const messages = await runWire([
      wire.bind({ statement: statement.name, values }),
      wire.describe({ type: "P" }),
      wire.execute({}),
      wire.sync(),
    ]);
    if (!inTransaction) await client.syncToFs();
    return parse.parseResults(messages, pg.parsers, options)[0]!;
  };
  // As PGlite's `query`: outside a transaction it waits for the open one; inside, the transaction holds that lock.
  return inTransaction ? pg._runExclusiveQuery(run) : pg._runExclusiveTransaction(() => pg._runExclusiveQuery(run));
}

/** One call into PostgreSQL; after an error (already followed by our Sync) one more Sync, as PGlite's `query` sends. */
async function runWire(parts: Uint8Array[]) {
  try {
    return await client.execProtocolStream(concat(parts), { syncToFs: false });
  } catch (err) {
    await client.execProtocolStream(wire.sync(), { syncToFs: false }).catch(() => undefined);
    throw err;
  }
}

function target(tx: number | undefined): Pick<Transaction, "query" | "exec"> {
  if (tx === undefined) return client;
  const open = txs.get(tx);
  if (!open) throw new Error(`No open transaction ${tx} (it has ended)`);
  return open.tx;
}

/** Opens a transaction; the promise settles when it has ended (committed, rolled back or failed). */
function begin(id: number): Promise<void> {
  const txId = ++lastTx;
  let answer = -1;
  return client
    .transaction(async (tx) => {
      const how = await new Promise<{ commit: boolean; id: number }>((resolve) => {
        txs.set(txId, { tx, end: resolve });
        ok(id, txId);
      });
      answer = how.id;
      if (!how.commit) throw new Rollback();
    })
    .then(
      () => ok(answer, null),
      (err: unknown) => {
        if (answer < 0)
          fail(id, err); // it never began
        else if (err instanceof Rollback) ok(answer, null);
        else fail(answer, err); // the commit failed
      },
    )
    .finally(() => txs.delete(txId));
}

async function handle(req: Request): Promise<void> {
  switch (req.op) {
    case "query": {
      const options: QueryOptions = {
        ...(req.rowMode ? { rowMode: req.rowMode } : {}),
        ...(req.textOids ? { parsers: keepText(req.textOids) } : {}),
      };
      const on = target(req.tx); // throws for a transaction that has ended
      if (!worthNaming(req.sql)) {
        ok(req.id, await on.query(req.sql, req.params, options));
        return;
      }
      try {
        ok(req.id, await runNamed(req.sql, req.params ?? [], options, req.tx !== undefined));
      } catch (err) {
        // A table a named statement reads was altered (DDL): PostgreSQL refuses its cached plan.
        // Forget it; outside a transaction run the text again, unnamed (inside, the transaction is aborted).
        if ((err as { code?: unknown }).code !== "0A000" || !named.has(req.sql)) throw err;
        named.delete(req.sql);
        seen.delete(req.sql);
        if (req.tx !== undefined) throw err;
        ok(req.id, await on.query(req.sql, req.params, options));
      }
      return;
    }
    case "exec":
      ok(req.id, await target(req.tx).exec(req.sql));
      return;
    case "begin":
      await begin(req.id);
      return;
    case "end": {
      const open = txs.get(req.tx);
      if (!open) throw new Error(`No open transaction ${req.tx}`);
      open.end({ commit: req.commit, id: req.id });
      return;
    }
    case "listen":
      if (!listening.has(req.channel)) {
        const channel = req.channel;
        listening.set(channel, await client.listen(channel, (payload) => send({ kind: "notify", channel, payload })));
      }
      ok(req.id, null);
      return;
    case "unlisten": {
      const stop = listening.get(req.channel);
      listening.delete(req.channel);
      if (stop && !client.closed) await stop();
      ok(req.id, null);
      return;
    }
    case "close":
      if (!client.closed) await client.close();
      ok(req.id, null);
      port.close();
      return;
  }
}

// ---- the queue of units ----
const units = new UnitQueue<Request>();
let busy = false;

function pump(): void {
  if (busy) return;
  const next = units.take();
  if (!next) return;
  busy = true;
  void handle(next)
    .catch((err: unknown) => fail(next.id, err))
    .finally(() => {
      busy = false;
      pump();
    });
}

port.on("message", (req: Request) => {
  // Inside an open transaction (its statements, its end) and closing: straight in, as before.
  if (req.op === "end" || req.op === "close" || ((req.op === "query" || req.op === "exec") && req.tx !== undefined)) {
    handle(req).catch((err: unknown) => fail(req.id, err));
    return;
  }
  units.push(req, req.first === true);
  pump();
});
send({ kind: "ready" });
