// Two outputs of one lineage side by side (issue 15 item 4). The server extracts both texts and diffs
// them (lines, then words within a changed line); this page lays the rows out in two columns, a section
// per slide or sheet, with unchanged sections folded. Markdown can also be read rendered side by side.
import { lazy, Suspense, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { Comparison, DiffPart, DiffRow, DiffSection, LibraryOutput } from "../../../../src/domain/outputs-library.js";
import { api } from "../../shared/api.js";
import { formatLabel } from "../../shared/format.js";
import { trackPath } from "../../shared/paths.js";
import { RelativeTime } from "../../shared/relative-time.js";
import { ErrorBox, NotFound, Skeleton } from "../../shared/states.js";
import { useResource } from "../../shared/use-resource.js";
import "./outputs-library.css";
import { comparePath, libraryPath } from "./paths.js";

const MarkdownPreview = lazy(() => import("../tickets/markdown-preview.js"));

const ROW_WORD: Record<DiffRow["kind"], string> = { same: "unchanged", changed: "changed", removed: "removed", added: "added" };

function optionLabel(o: LibraryOutput): string {
  return `v${o.lineage.version} · ${o.title} · ${o.file_format ? formatLabel(o.file_format) : "Text"}`;
}

export function ComparePage() {
  const { projectId = "" } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const base = params.get("base") ?? "";
  const head = params.get("head") ?? "";
  const [view, setView] = useState<"changes" | "rendered">("changes");
  const [lineage] = useResource((signal) => (head ? api.listLineageOutputs(head, signal) : Promise.resolve([])), [head]);
  const [comparison, reload] = useResource((signal) => api.compareOutputs(base, head, signal), [base, head]);

  if (!base || !head) return <NotFound what="Comparison" backTo={libraryPath(projectId)} backLabel="Back to outputs" />;
  const choices = lineage.state === "ready" ? lineage.data : [];
  const pick = (side: "base" | "head", id: string) =>
    void navigate(comparePath(projectId, side === "base" ? id : base, side === "head" ? id : head), { replace: true });

  return (
    <article aria-labelledby="compare-title" className="compare">
      <div className="page-header">
        <div>
          <Link to={libraryPath(projectId)} className="back">
            ← Outputs
          </Link>
          <h1 id="compare-title">Compare versions</h1>
        </div>
      </div>

      <div className="compare-pickers">
        {(["base", "head"] as const).map((side) => (
          <div className="filter" key={side}>
            <label htmlFor={`compare-${side}`}>{side === "base" ? "Earlier (left)" : "Later (right)"}</label>
            <select id={`compare-${side}`} value={side === "base" ? base : head} onChange={(e) => pick(side, e.target.value)}>
              {choices.length === 0 && (
                <option value={side === "base" ? base : head}>{side === "base" ? "Earlier output" : "Later output"}</option>
              )}
              {choices.map((o) => (
                <option key={o.id} value={o.id}>
                  {optionLabel(o)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>

      {comparison.state === "loading" && <Skeleton lines={8} label="Comparing" />}
      {comparison.state === "error" &&
        (comparison.error.notFound ? (
          <NotFound what="Output" backTo={libraryPath(projectId)} backLabel="Back to outputs" />
        ) : (
          <ErrorBox error={comparison.error} onRetry={reload} title="These outputs cannot be compared" />
        ))}
      {comparison.state === "ready" && <ComparisonView projectId={projectId} comparison={comparison.data} view={view} onView={setView} />}
    </article>
  );
}

function ComparisonView({
  projectId,
  comparison,
  view,
  onView,
}: {
  projectId: string;
  comparison: Comparison;
  view: "changes" | "rendered";
  onView: (v: "changes" | "rendered") => void;
}) {
  const { base, head, stats } = comparison;
  const unchanged = stats.added + stats.removed + stats.changed === 0;
  return (
    <>
      <div className="compare-sides" aria-label="The two outputs">
        {[base, head].map((side, i) => (
          <div key={side.id} className="compare-side-head">
            <span className="version-badge">v{side.lineage.version}</span> <strong>{side.title}</strong>
            <span className="muted small">
              {" "}
              · <RelativeTime iso={side.created_at} /> ·{" "}
              <Link to={trackPath(projectId, side.ticket.id)}>{i === 0 ? "earlier ticket" : "later ticket"}</Link>
            </span>
          </div>
        ))}
      </div>
      <p className="compare-summary" role="status">
        {unchanged ? (
          "No differences in the text."
        ) : (
          <>
            <span className="stat-changed">{stats.changed} changed</span> · <span className="stat-added">+{stats.added} added</span> ·{" "}
            <span className="stat-removed">−{stats.removed} removed</span>
            {comparison.kind === "slides" &&
              ` · ${comparison.sections.filter((s) => s.changed).length} of ${comparison.sections.length} slides differ`}
            {comparison.kind === "sheets" &&
              ` · ${comparison.sections.filter((s) => s.changed).length} of ${comparison.sections.length} sheets differ`}
          </>
        )}
        {comparison.truncated && " (too large to match line by line: whole texts shown)"}
      </p>
      {comparison.kind === "markdown" && (
        <div className="segmented" role="group" aria-label="View">
          <button type="button" className="button button-small" aria-pressed={view === "changes"} onClick={() => onView("changes")}>
            Changes
          </button>
          <button type="button" className="button button-small" aria-pressed={view === "rendered"} onClick={() => onView("rendered")}>
            Rendered side by side
          </button>
        </div>
      )}
      {view === "rendered" && comparison.kind === "markdown" ? (
        <div className="compare-rendered">
          {[base, head].map((side) => (
            <div key={side.id} className="compare-rendered-side">
              <Suspense fallback={<Skeleton lines={4} label="Loading preview" />}>
                <MarkdownPreview source={side.text} />
              </Suspense>
            </div>
          ))}
        </div>
      ) : (
        comparison.sections.map((section, i) => <SectionDiff key={i} section={section} single={comparison.sections.length === 1} />)
      )}
    </>
  );
}

function SectionDiff({ section, single }: { section: DiffSection; single: boolean }) {
  const table = <DiffTable rows={section.rows} label={section.label} />;
  if (single) return <section className="diff-section">{table}</section>;
  const counts = section.changed ? `${section.stats.changed} changed · +${section.stats.added} · −${section.stats.removed}` : "unchanged";
  return (
    <details className={`diff-section${section.changed ? " diff-section-changed" : ""}`} open={section.changed}>
      <summary>
        <strong>{section.label}</strong> <span className="muted small">{counts}</span>
      </summary>
      {table}
    </details>
  );
}

function Parts({ parts, mark }: { parts: DiffPart[]; mark: "del" | "ins" }) {
  return (
    <>
      {parts.map((p, i) => {
        if (!p.changed) return <span key={i}>{p.text}</span>;
        return mark === "del" ? <del key={i}>{p.text}</del> : <ins key={i}>{p.text}</ins>;
      })}
    </>
  );
}

function DiffTable({ rows, label }: { rows: DiffRow[]; label: string }) {
  if (rows.length === 0) return <p className="muted small">Empty on both sides.</p>;
  return (
    <div className="table-scroll">
      <table className="diff" aria-label={`Changes in ${label}`}>
        {/* Fixed layout takes widths from the first row; the header row is visually hidden, so the columns say them. */}
        <colgroup>
          <col className="diff-col-line" />
          <col />
          <col className="diff-col-line" />
          <col />
        </colgroup>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Earlier</th>
            <th scope="col">Line</th>
            <th scope="col">Later</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className={`diff-${row.kind}`} data-kind={row.kind}>
              <td className="diff-line">{row.base?.line ?? ""}</td>
              <td className="diff-text diff-base">
                {row.base && (
                  <>
                    {row.kind !== "same" && <span className="visually-hidden">{ROW_WORD[row.kind]}: </span>}
                    <Parts parts={row.base.parts} mark="del" />
                  </>
                )}
              </td>
              <td className="diff-line">{row.head?.line ?? ""}</td>
              <td className="diff-text diff-head">
                {row.head && (
                  <>
                    {row.kind !== "same" && <span className="visually-hidden">{ROW_WORD[row.kind]}: </span>}
                    <Parts parts={row.head.parts} mark="ins" />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
