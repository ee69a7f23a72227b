import { describe, expect, it } from "vitest";
import { stampTodos, TodoListInput, todoDurationMs, todoProgress, type TodoInput } from "./todos.js";

const step = (content: string, status: TodoInput["status"]): TodoInput => ({ content, status, activeForm: `${content}ing` });

describe("todo list semantics", () => {
  it("stamps started_at when a step starts and completed_at when it ends, matching by content", () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const t1 = new Date("2026-01-01T00:00:02Z");
    const t2 = new Date("2026-01-01T00:00:05Z");
    const a = stampTodos([], [step("Load", "in_progress"), step("Build", "pending")], t0);
    expect(a[0]).toMatchObject({ started_at: t0.toISOString(), completed_at: null });
    expect(a[1]).toMatchObject({ started_at: null, completed_at: null });
    const b = stampTodos(a, [step("Load", "completed"), step("Build", "in_progress")], t1);
    expect(b[0]).toMatchObject({ started_at: t0.toISOString(), completed_at: t1.toISOString() });
    expect(b[1]).toMatchObject({ started_at: t1.toISOString() });
    const c = stampTodos(b, [step("Load", "completed"), step("Build", "completed")], t2);
    expect(todoDurationMs(c[0]!, t2)).toBe(2000);
    expect(todoDurationMs(c[1]!, t2)).toBe(3000);
    expect(todoProgress(c)).toEqual({ done: 2, total: 2 });
  });

  it("a step that jumps straight to completed gets both stamps", () => {
    const t = new Date("2026-01-01T00:00:00Z");
    const [only] = stampTodos([], [step("Save", "completed")], t);
    expect(only).toMatchObject({ started_at: t.toISOString(), completed_at: t.toISOString() });
  });

  it("the running step's duration counts up to now", () => {
    const [s] = stampTodos([], [step("Load", "in_progress")], new Date("2026-01-01T00:00:00Z"));
    expect(todoDurationMs(s!, new Date("2026-01-01T00:00:01.500Z"))).toBe(1500);
  });

  it("refuses empty content, empty activeForm, two in_progress and duplicates", () => {
    expect(TodoListInput.safeParse([{ content: " ", status: "pending", activeForm: "x" }]).success).toBe(false);
    expect(TodoListInput.safeParse([{ content: "x", status: "pending", activeForm: "" }]).success).toBe(false);
    expect(TodoListInput.safeParse([step("a", "in_progress"), step("b", "in_progress")]).success).toBe(false);
    expect(TodoListInput.safeParse([step("a", "pending"), step("a", "completed")]).success).toBe(false);
    expect(TodoListInput.safeParse([{ content: "a", status: "done", activeForm: "x" }]).success).toBe(false);
    expect(TodoListInput.safeParse([step("a", "completed"), step("b", "in_progress")]).success).toBe(true);
  });
});
