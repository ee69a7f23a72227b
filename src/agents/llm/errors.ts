// Turns what the AI SDK throws into an AgentError a person can act on (the ticket's error message).
// Aborts never come here: the provider rethrows the signal's reason so the runtime sees the cancel.
import { APICallError, LoadAPIKeyError, RetryError } from "ai";
import { AgentError } from "../../domain/agent-runner.js";
import type { LlmSettings } from "./settings.js";

export function toAgentError(error: unknown, settings: LlmSettings): AgentError {
  if (error instanceof AgentError) return error;
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  const where = `${settings.provider} model ${settings.model}${settings.baseUrl ? ` at ${settings.baseUrl}` : ""}`;

  if (LoadAPIKeyError.isInstance(cause)) {
    return new AgentError(`No API key for the ${settings.provider} LLM provider: set WORKSMITH_LLM_API_KEY`);
  }
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    const detail = firstLine(cause.message);
    if (status === undefined) {
      const network = networkReason(cause.cause) ?? detail;
      return new AgentError(
        `Could not reach the LLM server (${where}): ${network}. Check WORKSMITH_LLM_BASE_URL and that the server is running`,
      );
    }
    if (status === 401 || status === 403) {
      return new AgentError(`The LLM provider rejected the API key (HTTP ${status} from ${where}): ${detail}. Check WORKSMITH_LLM_API_KEY`);
    }
    if (status === 404) {
      return new AgentError(
        `The LLM server does not know this model or path (HTTP 404 from ${where}): ${detail}. Check WORKSMITH_LLM_MODEL and WORKSMITH_LLM_BASE_URL`,
      );
    }
    if (status === 429) {
      return new AgentError(`The LLM provider is rate-limiting requests (HTTP 429 from ${where}): ${detail}. Retry the ticket later`);
    }
    return new AgentError(`The LLM request failed (HTTP ${status} from ${where}): ${detail}`);
  }
  const message = cause instanceof Error ? firstLine(cause.message) : String(cause);
  return new AgentError(`The LLM agent failed (${where}): ${message}`);
}

function networkReason(cause: unknown): string | undefined {
  // undici wraps the socket error: TypeError("fetch failed") with cause { code: "ECONNREFUSED" }.
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return `${code} (${firstLine(current.message)})`;
    current = current.cause;
  }
  return undefined;
}

function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
