// Statements built once and run many times, for the few hot paths that run per request under load
// (the grouped submit, issue 14). Drizzle's query builder re-renders a statement's SQL on every call
// (8.9 % of the server's samples under bench:api); here the text is rendered once, with placeholders,
// and on PostgreSQL it runs as a named prepared statement, so each pooled connection parses and plans
// it once. PGlite has no pool and no per-connection cache worth naming: it runs the same text.
import { fillPlaceholders, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { createHash } from "node:crypto";
import type { Database } from "./client.js";

export interface PreparedStatement {
  /** The name PostgreSQL caches the parsed statement under (derived from the text, so one text, one name). */
  readonly name: string;
  readonly text: string;
  /** The statement's parameters in order: placeholders to fill per run, or constants. */
  readonly params: unknown[];
}

const dialect = new PgDialect();

/** Renders `query` (whose varying values are `sql.placeholder(name)`s) once. */
export function prepareStatement(query: SQL): PreparedStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { name: `ws_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`, text, params };
}

/** Runs a prepared statement outside any transaction (it is its own), with a value per placeholder. */
export async function runPrepared(
  database: Database,
  statement: PreparedStatement,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const params = fillPlaceholders(statement.params, values);
  // Inside a transaction the statement is that transaction's: its text with the values as parameters.
  if (database.tx) {
    const result: unknown = await database.tx.execute(asSql(statement.text, params));
    return (result as { rows: Record<string, unknown>[] }).rows;
  }
  if (database.raw.kind === "postgres") {
    const result = await database.raw.pool.query<Record<string, unknown>>({ name: statement.name, text: statement.text, values: params });
    return result.rows;
  }
  const result = await database.raw.client.query<Record<string, unknown>>(statement.text, params);
  return result.rows;
}

/** A rendered text ("… $1 … $2 …") and its values as a drizzle SQL again, to run on an executor. */
function asSql(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) chunks.push(sql.raw(parts[i]!));
    else chunks.push(sql`${params[Number(parts[i]) - 1]}`);
  }
  return sql.join(chunks);
}
