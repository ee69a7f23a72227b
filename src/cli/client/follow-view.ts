// Draws a followed ticket in the terminal. On a TTY: a live block redrawn in place — a spinner on the
// active step (its activeForm), ✓ on done steps, a progress bar "2/4" and the elapsed time — with
// outputs and log lines scrolling above it. Not a TTY (pipes, CI, tests): plain lines appended as
// things happen, one per step started/finished, status change, output and log line.
import type { TicketView } from "../../domain/contract.js";
import { describeEta } from "../../domain/eta.js";
import type { LogEventData, StatusEventData, TicketEvent } from "../../domain/events.js";
import type { TicketEstimate } from "../../domain/recipe-stats.js";
import { isTerminal, type TicketStatus } from "../../domain/ticket-status.js";
import { todoDurationMs, todoProgress, type TodoItem } from "../../domain/todos.js";
import { oneLine } from "./errors.js";
import { groundingLine, usageLine } from "./usage-text.js";

export interface FollowViewOptions {
  write: (text: string) => void;
  tty: boolean;
  color: boolean;
  /** Terminal width: lines are cut to fit so the in-place redraw can count them. */
  columns?: number | undefined;
  now?: (() => number) | undefined;
}

export interface FollowView {
  start(ticket: TicketView): void;
  event(event: TicketEvent): void;
  note(text: string): void;
  /** Several lines printed above the live area as they are (a question and its fields). */
  block(text: string): void;
  finish(ticket: TicketView): void;
  /** What the ETA is computed from (GET …/estimate): shown beside the status while the ticket waits or runs. */
  estimate(estimate: TicketEstimate): void;
  /** Stop the spinner and give the cursor back (also on Ctrl-C). */
  dispose(): void;
  /** Stop redrawing while the person types an answer below the block; resume() draws a fresh block under it. */
  suspend(): void;
  resume(): void;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const FRAME_MS = 80;
const BAR_WIDTH = 20;

export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

export function progressBar(done: number, total: number, width = BAR_WIDTH): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total}`;
}

export function createFollowView(options: FollowViewOptions): FollowView {
  const { write, tty } = options;
  const now = options.now ?? Date.now;
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const green = (t: string) => paint("32", t);
  const red = (t: string) => paint("31", t);
  const yellow = (t: string) => paint("33", t);
  const cyan = (t: string) => paint("36", t);
  const dim = (t: string) => paint("2", t);

  let ticket: TicketView | null = null;
  let status: TicketStatus | null = null;
  let todos: TodoItem[] = [];
  let outputs = 0;
  let frame = 0;
  let drawn = 0;
  let timer: NodeJS.Timeout | null = null;
  let finished = false;
  let suspended = false;
  let estimate: TicketEstimate | null = null;
  /** When the run started: the ticket's started_at, or when its `running` status arrived. */
  let runningSince: string | null = null;

  const createdMs = () => (ticket ? Date.parse(ticket.created_at) : now());
  const elapsed = () => now() - createdMs();

  // ---- TTY: a block redrawn in place ----------------------------------------------------------

  function fit(line: string): string {
    // A pseudo-terminal without a size reports 0 columns: assume 80.
    const width = Math.max(20, (options.columns || 80) - 4);
    // Cut by visible characters; colour codes are added after fitting, so plain text is measured.
    return [...line].length > width ? `${[...line].slice(0, width - 1).join("")}…` : line;
  }

  function blockLines(): string[] {
    const { done, total } = todoProgress(todos);
    const mark =
      status === "completed"
        ? green("✓")
        : status === "failed"
          ? red("✗")
          : status === "cancelled"
            ? yellow("■")
            : status === "waiting"
              ? yellow("✋")
              : cyan(SPINNER[frame % SPINNER.length]!);
    const title = ticket ? ticket.recipe_name : "ticket";
    const took = formatDuration(finished && ticket ? endMs(ticket) - createdMs() : elapsed());
    const eta = etaText();
    const head = fit(
      `${title} · ${status === "waiting" ? "waiting — needs your input" : (status ?? "connecting")}  ${total > 0 ? `${progressBar(done, total)}  ` : ""}${took}${eta ? `  ${eta}` : ""}`,
    );
    const lines = [`${mark} ${head}`];
    const t = new Date(now());
    for (const item of todos) {
      const took = todoDurationMs(item, t);
      const time = took === null ? "" : dim(`  ${formatDuration(took)}`);
      if (item.status === "completed") lines.push(`  ${green("✓")} ${fit(item.content)}${time}`);
      else if (item.status === "stopped") lines.push(`  ${yellow("■")} ${fit(item.content)}${time} ${yellow("stopped")}`);
      else if (item.status === "in_progress") {
        const spin = status === "running" ? cyan(SPINNER[frame % SPINNER.length]!) : yellow("•");
        lines.push(`  ${spin} ${fit(`${item.activeForm}…`)}${time}`);
      } else lines.push(`  ${dim("○")} ${dim(fit(item.content))}`);
    }
    return lines;
  }

  function redraw(): void {
    if (!tty || suspended) return;
    const up = drawn > 0 ? `\u001b[${drawn}A\r\u001b[J` : "";
    const lines = blockLines();
    drawn = lines.length;
    write(`${up}${lines.join("\n")}\n`);
  }

  /** A permanent line above the live block. */
  function above(text: string): void {
    if (!tty) {
      write(`${text}\n`);
      return;
    }
    const up = drawn > 0 ? `\u001b[${drawn}A\r\u001b[J` : "";
    drawn = 0;
    write(`${up}${text}\n`);
    redraw();
  }

  // ---- shared ----------------------------------------------------------------------------------

  function onTodos(next: TodoItem[]): void {
    if (!tty) {
      const before = new Map(todos.map((t) => [t.content, t.status]));
      // Announced in list order; the counter is the list's progress after this update.
      const { done, total } = todoProgress(next);
      for (const item of next) {
        const was = before.get(item.content);
        if (item.status === was) continue;
        if (item.status === "completed") {
          const took = todoDurationMs(item, new Date(now()));
          write(`[${done}/${total}] ✓ ${oneLine(item.content)}${took === null ? "" : ` (${formatDuration(took)})`}\n`);
        } else if (item.status === "in_progress") {
          write(`[${done}/${total}] ▸ ${oneLine(item.activeForm)}…\n`);
        }
      }
    }
    todos = next;
    redraw();
  }

  /** "usually ~40 s · about 15 s left" while the ticket waits or runs and its recipe has a history. */
  function etaText(): string | null {
    if (!estimate || finished || (status !== "pending" && status !== "running")) return null;
    return describeEta({
      basis: estimate.basis,
      ticket: { status, started_at: runningSince, todos },
      queuePosition: status === "pending" ? estimate.queue_position : null,
      pacePerMinute: estimate.pace_per_minute,
      nowMs: now(),
    });
  }

  function onStatus(data: StatusEventData): void {
    if (data.status === status) return;
    status = data.status;
    if (data.status === "running") runningSince ??= ticket?.started_at ?? new Date(now()).toISOString();
    if (!tty) {
      const extra =
        data.status === "running"
          ? ` (attempt ${data.attempt})`
          : data.error_message
            ? ` — ${oneLine(data.error_message)}`
            : data.reason
              ? ` (${oneLine(data.reason)})`
              : "";
      write(`status: ${data.status}${extra}\n`);
    }
    redraw();
  }

  /** A log line as the activity panel of the web app shows it: what the model said or did, and how it went. */
  function logLine(d: LogEventData): string {
    const message = oneLine(d.message);
    switch (d.kind) {
      case "model_text":
        return `${dim("model:")} ${message}`;
      case "tool_call": {
        const mark = d.outcome === "rejected" ? red("✗") : d.outcome === "repaired" ? yellow("↻") : green("✓");
        return `${mark} ${d.tool ? `${d.tool}: ` : ""}${message}`;
      }
      case "retry":
        return `${yellow("retry:")} ${message}`;
      case "repair":
        return `${yellow("repair:")} ${message}`;
      case "limit":
        return `${red("limit:")} ${message}`;
      case "usage":
        return `${dim("usage:")} ${message}`;
      default: {
        const level = d.level === "error" ? red(d.level) : d.level === "warn" ? yellow(d.level) : dim(d.level);
        return `log [${level}] ${message}`;
      }
    }
  }

  /** What the ticket cost and whether each output's figures were found in its sources. */
  function summaryLines(t: TicketView): void {
    if (t.usage) write(`  ${dim("usage:")} ${usageLine(t.usage)}\n`);
    else if (t.metadata.model) write(`  ${dim("model asked for:")} ${t.metadata.model.name}\n`);
    for (const o of t.outputs ?? []) {
      if (!o.grounding) continue;
      const ok = o.grounding.unverified.length === 0;
      write(`  ${ok ? green("✓") : yellow("⚠")} ${oneLine(o.title)}: ${oneLine(groundingLine(o.grounding))}\n`);
    }
  }

  return {
    start(t) {
      // The stream replays the ticket's history from its first event, so the drawn state starts empty
      // and is rebuilt by the events (a finished ticket shows its whole story, then the summary).
      ticket = t;
      if (tty) {
        write(`${dim(`Following ticket ${t.id} — Ctrl-C stops following (the ticket keeps running)`)}\n\u001b[?25l`);
        redraw();
        timer = setInterval(() => {
          frame++;
          redraw();
        }, FRAME_MS);
      } else {
        write(`ticket ${t.id} · ${oneLine(t.recipe_name)} · ${t.status}\n`);
      }
    },
    // `e` was parsed against the TicketEvent union by the stream reader (follow.ts): its data is typed.
    event(e) {
      if (e.type === "status") onStatus(e.data);
      else if (e.type === "todos") onTodos(e.data.todos);
      else if (e.type === "output") {
        outputs++;
        above(`${tty ? green("↳") : "output:"} ${oneLine(e.data.title)}${e.data.file_format ? ` (${e.data.file_format})` : ""}`);
      } else if (e.type === "answer") {
        above(
          `${tty ? green("✎") : "answer:"} ${oneLine(e.data.question)} → ${oneLine(JSON.stringify(e.data.answer))}${e.data.source === "default" ? " (its default; nobody answered in time)" : ""}`,
        );
      } else above(logLine(e.data));
    },
    estimate(e) {
      estimate = e;
      status ??= ticket?.status ?? null;
      if (status === "running") runningSince ??= ticket?.started_at ?? null;
      const eta = etaText();
      if (!tty && eta) write(`estimate: ${eta}\n`);
      redraw();
    },
    block(text) {
      above(text.replace(/\n+$/, ""));
    },
    note(text) {
      above(dim(oneLine(text)));
    },
    finish(t) {
      ticket = t;
      status = t.status;
      if (t.metadata.final_todos && t.metadata.final_todos.length > 0) todos = t.metadata.final_todos;
      else if (t.todos.length > 0) todos = t.todos;
      finished = true;
      if (timer) clearInterval(timer);
      timer = null;
      redraw();
      const { done, total } = todoProgress(todos);
      const took = formatDuration(endMs(t) - Date.parse(t.created_at));
      const count = Math.max(outputs, t.metadata.output_count);
      if (t.status === "completed") {
        write(`${green("✓")} completed in ${took} · ${done}/${total} steps · ${count} output${count === 1 ? "" : "s"}\n`);
      } else if (t.status === "failed") {
        write(`${red("✗")} failed after ${took}: ${oneLine(t.metadata.error_message ?? "no error message")}\n`);
      } else if (t.status === "cancelled") {
        write(`${yellow("■")} cancelled after ${took} · ${done}/${total} steps done\n`);
      } else if (!isTerminal(t.status)) {
        write(`ticket is still ${t.status}\n`);
      }
      summaryLines(t);
      if (tty) write("\u001b[?25h");
    },
    dispose() {
      if (timer) clearInterval(timer);
      timer = null;
      if (tty) write("\u001b[?25h");
    },
    suspend() {
      suspended = true;
      if (timer) clearInterval(timer);
      timer = null;
      // The block stays on screen as it is; the prompts are written below it, so the next redraw
      // must not move up over them.
      drawn = 0;
      if (tty) write("\u001b[?25h");
    },
    resume() {
      if (!suspended) return;
      suspended = false;
      if (!tty || finished) return;
      write("\u001b[?25l");
      redraw();
      timer = setInterval(() => {
        frame++;
        redraw();
      }, FRAME_MS);
    },
  };
}

function endMs(t: TicketView): number {
  return t.finished_at ? Date.parse(t.finished_at) : Date.now();
}
