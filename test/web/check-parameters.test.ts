// The configure form's browser check (no eval, @cfworker/json-schema) against the server's (Ajv):
// for every recipe shipped and a set of bad inputs, both name the same fields with the same words,
// and both accept what the other accepts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_STRING_MAX_LENGTH } from "../../src/domain/parameter-limits.js";
import { validateParameters } from "../../src/domain/parameters.js";
import { ParametersSchema } from "../../src/domain/recipe.js";
import { checkParameters, maxLengthOf } from "../../web/src/features/recipes/check-parameters.js";

const RECIPES_DIR = join(import.meta.dirname, "../../recipes");
const recipes = readdirSync(RECIPES_DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => {
    const raw = JSON.parse(readFileSync(join(RECIPES_DIR, f), "utf8")) as { slug: string; parameters: unknown };
    return { slug: raw.slug, schema: ParametersSchema.parse(raw.parameters) };
  });

const custom = ParametersSchema.parse({
  type: "object",
  required: ["topic", "notes"],
  properties: {
    topic: { type: "string", title: "Topic", minLength: 1, maxLength: 200 },
    notes: { type: "string", title: "Notes" },
    slides: { type: "integer", title: "Slides", minimum: 2, maximum: 20 },
    audience: { type: "string", title: "Audience", enum: ["executives", "engineers"] },
    channels: { type: "array", title: "Channels", items: { type: "string", enum: ["email", "slack"] } },
    tags: { type: "array", title: "Tags", items: { type: "string" } },
  },
});

function sorted(errors: { field: string; message: string }[]) {
  return [...errors].sort((a, b) => a.field.localeCompare(b.field) || a.message.localeCompare(b.message));
}

function serverErrors(schema: ParametersSchema, input: Record<string, unknown>) {
  const result = validateParameters(schema, input);
  return result.ok ? [] : sorted(result.errors);
}

describe("the browser's parameter check", () => {
  const bad: [string, Record<string, unknown>][] = [
    ["nothing at all", {}],
    ["an empty topic", { topic: "", notes: "n" }],
    ["a 100 KB topic", { topic: "x".repeat(100_000), notes: "n" }],
    ["an unlimited string over the default limit", { topic: "T", notes: "y".repeat(DEFAULT_STRING_MAX_LENGTH + 1) }],
    ["a list item over the default limit", { topic: "T", notes: "n", tags: ["z".repeat(DEFAULT_STRING_MAX_LENGTH + 1)] }],
    ["numbers out of range and a wrong choice", { topic: "T", notes: "n", slides: 99, audience: "kids", channels: ["fax"] }],
    ["a number too small", { topic: "T", notes: "n", slides: 1 }],
    ["a wrong type", { topic: 5, notes: "n" }],
  ];

  it.each(bad)("names the same fields with the same words as the server: %s", (_name, input) => {
    const browser = sorted(checkParameters(custom, input));
    expect(browser.length).toBeGreaterThan(0);
    expect(browser).toEqual(serverErrors(custom, input));
  });

  it("accepts what the server accepts", () => {
    const good = { topic: "Q4", notes: "n", slides: 6, audience: "engineers", channels: ["email"], tags: ["a"] };
    expect(checkParameters(custom, good)).toEqual([]);
    expect(serverErrors(custom, good)).toEqual([]);
  });

  it.each(recipes)("agrees with the server on recipe $slug (empty and over-long topic)", ({ schema }) => {
    for (const input of [{}, { topic: "" }, { topic: "t".repeat(100_000) }]) {
      expect(sorted(checkParameters(schema, input))).toEqual(serverErrors(schema, input));
    }
    expect(checkParameters(schema, { topic: "Q3 results" })).toEqual([]);
  });

  it("gives each text field its limit: the schema's own, else the default", () => {
    expect(maxLengthOf(custom, "topic")).toBe(200);
    expect(maxLengthOf(custom, "notes")).toBe(DEFAULT_STRING_MAX_LENGTH);
    expect(maxLengthOf(custom, "audience")).toBeUndefined();
    expect(maxLengthOf(custom, "slides")).toBeUndefined();
  });
});
