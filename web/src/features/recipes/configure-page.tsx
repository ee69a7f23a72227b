// Configure: the recipe's form, checked in the browser with the server's own validator (Ajv via
// src/domain/parameters.ts, so messages match) where the page may compile code, and always by the
// server, whose 422 field errors show beside each field. Submit goes to the tracking page as soon as the 202 arrives. With ?from=<ticket> it is the
// "edit parameters" path of Regenerate/Retry: pre-filled from that ticket, submitted as its retry.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { RecipeView, TicketView } from "../../../../src/domain/contract.js";
import { validateParameters } from "../../../../src/domain/parameters.js";
import { useProject } from "../../app/layout.js";
import { api, type ApiError } from "../../shared/api.js";
import { formatLabel, recipeIcon, agentLabel } from "../../shared/format.js";
import { galleryPath, trackPath } from "../../shared/paths.js";
import { ErrorBox, NotFound, Skeleton } from "../../shared/states.js";
import { toApiError, useResource } from "../../shared/use-resource.js";
import { ViewOnly } from "./view-only.js";
import { fieldId, initialValues, propertiesOf, SchemaFields, toParameters, type FormValue, type FormValues } from "./schema-form.js";

const PARAMETER_PREFIX = "parameters/";

/** "parameters/topic" → "topic"; anything else is not a field of the form. */
function fieldOf(path: string): string | null {
  if (!path.startsWith(PARAMETER_PREFIX)) return null;
  return path.slice(PARAMETER_PREFIX.length).split("/")[0] ?? null;
}

let compileAllowed: boolean | undefined;

/**
 * Ajv compiles each schema with `new Function`. The page's Content-Security-Policy (src/api/web-app.ts)
 * has no 'unsafe-eval', so there it cannot, and Ajv would log "Error compiling schema" on every
 * submit; one silent probe tells us to leave checking to the server (its 422 carries the same messages).
 */
function canCompile(): boolean {
  if (compileAllowed === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the probe is the point: may this page compile code?
      compileAllowed = (new Function("return true") as () => unknown)() === true;
    } catch {
      compileAllowed = false;
    }
  }
  return compileAllowed;
}

function checkInBrowser(recipe: RecipeView, parameters: Record<string, unknown>): { field: string; message: string }[] {
  if (!canCompile()) return [];
  try {
    const result = validateParameters(recipe.configurable_parameters, parameters);
    return result.ok ? [] : result.errors;
  } catch {
    // A validator that cannot compile here (e.g. a strict CSP forbids eval) leaves checking to the server.
    return [];
  }
}

function ConfigureForm({ recipe, from }: { recipe: RecipeView; from: TicketView | null }) {
  const { projectId = "" } = useParams();
  const navigate = useNavigate();
  const schema = recipe.configurable_parameters;
  const [values, setValues] = useState<FormValues>(() => initialValues(schema, from?.metadata.recipe_parameters));
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
    const local = checkInBrowser(recipe, parameters);
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
      (accepted) => navigate(trackPath(projectId, accepted.work_ticket_id)),
      (err: unknown) => {
        const apiError = toApiError(err);
        setBusy(false);
        if (apiError.problem.errors?.length) showErrors(apiError.problem.errors);
        else setFailure(apiError);
      },
    );
  };

  const onChange = (name: string, value: FormValue): void => {
    setValues((v) => ({ ...v, [name]: value }));
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
          {from && <p className="note">Pre-filled from an earlier ticket; starting creates a new ticket linked to it.</p>}
        </div>
      </div>
      <ConfigureForm key={`${recipe.slug}-${from?.id ?? ""}`} recipe={recipe} from={from} />
    </>
  );
}
