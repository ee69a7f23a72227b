// The recipe editor (issue 18): name, description, icon, agent type, formats, provider and model,
// the LLM agent's instructions, and a parameter builder whose JSON Schema is previewed live with the
// same form the configure page draws. Saving creates the recipe, or a new immutable version of it;
// tickets already submitted keep theirs. Import/export as JSON. Errors name the field, from the
// builder's own checks (src/domain/parameter-builder.ts) or from the server's 422.
import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { RecipeView } from "../../../../../src/domain/contract.js";
import {
  draftsToSchema,
  emptyDraft,
  KIND_LABELS,
  PARAMETER_KINDS,
  schemaToDrafts,
  slugFromName,
  type ParameterDraft,
  type ParameterKind,
} from "../../../../../src/domain/parameter-builder.js";
import { AGENT_TYPES, OUTPUT_FORMATS, type Recipe } from "../../../../../src/domain/recipe.js";
import { useProject } from "../../../app/layout.js";
import { useSession } from "../../../app/session.js";
import { api, ApiError } from "../../../shared/api.js";
import { agentLabel, formatLabel } from "../../../shared/format.js";
import { configurePath, galleryPath } from "../../../shared/paths.js";
import { ErrorBox, Skeleton } from "../../../shared/states.js";
import { TextField } from "../../../shared/text-field.js";
import { toApiError, useResource } from "../../../shared/use-resource.js";
import { initialValues, SchemaFields, type FormValue, type FormValues } from "../schema-form.js";
import "./recipe-editor.css";

interface Meta {
  name: string;
  slug: string;
  description: string;
  icon: string;
  agent_type: Recipe["agent_type"];
  output_format: Recipe["output_format"];
  extra_formats: Recipe["output_format"][];
  provider: "" | "builtin" | "llm";
  model: string;
  instructions: string;
  /** Only this project, or every project (administrators). */
  scope: "project" | "global";
}

const BLANK: Meta = {
  name: "",
  slug: "",
  description: "",
  icon: "📝",
  agent_type: "content",
  output_format: "markdown",
  extra_formats: [],
  provider: "",
  model: "",
  instructions: "",
  scope: "project",
};

const STARTER: ParameterDraft[] = [{ ...emptyDraft("text"), name: "topic", title: "Topic", required: true }];

function metaFrom(recipe: Recipe, scope: Meta["scope"]): Meta {
  return {
    name: recipe.name,
    slug: recipe.slug,
    description: recipe.description,
    icon: recipe.icon,
    agent_type: recipe.agent_type,
    output_format: recipe.output_format,
    extra_formats: recipe.extra_formats,
    provider: recipe.provider === "builtin" || recipe.provider === "llm" ? recipe.provider : "",
    model: recipe.model?.name ?? "",
    instructions: recipe.instructions,
    scope,
  };
}

export function RecipeEditorPage() {
  const { projectId = "", slug } = useParams();
  const [existing, reload] = useResource(
    async (signal) => (slug ? { view: await api.getRecipe(slug, signal), definition: await api.exportRecipe(slug, signal) } : null),
    [slug],
  );
  if (existing.state === "loading") return <Skeleton lines={8} label="Loading the recipe" />;
  if (existing.state === "error") return <ErrorBox error={existing.error} onRetry={reload} />;
  return <RecipeEditor key={slug ?? "new"} projectId={projectId} existing={existing.data} />;
}

function RecipeEditor({ projectId, existing }: { projectId: string; existing: { view: RecipeView; definition: Recipe } | null }) {
  const navigate = useNavigate();
  const { user } = useSession();
  const project = useProject();
  const isAdmin = user?.is_admin === true;
  const canWrite = isAdmin || project.data?.role === "owner";
  const [meta, setMeta] = useState<Meta>(() =>
    existing
      ? metaFrom(existing.definition, existing.view.project_id ? "project" : "global")
      : { ...BLANK, scope: isAdmin ? "global" : "project" },
  );
  const [slugTouched, setSlugTouched] = useState(existing !== null);
  const [drafts, setDrafts] = useState<ParameterDraft[]>(() => (existing ? schemaToDrafts(existing.definition.parameters) : STARTER));
  const [serverErrors, setServerErrors] = useState<{ field: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  // Which request is out: Save and Archive each show only their own busy label.
  const [busy, setBusy] = useState<"save" | "archive" | null>(null);
  const [jsonText, setJsonText] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);

  const built = useMemo(() => draftsToSchema(drafts), [drafts]);
  const definition = useMemo(
    () => ({
      slug: meta.slug,
      name: meta.name.trim(),
      description: meta.description.trim(),
      icon: meta.icon.trim(),
      agent_type: meta.agent_type,
      output_format: meta.output_format,
      extra_formats: meta.extra_formats.filter((f) => f !== meta.output_format),
      provider: meta.provider === "" ? null : meta.provider,
      model: meta.model.trim() === "" ? null : { name: meta.model.trim() },
      instructions: meta.instructions,
      parameters: built.schema,
    }),
    [meta, built.schema],
  );

  const set = <K extends keyof Meta>(key: K, value: Meta[K]) => {
    setMeta((m) => ({ ...m, [key]: value, ...(key === "name" && !slugTouched ? { slug: slugFromName(String(value)) } : {}) }));
  };
  const errorFor = (field: string) => serverErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setServerErrors([]);
    setFailure(null);
    if (built.errors.length > 0) {
      setServerErrors(built.errors);
      return;
    }
    setBusy("save");
    const body = { ...definition, ...(existing ? {} : { project_id: meta.scope === "project" ? projectId : null }) };
    const request = existing ? api.updateRecipe(existing.view.slug, body) : api.createRecipe(body);
    request.then(
      (saved) => void navigate(configurePath(projectId, saved.slug)),
      (err: unknown) => {
        setBusy(null);
        if (err instanceof ApiError && err.status === 422) setServerErrors(err.problem.errors ?? []);
        else setFailure(toApiError(err));
      },
    );
  };

  const applyJson = () => {
    try {
      const parsed = JSON.parse(jsonText ?? "") as Partial<Recipe> | null;
      if (!parsed || typeof parsed !== "object" || !parsed.parameters?.properties) throw new Error("a recipe needs its parameters");
      // What the JSON leaves out keeps the editor's blank value; the server checks the rest on save.
      setMeta({
        ...BLANK,
        scope: meta.scope,
        ...pick(parsed, ["name", "slug", "description", "icon", "agent_type", "output_format", "instructions"]),
        extra_formats: parsed.extra_formats ?? [],
        provider: parsed.provider === "builtin" || parsed.provider === "llm" ? parsed.provider : "",
        model: parsed.model?.name ?? "",
      });
      setSlugTouched(true);
      setDrafts(schemaToDrafts(parsed.parameters));
      setJsonError(null);
      setJsonText(null);
    } catch (err) {
      setJsonError(`That is not a recipe: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  if (!canWrite) {
    return (
      <div className="page-header">
        <div>
          <h1>Recipes</h1>
          <p className="muted">Only administrators and the project's owners write recipes.</p>
        </div>
      </div>
    );
  }

  const allErrors = serverErrors;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted small">
            <Link to={galleryPath(projectId)}>← All recipes</Link>
          </p>
          <h1>{existing ? `Edit “${existing.view.name}”` : "New recipe"}</h1>
          <p className="muted">
            {existing
              ? `Saving makes version ${existing.view.version + 1}; tickets already started keep version ${existing.view.version}.`
              : "Describe the work, build its form, and see the form as people will fill it in."}
          </p>
        </div>
      </div>
      <div className="recipe-editor">
        <form className="form panel" onSubmit={save} noValidate aria-label="Recipe">
          {allErrors.length > 0 && (
            <div className="error-box" role="alert">
              <p className="error-title">{allErrors.length === 1 ? "One thing needs fixing" : `${allErrors.length} things need fixing`}</p>
              <ul>
                {allErrors.map((e) => (
                  <li key={`${e.field}:${e.message}`} className="error-detail">
                    <code>{e.field}</code>: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {failure && <ErrorBox error={failure} />}
          <TextField
            id="recipe-name"
            label="Name"
            required
            value={meta.name}
            onChange={(v) => set("name", v)}
            error={errorFor("name")}
            limit={80}
          />
          <TextField
            id="recipe-slug"
            label="Slug"
            required
            value={meta.slug}
            disabled={existing !== null}
            help="Its id in links and the API: lowercase words joined by -"
            onChange={(v) => {
              setSlugTouched(true);
              set("slug", v);
            }}
            error={errorFor("slug")}
          />
          <div className="field">
            <label htmlFor="recipe-description">
              Description<span className="required"> *</span>
            </label>
            <textarea id="recipe-description" rows={2} value={meta.description} onChange={(e) => set("description", e.target.value)} />
            {errorFor("description") && <p className="field-error">⚠ {errorFor("description")}</p>}
          </div>
          <div className="recipe-editor-row">
            <TextField id="recipe-icon" label="Icon" value={meta.icon} onChange={(v) => set("icon", v)} error={errorFor("icon")} />
            <div className="field">
              <label htmlFor="recipe-agent">Agent type</label>
              <select id="recipe-agent" value={meta.agent_type} onChange={(e) => set("agent_type", e.target.value as Meta["agent_type"])}>
                {AGENT_TYPES.map((a) => (
                  <option key={a} value={a}>
                    {agentLabel(a)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="recipe-format">Output</label>
              <select
                id="recipe-format"
                value={meta.output_format}
                onChange={(e) => set("output_format", e.target.value as Meta["output_format"])}
              >
                {OUTPUT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {formatLabel(f)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <fieldset className="field">
            <legend>Also produce</legend>
            {OUTPUT_FORMATS.filter((f) => f !== meta.output_format).map((f) => (
              <label key={f} className="checkbox">
                <input
                  type="checkbox"
                  checked={meta.extra_formats.includes(f)}
                  onChange={(e) =>
                    set("extra_formats", e.target.checked ? [...meta.extra_formats, f] : meta.extra_formats.filter((x) => x !== f))
                  }
                />{" "}
                {formatLabel(f)}
              </label>
            ))}
          </fieldset>
          <div className="recipe-editor-row">
            <div className="field">
              <label htmlFor="recipe-provider">Agent</label>
              <select id="recipe-provider" value={meta.provider} onChange={(e) => set("provider", e.target.value as Meta["provider"])}>
                <option value="">The server's default</option>
                <option value="builtin">Builtin (offline, from the project's context)</option>
                <option value="llm">LLM (a model writes it)</option>
              </select>
            </div>
            <TextField
              id="recipe-model"
              label="Model"
              value={meta.model}
              onChange={(v) => set("model", v)}
              help="Empty: the server's model"
            />
          </div>
          <div className="field">
            <label htmlFor="recipe-instructions">Instructions for the LLM agent</label>
            <textarea id="recipe-instructions" rows={4} value={meta.instructions} onChange={(e) => set("instructions", e.target.value)} />
          </div>
          {!existing && (
            <fieldset className="field">
              <legend>Who can use it</legend>
              <label className="checkbox">
                <input type="radio" name="scope" checked={meta.scope === "project"} onChange={() => set("scope", "project")} /> This project
                only
              </label>
              <label className="checkbox">
                <input
                  type="radio"
                  name="scope"
                  disabled={!isAdmin}
                  checked={meta.scope === "global"}
                  onChange={() => set("scope", "global")}
                />{" "}
                Every project{!isAdmin && " (administrators)"}
              </label>
            </fieldset>
          )}

          <h2 className="h3">Parameters</h2>
          <ParameterBuilder drafts={drafts} onChange={setDrafts} errors={[...built.errors, ...serverErrors]} />

          <details
            className="recipe-json"
            onToggle={(e) => setJsonText((e.target as HTMLDetailsElement).open ? JSON.stringify(definition, null, 2) : null)}
          >
            <summary>Import or export JSON</summary>
            <textarea
              aria-label="Recipe JSON"
              rows={14}
              value={jsonText ?? ""}
              onChange={(e) => setJsonText(e.target.value)}
              spellCheck={false}
            />
            {jsonError && <p className="field-error">⚠ {jsonError}</p>}
            <div className="actions">
              <button type="button" className="button button-small" onClick={applyJson}>
                Apply this JSON
              </button>
              <a
                className="button button-small button-quiet"
                download={`${meta.slug || "recipe"}.json`}
                href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(definition, null, 2))}`}
              >
                Download
              </a>
            </div>
          </details>

          <div className="actions form-actions">
            {existing && (
              <button
                type="button"
                className="button button-quiet"
                disabled={busy !== null}
                onClick={() => {
                  setBusy("archive");
                  api.archiveRecipe(existing.view.slug).then(
                    () => void navigate(galleryPath(projectId)),
                    (err: unknown) => {
                      setBusy(null);
                      setFailure(toApiError(err));
                    },
                  );
                }}
              >
                {busy === "archive" ? "Archiving…" : "Archive"}
              </button>
            )}
            <Link to={galleryPath(projectId)} className="button">
              Cancel
            </Link>
            <button type="submit" className="button button-primary" disabled={busy !== null}>
              {busy === "save" ? "Saving…" : existing ? "Save new version" : "Create recipe"}
            </button>
          </div>
        </form>
        <FormPreview name={meta.name} schema={built.schema} />
      </div>
    </>
  );
}

function ParameterBuilder({
  drafts,
  onChange,
  errors,
}: {
  drafts: ParameterDraft[];
  onChange: (next: ParameterDraft[]) => void;
  errors: { field: string; message: string }[];
}) {
  const update = (i: number, patch: Partial<ParameterDraft>) => onChange(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const errorAt = (i: number, what: string) => errors.find((e) => e.field === `parameters.${i}.${what}`)?.message;
  return (
    <ol className="parameter-builder">
      {drafts.map((d, i) => (
        <li key={i} className="parameter-row" data-testid={`parameter-${i}`}>
          <div className="recipe-editor-row">
            <TextField
              id={`p${i}-title`}
              label="Title"
              value={d.title}
              onChange={(v) => update(i, { title: v })}
              error={errorAt(i, "title")}
            />
            <TextField id={`p${i}-name`} label="Name" value={d.name} onChange={(v) => update(i, { name: v })} error={errorAt(i, "name")} />
            <div className="field">
              <label htmlFor={`p${i}-kind`}>Kind</label>
              <select id={`p${i}-kind`} value={d.kind} onChange={(e) => update(i, { kind: e.target.value as ParameterKind })}>
                {PARAMETER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <TextField id={`p${i}-help`} label="Help" value={d.help} onChange={(v) => update(i, { help: v })} />
          {(d.kind === "choice" || d.kind === "multi_choice") && (
            <div className="field">
              <label htmlFor={`p${i}-options`}>Options (one per line)</label>
              <textarea id={`p${i}-options`} rows={3} value={d.options} onChange={(e) => update(i, { options: e.target.value })} />
              {errorAt(i, "options") && <p className="field-error">⚠ {errorAt(i, "options")}</p>}
            </div>
          )}
          <div className="recipe-editor-row">
            {d.kind === "number" && (
              <>
                <TextField
                  id={`p${i}-min`}
                  label="Minimum"
                  value={d.min}
                  onChange={(v) => update(i, { min: v })}
                  error={errorAt(i, "min")}
                />
                <TextField
                  id={`p${i}-max`}
                  label="Maximum"
                  value={d.max}
                  onChange={(v) => update(i, { max: v })}
                  error={errorAt(i, "max")}
                />
              </>
            )}
            {(d.kind === "text" || d.kind === "long_text") && (
              <TextField
                id={`p${i}-max`}
                label="Most characters"
                value={d.max}
                placeholder={d.kind === "text" ? "200" : "5000"}
                onChange={(v) => update(i, { max: v })}
                error={errorAt(i, "max")}
              />
            )}
            {d.kind === "yes_no" ? (
              <div className="field">
                <label htmlFor={`p${i}-default`}>Default</label>
                <select id={`p${i}-default`} value={d.default} onChange={(e) => update(i, { default: e.target.value })}>
                  <option value="">—</option>
                  <option value="true">Yes</option>
                  <option value="false">No</option>
                </select>
              </div>
            ) : (
              <TextField
                id={`p${i}-default`}
                label="Default"
                value={d.default}
                help={d.kind === "multi_choice" ? "Options separated by commas" : undefined}
                onChange={(v) => update(i, { default: v })}
                error={errorAt(i, "default")}
              />
            )}
          </div>
          <div className="parameter-row-actions">
            {d.kind !== "yes_no" && (
              <label className="checkbox">
                <input type="checkbox" checked={d.required} onChange={(e) => update(i, { required: e.target.checked })} /> Required
              </label>
            )}
            {d.kind === "number" && (
              <label className="checkbox">
                <input type="checkbox" checked={d.integer} onChange={(e) => update(i, { integer: e.target.checked })} /> Whole numbers
              </label>
            )}
            <button
              type="button"
              className="button button-quiet button-small"
              disabled={i === 0}
              onClick={() => onChange(swap(drafts, i, i - 1))}
              aria-label={`Move ${d.title || "field"} up`}
            >
              ↑
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => onChange(drafts.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        </li>
      ))}
      <li>
        <button type="button" className="button button-small" onClick={() => onChange([...drafts, emptyDraft("text")])}>
          + Add a field
        </button>
      </li>
    </ol>
  );
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined && source[k] !== null) out[k] = source[k];
  return out;
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const next = [...list];
  [next[a], next[b]] = [next[b]!, next[a]!];
  return next;
}

/** The form as people will see it on the configure page, redrawn on every change of the schema. */
function FormPreview({ name, schema }: { name: string; schema: ReturnType<typeof draftsToSchema>["schema"] }) {
  const key = JSON.stringify(schema);
  return <PreviewFields key={key} name={name} schema={schema} />;
}

function PreviewFields({ name, schema }: { name: string; schema: ReturnType<typeof draftsToSchema>["schema"] }) {
  const [values, setValues] = useState<FormValues>(() => initialValues(schema));
  return (
    <aside className="panel recipe-preview" aria-label="Preview of the form">
      <p className="muted small">Preview</p>
      <h2 className="h3">{name || "Untitled recipe"}</h2>
      {Object.keys(schema.properties).length === 0 ? (
        <p className="muted">No fields yet: the recipe will start without asking anything.</p>
      ) : (
        <SchemaFields
          schema={schema}
          values={values}
          errors={{}}
          onChange={(field: string, v: FormValue) => setValues((old) => ({ ...old, [field]: v }))}
        />
      )}
    </aside>
  );
}
