// Checks a request's parameters against its recipe's JSON Schema with a real validator (Ajv), and
// names each bad field. Defaults from the schema are filled in, so the stored parameters are complete.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { FieldError } from "./errors.js";
import { withDefaultLimits } from "./parameter-limits.js";
import type { ParametersSchema } from "./recipe.js";

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, coerceTypes: false });
const compiled = new WeakMap<ParametersSchema, ValidateFunction>();

function validatorFor(schema: ParametersSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile({ additionalProperties: false, ...withDefaultLimits(schema) });
    compiled.set(schema, validate);
  }
  return validate;
}

/** Is the schema itself valid JSON Schema (used when loading recipe files)? */
export function checkParametersSchema(schema: ParametersSchema): string | null {
  try {
    validatorFor(schema);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export type ParametersResult = { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/** Validate (and default) `input`; field paths are prefixed with `prefix` ("parameters"). */
export function validateParameters(schema: ParametersSchema, input: unknown, prefix = "parameters"): ParametersResult {
  const value: unknown = structuredClone(input ?? {});
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ field: prefix, message: "must be an object" }] };
  }
  const validate = validatorFor(schema);
  if (validate(value)) {
    const nul = findNul(value, prefix);
    return nul
      ? { ok: false, errors: [{ field: nul, message: "must not contain NUL characters" }] }
      : { ok: true, value: value as Record<string, unknown> };
  }
  return { ok: false, errors: (validate.errors ?? []).map((e) => toFieldError(e, schema, prefix)) };
}

function toFieldError(e: ErrorObject, schema: ParametersSchema, prefix: string): FieldError {
  const params = e.params as Record<string, unknown>;
  let name = e.instancePath.replace(/^\//, "");
  if (e.keyword === "required") name = String(params.missingProperty);
  if (e.keyword === "additionalProperties") name = String(params.additionalProperty);
  const top = name.split("/")[0] ?? name;
  const title = (schema.properties[top]?.title as string | undefined) ?? top;
  const message = humanMessage(e, title);
  return { field: name ? `${prefix}/${name}` : prefix, message };
}

function humanMessage(e: ErrorObject, title: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `${title} is required`;
    case "additionalProperties":
      return `${String(p.additionalProperty)} is not a parameter of this recipe`;
    case "enum":
      return `${title} must be one of: ${(p.allowedValues as unknown[]).join(", ")}`;
    case "minimum":
      return `${title} must be at least ${String(p.limit)}`;
    case "maximum":
      return `${title} must be at most ${String(p.limit)}`;
    case "minLength":
      return Number(p.limit) <= 1 ? `${title} must not be empty` : `${title} must be at least ${String(p.limit)} characters`;
    case "maxLength":
      return `${title} must be at most ${String(p.limit)} characters`;
    case "type":
      return `${title} must be ${String(p.type)}`;
    default:
      return `${title} ${e.message ?? "is invalid"}`;
  }
}

/** PostgreSQL jsonb cannot store U+0000: find the first string (or key) holding one. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], `${path}/${i}`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) return path;
      const hit = findNul(v, `${path}/${k}`);
      if (hit) return hit;
    }
  }
  return null;
}
