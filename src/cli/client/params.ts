// `--param key=value` flags → the parameters object, coerced by the recipe's JSON Schema: integers,
// numbers, booleans, and arrays (comma-separated and/or repeated flags). Only the types are settled
// here; ranges, enums and required fields are the server's to judge (one validator, one message).
import type { ParametersSchema } from "../../domain/recipe.js";
import { CliError, EXIT } from "./errors.js";

type PropType = "string" | "integer" | "number" | "boolean" | "array";

export function coerceParameters(schema: ParametersSchema, pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError(`--param ${JSON.stringify(pair)}: expected key=value`, EXIT.input);
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1);
    const prop = schema.properties[key];
    if (!prop) {
      // Unknown keys go through as text: the server names them ("… is not a parameter of this recipe").
      out[key] = raw;
      continue;
    }
    const type = (typeof prop.type === "string" ? prop.type : "string") as PropType;
    const label = `--param ${key}`;
    if (type === "array") {
      const items = (prop.items ?? {}) as { type?: unknown };
      const itemType = (typeof items.type === "string" ? items.type : "string") as PropType;
      const values = raw
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "")
        .map((v) => coerceScalar(v, itemType, label));
      const previous = out[key];
      out[key] = Array.isArray(previous) ? [...(previous as unknown[]), ...values] : values;
      continue;
    }
    if (key in out) throw new CliError(`${label} is given twice (only array parameters take several values)`, EXIT.input);
    out[key] = coerceScalar(raw, type, label);
  }
  return out;
}

function coerceScalar(raw: string, type: PropType, label: string): unknown {
  const v = raw.trim();
  switch (type) {
    case "integer":
      if (!/^[+-]?\d+$/.test(v)) throw new CliError(`${label} must be an integer (got ${JSON.stringify(raw)})`, EXIT.input);
      return Number(v);
    case "number": {
      const n = v === "" ? NaN : Number(v);
      if (!Number.isFinite(n)) throw new CliError(`${label} must be a number (got ${JSON.stringify(raw)})`, EXIT.input);
      return n;
    }
    case "boolean": {
      const lower = v.toLowerCase();
      if (["true", "yes", "1", "on"].includes(lower)) return true;
      if (["false", "no", "0", "off"].includes(lower)) return false;
      throw new CliError(`${label} must be true or false (got ${JSON.stringify(raw)})`, EXIT.input);
    }
    default:
      return raw; // strings keep their spaces: a topic is the user's text
  }
}

interface PropertyView {
  type?: string;
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  default?: unknown;
  items?: { type?: string; enum?: unknown[] };
}

/** One line per parameter for `worksmith recipes <slug>`: name, type, default, allowed values. */
export function describeParameters(schema: ParametersSchema): string[] {
  const required = new Set(schema.required);
  return Object.entries(schema.properties).map(([name, raw]) => {
    const prop = raw as PropertyView;
    const type = prop.type ?? "string";
    const allowed = prop.enum ?? prop.items?.enum;
    const parts = [type === "array" ? `list of ${prop.items?.type ?? "string"}` : type];
    if (required.has(name)) parts.push("required");
    if (prop.minimum !== undefined || prop.maximum !== undefined) parts.push(`${prop.minimum ?? "…"}–${prop.maximum ?? "…"}`);
    if (allowed) parts.push(`one of ${allowed.map(String).join("|")}`);
    if (prop.default !== undefined)
      parts.push(`default ${Array.isArray(prop.default) ? prop.default.map(String).join(",") : JSON.stringify(prop.default)}`);
    return `${name}  (${parts.join("; ")})  ${prop.title ?? ""}${prop.description ? ` — ${prop.description}` : ""}`;
  });
}
