// src/agents — the agent runtime (TicketRun → AgentContext → provider), the builtin offline engine,
// and the skills that write PPTX/PDF/XLSX/Markdown files. May import src/domain, src/db, src/events,
// src/storage and the root modules; the LLM provider lives in ./llm and registers via `providers`.
export type {
  AgentContext,
  AgentProvider,
  AgentTools,
  ContextHit,
  DeckSpec,
  DocumentSpec,
  MarkdownSpec,
  SourceRef,
  StoredFile,
  WorkbookSpec,
} from "./context.js";
export { createAgentContext, createAgentRunner, type AgentRunnerOptions } from "./runtime.js";
export { createBuiltinProvider, composerFor, type BuiltinOptions } from "./builtin/provider.js";
export { analyseContext, type Insights } from "./builtin/insights.js";
export { createSkills, FORMAT_FILES, renderDeck, renderDocument, renderWorkbook, safeFilename } from "./skills/index.js";
