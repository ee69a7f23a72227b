// Configure: the recipe's form, checked in the browser before anything is sent (check-parameters.ts:
// a validator that runs under the page's CSP, worded like the server's), and always by the server,
// whose 422 field errors show beside each field. Submit goes to the tracking page as soon as the 202
// arrives. With ?from=<ticket> it is the "edit parameters" path of Regenerate/Retry: pre-filled from
// that ticket, submitted as its retry.
//
// What was typed survives leaving the page (issue 15): a draft per project and recipe lives in
// sessionStorage (this tab only) and fills the form again when the person comes back to it. It is kept
// until a submit succeeds; after that, Back to this very history entry shows the form as it was sent
// (to adjust and start another), while a fresh visit from the gallery starts from the defaults.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import type { RecipeView, TicketView } from "../../../../src/domain/contract.js";
import { useProject } from "../../app/layout.js";
import { api, type ApiError } from "../../shared/api.js";
import { formatLabel, recipeIcon, agentLabel } from "../../shared/format.js";
import { rememberStartedHere } from "../../shared/live-connection/desktop-notify.js";
import { galleryPath, trackPath } from "../../shared/paths.js";
import { ErrorBox, NotFound, Skeleton } from "../../shared/states.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { checkParameters } from "./check-parameters.js";
import { RecipeStatsLine } from "./recipe-stats-line.js";
import { RelativeTime } from "../../shared/relative-time.js";
import { ViewOnly } from "./view-only.js";
import { fieldId, initialValues, propertiesOf, SchemaFields, toParameters, type FormValue, type FormValues } from "./schema-form.js";

const PARAMETER_PREFIX = "parameters/";

/** "parameters/topic" → "topic"; anything else is not a field of the form. */
function fieldOf(path: string): string | null {
  if (!path.startsWith(PARAMETER_PREFIX)) return null;
  return path.slice(PARAMETER_PREFIX.length).split("/")[0] ?? null;
}

interface Draft {
  values: FormValues;
  /** The history entry (react-router location.key) the draft was last edited in. */
  entry: string;
  /** Set once a submit from this draft was accepted. */
  submitted: boolean;
}

const draftKey = (projectId: string, slug: string, fromId: string | undefined): string =>
  `worksmith:draft:${projectId}:${slug}${fromId ? `:${fromId}` : ""}`;

function readDraft(key: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    if (typeof parsed.values !== "object" || parsed.values === null || typeof parsed.entry !== "string") return null;
    return { values: parsed.values, entry: parsed.entry, submitted: parsed.submitted === true };
  } catch {
    return null;
  }
}

function writeDraft(key: string, draft: Draft): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or refused: the form still works, it just is not kept.
  }
}

function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing kept to clear.
  }
}

/** The draft to start from, if any: an unsent one always, a sent one only when Back returns to its entry. */
function draftToRestore(key: string, entry: string, schema: RecipeView["configurable_parameters"]): FormValues | null {
  const draft = readDraft(key);
  if (!draft) return null;
  if (draft.submitted && draft.entry !== entry) {
    clearDraft(key);
    return null;
  }
  // Only the fields the recipe has now, in the shapes its form uses (a recipe may have changed since).
  const defaults = initialValues(schema);
  const values: FormValues = { ...defaults };
  for (const [name, value] of Object.entries(draft.values)) {
    const fallback = defaults[name];
    if (fallback !== undefined && typeof value === typeof fallback && Array.isArray(value) === Array.isArray(fallback))
      values[name] = value;
  }
  return values;
}

function ConfigureForm({ recipe, from }: { recipe: RecipeView; from: TicketView | null }) {
  const { projectId = "" } = useParams();
  const navigate = useNavigate();
  const { key: entry } = useLocation();
  const schema = recipe.configurable_parameters;
  const storageKey = draftKey(projectId, recipe.slug, from?.id);
  const [restored] = useState(() => draftToRestore(storageKey, entry, schema));
  const [values, setValues] = useState<FormValues>(() => restored ?? initialValues(schema, from?.metadata.recipe_parameters));
  const [showRestored, setShowRestored] = useState(restored !== null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const showErrors = (list: { field: string; message: string }[]): void => {
    const byField: Record<string, string> = {};
    const rest: string[] = [];
    const known = new Set(Object.keys(schema.properties));
    for (const e of list) {
      const name = fieldOf(e.field);
      if (name && known.has(name)) byField[name] ??= e.message;
      else rest.push(e.message);
    }
    setErrors(byField);
    setGeneral(rest);
    const first = propertiesOf(schema).find(([name]) => byField[name]);
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(first[0]))?.focus());
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setFailure(null);
    const parameters = toParameters(schema, values);
    const local = checkParameters(schema, parameters);
    if (local.length) {
      showErrors(local);
      return;
    }
    showErrors([]);
    setBusy(true);
    const request = from
      ? api.retryTicket(from.id, parameters)
      : api.execute(recipe.agent_type, { project_id: projectId, recipe_slug: recipe.slug, parameters });
    request.then(
      (accepted) => {
        writeDraft(storageKey, { values, entry, submitted: true });
        rememberStartedHere(accepted.work_ticket_id);
        void navigate(trackPath(projectId, accepted.work_ticket_id));
      },
      (err: unknown) => {
        const apiError = toApiError(err);
        setBusy(false);
        if (apiError.problem.errors?.length) showErrors(apiError.problem.errors);
        else setFailure(apiError);
      },
    );
  };

  const onChange = (name: string, value: FormValue): void => {
    setValues((v) => {
      const next = { ...v, [name]: value };
      writeDraft(storageKey, { values: next, entry, submitted: false });
      return next;
    });
    if (errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest);
  };
  const errorCount = Object.keys(errors).length + general.length;

  return (
    <form ref={formRef} className="form panel" onSubmit={submit} noValidate aria-label={`Configure ${recipe.name}`}>
      {errorCount > 0 && (
        <div className="error-box" role="alert">
          <p className="error-title">{errorCount === 1 ? "One thing needs fixing" : `${errorCount} things need fixing`}</p>
          {general.map((m) => (
            <p key={m} className="error-detail">
              {m}
            </p>
          ))}
        </div>
      )}
      {failure && <ErrorBox error={failure} />}
      {showRestored && (
        <p className="note" data-testid="draft-restored">
          Filled in with what you entered earlier.{" "}
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => {
              clearDraft(storageKey);
              setValues(initialValues(schema, from?.metadata.recipe_parameters));
              setErrors({});
              setGeneral([]);
              setShowRestored(false);
            }}
          >
            Start over
          </button>
        </p>
      )}
      <SchemaFields schema={schema} values={values} errors={errors} onChange={onChange} />
      <div className="actions form-actions">
        <Link to={from ? trackPath(projectId, from.id) : galleryPath(projectId)} className="button">
          Cancel
        </Link>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Starting…" : from ? "Start again →" : "Start work →"}
        </button>
      </div>
    </form>
  );
}

export function ConfigurePage() {
  const { projectId = "" } = useParams();
  const [search] = useSearchParams();
  const slug = search.get("recipe") ?? "";
  const fromId = search.get("from");
  const project = useProject();
  const [data, reload] = useResource(
    async (signal) => {
      const [recipe, from] = await Promise.all([
        api.getRecipe(slug, signal),
        fromId ? api.getTicket(fromId, signal).catch(() => null) : Promise.resolve(null),
      ]);
      return { recipe, from: from && from.project_id === projectId && from.recipe_slug === recipe.slug ? from : null };
    },
    [slug, fromId, projectId],
  );
  const [stats] = useResource((signal) => api.recipeStatsOf(slug, signal), [slug]);
  useEffect(() => {
    if (data.state === "ready") document.title = `${data.data.recipe.name} · Worksmith`;
    return () => {
      document.title = "Worksmith";
    };
  }, [data]);

  if (project.data?.role === "viewer") return <ViewOnly projectId={projectId} />;
  if (!slug) return <NotFound what="Recipe" backTo={galleryPath(projectId)} backLabel="Back to the recipes" />;
  if (data.state === "loading") return <Skeleton lines={6} label="Loading recipe" />;
  if (data.state === "error") {
    return data.error.notFound ? (
      <NotFound what="Recipe" backTo={galleryPath(projectId)} backLabel="Back to the recipes" />
    ) : (
      <ErrorBox error={data.error} onRetry={reload} />
    );
  }
  const { recipe, from } = data.data;
  return (
    <>
      <nav className="back" aria-label="Breadcrumb">
        <Link to={galleryPath(projectId)}>← New work request</Link>
      </nav>
      <div className="page-header">
        <div>
          <div className="track-title-row">
            <span className="recipe-icon" aria-hidden="true">
              {recipeIcon(recipe.icon, recipe.output_format)}
            </span>
            <h1>{recipe.name}</h1>
            <span className="badge">{formatLabel(recipe.output_format)}</span>
          </div>
          <p className="muted">
            {recipe.description} <span className="small">({agentLabel(recipe.agent_type)} agent)</span>
          </p>
          {stats.state === "ready" && (
            <>
              <p>
                <RecipeStatsLine stats={stats.data} detailed />
              </p>
              {stats.data.recent_failures.length > 0 && (
                <details className="small">
                  <summary className="muted">Recent failures ({stats.data.recent_failures.length})</summary>
                  <ul>
                    {stats.data.recent_failures.map((f) => (
                      <li key={f.ticket_id}>
                        <RelativeTime iso={f.finished_at} />:{" "}
                        {f.project_id === projectId ? (
                          <Link to={trackPath(projectId, f.ticket_id)}>{firstLine(f.error)}</Link>
                        ) : (
                          firstLine(f.error)
                        )}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
          {from && <p className="note">Pre-filled from an earlier ticket; starting creates a new ticket linked to it.</p>}
        </div>
      </div>
      <ConfigureForm key={`${recipe.slug}-${from?.id ?? ""}`} recipe={recipe} from={from} />
    </>
  );
}

/** An error's first line, short enough for a list. */
function firstLine(error: string): string {
  const line = error.split("\n")[0] ?? "";
  return line.length > 140 ? `${line.slice(0, 139)}…` : line || "No error message";
}
