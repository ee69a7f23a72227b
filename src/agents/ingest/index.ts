// src/agents/ingest — turning an uploaded file (.md, .txt, .csv, .pdf, .html, .json) into the text of a project
// context item, with typed refusals (415, 413, 422) the API maps. May import domain only.
export {
  extractContextText,
  decodeText,
  SUPPORTED_UPLOADS,
  type UploadedFile,
  type ExtractLimits,
  type ExtractedContext,
  type ContextFileKind,
} from "./extract.js";
export { UnsupportedMediaTypeError, PayloadTooLargeError, EmptyContentError } from "./errors.js";
export { sanitizeFilename, type SafeName } from "./filename.js";
export { csvToMarkdownTable, parseCsv } from "./csv.js";
export { analyseContextItem, type ItemToAnalyse } from "./analyse.js";
