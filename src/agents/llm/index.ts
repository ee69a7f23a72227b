// src/agents/llm — the "llm" agent provider: a tool-calling loop on the Vercel AI SDK 6 (Anthropic,
// OpenAI, any OpenAI-compatible server). May import domain, src/agents/context.ts and the text cleaner (ingest/clean).
export { createLlmProvider, type LlmProviderOptions } from "./provider.js";
export { createLanguageModel } from "./model.js";
export { checkLlmSettings, requireLlmSettings, LLM_PROVIDERS, type LlmConfig, type LlmSettings, type LlmProviderName } from "./settings.js";
export { toAgentError } from "./errors.js";
