// A form drawn from a recipe's JSON Schema (the subset src/domain/recipe.ts allows): text, long text,
// select for enums, number with bounds, checkbox, a checkbox group for arrays of enums. It holds
// form-shaped values and converts them to parameters; errors show beside their field.
import type { ReactNode } from "react";
import type { ParametersSchema } from "../../../../src/domain/recipe.js";
import { CharCounter } from "../../shared/char-counter.js";
import { maxLengthOf } from "./check-parameters.js";

export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;

interface Property {
  type: "string" | "integer" | "number" | "boolean" | "array";
  title: string;
  description?: string;
  enum?: (string | number)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: { type?: string; enum?: (string | number)[] };
  "x-widget"?: "textarea" | "text";
}

type Widget = "text" | "textarea" | "select" | "number" | "checkbox" | "multi" | "list";

/** Long free text gets a textarea: x-widget says so, or the schema allows more than a line's worth. */
const TEXTAREA_MIN_MAX_LENGTH = 200;

export function propertiesOf(schema: ParametersSchema): [string, Property][] {
  return Object.entries(schema.properties) as unknown as [string, Property][];
}

function widgetOf(p: Property): Widget {
  if (p.type === "boolean") return "checkbox";
  if (p.type === "array") return p.items?.enum ? "multi" : "list";
  if (p.enum) return "select";
  if (p.type === "integer" || p.type === "number") return "number";
  if (p["x-widget"] === "textarea" || (p["x-widget"] !== "text" && (p.maxLength ?? 0) > TEXTAREA_MIN_MAX_LENGTH)) return "textarea";
  return "text";
}

/** Form values from stored parameters (a regenerate) or the schema's defaults. */
export function initialValues(schema: ParametersSchema, from?: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [name, p] of propertiesOf(schema)) {
    const source = from && name in from ? from[name] : p.default;
    const widget = widgetOf(p);
    if (widget === "checkbox") values[name] = source === true;
    else if (widget === "multi") values[name] = Array.isArray(source) ? source.map(String) : [];
    else if (widget === "list") values[name] = Array.isArray(source) ? source.map(String).join("\n") : "";
    else values[name] = typeof source === "string" || typeof source === "number" ? String(source) : "";
  }
  return values;
}

/** Parameters from form values: empty optional fields are left out, so the server's defaults apply. */
export function toParameters(schema: ParametersSchema, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of propertiesOf(schema)) {
    const v = values[name];
    const widget = widgetOf(p);
    if (widget === "checkbox") {
      out[name] = v === true;
    } else if (widget === "multi") {
      const numeric = p.items?.type === "integer" || p.items?.type === "number";
      out[name] = (Array.isArray(v) ? v : []).map((x) => (numeric ? Number(x) : x));
    } else if (widget === "list") {
      const lines =
        typeof v === "string"
          ? v
              .split("\n")
              .map((l) => l.trim())
              .filter(Boolean)
          : [];
      if (lines.length) out[name] = lines;
    } else if (typeof v === "string" && v.trim() !== "") {
      const numeric = p.type === "integer" || p.type === "number" || (p.enum !== undefined && typeof p.enum[0] === "number");
      out[name] = numeric && Number.isFinite(Number(v)) ? Number(v) : p.type === "string" ? v : v.trim();
    }
  }
  return out;
}

function bounds(p: Property): string | null {
  if (p.minimum !== undefined && p.maximum !== undefined) return `${p.minimum}–${p.maximum}`;
  if (p.minimum !== undefined) return `at least ${p.minimum}`;
  if (p.maximum !== undefined) return `at most ${p.maximum}`;
  return null;
}

export function fieldId(name: string): string {
  return `param-${name}`;
}

interface FieldProps {
  name: string;
  property: Property;
  /** The most characters a text field takes (its own maxLength or the default): counted, never cut. */
  limit: number | undefined;
  required: boolean;
  value: FormValue | undefined;
  error: string | undefined;
  onChange: (value: FormValue) => void;
}

function Field({ name, property: p, limit, required, value, error, onChange }: FieldProps) {
  const id = fieldId(name);
  const widget = widgetOf(p);
  const help = [p.description, widget === "number" ? bounds(p) && `(${bounds(p)})` : null].filter(Boolean).join(" ");
  const counted = (widget === "text" || widget === "textarea") && limit !== undefined;
  const describedBy =
    [help ? `${id}-help` : null, counted ? `${id}-count` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, "aria-required": required || undefined };
  const label = (
    <>
      {p.title}
      {required && (
        <span className="required" aria-hidden="true">
          {" "}
          *
        </span>
      )}
    </>
  );

  let control: ReactNode;
  switch (widget) {
    case "checkbox":
      control = (
        <label className="checkbox" htmlFor={id}>
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {label}
        </label>
      );
      break;
    case "multi": {
      const selected = Array.isArray(value) ? value : [];
      control = (
        <fieldset className="checkbox-group" aria-describedby={describedBy} aria-invalid={error ? true : undefined} id={id} tabIndex={-1}>
          <legend>{label}</legend>
          {(p.items?.enum ?? []).map((option) => {
            const o = String(option);
            return (
              <label key={o} className="checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(o)}
                  onChange={(e) => onChange(e.target.checked ? [...selected, o] : selected.filter((s) => s !== o))}
                />
                {o}
              </label>
            );
          })}
        </fieldset>
      );
      break;
    }
    case "select":
      control = (
        <select {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)}>
          {(!required || p.default === undefined) && <option value="">{required ? "Choose…" : "—"}</option>}
          {(p.enum ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      );
      break;
    case "number":
      control = (
        <input
          type="number"
          inputMode={p.type === "integer" ? "numeric" : "decimal"}
          {...common}
          min={p.minimum}
          max={p.maximum}
          step={p.type === "integer" ? 1 : "any"}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case "textarea":
    case "list":
      control = (
        <textarea
          {...common}
          rows={widget === "list" ? 4 : 5}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default:
      control = <input type="text" {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} />;
  }

  const labelled = widget === "checkbox" || widget === "multi";
  return (
    <div className={`field field-${widget}${error ? " has-error" : ""}`} data-field={name}>
      {!labelled && <label htmlFor={id}>{label}</label>}
      {control}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {counted && <CharCounter id={`${id}-count`} value={typeof value === "string" ? value : ""} limit={limit} />}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          ⚠ {error}
        </p>
      )}
    </div>
  );
}

export function SchemaFields({
  schema,
  values,
  errors,
  onChange,
}: {
  schema: ParametersSchema;
  values: FormValues;
  errors: Record<string, string>;
  onChange: (name: string, value: FormValue) => void;
}) {
  return (
    <>
      {propertiesOf(schema).map(([name, property]) => (
        <Field
          key={name}
          name={name}
          property={property}
          limit={maxLengthOf(schema, name)}
          required={schema.required.includes(name)}
          value={values[name]}
          error={errors[name]}
          onChange={(v) => onChange(name, v)}
        />
      ))}
    </>
  );
}
