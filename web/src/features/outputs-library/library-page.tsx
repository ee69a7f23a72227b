// The project's outputs library (issue 15 item 3): every output, newest first, grouped by lineage (a
// ticket and its regenerations), filtered by recipe and format and searched by title — all in the URL,
// so a filtered view can be bookmarked. Each output links to its ticket; a later version links to a
// comparison with the one before it.
import { useEffect, useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import type { LibraryFormat, LibraryOutput, LibraryPage } from "../../../../src/domain/outputs-library.js";
import { api, type ApiError } from "../../shared/api.js";
import { formatBytes, formatIcon, formatLabel } from "../../shared/format.js";
import { outputsPath, projectPath, trackPath } from "../../shared/paths.js";
import { RelativeTime } from "../../shared/relative-time.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { StatusChip } from "../../shared/status-chip.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import "./outputs-library.css";
import { comparePath } from "./paths.js";
import { groupByLineage, previousVersionOf } from "./versions.js";

const FORMATS: { value: LibraryFormat; label: string }[] = [
  { value: "pptx", label: "Decks (PPTX)" },
  { value: "pdf", label: "Documents (PDF)" },
  { value: "xlsx", label: "Workbooks (XLSX)" },
  { value: "markdown", label: "Markdown files" },
  { value: "text", label: "Text only" },
];
const PAGE_SIZE = 50;

function isFormat(value: string | null): value is LibraryFormat {
  return FORMATS.some((f) => f.value === value);
}

export function OutputsLibraryPage() {
  const { projectId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const recipe = params.get("recipe") ?? "";
  const formatParam = params.get("format");
  const format = isFormat(formatParam) ? formatParam : undefined;
  const q = params.get("q") ?? "";
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const [recipes] = useResource((signal) => api.listRecipes(signal), []);
  const [first, reload] = useResource(
    (signal) => api.listProjectOutputs(projectId, { recipe: recipe || undefined, format, q: q || undefined, limit: PAGE_SIZE }, signal),
    [projectId, recipe, format, q],
  );
  const [more, setMore] = useState<{ pages: LibraryPage[]; loading: boolean; error: ApiError | null }>({
    pages: [],
    loading: false,
    error: null,
  });
  useEffect(() => setMore({ pages: [], loading: false, error: null }), [first]);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setParam("q", draft.trim());
  };

  const pages = first.state === "ready" ? [first.data, ...more.pages] : [];
  const outputs = pages.flatMap((p) => p.items);
  const cursor = pages.length > 0 ? pages[pages.length - 1]!.next_cursor : null;
  const loadMore = () => {
    if (!cursor) return;
    setMore((m) => ({ ...m, loading: true, error: null }));
    api.listProjectOutputs(projectId, { recipe: recipe || undefined, format, q: q || undefined, limit: PAGE_SIZE, cursor }).then(
      (page) => setMore((m) => ({ pages: [...m.pages, page], loading: false, error: null })),
      (err: unknown) => setMore((m) => ({ ...m, loading: false, error: toApiError(err) })),
    );
  };
  const filtered = recipe !== "" || format !== undefined || q !== "";

  return (
    <article aria-labelledby="library-title" className="library">
      <div className="page-header">
        <div>
          <Link to={projectPath(projectId)} className="back">
            ← Project
          </Link>
          <h1 id="library-title">Outputs</h1>
          <p className="muted">Everything this project has produced, newest first. Regenerations are grouped as versions.</p>
        </div>
      </div>

      <div className="filters library-filters" role="search">
        <form className="filter library-search" onSubmit={onSearch}>
          <label htmlFor="library-q">Search titles</label>
          <div className="library-search-row">
            <input
              id="library-q"
              type="search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="e.g. Q3 review"
              maxLength={200}
            />
            <button type="submit" className="button">
              Search
            </button>
          </div>
        </form>
        <div className="filter">
          <label htmlFor="library-recipe">Recipe</label>
          <select id="library-recipe" value={recipe} onChange={(e) => setParam("recipe", e.target.value)}>
            <option value="">All recipes</option>
            {recipes.state === "ready" &&
              recipes.data.map((r) => (
                <option key={r.slug} value={r.slug}>
                  {r.name}
                </option>
              ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="library-format">Format</label>
          <select id="library-format" value={format ?? ""} onChange={(e) => setParam("format", e.target.value)}>
            <option value="">All formats</option>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      {first.state === "loading" && <Skeleton lines={6} label="Loading outputs" />}
      {first.state === "error" && <ErrorBox error={first.error} onRetry={reload} />}
      {first.state === "ready" && outputs.length === 0 && (
        <EmptyState title={filtered ? "No outputs match" : "No outputs yet"}>
          {filtered ? (
            <p>
              Try other filters, or <Link to="?">show everything</Link>.
            </p>
          ) : (
            <p>Outputs of finished tickets collect here.</p>
          )}
        </EmptyState>
      )}
      {outputs.length > 0 && (
        <ul className="lineages" aria-label="Outputs by lineage">
          {groupByLineage(outputs).map((g) => (
            <li key={g.id} className="lineage" data-lineage-id={g.id}>
              <div className="lineage-header">
                <h2 className="h3">{g.recipeName}</h2>
                <span className="muted small">
                  {g.versions === 1 ? "1 version" : `${g.versions} versions`} · <Link to={trackPath(projectId, g.id)}>original ticket</Link>
                </span>
              </div>
              <ul className="lineage-outputs">
                {g.outputs.map((o) => (
                  <OutputRow key={o.id} projectId={projectId} output={o} previous={previousVersionOf(o, g.outputs)} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {more.error && <ErrorBox error={more.error} onRetry={loadMore} />}
      {cursor && (
        <div className="actions">
          <button type="button" className="button" onClick={loadMore} disabled={more.loading}>
            {more.loading ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </article>
  );
}

function OutputRow({ projectId, output, previous }: { projectId: string; output: LibraryOutput; previous: LibraryOutput | null }) {
  const meta = [output.file_format ? formatLabel(output.file_format) : "Text", formatBytes(output.bytes)].filter(Boolean).join(" · ");
  return (
    <li className="library-output" data-output-id={output.id}>
      <span className="file-icon" aria-hidden="true">
        {output.file_format ? formatIcon(output.file_format) : "📝"}
      </span>
      <span className="library-output-main">
        <Link to={outputsPath(projectId, output.ticket.id)} className="library-output-title">
          {output.title}
        </Link>
        <span className="muted small">
          {meta} · <RelativeTime iso={output.created_at} />
        </span>
      </span>
      <span className="version-badge" title={`Version ${output.lineage.version} of ${output.lineage.versions} in this lineage`}>
        v{output.lineage.version}
      </span>
      <StatusChip status={output.ticket.status} />
      <span className="library-output-actions">
        {previous && (
          <Link to={comparePath(projectId, previous.id, output.id)} className="button button-small">
            Compare with v{previous.lineage.version}
          </Link>
        )}
        <Link
          to={trackPath(projectId, output.ticket.id)}
          className="button button-quiet button-small"
          aria-label={`Open the ticket of ${output.title}`}
        >
          Ticket →
        </Link>
      </span>
    </li>
  );
}
