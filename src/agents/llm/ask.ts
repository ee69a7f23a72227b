// The ask_person tool's input (issue 16): a question with either the simple shapes (free text, or
// one of a few options) or the model's own answer schema — an object JSON Schema of the recipe
// form's subset, so approve/reject with a comment, pick one of options, edit a list or free text
// all draw a form. A schema or default the form could not honour goes back to the model as the
// tool's error (it can fix it), checked exactly as the runtime's ask and the answer endpoint check
// (ParametersSchema, Ajv through checkParametersSchema / validateParameters).
import { z } from "zod";
import { checkParametersSchema, validateParameters } from "../../domain/parameters.js";
import { ParametersSchema } from "../../domain/recipe.js";

const MAX_EXPIRES_IN_S = 30 * 86_400;

export const AskInput = z.object({
  question: z.string().trim().min(1).max(2_000).describe("What you need a person to decide or tell you, in one or two sentences"),
  options: z
    .array(z.string().trim().min(1).max(200))
    .min(2)
    .max(10)
    .optional()
    .describe("The answers to choose from, when the answer is one of a few; omit for a free-text answer (ignored with answer_schema)"),
  answer_schema: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'Optional: the answer\'s form as an object JSON Schema, when one text is not enough. {"type":"object","required":[…],' +
        '"properties":{…}}; a property is a string (with "enum" to pick one, "x-widget":"textarea" for long text), ' +
        'boolean, integer, number or an array of strings (a list to edit; its "default" fills the list). ' +
        'E.g. approve/reject with a comment: {"type":"object","required":["decision"],"properties":{"decision":{"type":"string",' +
        '"enum":["approve","reject"]},"comment":{"type":"string"}}}. The answer comes back as that object.',
    ),
  default: z
    .union([z.string().max(2_000), z.record(z.string(), z.unknown())])
    .optional()
    .describe("Your best guess, used if nobody answers in time: a string, or with answer_schema an object matching it"),
  expires_in: z
    .number()
    .int()
    .min(60)
    .max(MAX_EXPIRES_IN_S)
    .optional()
    .describe("Seconds to wait for an answer; then your default is used, or the work fails without one. Omit to wait without limit"),
});
export type AskInput = z.infer<typeof AskInput>;

/**
 * How the answer goes back to the model: `value` (the simple shapes) gives the one field's value,
 * as the tool always did; `object` gives the whole answer object of the model's own schema.
 */
export type AnswerShape = "value" | "object";

/** An ask_person call, as the provider turns it into the runtime's ask. */
export interface AskCall {
  toolCallId: string;
  question: string;
  answerSchema: Record<string, unknown>;
  default: Record<string, unknown> | undefined;
  expiresIn: number | undefined;
  shape: AnswerShape;
}

/** The call as the runtime's ask takes it, or the error the model gets back to fix its call. */
export function askCallOf(toolCallId: string, input: AskInput): AskCall | { error: string } {
  if (input.answer_schema !== undefined) {
    const parsed = ParametersSchema.safeParse(input.answer_schema);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `answer_schema/${i.path.join("/")}: ${i.message}`).join("; ");
      return { error: `answer_schema must be an object schema whose properties a form can draw (${issues})` };
    }
    const invalid = checkParametersSchema(parsed.data);
    if (invalid) return { error: `answer_schema is not valid JSON Schema: ${invalid}` };
    let fallback: Record<string, unknown> | undefined;
    if (input.default !== undefined) {
      if (typeof input.default === "string") return { error: "with answer_schema, default must be an object matching it" };
      const checked = validateParameters(parsed.data, input.default, "default");
      if (!checked.ok)
        return { error: `default does not match answer_schema: ${checked.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}` };
      fallback = checked.value;
    }
    return {
      toolCallId,
      question: input.question,
      answerSchema: input.answer_schema,
      default: fallback,
      expiresIn: input.expires_in,
      shape: "object",
    };
  }
  const options = input.options;
  if (input.default !== undefined && typeof input.default !== "string") {
    return { error: "default must be a string (an object default needs answer_schema)" };
  }
  const answer: Record<string, unknown> = options
    ? { type: "string", title: "Answer", enum: options }
    : { type: "string", title: "Answer", "x-widget": "textarea", minLength: 1, maxLength: 10_000 };
  const guess = input.default !== undefined && (!options || options.includes(input.default)) ? input.default : undefined;
  return {
    toolCallId,
    question: input.question,
    answerSchema: { type: "object", required: ["answer"], properties: { answer } },
    default: guess === undefined ? undefined : { answer: guess },
    expiresIn: input.expires_in,
    shape: "value",
  };
}

/** What the model reads as the ask_person call's result once the person answered. */
export function answerForModel(answer: Record<string, unknown>, shape: AnswerShape | undefined): { ok: true; answer: unknown } {
  return { ok: true, answer: shape === "object" ? answer : (answer.answer ?? answer) };
}
