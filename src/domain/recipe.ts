// A recipe is data: what the form asks for (JSON Schema), which agent runs it, what it produces.
// Files in recipes/ are parsed with `RecipeDefinition`; parameters are checked against the recipe's
// own JSON Schema by src/domain/parameters.ts.
import { z } from "zod";

export const AGENT_TYPES = ["reporting", "research", "content"] as const;
export const AgentType = z.enum(AGENT_TYPES);
export type AgentType = z.infer<typeof AgentType>;

export const OUTPUT_FORMATS = ["pptx", "pdf", "xlsx", "markdown"] as const;
export const OutputFormat = z.enum(OUTPUT_FORMATS);
export type OutputFormat = z.infer<typeof OutputFormat>;

export const RecipeStatus = z.enum(["active", "draft", "archived"]);
export type RecipeStatus = z.infer<typeof RecipeStatus>;

/** A JSON Schema object for the parameters; only the subset the web form can draw is allowed. */
export const ParameterProperty: z.ZodType<Record<string, unknown>> = z
  .object({
    type: z.enum(["string", "integer", "number", "boolean", "array"]),
    title: z.string().min(1),
    description: z.string().optional(),
    enum: z.array(z.union([z.string(), z.number()])).optional(),
    default: z.unknown().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    format: z.string().optional(),
    items: z.record(z.string(), z.unknown()).optional(),
    uniqueItems: z.boolean().optional(),
    minItems: z.number().int().optional(),
    maxItems: z.number().int().optional(),
    "x-widget": z.enum(["textarea", "text"]).optional(),
    /**
     * This parameter names what a ticket is about (its topic in lists and search). Without one, the
     * first required text parameter is used: `required` keeps its order, the properties object
     * does not once stored as jsonb.
     */
    "x-title": z.boolean().optional(),
  })
  .passthrough();

export const ParametersSchema = z.object({
  type: z.literal("object"),
  required: z.array(z.string()).default([]),
  properties: z.record(z.string(), ParameterProperty),
  additionalProperties: z.boolean().optional(),
});
export type ParametersSchema = z.infer<typeof ParametersSchema>;

/** LLM providers a recipe or a submit may name (the server's own settings are the default). */
export const LLM_PROVIDER_NAMES = ["anthropic", "openai", "openai-compatible"] as const;
export const LlmProviderName = z.enum(LLM_PROVIDER_NAMES);
export type LlmProviderName = z.infer<typeof LlmProviderName>;

/** Which model runs a recipe on the LLM agent; the provider defaults to the server's. */
export const RecipeModel = z.object({
  provider: LlmProviderName.optional(),
  name: z.string().trim().min(1).max(200),
});
export type RecipeModel = z.infer<typeof RecipeModel>;

/**
 * What a run of the recipe must produce to complete. `formats` defaults to the recipe's
 * output_format plus extra_formats; `sections` are headings the Markdown output must contain
 * (matched case-insensitively). A text-only answer satisfies only a contract whose formats are
 * all "markdown".
 */
export const OutputContract = z.object({
  formats: z.array(OutputFormat).min(1).optional(),
  sections: z.array(z.string().trim().min(1)).default([]),
});
export type OutputContract = z.infer<typeof OutputContract>;

export const RecipeDefinition = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug must be kebab-case"),
  name: z.string().min(1),
  description: z.string().min(1),
  icon: z.string().min(1),
  agent_type: AgentType,
  output_format: OutputFormat,
  /** Extra formats the recipe also produces (e.g. a comparison table as markdown + xlsx). */
  extra_formats: z.array(OutputFormat).default([]),
  status: RecipeStatus.default("active"),
  timeout_s: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(300),
  max_attempts: z.number().int().min(1).max(10).default(3),
  version: z.number().int().min(1).default(1),
  /** Which agent provider runs it: "builtin" (default) or "llm"; null means the server default. */
  provider: z.string().nullable().default(null),
  /** Free text handed to an LLM provider as the task; the builtin engine ignores it. */
  instructions: z.string().default(""),
  /** The LLM model for this recipe; null means the server's WORKSMITH_LLM_MODEL. */
  model: RecipeModel.nullable().default(null),
  /** Cap on the LLM agent's model calls for this recipe; null means the server's WORKSMITH_LLM_MAX_STEPS. */
  max_steps: z.number().int().min(1).max(200).nullable().default(null),
  output_contract: OutputContract.default({ sections: [] }),
  parameters: ParametersSchema,
});
export type RecipeDefinition = z.infer<typeof RecipeDefinition>;
export type Recipe = RecipeDefinition;

/** The formats a run of this recipe must deliver (the contract's, or the recipe's own). */
export function requiredFormats(recipe: Recipe): OutputFormat[] {
  const formats = recipe.output_contract.formats ?? [recipe.output_format, ...recipe.extra_formats];
  return [...new Set(formats)];
}
