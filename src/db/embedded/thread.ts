// The embedded database's thread: it holds the one PGlite instance of the process and runs every
// statement the main thread sends (./client.ts), so PGlite's query execution (WebAssembly, run
// synchronously) and its protocol parsing no longer hold the thread that answers HTTP (issue 14).
// PGlite's own mutex orders everything as before: a statement outside a transaction waits for the
// open one to end; a transaction waits for the statement before it.
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { parentPort, workerData } from "node:worker_threads";
import { errorData, type Reply, type Request, type ThreadStart } from "./protocol.js";

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

function target(tx: number | undefined): Pick<Transaction, "query" | "exec"> {
  if (tx === undefined) return client;
  const open = txs.get(tx);
  if (!open) throw new Error(`No open transaction ${tx} (it has ended)`);
  return open.tx;
}

function begin(id: number): void {
  const txId = ++lastTx;
  let answer = -1;
  client
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
      const result = await target(req.tx).query(req.sql, req.params, {
        ...(req.rowMode ? { rowMode: req.rowMode } : {}),
        ...(req.textOids ? { parsers: keepText(req.textOids) } : {}),
      });
      ok(req.id, result);
      return;
    }
    case "exec":
      ok(req.id, await target(req.tx).exec(req.sql));
      return;
    case "begin":
      begin(req.id);
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

port.on("message", (req: Request) => {
  handle(req).catch((err: unknown) => fail(req.id, err));
});
send({ kind: "ready" });
