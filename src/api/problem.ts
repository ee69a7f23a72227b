// RFC 9457 problem+json: the one shape every error leaves the API in. Domain errors map to a status
// here and nowhere else; anything unexpected is logged and becomes a bare 500 without internals.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { ConflictError, DomainError, NotFoundError, ValidationError, type FieldError } from "../domain/errors.js";
import type { Problem } from "../domain/contract.js";

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

export function problemResponse(c: Context, p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

const TYPE_BASE = "https://worksmith.dev/problems/";

export function problem(status: number, slug: string, title: string, detail?: string, errors?: FieldError[]): Problem {
  return { type: TYPE_BASE + slug, title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
}

export function zodFieldErrors(error: ZodError, prefix = ""): FieldError[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join("/") || prefix || "body",
    message: i.message,
  }));
}

/** Maps anything thrown in a handler to a problem response. */
export function errorToProblem(err: unknown, c: Context, onUnexpected: (err: unknown) => void): Response {
  if (err instanceof ProblemError) {
    return problemResponse(c, problem(err.status, slugFor(err.status), err.title, err.message, err.errors), err.headers);
  }
  if (err instanceof NotFoundError) return problemResponse(c, problem(404, "not-found", "Not found", err.message));
  if (err instanceof ValidationError) return problemResponse(c, problem(422, "validation", "Invalid request", err.message, err.errors));
  if (err instanceof ConflictError) return problemResponse(c, problem(409, "conflict", "Conflict", err.message));
  // Other domain errors may carry their own 4xx status (e.g. upload limits: 413, 415).
  if (err instanceof DomainError && "status" in err && typeof err.status === "number" && err.status >= 400 && err.status < 500) {
    return problemResponse(c, problem(err.status, slugFor(err.status), titleFor(err.status), err.message));
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const detail = err.message || undefined;
    if (status === 400 && /JSON/i.test(err.message)) {
      return problemResponse(c, problem(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON."));
    }
    // The validator's own words are just the status phrase; say what to send instead.
    if (status === 415) {
      return problemResponse(
        c,
        problem(
          415,
          slugFor(415),
          titleFor(415),
          "This endpoint takes a JSON body: send it with the header `content-type: application/json`.",
        ),
      );
    }
    return problemResponse(c, problem(status, slugFor(status), titleFor(status), detail));
  }
  // Defence in depth: PostgreSQL refusing a value (class 22: data exception, e.g. a NUL byte or an
  // out-of-range number the edge let through) is the caller's bad input, not our failure.
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("22")) {
    return problemResponse(c, problem(422, "validation", "Invalid request", "A value in the request cannot be stored."));
  }
  onUnexpected(err);
  return problemResponse(c, problem(500, "internal", "Internal error", "Something went wrong on our side; it has been logged."));
}

function slugFor(status: number): string {
  return (
    {
      400: "bad-request",
      401: "unauthorized",
      403: "forbidden",
      404: "not-found",
      409: "conflict",
      413: "payload-too-large",
      415: "unsupported-media-type",
      422: "validation",
      429: "rate-limited",
    }[status] ?? "error"
  );
}

function titleFor(status: number): string {
  return (
    {
      400: "Bad request",
      401: "Unauthorized",
      403: "Forbidden",
      404: "Not found",
      405: "Method not allowed",
      409: "Conflict",
      413: "Payload too large",
      415: "Unsupported media type",
      422: "Invalid request",
      429: "Too many requests",
    }[status] ?? "Error"
  );
}
