// The track page's "Activity" panel: what the agent did besides its steps — the model's own words
// (consecutive lines run together), tool calls and how each went, retries of a provider call, repair
// turns, the limit that stopped a run. All of it is the ticket's `log` events: the history is replayed
// from the ticket's stream when the panel is first opened, and the page's live stream adds the rest.
import { useEffect, useMemo, useRef, useState } from "react";
import type { LogEventData } from "../../../../src/domain/events.js";
import { streams } from "../../shared/api.js";
import { followStream } from "../../shared/event-stream.js";
import { logLineOf, type LogLine } from "./activity-lines.js";

/** Lines in id order, each once (history and live may overlap). */
export function mergeLines(a: readonly LogLine[], b: readonly LogLine[]): LogLine[] {
  const byId = new Map<number, LogLine>();
  for (const line of [...a, ...b]) byId.set(line.id, line);
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

type Entry = { key: number; kind: "text"; text: string } | { key: number; kind: "line"; line: LogLine };

/** Consecutive model text becomes one paragraph: the model streams words, a person reads sentences. */
export function groupLines(lines: readonly LogLine[]): Entry[] {
  const out: Entry[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (line.data.kind === "model_text") {
      if (last?.kind === "text") last.text = joinText(last.text, line.data.message);
      else out.push({ key: line.id, kind: "text", text: line.data.message });
    } else out.push({ key: line.id, kind: "line", line });
  }
  return out;
}

function joinText(a: string, b: string): string {
  if (a === "" || /\s$/.test(a) || /^\s/.test(b)) return a + b;
  return `${a} ${b}`;
}

const ICONS: Record<string, { icon: string; label: string; tone: string }> = {
  accepted: { icon: "✓", label: "accepted", tone: "ok" },
  rejected: { icon: "✗", label: "rejected", tone: "danger" },
  repaired: { icon: "↻", label: "repaired", tone: "warn" },
  retry: { icon: "↺", label: "retry", tone: "warn" },
  repair: { icon: "🔧", label: "repair turn", tone: "warn" },
  limit: { icon: "⛔", label: "limit", tone: "danger" },
  usage: { icon: "Σ", label: "usage", tone: "muted" },
  error: { icon: "!", label: "error", tone: "danger" },
  warn: { icon: "!", label: "warning", tone: "warn" },
  info: { icon: "·", label: "note", tone: "muted" },
  debug: { icon: "·", label: "debug", tone: "muted" },
};

function lineLook(d: LogEventData) {
  if (d.kind === "tool_call") return ICONS[d.outcome ?? "accepted"]!;
  if (d.kind && d.kind in ICONS) return ICONS[d.kind]!;
  return ICONS[d.level] ?? ICONS.info!;
}

/** The tool's name is shown as a chip: a message that opens with it ("todo_write: …") says the rest. */
function withoutToolName(d: LogEventData): string {
  if (d.kind !== "tool_call" || !d.tool || !d.message.startsWith(d.tool)) return d.message;
  const rest = d.message.slice(d.tool.length).replace(/^:\s*|^\s+/, "");
  return rest === "" ? d.message : rest;
}

function ActivityLine({ line }: { line: LogLine }) {
  const d = line.data;
  const look = lineLook(d);
  return (
    <li className={`activity-line tone-${look.tone}`} data-kind={d.kind ?? "log"} data-outcome={d.outcome ?? ""}>
      <span className="activity-icon" aria-label={look.label} title={look.label}>
        {look.icon}
      </span>
      <span className="activity-text">
        {d.kind === "tool_call" && d.tool && <code className="activity-tool">{d.tool}</code>} {withoutToolName(d)}
      </span>
    </li>
  );
}

export interface ActivityPanelProps {
  ticketId: string;
  /** Log lines the page's own live stream has applied (after its snapshot). */
  live: readonly LogLine[];
  /** The page's snapshot: history up to here is replayed once; later lines come through `live`. */
  snapshotEventId: number | null;
}

// Loaded lazily by the track page (React.lazy needs a default export).
export default ActivityPanel;

export function ActivityPanel({ ticketId, live, snapshotEventId }: ActivityPanelProps) {
  // Closed at first: replaying the history costs a second stream, worth it once someone looks. It
  // opens by itself when the live stream brings the model's activity (an LLM run being watched),
  // unless the person has closed it.
  const [open, setOpen] = useState(false);
  const touched = useRef(false);
  const agentActive = live.some((line) => line.data.kind !== undefined);
  useEffect(() => {
    if (agentActive && !touched.current) setOpen(true);
  }, [agentActive]);
  const [history, setHistory] = useState<LogLine[]>([]);
  const [state, setState] = useState<"idle" | "loading" | "ready">("idle");
  const started = useRef(false);

  // The replay of the history runs once, when the panel is first opened, and stops at the snapshot
  // (or at the stream's end for a finished ticket).
  useEffect(() => {
    if (!open || started.current) return;
    started.current = true;
    setState("loading");
    const upTo = snapshotEventId ?? 0;
    const collected: LogLine[] = [];
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      close();
      setHistory(collected.slice());
      setState("ready");
    };
    const close = followStream({
      url: (after) => streams.ticket(ticketId, after),
      after: 0,
      onEvent: (event) => {
        if (event.id > upTo) return finish();
        const line = logLineOf(event);
        if (line) collected.push(line);
        if (event.id === upTo) finish();
      },
      onEnd: finish,
    });
    return () => {
      done = true;
      close();
    };
  }, [open, ticketId, snapshotEventId]);

  const lines = useMemo(() => mergeLines(history, live), [history, live]);
  const entries = useMemo(() => groupLines(lines), [lines]);

  return (
    <details
      className="section activity"
      open={open}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        if (now !== open) touched.current = true;
        setOpen(now);
      }}
      data-activity-count={lines.length}
    >
      <summary className="activity-summary">
        <span className="h3">Activity</span> {lines.length > 0 && <span className="count">({lines.length})</span>}
        {state === "loading" && <span className="spinner" aria-label="Loading activity" />}
      </summary>
      {state !== "loading" && entries.length === 0 ? (
        <p className="muted small">Nothing recorded beyond the steps.</p>
      ) : (
        <ol className="activity-list" aria-label="Activity">
          {entries.map((entry) =>
            entry.kind === "text" ? (
              <li key={entry.key} className="activity-line activity-model-text" data-kind="model_text">
                <span className="activity-icon" aria-label="the model said" title="the model said">
                  💬
                </span>
                <span className="activity-text">{entry.text}</span>
              </li>
            ) : (
              <ActivityLine key={entry.key} line={entry.line} />
            ),
          )}
        </ol>
      )}
    </details>
  );
}
