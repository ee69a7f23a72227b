// TodoWrite semantics: the agent replaces the whole list each time; the runtime stamps when each
// step started and finished (matched by `content`), so durations survive into `final_todos`.
import { z } from "zod";

export const TodoStatus = z.enum(["pending", "in_progress", "completed"]);
export type TodoStatus = z.infer<typeof TodoStatus>;

/** What an agent sends: one item of the full list. */
export const TodoInput = z.object({
  content: z.string().trim().min(1, "content must not be empty").max(500),
  status: TodoStatus,
  activeForm: z.string().trim().min(1, "activeForm must not be empty").max(500),
});
export type TodoInput = z.infer<typeof TodoInput>;

export const TodoListInput = z
  .array(TodoInput)
  .max(100)
  .superRefine((list, ctx) => {
    const active = list.filter((t) => t.status === "in_progress").length;
    if (active > 1) ctx.addIssue({ code: "custom", message: `at most one item may be in_progress (got ${active})` });
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.content)) ctx.addIssue({ code: "custom", path: [i, "content"], message: "duplicate content" });
      seen.add(t.content);
    });
  });

/**
 * What a stored step can be: an agent's three states, and `stopped` — the step that was in progress
 * when its ticket failed or was cancelled (the engine writes it at the terminal write; an agent
 * never sends it). Its `completed_at` is when it stopped, so its duration is what it really ran.
 */
export const StoredTodoStatus = z.enum(["pending", "in_progress", "completed", "stopped"]);
export type StoredTodoStatus = z.infer<typeof StoredTodoStatus>;

/** What is stored and streamed: the item plus the runtime's timestamps (ISO strings). */
export const TodoItem = TodoInput.extend({
  status: StoredTodoStatus,
  started_at: z.string().nullable(),
  /** When the step completed — or, for a `stopped` step, when its ticket stopped it. */
  completed_at: z.string().nullable(),
});
export type TodoItem = z.infer<typeof TodoItem>;

/**
 * Merge a new full list with the previous one, stamping times. A step keeps its `started_at` across
 * updates; it gets one when it first becomes in_progress (or jumps straight to completed), and
 * `completed_at` when it first becomes completed.
 */
export function stampTodos(previous: readonly TodoItem[], next: readonly TodoInput[], now: Date): TodoItem[] {
  const byContent = new Map(previous.map((t) => [t.content, t]));
  const iso = now.toISOString();
  return next.map((item) => {
    const before = byContent.get(item.content);
    let started = before?.started_at ?? null;
    let completed = before?.completed_at ?? null;
    if (item.status !== "pending" && started === null) started = iso;
    if (item.status === "completed" && completed === null) completed = iso;
    if (item.status !== "completed") completed = null;
    if (item.status === "pending") started = null;
    return { ...item, started_at: started, completed_at: completed };
  });
}

/** Duration of a step in ms: finished steps use their end, the running one counts up to `now`. */
export function todoDurationMs(item: TodoItem, now: Date): number | null {
  if (!item.started_at) return null;
  const end = item.completed_at ? Date.parse(item.completed_at) : now.getTime();
  return Math.max(0, end - Date.parse(item.started_at));
}

export function todoProgress(list: readonly TodoItem[]): { done: number; total: number } {
  return { done: list.filter((t) => t.status === "completed").length, total: list.length };
}
