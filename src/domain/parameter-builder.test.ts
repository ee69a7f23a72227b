import { describe, expect, it } from "vitest";
import { draftsToSchema, emptyDraft, schemaToDrafts, slugFromName, type ParameterDraft } from "./parameter-builder.js";
import { checkParametersSchema, validateParameters } from "./parameters.js";

const row = (over: Partial<ParameterDraft>): ParameterDraft => ({ ...emptyDraft(over.kind), ...over });

describe("the parameter builder", () => {
  const rows: ParameterDraft[] = [
    row({ name: "topic", kind: "text", title: "Topic", required: true }),
    row({ name: "notes", kind: "long_text", title: "Notes", help: "Anything the digest should mention" }),
    row({ name: "items", kind: "number", title: "Items", min: "1", max: "10", default: "5" }),
    row({ name: "tone", kind: "choice", title: "Tone", options: "plain\nwarm", default: "warm" }),
    row({
      name: "channels",
      kind: "multi_choice",
      title: "Channels",
      options: "email, chat, phone",
      default: "email, chat",
      required: true,
    }),
    row({ name: "internal", kind: "yes_no", title: "Internal only", default: "false" }),
  ];

  it("builds a JSON Schema the server's validator compiles and that checks what the rows say", () => {
    const { schema, errors } = draftsToSchema(rows);
    expect(errors).toEqual([]);
    expect(checkParametersSchema(schema)).toBeNull();
    expect(schema.required).toEqual(["topic", "channels"]);
    expect(schema.properties.notes).toMatchObject({
      type: "string",
      "x-widget": "textarea",
      maxLength: 5000,
      description: "Anything the digest should mention",
    });
    // Defaults fill in; a good request passes; each rule refuses what it should.
    const ok = validateParameters(schema, { topic: "Week 48", channels: ["phone"] });
    expect(ok.ok && ok.value).toMatchObject({ topic: "Week 48", items: 5, tone: "warm", channels: ["phone"], internal: false });
    expect(validateParameters(schema, { topic: "", channels: ["email"] }).ok).toBe(false);
    expect(validateParameters(schema, { topic: "x", channels: [] }).ok).toBe(false);
    expect(validateParameters(schema, { topic: "x", channels: ["fax"] }).ok).toBe(false);
    expect(validateParameters(schema, { topic: "x", channels: ["email"], items: 11 }).ok).toBe(false);
    expect(validateParameters(schema, { topic: "x".repeat(201), channels: ["email"] }).ok).toBe(false);
  });

  it("names what is wrong with a row", () => {
    const { errors } = draftsToSchema([
      row({ name: "Topic!", title: "" }),
      row({ name: "n", kind: "number", title: "N", min: "5", max: "2", default: "1.5" }),
      row({ name: "c", kind: "choice", title: "C", options: "only", default: "other" }),
      row({ name: "c", kind: "text", title: "Again" }),
    ]);
    expect(errors.map((e) => e.field)).toEqual([
      "parameters.0.name",
      "parameters.0.title",
      "parameters.1.max",
      "parameters.1.default",
      "parameters.2.options",
      "parameters.2.default",
      "parameters.3.name",
    ]);
  });

  it("reads a schema back into the same rows (edit and import)", () => {
    const { schema } = draftsToSchema(rows);
    expect(schemaToDrafts(schema)).toEqual(rows.map((r) => ({ ...r, options: r.options.split(/[\n,]\s*/).join("\n") })));
  });

  it("makes a slug from a name", () => {
    expect(slugFromName("Weekly customer digest")).toBe("weekly-customer-digest");
    expect(slugFromName("  Q3 — Board Pack!! ")).toBe("q3-board-pack");
  });
});
