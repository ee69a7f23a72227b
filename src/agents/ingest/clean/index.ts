// src/agents/ingest/clean — a context item's text (Markdown, plain text, PDF text, CSV table) →
// clean visible text with structure and flags; and the same cleaning for model-written Markdown.
export { cleanContextItem, type CleanItem } from "./clean-item.js";
export { sanitizeMarkdown } from "./sanitize-markdown.js";
export { splitSentences } from "./sentences.js";
export { promptInjectionReason } from "./injection.js";
