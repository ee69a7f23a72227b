// Error headings a person reads (issue 15): the server's problem+json titles are plain words already
// (src/api/problem.ts), but an answer from something in between (a proxy's 502 page, an old server)
// arrives with only its HTTP reason phrase ("Unprocessable Entity", "Bad Gateway"). Those, and bare
// statuses, get a heading by status here.
import type { ApiError } from "./api.js";

const BY_STATUS: Record<number, string> = {
  0: "The server could not be reached",
  400: "The request could not be read",
  401: "Sign-in required",
  403: "Not allowed",
  404: "Not found",
  405: "Not available here",
  408: "The server took too long",
  409: "Clashes with the current state",
  413: "Too large",
  415: "Wrong kind of content",
  422: "Invalid request",
  429: "Too many requests at once",
  500: "Something went wrong on our side",
  502: "The server could not be reached",
  503: "Not available right now",
  504: "The server took too long",
};

/** Reason phrases of RFC 9110 and their common variants, lower-cased. */
const REASON_PHRASES = new Set([
  "bad request",
  "unauthorized",
  "forbidden",
  "not found",
  "method not allowed",
  "request timeout",
  "conflict",
  "payload too large",
  "content too large",
  "request entity too large",
  "unsupported media type",
  "unprocessable entity",
  "unprocessable content",
  "too many requests",
  "internal server error",
  "internal error",
  "bad gateway",
  "service unavailable",
  "gateway timeout",
  "request failed",
]);

function byStatus(status: number): string {
  return BY_STATUS[status] ?? (status >= 500 ? "Something went wrong on our side" : "Something went wrong");
}

/** The heading for an error: the server's own title unless it is only an HTTP phrase (or missing). */
export function problemHeading(error: ApiError): string {
  const title = error.problem.title?.trim() ?? "";
  if (!title || REASON_PHRASES.has(title.toLowerCase())) return byStatus(error.status);
  return title;
}
