// The messages between the main thread and the embedded database's thread (./thread.ts, ./client.ts).
// Plain data only: everything here is structured-cloned across the thread boundary.

/** What the thread is started with (workerData). */
export interface ThreadStart {
  /** PGlite's directory; absent → in memory. */
  dir: string | undefined;
}

/**
 * Every request may say it is a request's own (./origin.ts): the thread runs such a statement or
 * transaction before background ones waiting beside it (./thread.ts, `Queue`).
 */
export type Request = RequestOf & { first?: true | undefined };

type RequestOf =
  | {
      op: "query";
      id: number;
      /** The open transaction it belongs to; absent → a statement of its own (waits for any open transaction). */
      tx?: number | undefined;
      sql: string;
      params: unknown[] | undefined;
      rowMode: "object" | "array" | undefined;
      /** Type oids whose values come back as PostgreSQL's text (drizzle's parsers for timestamps and dates). */
      textOids: number[] | undefined;
    }
  | { op: "exec"; id: number; tx?: number | undefined; sql: string }
  | { op: "begin"; id: number }
  | { op: "end"; id: number; tx: number; commit: boolean }
  | { op: "listen"; id: number; channel: string }
  | { op: "unlisten"; id: number; channel: string }
  | { op: "close"; id: number };

/** An error as it crosses the thread: message, name and PostgreSQL's fields (code, detail, constraint…). */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string | undefined;
  props: Record<string, unknown>;
}

export type Reply =
  | { kind: "reply"; id: number; ok: true; value: unknown }
  | { kind: "reply"; id: number; ok: false; error: ErrorData }
  | { kind: "notify"; channel: string; payload: string }
  | { kind: "ready" }
  | { kind: "failed"; error: ErrorData };

export function errorData(err: unknown): ErrorData {
  if (!(err instanceof Error)) return { name: "Error", message: String(err), props: {} };
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(err)) {
    if (value === undefined || typeof value === "function") continue;
    if (typeof value === "object" && value !== null) continue; // only the scalar fields (code, detail, position…)
    props[key] = value;
  }
  return { name: err.name, message: err.message, stack: err.stack, props };
}
