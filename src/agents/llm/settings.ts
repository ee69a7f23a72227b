// Which LLM to talk to, and whether the settings are complete. Checked once at start-up (a one-line
// message naming the variable to set) and again when a ticket runs (an AgentError, never a crash).
import { AgentError } from "../../domain/agent-runner.js";
import type { RecipeModel } from "../../domain/recipe.js";
import type { PriceTable } from "./usage.js";

export const LLM_PROVIDERS = ["anthropic", "openai", "openai-compatible"] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/** What `Config.llm` holds: any field may be missing until checked. */
export interface LlmConfig {
  provider?: LlmProviderName | undefined;
  model?: string | undefined;
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  /** Keys by provider, used when a recipe or a submit names a provider other than the server's. */
  apiKeys?: { anthropic?: string | undefined; openai?: string | undefined } | undefined;
  /** Model calls per ticket unless the recipe sets max_steps (WORKSMITH_LLM_MAX_STEPS, default 24). */
  maxSteps?: number | undefined;
  /** Seconds without a byte from the model before the attempt fails (WORKSMITH_LLM_IDLE_TIMEOUT_S, default 60). */
  idleTimeoutS?: number | undefined;
  /** USD per million tokens by model (WORKSMITH_LLM_PRICES). */
  prices?: PriceTable | undefined;
}

/** Complete settings: a provider and a model, plus what that provider needs. */
export interface LlmSettings {
  provider: LlmProviderName;
  model: string;
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
}

const KEY_VARIABLE: Record<Exclude<LlmProviderName, "openai-compatible">, string> = {
  anthropic: "ANTHROPIC_API_KEY",
  openai: "OPENAI_API_KEY",
};

/**
 * Returns a one-line message saying what is missing, or undefined when the settings are usable.
 * Anthropic and OpenAI need a key; an OpenAI-compatible server needs a base URL (local servers such
 * as Ollama, vLLM and llama.cpp usually take no key).
 */
export function checkLlmSettings(config: LlmConfig): string | undefined {
  if (!config.provider) {
    return `WORKSMITH_LLM_PROVIDER is not set: choose one of ${LLM_PROVIDERS.join(", ")}`;
  }
  if (!config.model) {
    return `WORKSMITH_LLM_MODEL is not set: name the ${config.provider} model to use (e.g. ${exampleModel(config.provider)})`;
  }
  if (config.provider === "openai-compatible") {
    if (!config.baseUrl) {
      return "WORKSMITH_LLM_BASE_URL is not set: an openai-compatible provider needs the server's URL (e.g. http://127.0.0.1:11434/v1 for Ollama)";
    }
    return undefined;
  }
  if (!config.apiKey) {
    return `No API key for the ${config.provider} LLM provider: set WORKSMITH_LLM_API_KEY or ${KEY_VARIABLE[config.provider]}`;
  }
  return undefined;
}

/** Complete settings, or an AgentError whose message is what `checkLlmSettings` says. */
export function requireLlmSettings(config: LlmConfig): LlmSettings {
  const problem = checkLlmSettings(config);
  if (problem !== undefined || !config.provider || !config.model) {
    throw new AgentError(`The LLM agent is not configured: ${problem ?? "provider and model are required"}`);
  }
  return { provider: config.provider, model: config.model, baseUrl: config.baseUrl, apiKey: config.apiKey };
}

function exampleModel(provider: LlmProviderName): string {
  if (provider === "anthropic") return "claude-sonnet-4-5";
  if (provider === "openai") return "gpt-4.1-mini";
  return "llama3.1:8b";
}

/**
 * The model a ticket runs on: the submit's choice over the recipe's over the server's, field by
 * field (a submit may name only a model, keeping the recipe's or the server's provider). The base
 * URL and the key of the server's settings go with the server's provider only: an Ollama URL must
 * not receive a request meant for Anthropic.
 */
export function chooseModel(config: LlmConfig, submitted: RecipeModel | null, recipe: RecipeModel | null): LlmConfig {
  const provider = submitted?.provider ?? recipe?.provider ?? config.provider;
  const model = submitted?.name ?? recipe?.name ?? config.model;
  if (provider === config.provider) return { ...config, provider, model };
  const apiKey = provider === "anthropic" ? config.apiKeys?.anthropic : provider === "openai" ? config.apiKeys?.openai : undefined;
  return { ...config, provider, model, baseUrl: undefined, apiKey };
}
