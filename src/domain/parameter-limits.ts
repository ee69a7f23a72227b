// Limits every recipe parameter has, whatever its schema says; shared by the server's validator
// (parameters.ts, Ajv) and the web form's (no Ajv: this module imports nothing heavy).
import type { ParametersSchema } from "./recipe.js";

/**
 * A free-text parameter whose recipe sets no maxLength is still limited: a 1 MB "topic" is a paste
 * gone wrong, not a request, and it would be stored and sent to a model whole. The web form shows
 * this limit beside the field and checks it before sending; the server refuses over it (422).
 */
export const DEFAULT_STRING_MAX_LENGTH = 10_000;

type PropertySchema = ParametersSchema["properties"][string];

function limitString(p: Record<string, unknown>): Record<string, unknown> {
  return p.type === "string" && p.enum === undefined && p.maxLength === undefined ? { ...p, maxLength: DEFAULT_STRING_MAX_LENGTH } : p;
}

/** The schema with the default length limit on every unlimited string (and string list item). */
export function withDefaultLimits(schema: ParametersSchema): ParametersSchema {
  const properties: Record<string, PropertySchema> = {};
  for (const [name, p] of Object.entries(schema.properties)) {
    let limited = limitString(p);
    if (p.type === "array" && p.items && typeof p.items === "object")
      limited = { ...limited, items: limitString(p.items as Record<string, unknown>) };
    properties[name] = limited;
  }
  return { ...schema, properties };
}
