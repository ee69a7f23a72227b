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
  return { type: TYPE_BASE + slug, title: humanTitle(status, title), status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
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
    return problemResponse(
      c,
      problem(err.status, slugFor(err.status), humanTitle(err.status, err.title), err.message, err.errors),
      err.headers,
    );
  }
  if (err instanceof NotFoundError) return problemResponse(c, problem(404, "not-found", titleFor(404), err.message));
  if (err instanceof ValidationError) return problemResponse(c, problem(422, "validation", titleFor(422), err.message, err.errors));
  if (err instanceof ConflictError) return problemResponse(c, problem(409, "conflict", titleFor(409), err.message));
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
  return problemResponse(c, problem(500, "internal", titleFor(500), "Something went wrong on our side; it has been logged."));
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

/**
 * Titles a person reads as the heading of an error (the web app shows `title` as is): plain words,
 * never the HTTP reason phrase ("Unprocessable Entity", "Unsupported Media Type"); the status and
 * the `type` carry the protocol meaning.
 */
const HUMAN_TITLES: Record<number, string> = {
  400: "The request could not be read",
  401: "Sign-in required",
  403: "Not allowed",
  404: "Not found",
  405: "Not available here",
  409: "Clashes with the current state",
  413: "Too large",
  415: "Wrong kind of content",
  422: "Invalid request",
  429: "Too many requests at once",
  500: "Something went wrong on our side",
  503: "Not available right now",
};

/** HTTP reason phrases (RFC 9110 and common variants), lower-cased: a title equal to one is replaced. */
const REASON_PHRASES = new Set([
  "bad request",
  "unauthorized",
  "forbidden",
  "not found",
  "method not allowed",
  "conflict",
  "payload too large",
  "content too large",
  "request entity too large",
  "unsupported media type",
  "unprocessable entity",
  "unprocessable content",
  "too many requests",
  "internal error",
  "internal server error",
  "service unavailable",
]);

export function titleFor(status: number): string {
  return HUMAN_TITLES[status] ?? (status >= 500 ? HUMAN_TITLES[500]! : "Request refused");
}

/** A thrower's own title (e.g. "Too many sign-in attempts") unless it is just the HTTP phrase. */
export function humanTitle(status: number, title: string): string {
  return REASON_PHRASES.has(title.trim().toLowerCase()) ? titleFor(status) : title;
}
