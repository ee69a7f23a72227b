// A small typed client for the HTTP contract of DESIGN.md §7: every answer is parsed with the same zod
// schemas the server validates with (src/domain/contract.ts), and every failure becomes a CliError.
import type { z } from "zod";
import { Problem } from "../../domain/contract.js";
import { ApiError, CliError, EXIT, oneLine } from "./errors.js";

export interface ClientOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | undefined;
  userAgent?: string | undefined;
}

export interface RequestOptions {
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

export interface ApiClient {
  readonly baseUrl: string;
  /** Absolute URL for a path or a server-relative link (download_url, links.stream). */
  url(pathOrUrl: string, query?: RequestOptions["query"]): string;
  /** Auth and user-agent headers; the token only goes to the server's own origin. */
  headersFor(url: string): Record<string, string>;
  request<S extends z.ZodType>(method: string, path: string, schema: S, options?: RequestOptions): Promise<z.infer<S>>;
  /** A request whose success has no body (a DELETE's 204); a failure throws like `request`'s. */
  requestEmpty(method: string, path: string): Promise<void>;
  /** The raw response of a GET that answered 2xx (downloads, streams). */
  fetchOk(url: string, init?: { headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response>;
}

export function createApiClient(options: ClientOptions): ApiClient {
  let base: URL;
  try {
    base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  } catch {
    throw new CliError(
      `invalid server URL ${JSON.stringify(options.baseUrl)} (set --url or WORKSMITH_URL, e.g. http://127.0.0.1:3000)`,
      EXIT.input,
    );
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new CliError(`invalid server URL ${JSON.stringify(options.baseUrl)}: must be http:// or https://`, EXIT.input);
  }
  const baseUrl = base.toString().replace(/\/$/, "");

  function url(pathOrUrl: string, query: RequestOptions["query"] = {}): string {
    const u = new URL(pathOrUrl.replace(/^\//, ""), base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") u.searchParams.set(k, String(v));
    return u.toString();
  }

  function headersFor(target: string): Record<string, string> {
    const headers: Record<string, string> = { "user-agent": options.userAgent ?? "worksmith-cli" };
    // A download link may point at another host (an S3-compatible store): never hand it our token.
    if (options.token && new URL(target).origin === base.origin) headers.authorization = `Bearer ${options.token}`;
    return headers;
  }

  async function send(target: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(target, init);
    } catch (err) {
      if (init.signal?.aborted) throw err;
      const cause =
        err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
      throw new CliError(`cannot reach the Worksmith server at ${baseUrl}: ${oneLine(cause)} (set --url or WORKSMITH_URL)`, EXIT.server);
    }
  }

  async function failure(res: Response): Promise<never> {
    const text = await res.text().catch(() => "");
    let problem: Problem | null = null;
    try {
      const parsed = Problem.safeParse(JSON.parse(text));
      if (parsed.success) problem = parsed.data;
    } catch {
      // not JSON: fall back to the status line
    }
    throw new ApiError(res.status, problem, `${res.status} ${res.statusText || "error"} from ${new URL(res.url || baseUrl).pathname}`);
  }

  async function request<S extends z.ZodType>(method: string, path: string, schema: S, o: RequestOptions = {}): Promise<z.infer<S>> {
    const target = url(path, o.query);
    const headers: Record<string, string> = { accept: "application/json", ...headersFor(target), ...o.headers };
    let body = o.body;
    if (o.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(o.json);
    }
    const res = await send(target, { method, headers, body, signal: o.signal });
    if (!res.ok) return failure(res);
    const text = await res.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new CliError(`unexpected answer from ${method} ${path}: not JSON (is ${baseUrl} a Worksmith server?)`, EXIT.server);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(
        `unexpected answer from ${method} ${path}: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"} (a different server version?)`,
        EXIT.server,
      );
    }
    return parsed.data;
  }

  async function requestEmpty(method: string, path: string): Promise<void> {
    const target = url(path);
    const res = await send(target, { method, headers: { accept: "application/json", ...headersFor(target) } });
    if (!res.ok) return failure(res);
    await res.body?.cancel();
  }

  async function fetchOk(target: string, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> {
    const res = await send(target, { headers: { ...headersFor(target), ...init.headers }, signal: init.signal });
    if (!res.ok) return failure(res);
    return res;
  }

  return { baseUrl, url, headersFor, request, requestEmpty, fetchOk };
}
