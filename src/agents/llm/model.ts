// Turns LlmSettings into an AI SDK LanguageModel. Keys are passed explicitly (never read from
// process.env here: src/config.ts is the one place that does).
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { wrapLanguageModel } from "ai";
import { requireLlmSettings, type LlmConfig } from "./settings.js";

/** A provider's model object (what the AI SDK's middleware wraps). */
export type ProviderModel = Parameters<typeof wrapLanguageModel>[0]["model"];

/**
 * Throws AgentError when the settings are incomplete (see checkLlmSettings). `fetch` replaces the
 * HTTP client (the provider passes one that detects a stalled stream).
 */
export function createLanguageModel(config: LlmConfig, fetch?: typeof globalThis.fetch): ProviderModel {
  const settings = requireLlmSettings(config);
  switch (settings.provider) {
    case "anthropic":
      return createAnthropic({ apiKey: settings.apiKey, baseURL: settings.baseUrl, fetch })(settings.model);
    case "openai":
      // `.chat()`: the default OpenAI model calls /v1/responses, which proxies and older
      // deployments do not serve; chat completions work everywhere.
      return createOpenAI({ apiKey: settings.apiKey, baseURL: settings.baseUrl, fetch }).chat(settings.model);
    case "openai-compatible":
      return createOpenAICompatible({
        name: "openai-compatible",
        // requireLlmSettings guarantees a base URL for this provider.
        baseURL: settings.baseUrl ?? "",
        apiKey: settings.apiKey,
        fetch,
        // Asks for the final usage chunk (stream_options.include_usage) so tokens are recorded.
        includeUsage: true,
      }).chatModel(settings.model);
  }
}
