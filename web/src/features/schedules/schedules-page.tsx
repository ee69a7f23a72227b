// A project's schedules (issue 17): recipes run on a cron rhythm in a time zone, each with its next
// five runs in that zone. Members create, pause, resume and delete; viewers read. A schedule that
// paused itself (its recipe or parameters went bad) shows why.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import type { Problem, RecipeView } from "../../../../src/domain/contract.js";
import { useProject } from "../../app/layout.js";
import { api, ApiError, fieldErrorsOf } from "../../shared/api.js";
import { ConfirmButton } from "../../shared/confirm-button.js";
import { projectPath } from "../../shared/paths.js";
import { canWork } from "../../shared/roles.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { TextField } from "../../shared/text-field.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { checkParameters } from "../recipes/check-parameters.js";
import { initialValues, SchemaFields, toParameters, type FormValue, type FormValues } from "../recipes/schema-form.js";

interface Schedule {
  id: string;
  name: string;
  recipe_slug: string;
  parameters: Record<string, unknown>;
  cron: string;
  timezone: string;
  enabled: boolean;
  missed_policy: "skip" | "run_once";
  paused_reason: string | null;
  next_runs: string[];
}

/** The schedules API, in the shape of the shared client (which this page does not extend). */
async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
    signal: signal ?? null,
  }).catch(() => {
    throw new ApiError(0, { type: "about:blank", title: "The server could not be reached", status: 0 });
  });
  const text = await res.text();
  const payload: unknown = text ? JSON.parse(text) : null;
  if (!res.ok)
    throw new ApiError(res.status, (payload as Problem | null) ?? { type: "about:blank", title: res.statusText, status: res.status });
  return payload as T;
}

/** The form's errors for the recipe's fields ("param:topic" → "topic"). */
function paramErrorsOf(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).flatMap(([f, m]) => (f.startsWith("param:") ? [[f.slice(6), m]] : [])));
}

const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

function formatRun(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

function CreateForm({ projectId, onCreated }: { projectId: string; onCreated: (s: Schedule) => void }) {
  const [recipes] = useResource((signal) => api.listRecipes(signal, projectId), [projectId]);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [cron, setCron] = useState("0 9 * * 1");
  const [zone, setZone] = useState(browserZone());
  // The recipe's own form (the configure page's engine); values kept per recipe while switching.
  const [valuesBySlug, setValuesBySlug] = useState<Record<string, FormValues>>({});
  const [missed, setMissed] = useState<"skip" | "run_once">("skip");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const list: RecipeView[] = recipes.state === "ready" ? recipes.data : [];
  const recipe = list.find((r) => r.slug === slug) ?? list[0];
  const values: FormValues = recipe ? (valuesBySlug[recipe.slug] ?? initialValues(recipe.configurable_parameters)) : {};
  const onParameter = (field: string, value: FormValue): void => {
    if (!recipe) return;
    setValuesBySlug((all) => ({ ...all, [recipe.slug]: { ...values, [field]: value } }));
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!recipe) return;
    const schema = recipe.configurable_parameters;
    const parameters = toParameters(schema, values);
    // The same check as the configure page, before anything is sent; the server checks again.
    const local = checkParameters(schema, parameters);
    if (local.length) {
      setErrors(Object.fromEntries(local.map((f) => [f.field.replace(/^parameters\//, "param:"), f.message])));
      return;
    }
    setBusy(true);
    setErrors({});
    setFailure(null);
    call<Schedule>("POST", `/api/projects/${projectId}/schedules`, {
      name: name.trim() || recipe.name,
      recipe_slug: recipe.slug,
      parameters,
      cron: cron.trim(),
      timezone: zone.trim(),
      missed_policy: missed,
    }).then(
      (s) => {
        setBusy(false);
        onCreated(s);
      },
      (err: unknown) => {
        const apiError = toApiError(err);
        const fields = fieldErrorsOf(apiError);
        // Parameter errors arrive per parameter ("parameters/topic"): shown under that parameter's field.
        setErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [f.replace(/^parameters\//, "param:"), m])));
        setFailure(Object.keys(fields).length ? null : apiError);
        setBusy(false);
      },
    );
  };

  if (recipes.state === "loading") return <Skeleton lines={2} label="Loading recipes" />;
  if (recipes.state === "error") return <ErrorBox error={recipes.error} />;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="New schedule">
      {failure && <ErrorBox error={failure} />}
      <div className="field">
        <label htmlFor="schedule-recipe">Recipe</label>
        <select id="schedule-recipe" value={recipe?.slug ?? ""} onChange={(e) => setSlug(e.target.value)}>
          {list.map((r) => (
            <option key={r.slug} value={r.slug}>
              {r.name}
            </option>
          ))}
        </select>
        {errors.recipe_slug && <p className="field-error">{errors.recipe_slug}</p>}
      </div>
      <TextField id="schedule-name" label="Name" value={name} placeholder={recipe?.name ?? ""} onChange={setName} error={errors.name} />
      <TextField
        id="schedule-cron"
        label="When (cron)"
        value={cron}
        onChange={setCron}
        error={errors.cron}
        help="minute hour day month weekday — 0 9 * * 1 is Mondays at 09:00"
      />
      <TextField
        id="schedule-zone"
        label="Time zone"
        value={zone}
        onChange={setZone}
        error={errors.timezone}
        help="An IANA zone, e.g. Europe/Oslo"
      />
      {recipe && (
        <fieldset className="schedule-parameters">
          <legend>{recipe.name}: what each run is asked for</legend>
          <SchemaFields schema={recipe.configurable_parameters} values={values} errors={paramErrorsOf(errors)} onChange={onParameter} />
          {errors.parameters && <p className="field-error">{errors.parameters}</p>}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="schedule-missed">After downtime</label>
        <select id="schedule-missed" value={missed} onChange={(e) => setMissed(e.target.value as "skip" | "run_once")}>
          <option value="skip">Skip the missed runs</option>
          <option value="run_once">Run once for all of them</option>
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? "Creating…" : "Create schedule"}
      </button>
    </form>
  );
}

export function SchedulesPage() {
  const { projectId = "" } = useParams();
  const project = useProject();
  const mayWork = canWork(project.data?.role);
  const [schedules, reload, update] = useResource(
    (signal) => call<{ items: Schedule[] }>("GET", `/api/projects/${projectId}/schedules`, undefined, signal).then((r) => r.items),
    [projectId],
  );
  const [creating, setCreating] = useState(false);
  // Which row has a request out, and which of its actions: only a delete shows Delete's busy state.
  const [pending, setPending] = useState<{ id: string; action: "toggle" | "delete" } | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const pendingOn = (id: string) => (pending?.id === id ? pending.action : null);

  const change = (s: Schedule, action: "toggle" | "delete", request: Promise<Schedule | null>): void => {
    setPending({ id: s.id, action });
    setFailure(null);
    request.then(
      (updated) => {
        setPending(null);
        update((list) => (updated ? list.map((x) => (x.id === updated.id ? updated : x)) : list.filter((x) => x.id !== s.id)));
      },
      (err: unknown) => {
        setPending(null);
        setFailure(toApiError(err));
      },
    );
  };

  return (
    <>
      <nav className="back" aria-label="Breadcrumb">
        <Link to={projectPath(projectId)}>← {project.data?.name ?? "Project"}</Link>
      </nav>
      <div className="page-header">
        <div>
          <h1>Schedules {schedules.state === "ready" && <span className="count">({schedules.data.length})</span>}</h1>
          <p className="muted">Recipes that start by themselves on a rhythm, e.g. the status report every Monday at 09:00.</p>
        </div>
        {mayWork && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New schedule
          </button>
        )}
      </div>
      {creating && (
        <CreateForm
          projectId={projectId}
          onCreated={(s) => {
            setCreating(false);
            update((list) => [...list, s]);
          }}
        />
      )}
      {failure && <ErrorBox error={failure} />}
      {schedules.state === "loading" && <Skeleton lines={3} label="Loading schedules" />}
      {schedules.state === "error" && <ErrorBox error={schedules.error} onRetry={reload} />}
      {schedules.state === "ready" && schedules.data.length === 0 && (
        <EmptyState title="No schedules yet">{mayWork ? "Create one to run a recipe every week, day or month." : null}</EmptyState>
      )}
      {schedules.state === "ready" && schedules.data.length > 0 && (
        <ul className="schedule-list" aria-label="Schedules" style={{ listStyle: "none", padding: 0, display: "grid", gap: "1rem" }}>
          {schedules.data.map((s) => (
            <li key={s.id} className="panel" data-schedule-id={s.id}>
              <div className="page-header">
                <div>
                  <h2>{s.name}</h2>
                  <p className="muted small">
                    {s.recipe_slug} · <code>{s.cron}</code> · {s.timezone} ·{" "}
                    {s.missed_policy === "skip" ? "skips missed runs" : "runs once after downtime"}
                  </p>
                </div>
                <span className={`badge ${s.enabled ? "status-running" : "status-cancelled"}`}>{s.enabled ? "Active" : "Paused"}</span>
              </div>
              {s.paused_reason && (
                <p className="field-error" role="status">
                  Paused by itself: {s.paused_reason}
                </p>
              )}
              {s.next_runs.length > 0 && (
                <>
                  <p className="small">Next runs ({s.timezone}):</p>
                  <ol className="small" style={{ marginBottom: "0.75rem" }}>
                    {s.next_runs.map((r) => (
                      <li key={r}>
                        <time dateTime={r}>{formatRun(r, s.timezone)}</time>
                      </li>
                    ))}
                  </ol>
                </>
              )}
              {mayWork && (
                <div className="cell-actions">
                  <button
                    type="button"
                    className="button"
                    disabled={pendingOn(s.id) !== null}
                    onClick={() => change(s, "toggle", call<Schedule>("PATCH", `/api/schedules/${s.id}`, { enabled: !s.enabled }))}
                  >
                    {pendingOn(s.id) === "toggle" ? (s.enabled ? "Pausing…" : "Resuming…") : s.enabled ? "Pause" : "Resume"}
                  </button>
                  <ConfirmButton
                    label="Delete"
                    accessibleName={`Delete ${s.name}`}
                    question="Delete this schedule? Its tickets stay."
                    confirmLabel="Delete"
                    busyLabel="Deleting…"
                    busy={pendingOn(s.id) === "delete"}
                    disabled={pendingOn(s.id) === "toggle"}
                    onConfirm={() => change(s, "delete", call<null>("DELETE", `/api/schedules/${s.id}`))}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
