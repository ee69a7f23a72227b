// Track: the heart of the app (UI.md). Fetch the ticket (its stored state and the id of its last
// event), paint it, then follow its stream from exactly that event: steps tick over live, the active
// step counts up, outputs slide in on completion; a dropped connection resumes without gaps or repeats.
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { OutputView, RecipeView, TicketView } from "../../../../src/domain/contract.js";
import { canCancel, canRetry, isTerminal } from "../../../../src/domain/ticket-status.js";
import { useProject } from "../../app/layout.js";
import { api, streams, type ApiError } from "../../shared/api.js";
import type { ConnectionState } from "../../shared/event-stream.js";
import { followLive } from "../../shared/live-connection/index.js";
import { DesktopNotifyOffer, rememberStartedHere } from "../../shared/live-connection/desktop-notify.js";
import { agentLabel, formatCost, formatDuration, formatLabel, formatTokens, recipeIcon } from "../../shared/format.js";
import { configurePath, outputsPath, ticketsPath, trackPath } from "../../shared/paths.js";
import { canWork } from "../../shared/roles.js";
import { ErrorBox, NotFound, Skeleton } from "../../shared/states.js";
import { StatusChip } from "../../shared/status-chip.js";
import { ticketDurationMs } from "../../shared/ticket-card.js";
import { TodoList } from "../../shared/todo-list.js";
import { useNow } from "../../shared/use-now.js";
import { EtaLine } from "./eta-line.js";
import { toApiError } from "../../shared/use-resource.js";
import { logLineOf, type LogLine } from "./activity-lines.js";
import { OutputsView } from "./outputs-view.js";
import { applyTicketEvent } from "./ticket-state.js";
import { RelativeTime } from "../../shared/relative-time.js";

const ActivityPanel = lazy(() => import("./activity-panel.js"));
// A waiting ticket's question (issue 16) and its schema-drawn form: only waiting tickets load it.
const AnswerForm = lazy(() => import("./answer-form.js").then((m) => ({ default: m.AnswerForm })));
// "Compare with previous run" and share links (issue 15): after the outputs, off the first paint.
const RunActions = lazy(() => import("../outputs-library/run-actions.js"));

/** performance.mark name the bench reads: the first paint of the ticket's state after navigation. */
export const FIRST_STATE_MARK = "worksmith:track-first-state";

type Load = { state: "loading" } | { state: "ready" } | { state: "not-found" } | { state: "error"; error: ApiError };

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/**
 * Which model ran the ticket and what it cost: the recorded usage, else the model asked for at submit.
 * Builtin tickets record no usage and name no model: nothing is shown.
 */
function ModelUsage({ ticket }: { ticket: TicketView }) {
  const usage = ticket.usage;
  const requested = ticket.metadata.model ?? null;
  if (!usage && !requested) return null;
  const model = usage?.model ?? requested?.name ?? null;
  const provider = usage?.provider ?? requested?.provider ?? null;
  return (
    <p className="muted small model-usage" data-testid="model-usage">
      {model && (
        <span title={usage?.model ? "The model that ran this ticket" : "The model asked for at submit"}>
          Model <strong>{model}</strong>
          {provider && ` (${provider})`}
        </span>
      )}
      {usage && (
        <>
          {model && " • "}
          <span
            title={`${usage.input_tokens.toLocaleString("en-US")} input and ${usage.output_tokens.toLocaleString("en-US")} output tokens`}
          >
            {formatTokens(usage.input_tokens)} in / {formatTokens(usage.output_tokens)} out tokens
          </span>
          {usage.cost_usd !== null && (
            <>
              {" • "}
              <span title="At the operator's prices when the ticket ran">{formatCost(usage.cost_usd)}</span>
            </>
          )}
        </>
      )}
    </p>
  );
}

function Parameters({ values, recipe }: { values: Record<string, unknown>; recipe: RecipeView | null }) {
  const keys = recipe ? Object.keys(recipe.configurable_parameters.properties).filter((k) => k in values) : Object.keys(values);
  for (const k of Object.keys(values)) if (!keys.includes(k)) keys.push(k);
  if (keys.length === 0) return null;
  return (
    <section className="section" aria-labelledby="params-heading">
      <h2 id="params-heading" className="h3">
        Parameters
      </h2>
      <dl className="params">
        {keys.map((k) => (
          <div key={k} className="param">
            <dt>{(recipe?.configurable_parameters.properties[k]?.title as string | undefined) ?? k}</dt>
            <dd>{formatValue(values[k])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function TrackPage() {
  const { projectId = "", ticketId = "" } = useParams();
  const navigate = useNavigate();
  // Cancel, retry and regenerate are offered once the project says the caller may (viewers: never).
  const editable = canWork(useProject().data?.role);
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [ticket, setTicket] = useState<TicketView | null>(null);
  const [outputs, setOutputs] = useState<OutputView[] | null>(null);
  const [recipe, setRecipe] = useState<RecipeView | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("closed");
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<"cancel" | "retry" | null>(null);
  const [generation, setGeneration] = useState(0);
  // Where this page's copy started, and every event applied since: the e2e test checks them against
  // the server's log (nothing lost, nothing applied twice across a reload).
  const [snapshotEventId, setSnapshotEventId] = useState<number | null>(null);
  const applied = useRef<number[]>([]);
  const marked = useRef(false);
  // Log lines the live stream applied, for the activity panel (which replays what came before).
  const [liveLog, setLiveLog] = useState<LogLine[]>([]);

  const refetch = useCallback(
    (signal?: AbortSignal) =>
      api.getTicket(ticketId, signal).then((fresh) => {
        setTicket((current) =>
          current && (current.last_event_id ?? 0) > (fresh.last_event_id ?? 0) ? { ...fresh, ...pickLive(current) } : fresh,
        );
        if (fresh.status === "completed") {
          if (fresh.outputs?.every((o) => !o.file_format || o.download_url)) setOutputs(fresh.outputs);
          else api.listOutputs(ticketId, signal).then(setOutputs, () => setOutputs(fresh.outputs ?? []));
        }
        return fresh;
      }),
    [ticketId],
  );

  // 1. The stored state.
  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: "loading" });
    setTicket(null);
    setOutputs(null);
    setLiveLog([]);
    applied.current = [];
    marked.current = false;
    api.getTicket(ticketId, controller.signal).then(
      (fresh) => {
        if (controller.signal.aborted) return;
        if (fresh.project_id !== projectId) {
          setLoad({ state: "not-found" });
          return;
        }
        setTicket(fresh);
        setSnapshotEventId(fresh.last_event_id);
        setLoad({ state: "ready" });
        if (fresh.status === "completed") {
          if (fresh.outputs?.every((o) => !o.file_format || o.download_url)) setOutputs(fresh.outputs);
          else api.listOutputs(ticketId, controller.signal).then(setOutputs, () => setOutputs(fresh.outputs ?? []));
        }
        api.getRecipe(fresh.recipe_slug, controller.signal).then(setRecipe, () => setRecipe(null));
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error = toApiError(err);
        setLoad(error.notFound ? { state: "not-found" } : { state: "error", error });
      },
    );
    return () => controller.abort();
  }, [projectId, ticketId, generation]);

  // 2. The live stream, from exactly the event the stored state ends at.
  const live = ticket !== null && !isTerminal(ticket.status);
  useEffect(() => {
    if (load.state !== "ready" || !live) return;
    // Through the browser's one live connection: another tab on this ticket shares the stream.
    const close = followLive({
      path: streams.ticket(ticketId, null),
      after: snapshotEventId ?? 0,
      onEvent: (event) => {
        applied.current.push(event.id);
        setTicket((current) => (current ? applyTicketEvent(current, event) : current));
        const line = logLineOf(event);
        if (line) setLiveLog((lines) => [...lines, line]);
        const status = event.type === "status" ? (event.data.status as string) : null;
        if (status === "completed" || status === "failed" || status === "cancelled") void refetch().catch(() => undefined);
      },
      onEnd: () => void refetch().catch(() => undefined),
      onConnection: setConnection,
    });
    // Opened once per loaded snapshot; closed when the ticket reaches its end (or the page goes away).
    return close;
  }, [load.state, ticketId, snapshotEventId, refetch, live]);

  useLayoutEffect(() => {
    if (ticket && !marked.current) {
      marked.current = true;
      performance.mark(FIRST_STATE_MARK);
    }
  }, [ticket]);

  const stopped = ticket !== null && (ticket.status === "failed" || ticket.status === "cancelled");
  const now = useNow(live);

  if (load.state === "not-found") return <NotFound what="Ticket" backTo={ticketsPath(projectId)} backLabel="Back to tickets" />;
  if (load.state === "error") return <ErrorBox error={load.error} onRetry={() => setGeneration((g) => g + 1)} />;
  if (!ticket) return <Skeleton lines={6} label="Loading ticket" />;

  const todos = ticket.todos.length > 0 ? ticket.todos : (ticket.metadata.final_todos ?? []);
  const duration = ticketDurationMs(ticket, now);

  const cancel = (): void => {
    setBusy("cancel");
    setActionError(null);
    api.cancelTicket(ticket.id).then(
      () => {
        setBusy(null);
        setTicket((t) => (t ? { ...t, cancel_requested_at: t.cancel_requested_at ?? new Date().toISOString() } : t));
      },
      (err: unknown) => {
        setBusy(null);
        setActionError(toApiError(err));
      },
    );
  };
  const retry = (): void => {
    setBusy("retry");
    setActionError(null);
    api.retryTicket(ticket.id).then(
      (accepted) => {
        rememberStartedHere(accepted.work_ticket_id);
        void navigate(trackPath(projectId, accepted.work_ticket_id));
      },
      (err: unknown) => {
        setBusy(null);
        setActionError(toApiError(err));
      },
    );
  };

  return (
    <article
      className="track"
      aria-labelledby="track-title"
      data-ticket-id={ticket.id}
      data-status={ticket.status}
      data-snapshot-event-id={snapshotEventId ?? ""}
      data-applied-events={applied.current.join(",")}
    >
      <header className="track-header">
        <div className="track-title-row">
          <span className="recipe-icon" aria-hidden="true">
            {recipeIcon(recipe?.icon ?? "", ticket.output_format)}
          </span>
          <h1 id="track-title">{ticket.recipe_name}</h1>
          <StatusChip status={ticket.status} />
        </div>
        <p className="muted">
          {agentLabel(ticket.agent_type)} • {formatLabel(ticket.output_format)} •{" "}
          {ticket.metadata.recipe_version !== undefined && (
            <>
              {/* The version this ticket ran on (issue 18): its definition, as JSON. */}
              <a
                href={`/api/recipes/${encodeURIComponent(ticket.recipe_slug)}/versions/${ticket.metadata.recipe_version}`}
                title="The recipe version this ticket runs on"
                data-testid="recipe-version"
              >
                recipe v{ticket.metadata.recipe_version}
              </a>{" "}
              •{" "}
            </>
          )}
          {ticket.started_at ? (
            <RelativeTime iso={ticket.started_at} prefix="started" />
          ) : (
            <RelativeTime iso={ticket.created_at} prefix="submitted" />
          )}
          {duration !== null && ` • ${formatDuration(duration)}`}
          {ticket.attempt > 1 && ` • attempt ${ticket.attempt} of ${ticket.max_attempts}`}
        </p>
        <EtaLine ticket={ticket} todos={todos} now={now} />
        <ModelUsage ticket={ticket} />
        {ticket.retry_of && (
          <p className="muted small">
            Retry of <Link to={trackPath(projectId, ticket.retry_of)}>an earlier ticket</Link>
          </p>
        )}
        {live && <DesktopNotifyOffer ticketId={ticket.id} />}
        {connection === "reconnecting" && live && (
          <p className="note" role="status">
            <span className="spinner" aria-hidden="true" /> Reconnecting…
          </p>
        )}
      </header>

      {/* The agent asked something (issue 16): the question first, above the steps it paused. */}
      {ticket.status === "waiting" && (
        <Suspense fallback={<Skeleton lines={3} label="Loading the question" />}>
          <AnswerForm key={ticket.id} ticketId={ticket.id} editable={editable} />
        </Suspense>
      )}

      <Parameters values={ticket.metadata.recipe_parameters} recipe={recipe} />

      <section className="section" aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="h3">
          Steps
        </h2>
        {todos.length === 0 ? (
          <p className="muted">
            {ticket.status === "pending"
              ? "Waiting for a worker to pick this up…"
              : live
                ? "Planning the work…"
                : "No steps were recorded."}
          </p>
        ) : (
          <TodoList todos={todos} now={now} stopped={stopped} />
        )}
      </section>

      <Suspense fallback={null}>
        <ActivityPanel
          key={`${ticket.id}:${snapshotEventId ?? ""}`}
          ticketId={ticket.id}
          live={liveLog}
          snapshotEventId={snapshotEventId}
        />
      </Suspense>

      {ticket.status === "failed" && (
        <div className="error-box" role="alert">
          <p className="error-title">This ticket failed</p>
          <p className="error-detail">{ticket.metadata.error_message ?? "The agent stopped without saying why."}</p>
          {editable && (
            <button type="button" className="button" onClick={retry} disabled={busy !== null}>
              {busy === "retry" ? "Retrying…" : "Retry"}
            </button>
          )}
        </div>
      )}
      {ticket.status === "cancelled" && (
        <p className="note">
          This ticket was cancelled
          {ticket.finished_at ? (
            <>
              {" "}
              <RelativeTime iso={ticket.finished_at} />
            </>
          ) : (
            ""
          )}
          .
        </p>
      )}
      {actionError && <ErrorBox error={actionError} />}

      {ticket.status === "completed" && (
        <section className="section outputs-section" aria-labelledby="outputs-heading">
          <div className="section-header">
            <h2 id="outputs-heading" className="h3">
              Outputs
            </h2>
            <Link to={outputsPath(projectId, ticket.id)} className="button button-quiet button-small">
              Direct link
            </Link>
          </div>
          {outputs === null ? <Skeleton lines={3} label="Loading outputs" /> : <OutputsView outputs={outputs} />}
          {outputs !== null && (
            <Suspense fallback={null}>
              <RunActions ticket={ticket} outputs={outputs} editable={editable} />
            </Suspense>
          )}
        </section>
      )}

      <div className="track-actions">
        {editable && canCancel(ticket.status) && (
          <button
            type="button"
            className="button button-danger"
            onClick={cancel}
            disabled={busy !== null || ticket.cancel_requested_at !== null}
          >
            {busy === "cancel" || ticket.cancel_requested_at ? "Cancelling…" : "Cancel"}
          </button>
        )}
        {editable && canRetry(ticket.status) && (
          <>
            <button type="button" className="button button-primary" onClick={retry} disabled={busy !== null}>
              {ticket.status === "completed" ? "Regenerate" : "Retry"}
            </button>
            <Link to={configurePath(projectId, ticket.recipe_slug, ticket.id)} className="button">
              Edit parameters…
            </Link>
          </>
        )}
        <Link to={ticketsPath(projectId)} className="button button-quiet">
          Back to tickets
        </Link>
      </div>
    </article>
  );
}

/** Fields only the event stream moves; kept when a refetch answers with an older copy. */
function pickLive(t: TicketView): Pick<TicketView, "status" | "todos" | "last_event_id"> {
  return { status: t.status, todos: t.todos, last_event_id: t.last_event_id };
}
