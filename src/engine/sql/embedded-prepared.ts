// The claim on PGlite as a server-side prepared statement. src/db/prepared.ts runs a statement's
// text on PGlite (its query API has only the unnamed statement), so the fair claim — 16 WITH
// queries, ~40 plan nodes — was parsed and planned on every claim, in WebAssembly, on the thread
// the agents' own statements also wait for. PGlite is one session, so an SQL-level PREPARE made
// once lives as long as the database is open and every later claim is an EXECUTE of its cached
// plan (the statement stays one statement: EXECUTE runs it as it is). EXECUTE takes no bind
// parameters, so the values are written in as literals — the claim's are a worker id and integers.
import { fillPlaceholders } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import type { PreparedStatement } from "../../db/prepared.js";

type EmbeddedClient = Extract<Database["raw"], { kind: "pglite" }>["client"];

/** Statement names PREPAREd in each PGlite session. */
const preparedIn = new WeakMap<EmbeddedClient, Map<string, Promise<void>>>();

/** Runs `statement` on PGlite outside any transaction (it is its own), prepared once per session. */
export async function runPreparedEmbedded(
  client: EmbeddedClient,
  statement: PreparedStatement,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  let names = preparedIn.get(client);
  if (!names) preparedIn.set(client, (names = new Map<string, Promise<void>>()));
  let ready = names.get(statement.name);
  if (!ready) {
    ready = client.query(`PREPARE ${statement.name} AS ${statement.text}`).then(() => undefined);
    names.set(statement.name, ready);
    // A failed PREPARE is tried again by the next call rather than cached.
    ready.catch(() => names.delete(statement.name));
  }
  await ready;
  const args = fillPlaceholders(statement.params, values).map(literal);
  const result = await client.query<Record<string, unknown>>(`EXECUTE ${statement.name}${args.length > 0 ? `(${args.join(", ")})` : ""}`);
  return result.rows;
}

/** A value as an SQL literal: E'' strings (quotes and backslashes doubled), finite numbers, booleans, NULL. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as an SQL literal`);
    return String(v);
  }
  if (typeof v === "string") {
    if (v.includes("\0")) throw new Error("an SQL literal cannot hold a NUL character");
    return `E'${v.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  }
  throw new Error(`cannot write a ${typeof v} as an SQL literal`);
}
