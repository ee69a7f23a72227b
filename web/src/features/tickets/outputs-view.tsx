// A ticket's outputs: each as a markdown preview of its body and, when it has a file, a card with the
// format icon, size and a Download button (a signed, expiring link from the server).
import { lazy, Suspense } from "react";
import type { OutputView } from "../../../../src/domain/contract.js";
import { formatBytes, formatIcon, formatLabel } from "../../shared/format.js";
import { EmptyState, Skeleton } from "../../shared/states.js";
import { GroundingBadge } from "./grounding-badge.js";

const MarkdownPreview = lazy(() => import("./markdown-preview.js"));

/** What a file card shows: a ticket's output, or a shared one (the share page has no more than this). */
export type FileCardOutput = Pick<OutputView, "download_url" | "filename" | "title" | "file_format" | "bytes">;

export function FileCard({ output }: { output: FileCardOutput }) {
  if (!output.download_url) return null;
  const name = output.filename ?? `${output.title}.${output.file_format ?? "bin"}`;
  return (
    <div className="file-card">
      <span className="file-icon" aria-hidden="true">
        {formatIcon(output.file_format)}
      </span>
      <span className="file-main">
        <span className="file-name">{name}</span>
        <span className="muted small">{[formatLabel(output.file_format), formatBytes(output.bytes)].filter(Boolean).join(" · ")}</span>
      </span>
      <a className="button button-primary" href={output.download_url} download={name} aria-label={`Download ${name}`}>
        ⬇ Download
      </a>
    </div>
  );
}

export function OutputsView({ outputs }: { outputs: readonly OutputView[] }) {
  if (outputs.length === 0) return <EmptyState title="No outputs">This ticket finished without producing outputs.</EmptyState>;
  return (
    <ul className="outputs" aria-label="Outputs">
      {outputs.map((output) => (
        <li key={output.id} className="output" data-output-id={output.id}>
          <div className="output-header">
            <h3>{output.title}</h3>
            <span className="muted small">
              {output.output_type}
              {output.sources.length > 0 && ` · ${output.sources.length} ${output.sources.length === 1 ? "source" : "sources"}`}
            </span>
          </div>
          <GroundingBadge grounding={output.grounding} />
          <FileCard output={output} />
          {output.body.trim() && (
            <details className="output-body" open>
              <summary>{output.download_url ? "Preview" : "Content"}</summary>
              <Suspense fallback={<Skeleton lines={4} label="Loading preview" />}>
                <MarkdownPreview source={output.body} />
              </Suspense>
            </details>
          )}
          {output.sources.length > 0 && <p className="muted small sources">Sources: {output.sources.map((s) => s.title).join(", ")}</p>}
        </li>
      ))}
    </ul>
  );
}
