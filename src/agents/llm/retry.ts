// Which provider errors are worth another try, and how long to wait first. The AI SDK's own retries
// are off (maxRetries: 0) so that each retry is ours to log: a person watching the ticket sees
// "HTTP 429, retrying in 20 s" instead of a frozen step.
import { APICallError, RetryError } from "ai";

export interface RetryPolicy {
  /** Attempts at one model call on HTTP 5xx / 408 / network errors. Default 3. */
  serverErrorAttempts: number;
  /** Attempts at one model call on HTTP 429. Default 5. */
  rateLimitAttempts: number;
  /** First backoff; doubles each time (1 s, 2 s, 4 s …). Default 1000. */
  backoffMs: number;
  /** Longest wait a Retry-After may ask for; a longer one is capped. Default 60 s. */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  serverErrorAttempts: 3,
  rateLimitAttempts: 5,
  backoffMs: 1_000,
  retryAfterCapMs: 60_000,
};

export type RetryKind = "rate-limit" | "server";

/** What failed, for the retry log line: "HTTP 429", "HTTP 503", "ECONNRESET". */
export interface RetryVerdict {
  kind: RetryKind;
  what: string;
  /** Wait before the next attempt. */
  waitMs: number;
  /** The limit of attempts for this kind. */
  attempts: number;
}

/** Which kind of retryable failure this is, or undefined (auth, unknown model, bad request: fail at once). */
export function retryKindOf(error: unknown): RetryKind | undefined {
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (!APICallError.isInstance(cause)) return undefined;
  const status = cause.statusCode;
  if (status === 429) return "rate-limit";
  return (status === undefined ? cause.isRetryable : status >= 500 || status === 408) ? "server" : undefined;
}

/**
 * Whether to try again after the `failed`-th failure of this kind (1 = the first), and how long
 * to wait; undefined when the attempts for the kind are used up.
 */
export function retryVerdict(error: unknown, kind: RetryKind, failed: number, policy: RetryPolicy): RetryVerdict | undefined {
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (!APICallError.isInstance(cause)) return undefined;
  if (kind === "rate-limit") {
    if (failed >= policy.rateLimitAttempts) return undefined;
    const asked = retryAfterMs(cause.responseHeaders);
    const waitMs = Math.min(policy.retryAfterCapMs, asked ?? backoff(policy, failed));
    return { kind, what: "HTTP 429 (rate limited)", waitMs, attempts: policy.rateLimitAttempts };
  }
  if (failed >= policy.serverErrorAttempts) return undefined;
  const status = cause.statusCode;
  const what = status === undefined ? (networkCode(cause.cause) ?? "a network error") : `HTTP ${status}`;
  return { kind, what, waitMs: backoff(policy, failed), attempts: policy.serverErrorAttempts };
}

// Backoff (ms) at the default 1 s: 1000, 2000, 4000 …
function backoff(policy: RetryPolicy, failedSoFar: number): number {
  return policy.backoffMs * 2 ** Math.max(0, failedSoFar - 1);
}

/** `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(lower["retry-after-ms"]);
  if (lower["retry-after-ms"] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function networkCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}
