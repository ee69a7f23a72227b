import { describe, expect, it } from "vitest";
import { validateParameters } from "./parameters.js";
import type { ParametersSchema } from "./recipe.js";

const schema: ParametersSchema = {
  type: "object",
  required: ["topic"],
  properties: {
    topic: { type: "string", title: "Topic", minLength: 1, maxLength: 50 },
    audience: { type: "string", title: "Audience", enum: ["executives", "engineers"], default: "executives" },
    slides: { type: "integer", title: "Slides", minimum: 3, maximum: 20, default: 6 },
    channels: { type: "array", title: "Channels", items: { type: "string", enum: ["x", "linkedin"] }, uniqueItems: true },
  },
};

describe("recipe parameter validation (Ajv)", () => {
  it("fills defaults into valid input", () => {
    expect(validateParameters(schema, { topic: "Q4" })).toEqual({ ok: true, value: { topic: "Q4", audience: "executives", slides: 6 } });
  });

  it("names every bad field with a readable message", () => {
    const r = validateParameters(schema, { audience: "kids", slides: 99, extra: 1, channels: ["fax"] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.errors.map((e) => [e.field, e.message]));
    expect(byField["parameters/topic"]).toBe("Topic is required");
    expect(byField["parameters/audience"]).toBe("Audience must be one of: executives, engineers");
    expect(byField["parameters/slides"]).toBe("Slides must be at most 20");
    expect(byField["parameters/extra"]).toBe("extra is not a parameter of this recipe");
    expect(byField["parameters/channels/0"]).toContain("Channels must be one of");
  });

  it("rejects wrong types and non-objects", () => {
    expect(validateParameters(schema, { topic: 5 })).toMatchObject({
      ok: false,
      errors: [{ field: "parameters/topic", message: "Topic must be string" }],
    });
    expect(validateParameters(schema, [1, 2])).toMatchObject({ ok: false, errors: [{ field: "parameters" }] });
    expect(validateParameters(schema, { topic: "" })).toMatchObject({ ok: false, errors: [{ message: "Topic must not be empty" }] });
  });

  it("does not mutate the caller's object", () => {
    const input = { topic: "Q4" };
    validateParameters(schema, input);
    expect(input).toEqual({ topic: "Q4" });
  });
});
