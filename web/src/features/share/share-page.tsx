// The page a share link opens (issue 15 item 5), for anybody, signed in or not: the recipe, the outputs
// rendered, and their downloads. It asks the server for nothing but `/api/share/:token`, and links
// nowhere into the project — the link is the whole of what its holder may see.
import { lazy, Suspense } from "react";
import { useParams } from "react-router";
import { api } from "../../shared/api.js";
import { formatExact } from "../../shared/format.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { useResource } from "../../shared/use-resource.js";
import { FileCard } from "../tickets/outputs-view.js";
import "./share.css";

const MarkdownPreview = lazy(() => import("../tickets/markdown-preview.js"));

export function SharePage() {
  const { token = "" } = useParams();
  const [shared, reload] = useResource((signal) => api.getShared(token, signal), [token]);
  return (
    <div className="share-page">
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true">
              W
            </span>
            <span className="brand-name">Worksmith</span>
          </span>
          <span className="spacer" />
          <span className="badge">Shared, read-only</span>
        </div>
      </header>
      <main className="page">
        {shared.state === "loading" && <Skeleton lines={6} label="Loading shared outputs" />}
        {shared.state === "error" &&
          (shared.error.status === 404 || shared.error.status === 410 ? (
            <section className="not-found" aria-labelledby="share-gone">
              <h1 id="share-gone">{shared.error.status === 410 ? "This link is no longer available" : "Link not found"}</h1>
              <p className="muted">{shared.error.problem.detail ?? "Ask the person who sent it for a new link."}</p>
            </section>
          ) : (
            <ErrorBox error={shared.error} onRetry={reload} />
          ))}
        {shared.state === "ready" && (
          <article aria-labelledby="share-title">
            <div className="page-header">
              <div>
                <h1 id="share-title">
                  <span aria-hidden="true">{shared.data.recipe.icon} </span>
                  {shared.data.recipe.name}
                </h1>
                <p className="muted">
                  {shared.data.finished_at && <>Finished {formatExact(shared.data.finished_at)} · </>}
                  This link works until {formatExact(shared.data.expires_at)}.
                </p>
              </div>
            </div>
            {shared.data.outputs.length === 0 ? (
              <EmptyState title="No outputs">There is nothing to show yet.</EmptyState>
            ) : (
              <ul className="outputs" aria-label="Outputs">
                {shared.data.outputs.map((output) => (
                  <li key={output.id} className="output">
                    <div className="output-header">
                      <h2 className="h3">{output.title}</h2>
                    </div>
                    <FileCard output={output} />
                    {output.body.trim() && (
                      <details className="output-body" open>
                        <summary>{output.download_url ? "Preview" : "Content"}</summary>
                        <Suspense fallback={<Skeleton lines={4} label="Loading preview" />}>
                          <MarkdownPreview source={output.body} />
                        </Suspense>
                      </details>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </article>
        )}
      </main>
    </div>
  );
}
