// The web app's one door to the server: typed fetches of the HTTP contract (DESIGN.md §7). Shapes
// come from src/domain/contract.ts as types only, so no schema code ships in the initial bundle.
import type {
  ContextItemView,
  ExecuteAccepted,
  OutputView,
  Problem,
  ProjectView,
  RecipeView,
  TicketList,
  TicketView,
} from "../../../src/domain/contract.js";
import type { AgentType } from "../../../src/domain/recipe.js";
import type { TicketStatus } from "../../../src/domain/ticket-status.js";

/** A non-2xx answer, carrying the server's problem+json (field errors included). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
  }

  get notFound(): boolean {
    return this.status === 404;
  }
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
    res = await (takePrefetched(method, path) ?? fetch(path, init));
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
    throw new ApiError(res.status, problem);
  }
  return payload as T;
}

export interface TicketFilter {
  project_id: string;
  status?: TicketStatus | undefined;
  agent_type?: AgentType | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const enc = encodeURIComponent;

export const api = {
  listProjects: (signal?: AbortSignal) =>
    request<{ items: ProjectView[] } | ProjectView[]>("GET", "/api/projects", undefined, signal).then(itemsOf),
  getProject: (id: string, signal?: AbortSignal) => request<ProjectView>("GET", `/api/projects/${enc(id)}`, undefined, signal),
  createProject: (input: { name: string; description: string }) => request<ProjectView>("POST", "/api/projects", input),
  listContext: (projectId: string, signal?: AbortSignal) =>
    request<{ items: ContextItemView[] } | ContextItemView[]>("GET", `/api/projects/${enc(projectId)}/context`, undefined, signal).then(
      itemsOf,
    ),
  addNote: (projectId: string, note: { title: string; body: string }) =>
    request<ContextItemView>("POST", `/api/projects/${enc(projectId)}/context`, note),
  uploadContextFile: (projectId: string, file: File) => {
    const form = new FormData();
    form.append("file", file);
    return request<ContextItemView>("POST", `/api/projects/${enc(projectId)}/context`, form);
  },
  deleteContext: (projectId: string, itemId: string) =>
    request<unknown>("DELETE", `/api/projects/${enc(projectId)}/context/${enc(itemId)}`),
  listRecipes: (signal?: AbortSignal) =>
    request<{ items: RecipeView[] } | RecipeView[]>("GET", "/api/recipes", undefined, signal).then(itemsOf),
  getRecipe: (slug: string, signal?: AbortSignal) => request<RecipeView>("GET", `/api/recipes/${enc(slug)}`, undefined, signal),
  execute: (agentType: AgentType, input: { project_id: string; recipe_slug: string; parameters: Record<string, unknown> }) =>
    request<ExecuteAccepted>("POST", `/api/work/${enc(agentType)}/execute`, input),
  listTickets: (filter: TicketFilter, signal?: AbortSignal) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== "") q.set(k, String(v));
    return request<TicketList>("GET", `/api/work/tickets?${q.toString()}`, undefined, signal);
  },
  getTicket: (id: string, signal?: AbortSignal) => request<TicketView>("GET", `/api/work/tickets/${enc(id)}`, undefined, signal),
  cancelTicket: (id: string) => request<unknown>("POST", `/api/work/tickets/${enc(id)}/cancel`),
  retryTicket: (id: string, parameters?: Record<string, unknown>) =>
    request<ExecuteAccepted>("POST", `/api/work/tickets/${enc(id)}/retry`, parameters ? { parameters } : {}),
  listOutputs: (ticketId: string, signal?: AbortSignal) =>
    request<{ items: OutputView[] } | OutputView[]>("GET", `/api/work/tickets/${enc(ticketId)}/outputs`, undefined, signal).then(itemsOf),
};

/** List endpoints answer `{items}`; accept a bare array too so a contract slip shows data, not a crash. */
function itemsOf<T>(value: { items: T[] } | T[]): T[] {
  return Array.isArray(value) ? value : value.items;
}

export const streams = {
  ticket: (id: string, after: number | null) => `/api/work/tickets/${enc(id)}/stream${after !== null ? `?after=${after}` : ""}`,
  project: (id: string, after: number | null) => `/api/projects/${enc(id)}/events${after !== null ? `?after=${after}` : ""}`,
};
