// One context item, readable: the note rendered (its clean structure as escaped Markdown, through the
// outputs' safe renderer), the facts and figures the analysis read from it, what the ingest cleaner
// removed, the text agents read and the original as submitted (both plain text, never rendered).
// Members and owners edit a note's title and text (analysed again on save), mark it internal, or
// delete it; an uploaded file keeps the text extracted from it. Viewers see no such buttons.
import { lazy, Suspense, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { ContextItemDetail, ContextItemFacts } from "../../../../src/domain/contract.js";
import { useProject } from "../../app/layout.js";
import { api, fieldErrorsOf, type ApiError } from "../../shared/api.js";
import { ConfirmButton } from "../../shared/confirm-button.js";
import { formatBytes } from "../../shared/format.js";
import { projectPath } from "../../shared/paths.js";
import { canWork } from "../../shared/roles.js";
import { ErrorBox, NotFound, Skeleton } from "../../shared/states.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { checkNote, NoteFields } from "./note-fields.js";
import { flagTooltip, FlagBadges, InternalBadge, InternalToggle } from "./context-badges.js";
import { RelativeTime } from "../../shared/relative-time.js";
import "./context-item.css";

const MarkdownPreview = lazy(() => import("../tickets/markdown-preview.js"));

const STATEMENT_LABELS: Record<string, string> = {
  risk: "Risks",
  issue: "Issues",
  plan: "Plans",
  action: "Actions",
  decision: "Decisions",
  customer_voice: "Customer voice",
  request: "Requests",
  achievement: "Achievements",
};

function NoteEditor({ item, onSaved, onCancel }: { item: ContextItemDetail; onSaved: () => void; onCancel: () => void }) {
  const [title, setTitle] = useState(item.title);
  const [body, setBody] = useState(item.original);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = (e: FormEvent): void => {
    e.preventDefault();
    const local = checkNote(title, body);
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setFailure(null);
    api.updateContextItem(item.project_id, item.id, { title: title.trim(), body }).then(
      () => {
        setBusy(false);
        onSaved();
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
    <form className="panel form" onSubmit={save} noValidate aria-label="Edit the note">
      {failure && <ErrorBox error={failure} />}
      <NoteFields
        idPrefix="edit"
        title={title}
        body={body}
        onTitle={setTitle}
        onBody={setBody}
        errors={errors}
        bodyHint="(Markdown welcome; analysed again when saved)"
        rows={14}
      />
      <div className="actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Saving and analysing…" : "Save"}
        </button>
      </div>
    </form>
  );
}

function Facts({ facts }: { facts: ContextItemFacts }) {
  const statements = Object.entries(
    facts.statements.reduce<Record<string, string[]>>((byKind, s) => {
      (byKind[s.kind] ??= []).push(s.text);
      return byKind;
    }, {}),
  );
  const empty = facts.figures.length === 0 && facts.events.length === 0 && statements.length === 0;
  return (
    <section className="section" aria-labelledby="facts-heading" data-testid="facts">
      <h2 id="facts-heading" className="h3">
        Facts and figures read from it
      </h2>
      {empty && <p className="muted small">No figures, dates or statements were found in this item.</p>}
      {facts.figures.length > 0 && (
        <div className="table-wrap">
          <table className="data-table facts-table" aria-label="Figures">
            <thead>
              <tr>
                <th scope="col">Measures</th>
                <th scope="col">Value</th>
                <th scope="col">Period</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {facts.figures.map((f, i) => (
                <tr key={i} title={f.sentence}>
                  <td>
                    {f.metric}
                    {f.entity && <span className="muted"> · {f.entity}</span>}
                  </td>
                  <td className="cell-main nowrap">{f.value}</td>
                  <td className="nowrap">{f.period ?? "—"}</td>
                  <td>{f.change ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {facts.events.length > 0 && (
        <>
          <h3 className="h4">Dates</h3>
          <ul className="fact-list">
            {facts.events.map((e, i) => (
              <li key={i}>
                <strong>{e.date}</strong> — {e.sentence}
              </li>
            ))}
          </ul>
        </>
      )}
      {statements.map(([kind, texts]) => (
        <div key={kind}>
          <h3 className="h4">{STATEMENT_LABELS[kind] ?? kind}</h3>
          <ul className="fact-list">
            {texts.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </div>
      ))}
      {(facts.entities.length > 0 || facts.periods.length > 0) && (
        <p className="muted small">
          {facts.entities.length > 0 && <>Names: {facts.entities.map((e) => e.name).join(", ")}. </>}
          {facts.periods.length > 0 && <>Periods: {facts.periods.join(", ")}.</>}
        </p>
      )}
    </section>
  );
}

export function ContextItemPage() {
  const { projectId = "", itemId = "" } = useParams();
  const navigate = useNavigate();
  const editable = canWork(useProject().data?.role);
  const [item, reload, update] = useResource((signal) => api.getContextItem(projectId, itemId, signal), [projectId, itemId]);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  if (item.state === "loading") return <Skeleton lines={8} label="Loading context item" />;
  if (item.state === "error") {
    return item.error.notFound ? (
      <NotFound what="Context item" backTo={projectPath(projectId)} backLabel="Back to the project" />
    ) : (
      <ErrorBox error={item.error} onRetry={reload} />
    );
  }
  const data = item.data;

  const setInternal = (internal: boolean): void => {
    setBusy(true);
    setFailure(null);
    // Shown at once; put back if the server refuses.
    const before = data.internal;
    update((current) => ({ ...current, internal }));
    api.setContextInternal(projectId, data.id, internal).then(
      (view) => {
        update((current) => ({ ...current, internal: view.internal }));
        setBusy(false);
      },
      (err: unknown) => {
        update((current) => ({ ...current, internal: before }));
        setFailure(toApiError(err));
        setBusy(false);
      },
    );
  };

  const remove = (): void => {
    setDeleting(true);
    setFailure(null);
    api.deleteContext(projectId, data.id).then(
      () => navigate(projectPath(projectId), { replace: true }),
      (err: unknown) => {
        setDeleting(false);
        setFailure(toApiError(err));
      },
    );
  };

  const isNote = data.kind === "note";
  const changed = data.text.trim() !== data.original.trim();
  return (
    <article className="context-item" aria-labelledby="context-item-title" data-context-id={data.id}>
      <div className="page-header">
        <div>
          <h1 id="context-item-title">
            <span aria-hidden="true">{data.kind === "file" ? "📎 " : "🗒 "}</span>
            {data.title}
          </h1>
          <p className="muted">
            {data.kind === "file" ? (data.filename ?? "File") : "Note"} • {formatBytes(data.bytes)} •{" "}
            <RelativeTime iso={data.created_at} prefix="added" />
          </p>
          <p className="badges">
            {data.internal && <InternalBadge />} <FlagBadges flags={data.flags} />
          </p>
        </div>
        <div className="section-actions">
          {editable && <InternalToggle title={data.title} internal={data.internal} busy={busy} onChange={setInternal} />}
          {editable && isNote && !editing && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {editable && (
            <ConfirmButton
              label="Delete"
              accessibleName={`Delete ${data.title}`}
              question="Delete from context?"
              confirmLabel="Delete"
              busyLabel="Deleting…"
              busy={deleting}
              onConfirm={remove}
            />
          )}
          <Link to={projectPath(projectId)} className="button">
            Back to the project
          </Link>
        </div>
      </div>
      {failure && <ErrorBox error={failure} />}
      {editing && (
        <NoteEditor
          item={data}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      {!isNote && editable && (
        <p className="muted small">An uploaded file keeps the text extracted from it; to change it, upload a corrected file.</p>
      )}
      {data.markdown && (
        <section className="section" aria-labelledby="rendered-heading">
          <h2 id="rendered-heading" className="h3">
            {isNote ? "Note" : "Extracted text"}
          </h2>
          <div className="context-rendered" data-testid="rendered-note">
            <Suspense fallback={<pre className="context-text">{data.text}</pre>}>
              <MarkdownPreview source={data.markdown} />
            </Suspense>
          </div>
        </section>
      )}
      {data.facts && <Facts facts={data.facts} />}
      {data.flags.length > 0 && (
        <section className="section" aria-labelledby="removed-heading">
          <h2 id="removed-heading" className="h3">
            Removed at ingest
          </h2>
          <ul className="flag-list">
            {data.flags.map((flag) => (
              <li key={flag.kind} title={flagTooltip(flag)}>
                <strong>{flag.label}</strong>
                {flag.count > 1 && ` (${flag.count}×)`}: <code>{flag.excerpt}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="section" aria-labelledby="text-heading">
        <h2 id="text-heading" className="h3">
          Text agents read
        </h2>
        <pre className="context-text" data-testid="clean-text">
          {data.text}
        </pre>
      </section>
      <details className="section">
        <summary className="h3">Original as submitted{changed ? "" : " (the same)"}</summary>
        <pre className="context-text context-original" data-testid="original-text">
          {data.original}
        </pre>
      </details>
    </article>
  );
}
