// One context item, readable: the clean text agents work from, the original as submitted (collapsed),
// what the ingest cleaner removed, and the internal switch. Both texts are shown as plain text, never
// rendered: a note's markup stays inert here too.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useProject } from "../../app/layout.js";
import { api, type ApiError } from "../../shared/api.js";
import { formatBytes } from "../../shared/format.js";
import { projectPath } from "../../shared/paths.js";
import { canWork } from "../../shared/roles.js";
import { ErrorBox, NotFound, Skeleton } from "../../shared/states.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { flagTooltip, FlagBadges, InternalBadge, InternalToggle } from "./context-badges.js";
import { RelativeTime } from "../../shared/relative-time.js";

export function ContextItemPage() {
  const { projectId = "", itemId = "" } = useParams();
  const editable = canWork(useProject().data?.role);
  const [item, reload, update] = useResource((signal) => api.getContextItem(projectId, itemId, signal), [projectId, itemId]);
  const [busy, setBusy] = useState(false);
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
          <Link to={projectPath(projectId)} className="button">
            Back to the project
          </Link>
        </div>
      </div>
      {failure && <ErrorBox error={failure} />}
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
