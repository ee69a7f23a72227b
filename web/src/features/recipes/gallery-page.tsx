// Gallery: the active recipes grouped by agent type; each card goes to its configure form and says
// how the recipe usually goes (success rate, typical duration: issue 18). The stats load beside the
// recipes and never hold the cards back.
import { Link, useParams } from "react-router";
import type { RecipeView } from "../../../../src/domain/contract.js";
import { AGENT_TYPES } from "../../../../src/domain/recipe.js";
import { useProject } from "../../app/layout.js";
import { useSession } from "../../app/session.js";
import { useState } from "react";
import { api, type ApiError } from "../../shared/api.js";
import { agentLabel, formatLabel, recipeIcon } from "../../shared/format.js";
import { configurePath, recipeEditorPath } from "../../shared/paths.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { RecipeStatsLine } from "./recipe-stats-line.js";
import { ViewOnly } from "./view-only.js";

function groupByAgent(recipes: readonly RecipeView[]): [string, RecipeView[]][] {
  const groups = new Map<string, RecipeView[]>(AGENT_TYPES.map((a) => [a, []]));
  for (const r of recipes) {
    if (r.status !== "active") continue;
    const list = groups.get(r.agent_type) ?? [];
    list.push(r);
    groups.set(r.agent_type, list);
  }
  return [...groups].filter(([, list]) => list.length > 0);
}

export function GalleryPage() {
  const { projectId = "" } = useParams();
  const project = useProject();
  const [recipes, reload] = useResource((signal) => api.listRecipes(signal, projectId), [projectId]);
  const { user } = useSession();
  // Administrators write recipes for every project; a project's owners for their project (issue 18).
  const canWrite = user?.is_admin === true || project.data?.role === "owner";
  const [stats] = useResource((signal) => api.recipeStats(signal, projectId), [projectId]);
  if (project.data?.role === "viewer") return <ViewOnly projectId={projectId} />;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>New work request</h1>
          <p className="muted">Pick a recipe. You can set its parameters next.</p>
        </div>
        {canWrite && (
          <Link to={recipeEditorPath(projectId)} className="button">
            + New recipe
          </Link>
        )}
      </div>
      {recipes.state === "loading" && <Skeleton lines={5} label="Loading recipes" />}
      {recipes.state === "error" && <ErrorBox error={recipes.error} onRetry={reload} />}
      {recipes.state === "ready" && groupByAgent(recipes.data).length === 0 && (
        <EmptyState title="No recipes available">
          <p>Recipes are loaded from the server's recipes/ folder at start-up.</p>
        </EmptyState>
      )}
      {recipes.state === "ready" && (
        <div className="gallery-groups">
          {groupByAgent(recipes.data).map(([agent, list]) => (
            <section key={agent} className="section" aria-labelledby={`agent-${agent}`}>
              <h2 id={`agent-${agent}`}>{agentLabel(agent)}</h2>
              <ul className="card-grid" aria-label={`${agentLabel(agent)} recipes`}>
                {list.map((r) => (
                  <li key={r.slug}>
                    <Link to={configurePath(projectId, r.slug)} className="card card-link recipe-card" data-recipe={r.slug}>
                      <span className="recipe-card-top">
                        <span className="recipe-icon" aria-hidden="true">
                          {recipeIcon(r.icon, r.output_format)}
                        </span>
                        <span className="card-title">{r.name}</span>
                      </span>
                      <span className="card-desc">{r.description}</span>
                      <span className="card-meta">
                        <span className="badge">{formatLabel(r.output_format)}</span>
                        {r.extra_formats.map((f) => (
                          <span key={f} className="badge">
                            {formatLabel(f)}
                          </span>
                        ))}
                        <span>{agentLabel(r.agent_type)}</span>
                      </span>
                      {stats.state === "ready" && <RecipeStatsLine stats={stats.data.get(r.slug)} />}
                    </Link>
                    {!r.system && (
                      <p className="muted small">
                        {r.project_id ? "This project's recipe" : "A team recipe"} · v{r.version}
                        {canWrite && (
                          <>
                            {" · "}
                            <Link to={recipeEditorPath(projectId, r.slug)} aria-label={`Edit ${r.name}`}>
                              Edit
                            </Link>
                          </>
                        )}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {canWrite && <ArchivedRecipes projectId={projectId} onRestored={reload} />}
    </>
  );
}

/** Recipes taken out of the gallery, for the people who may bring one back (issue 18). */
function ArchivedRecipes({ projectId, onRestored }: { projectId: string; onRestored: () => void }) {
  const [archived, reload] = useResource((signal) => api.listRecipes(signal, projectId, "archived"), [projectId]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  if (archived.state !== "ready" || archived.data.length === 0) return null;
  const restore = (slug: string) => {
    setFailure(null);
    api.restoreRecipe(slug).then(
      () => {
        reload();
        onRestored();
      },
      (err: unknown) => setFailure(toApiError(err)),
    );
  };
  return (
    <details className="section">
      <summary>Archived recipes ({archived.data.length})</summary>
      {failure && <ErrorBox error={failure} />}
      <ul>
        {archived.data.map((r) => (
          <li key={r.slug}>
            {r.icon} {r.name}{" "}
            <span className="muted small">
              ({r.slug}, v{r.version})
            </span>{" "}
            <button type="button" className="button button-small" onClick={() => restore(r.slug)}>
              Restore
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
