// The recipe editor's parameter builder (issue 18): rows a person fills in — a name, a kind (text,
// long text, number, choice, multiple choice, yes/no), title, help, default, required, bounds or
// options — and the JSON Schema they stand for, both ways. Pure: the web editor draws the rows and
// previews the schema with the same form engine the configure page uses.
import type { FieldError } from "./errors.js";
import type { ParametersSchema } from "./recipe.js";

export const PARAMETER_KINDS = ["text", "long_text", "number", "choice", "multi_choice", "yes_no"] as const;
export type ParameterKind = (typeof PARAMETER_KINDS)[number];

export const KIND_LABELS: Record<ParameterKind, string> = {
  text: "Text",
  long_text: "Long text",
  number: "Number",
  choice: "Choice",
  multi_choice: "Multiple choice",
  yes_no: "Yes / no",
};

/** One row of the builder, as typed: numbers and lists stay text until the schema is built. */
export interface ParameterDraft {
  name: string;
  kind: ParameterKind;
  title: string;
  help: string;
  required: boolean;
  /** As typed; "" = no default. Multiple choice: options separated by commas. Yes/no: "true"/"false". */
  default: string;
  /** Number bounds, or the most characters of a text ("" = the kind's own limit). */
  min: string;
  max: string;
  /** Whole numbers only (integer). */
  integer: boolean;
  /** Choice options, one per line (or comma-separated). */
  options: string;
}

/** The most characters a text field takes unless the row says otherwise: a topic is not a document. */
export const DEFAULT_MAX_LENGTH: Record<"text" | "long_text", number> = { text: 200, long_text: 5000 };

export function emptyDraft(kind: ParameterKind = "text"): ParameterDraft {
  return { name: "", kind, title: "", help: "", required: false, default: "", min: "", max: "", integer: true, options: "" };
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

function optionsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((o) => o.trim())
        .filter((o) => o !== ""),
    ),
  ];
}

function numberOf(text: string, field: string, errors: FieldError[], integer: boolean): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) errors.push({ field, message: "must be a number" });
  else if (integer && !Number.isInteger(n)) errors.push({ field, message: "must be a whole number" });
  else return n;
  return undefined;
}

/** The JSON Schema the rows stand for, or what is wrong with them (fields named `parameters.<i>.<what>`). */
export function draftsToSchema(drafts: readonly ParameterDraft[]): { schema: ParametersSchema; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const properties: ParametersSchema["properties"] = {};
  const required: string[] = [];
  const seen = new Set<string>();
  drafts.forEach((d, i) => {
    const at = (what: string) => `parameters.${i}.${what}`;
    if (!NAME.test(d.name)) errors.push({ field: at("name"), message: "a lowercase name: letters, digits and _, starting with a letter" });
    else if (seen.has(d.name)) errors.push({ field: at("name"), message: `"${d.name}" is used twice` });
    seen.add(d.name);
    if (d.title.trim() === "") errors.push({ field: at("title"), message: "give the field a title people will read" });
    const property: Record<string, unknown> = { title: d.title.trim() };
    if (d.help.trim() !== "") property.description = d.help.trim();
    switch (d.kind) {
      case "text":
      case "long_text": {
        property.type = "string";
        if (d.kind === "long_text") property["x-widget"] = "textarea";
        if (d.required) property.minLength = 1;
        property.maxLength = numberOf(d.max, at("max"), errors, true) ?? DEFAULT_MAX_LENGTH[d.kind];
        if (d.default !== "") property.default = d.default;
        break;
      }
      case "number": {
        property.type = d.integer ? "integer" : "number";
        const min = numberOf(d.min, at("min"), errors, d.integer);
        const max = numberOf(d.max, at("max"), errors, d.integer);
        if (min !== undefined) property.minimum = min;
        if (max !== undefined) property.maximum = max;
        if (min !== undefined && max !== undefined && min > max)
          errors.push({ field: at("max"), message: "must not be below the minimum" });
        const def = numberOf(d.default, at("default"), errors, d.integer);
        if (def !== undefined) {
          if ((min !== undefined && def < min) || (max !== undefined && def > max))
            errors.push({ field: at("default"), message: "must be within the bounds" });
          property.default = def;
        }
        break;
      }
      case "choice":
      case "multi_choice": {
        const options = optionsOf(d.options);
        if (options.length < 2) errors.push({ field: at("options"), message: "give at least two options" });
        if (d.kind === "choice") {
          property.type = "string";
          property.enum = options;
          if (d.default !== "") {
            if (!options.includes(d.default.trim())) errors.push({ field: at("default"), message: "must be one of the options" });
            property.default = d.default.trim();
          }
        } else {
          property.type = "array";
          property.items = { type: "string", enum: options };
          property.uniqueItems = true;
          if (d.required) property.minItems = 1;
          const picked = optionsOf(d.default);
          if (picked.some((p) => !options.includes(p))) errors.push({ field: at("default"), message: "must list only options" });
          if (picked.length > 0) property.default = picked;
        }
        break;
      }
      case "yes_no": {
        property.type = "boolean";
        if (d.default === "true" || d.default === "false") property.default = d.default === "true";
        break;
      }
    }
    properties[d.name] = property;
    if (d.required && d.kind !== "yes_no") required.push(d.name);
  });
  return { schema: { type: "object", required, properties, additionalProperties: false }, errors };
}

/** Rows for an existing schema (editing a recipe, importing JSON): what the builder can show of it. */
export function schemaToDrafts(schema: ParametersSchema): ParameterDraft[] {
  return Object.entries(schema.properties).map(([name, p]) => {
    const prop = p as Record<string, unknown> & { type?: string; items?: { enum?: unknown[] } };
    const d = emptyDraft();
    d.name = name;
    d.title = typeof prop.title === "string" ? prop.title : name;
    d.help = typeof prop.description === "string" ? prop.description : "";
    d.required = schema.required.includes(name);
    // Defaults and bounds are scalars here; anything else has no place in a text box.
    const str = (v: unknown) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "");
    if (prop.type === "boolean") {
      d.kind = "yes_no";
      d.default = str(prop.default);
    } else if (prop.type === "integer" || prop.type === "number") {
      d.kind = "number";
      d.integer = prop.type === "integer";
      d.min = str(prop.minimum);
      d.max = str(prop.maximum);
      d.default = str(prop.default);
    } else if (prop.type === "array") {
      d.kind = "multi_choice";
      d.options = (prop.items?.enum ?? []).map(String).join("\n");
      d.default = Array.isArray(prop.default) ? prop.default.map(String).join(", ") : "";
    } else if (Array.isArray(prop.enum)) {
      d.kind = "choice";
      d.options = prop.enum.map(String).join("\n");
      d.default = str(prop.default);
    } else {
      d.kind = prop["x-widget"] === "textarea" ? "long_text" : "text";
      const max = typeof prop.maxLength === "number" ? prop.maxLength : undefined;
      d.max = max === undefined || max === DEFAULT_MAX_LENGTH[d.kind] ? "" : String(max);
      d.default = str(prop.default);
    }
    return d;
  });
}

/** A slug from a name: "Weekly customer digest" → "weekly-customer-digest". */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}
