// The configure form's own check of a request's parameters, before anything is sent. The page's
// Content-Security-Policy has no 'unsafe-eval', so Ajv (which compiles each schema with new
// Function) cannot run here; @cfworker/json-schema interprets the schema instead. The server still
// checks everything with Ajv (src/domain/parameters.ts); the messages below are worded like its
// messages (parameters.test.ts and check-parameters.test.ts hold them to it), so a field reads the
// same whichever side caught it.
import { Validator, type OutputUnit } from "@cfworker/json-schema";
import type { FieldError } from "../../../../src/domain/errors.js";
import { withDefaultLimits } from "../../../../src/domain/parameter-limits.js";
import type { ParametersSchema } from "../../../../src/domain/recipe.js";

const validators = new WeakMap<ParametersSchema, { validator: Validator; schema: ParametersSchema }>();

function validatorFor(schema: ParametersSchema): { validator: Validator; schema: ParametersSchema } {
  let entry = validators.get(schema);
  if (!entry) {
    const limited = withDefaultLimits(schema);
    // shortCircuit off: every bad field is reported at once, as the server does.
    const validator = new Validator({ additionalProperties: false, ...limited }, "2020-12", false);
    entry = { validator, schema: limited };
    validators.set(schema, entry);
  }
  return entry;
}

/** Keywords that name what is wrong with a value (the rest, like `properties`, only say "inside here"). */
const LEAF_KEYWORDS = new Set([
  "required",
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
  "uniqueItems",
  "additionalProperties",
]);

type Property = Record<string, unknown> & { title?: string; items?: Record<string, unknown> };

/** The schema that holds the failing keyword: the property, or its `items` for a list element. */
function schemaAt(schema: ParametersSchema, segments: string[]): Property | undefined {
  const property: Property | undefined = schema.properties[segments[0] ?? ""];
  if (segments.length > 1) return property?.items;
  return property;
}

function messageFor(keyword: string, title: string, s: Property | undefined, unit: OutputUnit): string {
  switch (keyword) {
    case "enum":
      return `${title} must be one of: ${((s?.enum as unknown[] | undefined) ?? []).join(", ")}`;
    case "minimum":
      return `${title} must be at least ${String(s?.minimum)}`;
    case "maximum":
      return `${title} must be at most ${String(s?.maximum)}`;
    case "minLength":
      return Number(s?.minLength) <= 1 ? `${title} must not be empty` : `${title} must be at least ${String(s?.minLength)} characters`;
    case "maxLength":
      return `${title} must be at most ${String(s?.maxLength)} characters`;
    case "type":
      return `${title} must be ${String(s?.type)}`;
    default:
      return `${title} ${unit.error.replace(/\.$/, "").toLowerCase()}`;
  }
}

/** Field errors (`parameters/<name>`) for these parameters, none when they would be accepted. */
export function checkParameters(original: ParametersSchema, parameters: Record<string, unknown>, prefix = "parameters"): FieldError[] {
  const { validator, schema } = validatorFor(original);
  const result = validator.validate(parameters);
  if (result.valid) return [];
  const errors: FieldError[] = [];
  for (const unit of result.errors) {
    if (!LEAF_KEYWORDS.has(unit.keyword)) continue;
    const segments = unit.instanceLocation.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    if (unit.keyword === "required") {
      const missing = /"([^"]+)"/.exec(unit.error)?.[1] ?? "";
      const title = (schema.properties[missing]?.title as string | undefined) ?? missing;
      errors.push({ field: `${prefix}/${missing}`, message: `${title} is required` });
      continue;
    }
    if (unit.keyword === "additionalProperties") {
      const extra = /"([^"]+)"/.exec(unit.error)?.[1] ?? "";
      errors.push({ field: `${prefix}/${extra}`, message: `${extra} is not a parameter of this recipe` });
      continue;
    }
    const top = segments[0] ?? "";
    const title = (schema.properties[top]?.title as string | undefined) ?? top;
    errors.push({
      field: segments.length ? `${prefix}/${segments.join("/")}` : prefix,
      message: messageFor(unit.keyword, title, schemaAt(schema, segments), unit),
    });
  }
  return errors;
}

/** The longest a text field may be (its own maxLength, or the default every free-text parameter has). */
export function maxLengthOf(schema: ParametersSchema, name: string): number | undefined {
  const p = withDefaultLimits(schema).properties[name];
  return typeof p?.maxLength === "number" ? p.maxLength : undefined;
}
