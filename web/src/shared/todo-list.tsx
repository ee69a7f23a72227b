// The one todo list (UI.md "Todo list"): progress bar + "n of m steps", then each step with its status
// icon, the activeForm text while running, and its duration (live-counting for the active step).
import type { TodoItem } from "../../../src/domain/todos.js";
import { todoDurationMs, todoProgress } from "../../../src/domain/todos.js";
import { formatDuration } from "./format.js";

const STEP_ICON = { pending: "○", in_progress: "◐", completed: "✓", stopped: "■" } as const;
const STEP_WORD = { pending: "Pending", in_progress: "In progress", completed: "Done", stopped: "Stopped" } as const;

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
          // The step that was running when its ticket failed or was cancelled is stopped: stored so by the
          // engine, and shown so at once on a live page that saw the ticket end before the list was re-read.
          const status = todo.status === "in_progress" && stopped ? "stopped" : todo.status;
          const live = status === "in_progress";
          const ms = status === "stopped" && !todo.completed_at ? null : todoDurationMs(todo, new Date(now));
          return (
            <li key={todo.content} className={`todo todo-${status}`} data-step-status={status}>
              <span className="todo-icon" aria-hidden="true">
                {STEP_ICON[status]}
              </span>
              <span className="visually-hidden">{STEP_WORD[status]}: </span>
              <span className="todo-text">{live ? `${todo.activeForm}…`.replace(/……$/, "…") : todo.content}</span>
              <span className={`todo-duration${live ? " live" : ""}`}>
                {ms !== null ? formatDuration(ms) : ""}
                {status === "stopped" && <span className="todo-stopped-word"> stopped</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
