// Project overview: its context (notes and uploaded files the agents work from), the recent tickets,
// and the way in to a new work request.
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import type { ContextItemView, ProjectUsageTotals } from "../../../../src/domain/contract.js";
import { useProject } from "../../app/layout.js";
import { api, ApiError, fieldErrorsOf } from "../../shared/api.js";
import { useSession } from "../../app/session.js";
import { ConfirmButton } from "../../shared/confirm-button.js";
import { formatBytes, formatCost, formatTokens } from "../../shared/format.js";
import { contextItemPath, galleryPath, membersPath, projectPath, ticketsPath } from "../../shared/paths.js";
import { libraryPath } from "../outputs-library/paths.js";
import { canWork } from "../../shared/roles.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { TicketCard } from "../../shared/ticket-card.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { useParams } from "react-router";
import { FlagBadges, INTERNAL_HINT, InternalBadge, InternalToggle } from "../context/context-badges.js";
import { checkNote, NoteFields } from "../context/note-fields.js";
import { useLiveTickets } from "../tickets/use-live-tickets.js";
import { RelativeTime } from "../../shared/relative-time.js";

const ACCEPTED_FILES =
  ".md,.markdown,.txt,.vtt,.srt,.csv,.pdf,.html,.htm,.json,text/markdown,text/plain,text/vtt,text/csv,application/pdf,text/html,application/json";

function AddNoteForm({
  projectId,
  onAdded,
  onCancel,
}: {
  projectId: string;
  onAdded: (item: ContextItemView) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const local = checkNote(title, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setFailure(null);
    // Unticked, the server decides: a pasted chat or transcript is internal unless marked otherwise.
    api.addNote(projectId, { title: title.trim(), body, ...(internal ? { internal: true } : {}) }).then(
      (item) => {
        setBusy(false);
        onAdded(item);
      },
      (err: unknown) => {
        const apiError = toApiError(err);
        setErrors(fieldErrorsOf(apiError));
        setFailure(apiError);
        setBusy(false);
      },
    );
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Add a note">
      {failure && <ErrorBox error={failure} />}
      <NoteFields
        idPrefix="note"
        title={title}
        body={body}
        onTitle={setTitle}
        onBody={setBody}
        errors={errors}
        bodyHint="(Markdown welcome)"
        rows={8}
        autoFocus
      />
      <div className="field field-inline">
        <label className="internal-toggle" title={INTERNAL_HINT}>
          <input id="note-internal" type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          <span>
            Internal <span className="hint">(never used in content for customers or the public)</span>
          </span>
        </label>
        {errors.internal && <p className="field-error">⚠ {errors.internal}</p>}
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Saving…" : "Add note"}
        </button>
      </div>
    </form>
  );
}

function ContextSection({ projectId, editable }: { projectId: string; editable: boolean }) {
  const [items, reload, update] = useResource((signal) => api.listContext(projectId, signal), [projectId]);
  const [adding, setAdding] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const { limits } = useSession();
  const upload = (file: File): void => {
    // Said at once, not after sending megabytes the server will refuse.
    if (limits && file.size > limits.max_upload_bytes) {
      setFailure(
        new ApiError(413, {
          type: "about:blank",
          title: "File too large",
          status: 413,
          detail: `${file.name} (${formatBytes(file.size)}) is over the ${formatBytes(limits.max_upload_bytes)} upload limit.`,
        }),
      );
      return;
    }
    setUploading(true);
    setFailure(null);
    api.uploadContextFile(projectId, file).then(
      (item) => {
        update((list) => [item, ...list]);
        setUploading(false);
      },
      (err: unknown) => {
        setFailure(toApiError(err));
        setUploading(false);
      },
    );
  };

  const [toggling, setToggling] = useState<string | null>(null);
  const setInternal = (item: ContextItemView, internal: boolean): void => {
    setToggling(item.id);
    setFailure(null);
    // Shown at once (a checkbox that lags its click reads as broken); put back if the server refuses.
    const set = (value: boolean) => update((list) => list.map((i) => (i.id === item.id ? { ...i, internal: value } : i)));
    set(internal);
    api.setContextInternal(projectId, item.id, internal).then(
      (view) => {
        setToggling(null);
        set(view.internal);
      },
      (err: unknown) => {
        setToggling(null);
        set(item.internal);
        setFailure(toApiError(err));
      },
    );
  };

  const [removing, setRemoving] = useState<string | null>(null);
  const remove = (item: ContextItemView): void => {
    setRemoving(item.id);
    setFailure(null);
    api.deleteContext(projectId, item.id).then(
      () => {
        setRemoving(null);
        update((list) => list.filter((i) => i.id !== item.id));
      },
      (err: unknown) => {
        setRemoving(null);
        setFailure(toApiError(err));
      },
    );
  };

  return (
    <section className="section" aria-labelledby="context-heading">
      <div className="section-header">
        <h2 id="context-heading">Context {items.state === "ready" && <span className="count">({items.data.length})</span>}</h2>
        {editable && (
          <div className="section-actions">
            <button type="button" className="button" onClick={() => setAdding(true)} disabled={adding}>
              Add note
            </button>
            <button type="button" className="button" onClick={() => fileInput.current?.click()} disabled={uploading}>
              {uploading ? "Uploading…" : "Upload file"}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPTED_FILES}
              className="visually-hidden"
              aria-label="Upload a context file (.md, .txt, .vtt, .srt, .csv, .pdf, .html, .json)"
              tabIndex={-1}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) upload(file);
                e.target.value = "";
              }}
            />
          </div>
        )}
      </div>
      <p className="muted small">
        Notes and files (.md, .txt, .vtt/.srt captions, .csv, .pdf, .html, .json) the agents read when they work on this project.
      </p>
      {failure && <ErrorBox error={failure} />}
      {adding && (
        <AddNoteForm
          projectId={projectId}
          onCancel={() => setAdding(false)}
          onAdded={(item) => {
            update((list) => [item, ...list]);
            setAdding(false);
          }}
        />
      )}
      {items.state === "loading" && <Skeleton lines={3} label="Loading context" />}
      {items.state === "error" && <ErrorBox error={items.error} onRetry={reload} />}
      {items.state === "ready" && items.data.length === 0 && !adding && (
        <EmptyState title="No context yet">
          <p>
            {editable
              ? "Add a note or upload a file — agents build their outputs from it."
              : "The project's members add notes and files here for the agents to work from."}
          </p>
        </EmptyState>
      )}
      {items.state === "ready" && items.data.length > 0 && (
        <ul className="rows" aria-label="Context items">
          {items.data.map((item) => (
            <li key={item.id} className="row context-row" data-context-id={item.id} data-internal={item.internal}>
              <span className="row-icon" aria-hidden="true">
                {item.kind === "file" ? "📎" : "🗒"}
              </span>
              <span className="row-main context-main">
                <Link to={contextItemPath(projectId, item.id)} className="context-title" title={`Open ${item.title}: read its text`}>
                  {item.filename ?? item.title}
                </Link>
                {(item.internal || item.flags.length > 0) && (
                  <span className="row-badges">
                    {item.internal && <InternalBadge />}
                    <FlagBadges flags={item.flags} />
                  </span>
                )}
              </span>
              {editable && (
                <InternalToggle
                  title={item.title}
                  internal={item.internal}
                  busy={toggling === item.id}
                  onChange={(internal) => setInternal(item, internal)}
                />
              )}
              <span className="row-meta">{formatBytes(item.bytes)}</span>
              <span className="row-meta">
                <RelativeTime iso={item.created_at} />
              </span>
              {editable && (
                <ConfirmButton
                  label="Remove"
                  accessibleName={`Remove ${item.title}`}
                  question="Remove from context?"
                  confirmLabel="Remove"
                  busyLabel="Removing…"
                  busy={removing === item.id}
                  onConfirm={() => remove(item)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentTickets({ projectId, editable }: { projectId: string; editable: boolean }) {
  const { tickets, reload, now } = useLiveTickets(projectId, {}, 5);
  return (
    <section className="section" aria-labelledby="recent-heading">
      <div className="section-header">
        <h2 id="recent-heading">Recent tickets</h2>
        <span className="section-actions">
          <Link to={libraryPath(projectId)} className="button button-quiet">
            Outputs library →
          </Link>
          <Link to={`${projectPath(projectId)}/schedules`} className="button button-quiet">
            Schedules →
          </Link>
          <Link to={ticketsPath(projectId)} className="button button-quiet">
            All tickets →
          </Link>
        </span>
      </div>
      {tickets.state === "loading" && <Skeleton lines={2} label="Loading tickets" />}
      {tickets.state === "error" && <ErrorBox error={tickets.error} onRetry={reload} />}
      {tickets.state === "ready" && tickets.items.length === 0 && (
        <EmptyState title="No tickets yet">
          {editable ? (
            <p>
              Start one from a recipe: <Link to={galleryPath(projectId)}>browse recipes</Link>.
            </p>
          ) : (
            <p>Work the project's members start will show up here.</p>
          )}
        </EmptyState>
      )}
      {tickets.state === "ready" && tickets.items.length > 0 && (
        <ul className="stack" aria-label="Recent tickets">
          {tickets.items.map((t) => (
            <li key={t.id}>
              <TicketCard ticket={t} now={now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the project's tickets spent on models; nothing while no ticket has called one. */
function UsageTotals({ totals }: { totals: ProjectUsageTotals | undefined }) {
  if (!totals || totals.tickets === 0) return null;
  return (
    <p className="muted small usage-totals" data-testid="usage-totals">
      Model usage: {formatTokens(totals.input_tokens)} in / {formatTokens(totals.output_tokens)} out tokens
      {totals.cost_usd !== null && <> • {formatCost(totals.cost_usd)}</>} • {totals.tickets} {totals.tickets === 1 ? "ticket" : "tickets"}
    </p>
  );
}

export function ProjectOverview() {
  const { projectId = "" } = useParams();
  const project = useProject();
  const editable = canWork(project.data?.role);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{project.data?.name ?? <span className="skeleton-inline">Loading project</span>}</h1>
          {project.data?.description && <p className="muted">{project.data.description}</p>}
          <UsageTotals totals={project.data?.usage_totals} />
        </div>
        <Link to={membersPath(projectId)} className="button">
          Members
        </Link>
      </div>
      <div className="two-col">
        <ContextSection projectId={projectId} editable={editable} />
        <RecentTickets projectId={projectId} editable={editable} />
      </div>
    </>
  );
}
