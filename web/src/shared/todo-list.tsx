// The one todo list (UI.md "Todo list"): progress bar + "n of m steps", then each step with its status
// icon, the activeForm text while running, and its duration (live-counting for the active step).
import type { TodoItem } from "../../../src/domain/todos.js";
import { todoDurationMs, todoProgress } from "../../../src/domain/todos.js";
import { formatDuration } from "./format.js";

const STEP_ICON = { pending: "○", in_progress: "◐", completed: "✓" } as const;
const STEP_WORD = { pending: "Pending", in_progress: "In progress", completed: "Done" } as const;

export function ProgressBar({ todos }: { todos: readonly TodoItem[] }) {
  const { done, total } = todoProgress(todos);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Steps completed"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} steps`}
      >
        <div className="progress-fill" style={{ width: total ? `${(done / total) * 100}%` : "0%" }} />
      </div>
      <span className="progress-label">
        {done} of {total} steps
      </span>
    </div>
  );
}

export function TodoList({ todos, now, stopped }: { todos: readonly TodoItem[]; now: number; stopped?: boolean }) {
  if (todos.length === 0) return null;
  return (
    <div className="todos">
      <ProgressBar todos={todos} />
      <ol className="todo-list" aria-label="Steps">
        {todos.map((todo) => {
          // On a stopped ticket (failed/cancelled) the step that was running no longer counts up.
          const live = todo.status === "in_progress" && !stopped;
          const ms = todoDurationMs(todo, new Date(now));
          return (
            <li key={todo.content} className={`todo todo-${todo.status}`} data-step-status={todo.status}>
              <span className="todo-icon" aria-hidden="true">
                {STEP_ICON[todo.status]}
              </span>
              <span className="visually-hidden">{STEP_WORD[todo.status]}: </span>
              <span className="todo-text">
                {todo.status === "in_progress" && !stopped ? `${todo.activeForm}…`.replace(/……$/, "…") : todo.content}
              </span>
              <span className={`todo-duration${live ? " live" : ""}`}>
                {ms !== null && (todo.status !== "in_progress" || !stopped) ? formatDuration(ms) : ""}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
