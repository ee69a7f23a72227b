// The web app's one door to the server: typed fetches of the HTTP contract (DESIGN.md §7). Shapes
// come from src/domain/contract.ts as types only, so no schema code ships in the initial bundle.
// A 401 from any route but /api/auth/* means the session ended: one handler (the session provider)
// hears it and sends the person to sign in, so pages need not each know about it.
import type {
  ContextItemDetail,
  ContextItemView,
  ExecuteAccepted,
  LoginRequest,
  MemberAdd,
  MemberView,
  OutputView,
  Problem,
  ProjectDetail,
  ProjectView,
  RecipeView,
  Role,
  SessionView,
  SetupRequest,
  TicketList,
  TicketView,
  TokenCreate,
  TokenCreated,
  TokenView,
  UserCreate,
  UserView,
} from "../../../src/domain/contract.js";
import type {
  Comparison,
  LibraryFormat,
  LibraryOutput,
  LibraryPage,
  ShareCreated,
  SharedTicket,
  ShareView,
} from "../../../src/domain/outputs-library.js";
import type { AgentType, Recipe, RecipeModel } from "../../../src/domain/recipe.js";
import type { RecipeStats, TicketEstimate } from "../../../src/domain/recipe-stats.js";
import type { TicketStatus } from "../../../src/domain/ticket-status.js";
import type { TicketQuestion } from "../../../src/domain/questions.js";

/** A non-2xx answer, carrying the server's problem+json (field errors included). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Seconds from a Retry-After header (429 after too many sign-in attempts), when the server sent one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  get forbidden(): boolean {
    return this.status === 403;
  }
}

/** The problem's field errors by field name ("email", not "body/email"); the first message per field wins. */
export function fieldErrorsOf(error: ApiError | null): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const e of error?.problem.errors ?? []) byField[e.field.replace(/^body\//, "")] ??= e.message;
  return byField;
}

let unauthorizedHandler: (() => void) | null = null;

/** Who hears "not signed in" (a 401 outside /api/auth); returns the unsubscribe. One at a time. */
export function onUnauthorized(handler: () => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

/**
 * For callers that cannot see a status code (EventSource only reports "error"): ask whether we are
 * still signed in, and if not tell the handler, as a 401 would have.
 */
export async function confirmSignedIn(): Promise<void> {
  try {
    const session = await request<SessionView>("GET", "/api/auth/session");
    if (!session.user) unauthorizedHandler?.();
  } catch {
    // The server is unreachable: the stream's own reconnecting covers that.
  }
}

function retryAfter(res: Response): number | null {
  const value = res.headers.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "title" in value && "status" in value;
}

declare global {
  interface Window {
    /** Started by an inline script in index.html before the bundle loads (the tracking page's ticket). */
    __worksmithPrefetch?: { path: string; response: Promise<Response> } | undefined;
  }
}

/** The prefetched answer for `path`, once: later reads (a refetch, another visit) go to the network. */
function takePrefetched(method: string, path: string): Promise<Response> | null {
  const prefetch = typeof window === "undefined" ? undefined : window.__worksmithPrefetch;
  if (method !== "GET" || !prefetch || prefetch.path !== path) return null;
  window.__worksmithPrefetch = undefined;
  return prefetch.response;
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, headers: { accept: "application/json" }, signal: signal ?? null };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: "application/json", "content-type": "application/json" };
  }
  let res: Response;
  try {
    const prefetched = takePrefetched(method, path);
    res = await (prefetched ?? fetch(path, init));
    // A prefetch sent before sign-in (the visitor landed on a tracking link signed out) answered 401;
    // the person has signed in since, so ask again rather than bounce them back to the sign-in page.
    if (prefetched && res.status === 401) res = await fetch(path, init);
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, {
      type: "about:blank",
      title: "The server could not be reached",
      status: 0,
      detail: "Check that Worksmith is running, then try again.",
    });
  }
  const text = await res.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!res.ok) {
    const problem: Problem = isProblem(payload)
      ? payload
      : { type: "about:blank", title: res.statusText || "Request failed", status: res.status };
    // The sign-in routes answer 401 for a wrong password: that is the form's business, not a lost session.
    if (res.status === 401 && !path.startsWith("/api/auth/")) unauthorizedHandler?.();
    throw new ApiError(res.status, problem, retryAfter(res));
  }
  return payload as T;
}

/** The same door for a feature whose routes the `api` object does not list (notifications, schedules). */
export { request as apiRequest };

export interface TicketFilter {
  project_id: string;
  status?: TicketStatus | undefined;
  agent_type?: AgentType | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  /** Search over topics and output titles. */
  q?: string | undefined;
  /** ISO 8601 date or date-time, or a duration back from now ("7d"). */
  since?: string | undefined;
  until?: string | undefined;
}

export interface LibraryFilter {
  recipe?: string | undefined;
  format?: LibraryFormat | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const enc = encodeURIComponent;

export const api = {
  listProjects: (signal?: AbortSignal) =>
    request<{ items: ProjectView[] } | ProjectView[]>("GET", "/api/projects", undefined, signal).then(itemsOf),
  getProject: (id: string, signal?: AbortSignal) => request<ProjectDetail>("GET", `/api/projects/${enc(id)}`, undefined, signal),
  createProject: (input: { name: string; description: string }) => request<ProjectView>("POST", "/api/projects", input),
  deleteProject: (id: string) => request<unknown>("DELETE", `/api/projects/${enc(id)}`),
  listContext: (projectId: string, signal?: AbortSignal) =>
    request<{ items: ContextItemView[] } | ContextItemView[]>("GET", `/api/projects/${enc(projectId)}/context`, undefined, signal).then(
      itemsOf,
    ),
  addNote: (projectId: string, note: { title: string; body: string; internal?: boolean }) =>
    request<ContextItemView>("POST", `/api/projects/${enc(projectId)}/context`, note),
  uploadContextFile: (projectId: string, file: File, options: { internal?: boolean } = {}) => {
    const form = new FormData();
    form.append("file", file);
    if (options.internal) form.append("internal", "true");
    return request<ContextItemView>("POST", `/api/projects/${enc(projectId)}/context`, form);
  },
  getContextItem: (projectId: string, itemId: string, signal?: AbortSignal) =>
    request<ContextItemDetail>("GET", `/api/projects/${enc(projectId)}/context/${enc(itemId)}`, undefined, signal),
  setContextInternal: (projectId: string, itemId: string, internal: boolean) =>
    request<ContextItemView>("PATCH", `/api/projects/${enc(projectId)}/context/${enc(itemId)}`, { internal }),
  /** A note's title and text (analysed again on the server) and/or its internal flag. */
  updateContextItem: (projectId: string, itemId: string, edit: { title?: string; body?: string; internal?: boolean }) =>
    request<ContextItemView>("PATCH", `/api/projects/${enc(projectId)}/context/${enc(itemId)}`, edit),
  deleteContext: (projectId: string, itemId: string) =>
    request<unknown>("DELETE", `/api/projects/${enc(projectId)}/context/${enc(itemId)}`),
  /** Recipes every project may use, plus the project's own when `projectId` is given. */
  listRecipes: (signal?: AbortSignal, projectId?: string, status: "active" | "archived" = "active") => {
    const query = new URLSearchParams({
      ...(projectId ? { project_id: projectId } : {}),
      ...(status === "archived" ? { status } : {}),
    }).toString();
    return request<{ items: RecipeView[] } | RecipeView[]>("GET", `/api/recipes${query ? `?${query}` : ""}`, undefined, signal).then(
      itemsOf,
    );
  },
  archiveRecipe: (slug: string) => request<RecipeView>("POST", `/api/recipes/${enc(slug)}/archive`),
  restoreRecipe: (slug: string) => request<RecipeView>("POST", `/api/recipes/${enc(slug)}/restore`),
  /** One recipe's stats with its latest failures in the caller's projects. */
  recipeStatsOf: (slug: string, signal?: AbortSignal) =>
    request<RecipeStats & { recent_failures: { ticket_id: string; project_id: string; finished_at: string; error: string }[] }>(
      "GET",
      `/api/recipe-stats/${enc(slug)}`,
      undefined,
      signal,
    ),
  getRecipe: (slug: string, signal?: AbortSignal) => request<RecipeView>("GET", `/api/recipes/${enc(slug)}`, undefined, signal),
  /** The recipe's current definition, as the editor loads it and as JSON export gives it. */
  exportRecipe: (slug: string, signal?: AbortSignal) => request<Recipe>("GET", `/api/recipes/${enc(slug)}/export`, undefined, signal),
  createRecipe: (definition: Record<string, unknown>) => request<RecipeView>("POST", "/api/recipes", definition),
  /** Saves a new version (tickets already submitted keep theirs). */
  updateRecipe: (slug: string, definition: Record<string, unknown>) => request<RecipeView>("PUT", `/api/recipes/${enc(slug)}`, definition),
  /** Every recipe's stats from its recent history (issue 18), keyed by slug. */
  recipeStats: (signal?: AbortSignal, projectId?: string) =>
    request<{ items: (RecipeStats & { slug: string })[] }>(
      "GET",
      projectId ? `/api/recipe-stats?project_id=${enc(projectId)}` : "/api/recipe-stats",
      undefined,
      signal,
    ).then((r) => new Map(r.items.map((s) => [s.slug, s]))),
  ticketEstimate: (id: string, signal?: AbortSignal) =>
    request<TicketEstimate>("GET", `/api/work/tickets/${enc(id)}/estimate`, undefined, signal),
  execute: (
    agentType: AgentType,
    input: { project_id: string; recipe_slug: string; parameters: Record<string, unknown>; model?: RecipeModel | undefined },
  ) => request<ExecuteAccepted>("POST", `/api/work/${enc(agentType)}/execute`, input),
  listTickets: (filter: TicketFilter, signal?: AbortSignal) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "") q.set(k, String(v));
    return request<TicketList>("GET", `/api/work/tickets?${q.toString()}`, undefined, signal);
  },
  getTicket: (id: string, signal?: AbortSignal) => request<TicketView>("GET", `/api/work/tickets/${enc(id)}`, undefined, signal),
  cancelTicket: (id: string) => request<unknown>("POST", `/api/work/tickets/${enc(id)}/cancel`),
  // A waiting ticket's question and its answer (issue 16).
  getQuestion: (id: string, signal?: AbortSignal) =>
    request<TicketQuestion>("GET", `/api/work/tickets/${enc(id)}/question`, undefined, signal),
  answerTicket: (id: string, answer: Record<string, unknown>) =>
    request<TicketQuestion>("POST", `/api/work/tickets/${enc(id)}/answer`, { answer }),
  retryTicket: (id: string, parameters?: Record<string, unknown>) =>
    request<ExecuteAccepted>("POST", `/api/work/tickets/${enc(id)}/retry`, parameters ? { parameters } : {}),
  listOutputs: (ticketId: string, signal?: AbortSignal) =>
    request<{ items: OutputView[] } | OutputView[]>("GET", `/api/work/tickets/${enc(ticketId)}/outputs`, undefined, signal).then(itemsOf),

  // The project's outputs library, compare and share links (issue 15).
  listProjectOutputs: (projectId: string, filter: LibraryFilter, signal?: AbortSignal) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "") q.set(k, String(v));
    return request<LibraryPage>("GET", `/api/projects/${enc(projectId)}/outputs?${q.toString()}`, undefined, signal);
  },
  listLineageOutputs: (outputId: string, signal?: AbortSignal) =>
    request<{ items: LibraryOutput[] }>("GET", `/api/outputs/${enc(outputId)}/lineage`, undefined, signal).then(itemsOf),
  compareOutputs: (base: string, head: string, signal?: AbortSignal) =>
    request<Comparison>("GET", `/api/outputs/compare?base=${enc(base)}&head=${enc(head)}`, undefined, signal),
  listShares: (ticketId: string, signal?: AbortSignal) =>
    request<{ items: ShareView[] }>("GET", `/api/work/tickets/${enc(ticketId)}/shares`, undefined, signal).then(itemsOf),
  createShare: (ticketId: string, expiresInDays: 1 | 7 | 30) =>
    request<ShareCreated>("POST", `/api/work/tickets/${enc(ticketId)}/shares`, { expires_in_days: expiresInDays }),
  revokeShare: (ticketId: string, shareId: string) =>
    request<unknown>("DELETE", `/api/work/tickets/${enc(ticketId)}/shares/${enc(shareId)}`),
  getShared: (token: string, signal?: AbortSignal) => request<SharedTicket>("GET", `/api/share/${enc(token)}`, undefined, signal),

  getSession: (signal?: AbortSignal) => request<SessionView>("GET", "/api/auth/session", undefined, signal),
  setup: (input: SetupRequest) => request<UserView>("POST", "/api/auth/setup", input),
  login: (input: LoginRequest) => request<UserView>("POST", "/api/auth/login", input),
  logout: () => request<unknown>("POST", "/api/auth/logout"),

  listUsers: (signal?: AbortSignal) => request<{ items: UserView[] } | UserView[]>("GET", "/api/users", undefined, signal).then(itemsOf),
  createUser: (input: UserCreate) => request<UserView>("POST", "/api/users", input),

  listTokens: (signal?: AbortSignal) =>
    request<{ items: TokenView[] } | TokenView[]>("GET", "/api/tokens", undefined, signal).then(itemsOf),
  createToken: (input: TokenCreate) => request<TokenCreated>("POST", "/api/tokens", input),
  revokeToken: (id: string) => request<unknown>("DELETE", `/api/tokens/${enc(id)}`),

  listMembers: (projectId: string, signal?: AbortSignal) =>
    request<{ items: MemberView[] } | MemberView[]>("GET", `/api/projects/${enc(projectId)}/members`, undefined, signal).then(itemsOf),
  addMember: (projectId: string, input: MemberAdd) => request<MemberView>("POST", `/api/projects/${enc(projectId)}/members`, input),
  updateMember: (projectId: string, userId: string, role: Role) =>
    request<MemberView>("PATCH", `/api/projects/${enc(projectId)}/members/${enc(userId)}`, { role }),
  removeMember: (projectId: string, userId: string) => request<unknown>("DELETE", `/api/projects/${enc(projectId)}/members/${enc(userId)}`),
};

/** List endpoints answer `{items}`; accept a bare array too so a contract slip shows data, not a crash. */
function itemsOf<T>(value: { items: T[] } | T[]): T[] {
  return Array.isArray(value) ? value : value.items;
}

export const streams = {
  ticket: (id: string, after: number | null) => `/api/work/tickets/${enc(id)}/stream${after !== null ? `?after=${after}` : ""}`,
  project: (id: string, after: number | null) => `/api/projects/${enc(id)}/events${after !== null ? `?after=${after}` : ""}`,
};
