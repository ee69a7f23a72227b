// Projects: the list as cards, and a small form to create one (then straight into it).
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../../shared/api.js";
import { projectPath } from "../../shared/paths.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import type { ApiError } from "../../shared/api.js";
import { RelativeTime } from "../../shared/relative-time.js";

function CreateProjectForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError("Name is required");
      return;
    }
    setBusy(true);
    setError(null);
    api.createProject({ name: name.trim(), description }).then(
      (project) => navigate(projectPath(project.id)),
      (err: unknown) => {
        const apiError = toApiError(err);
        setNameError(apiError.problem.errors?.find((f) => f.field === "name")?.message ?? null);
        setError(apiError);
        setBusy(false);
      },
    );
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="New project">
      {error && <ErrorBox error={error} />}
      <div className="field">
        <label htmlFor="project-name">Name *</label>
        <input
          id="project-name"
          value={name}
          autoFocus
          maxLength={200}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "project-name-error" : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
        />
        {nameError && (
          <p className="field-error" id="project-name-error">
            ⚠ {nameError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="project-description">Description</label>
        <textarea id="project-description" rows={3} value={description} maxLength={5000} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create project"}
        </button>
      </div>
    </form>
  );
}

export function ProjectsPage() {
  const [projects, reload] = useResource((signal) => api.listProjects(signal), []);
  const [creating, setCreating] = useState(false);
  return (
    <main className="page">
      <div className="page-header">
        <h1>Projects</h1>
        {!creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New project
          </button>
        )}
      </div>
      {creating && <CreateProjectForm onCancel={() => setCreating(false)} />}
      {projects.state === "loading" && <Skeleton />}
      {projects.state === "error" && <ErrorBox error={projects.error} onRetry={reload} />}
      {projects.state === "ready" && projects.data.length === 0 && !creating && (
        <EmptyState title="No projects yet">
          <p>A project holds the context your agents work from. Create one to begin.</p>
        </EmptyState>
      )}
      {projects.state === "ready" && projects.data.length > 0 && (
        <ul className="card-grid" aria-label="Projects">
          {projects.data.map((p) => (
            <li key={p.id}>
              <Link to={projectPath(p.id)} className="card card-link">
                <span className="card-title">
                  {p.name}
                  {p.role === "viewer" && (
                    <>
                      {" "}
                      <span className="badge badge-view-only">View only</span>
                    </>
                  )}
                </span>
                {p.description && <span className="card-desc">{p.description}</span>}
                <span className="card-meta">
                  {p.ticket_count} {p.ticket_count === 1 ? "ticket" : "tickets"} · {p.context_count} context{" "}
                  {p.context_count === 1 ? "item" : "items"} · <RelativeTime iso={p.created_at} prefix="created" />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
