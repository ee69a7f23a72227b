// The CLI's exit codes and the one error type its commands throw; main turns it into one line on
// stderr and the exit code, so scripts can tell bad input from a broken server from a failed ticket.
import type { Problem } from "../../domain/contract.js";

/** Documented in the README (CLI section). */
export const EXIT = {
  ok: 0,
  /** The server answered 5xx, could not be reached, or answered something unexpected. */
  server: 1,
  /** Bad input: a usage error, or the server refused the request (4xx: invalid, not found, conflict). */
  input: 2,
  /** The followed ticket ended `failed`. */
  failed: 3,
  /** The followed ticket ended `cancelled`. */
  cancelled: 4,
  /** Interrupted by Ctrl-C while following (the ticket keeps running on the server). */
  interrupted: 130,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A problem+json answer from the server. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    fallback: string,
  ) {
    super(
      describeProblem(status, problem, fallback) + (status === 401 ? " — set --token or WORKSMITH_TOKEN (Account page → API tokens)" : ""),
      status >= 400 && status < 500 ? EXIT.input : EXIT.server,
    );
  }
}

/** One line: "<detail> (HTTP 422) — parameters/topic: Topic is required; parameters/x: …". */
export function describeProblem(status: number, problem: Problem | null, fallback: string): string {
  const head = problem ? (problem.detail ?? problem.title) : fallback;
  const fields = (problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  return `${oneLine(head)} (HTTP ${status})${fields.length > 0 ? ` — ${fields.map(oneLine).join("; ")}` : ""}`;
}

/** Keep an error on one line whatever the server or a filename put in it. */
export function oneLine(text: string): string {
  return (
    text
      .replace(/[\r\n\t]+/g, " ")
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .trim()
  );
}
