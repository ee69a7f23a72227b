// Skills turn a spec into a real file and store it under the ticket (`tickets/<id>/<uuid>.<ext>`).
// Each returns the StoredFile an output can point at. ~20-30 ms a file on these machines, spent in the
// agent pool (src/agents/pool): the bytes are rendered on a worker thread, stored on the main thread.
import type { FileStore } from "../../storage/file-store.js";
import { newTicketFileKey, type FileExtension } from "../../storage/file-store.js";
import type { AgentTools, DeckSpec, StoredFile } from "../context.js";
import type { OutputFormat } from "../../domain/recipe.js";
import { sharedAgentPool, type AgentPool } from "../pool/index.js";
import { safeFilename } from "./filename.js";
import { planDeck, planText } from "./deck-plan.js";

export const FORMAT_FILES: Record<OutputFormat, { ext: FileExtension; mime: string }> = {
  pptx: { ext: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  pdf: { ext: "pdf", mime: "application/pdf" },
  xlsx: { ext: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  markdown: { ext: "md", mime: "text/markdown; charset=utf-8" },
};

export interface SkillsOptions {
  /** Where files are rendered (default: the process's shared pool). */
  pool?: AgentPool | undefined;
  /** The ticket's signal: cancelling it stops a rendering in progress. */
  signal?: AbortSignal | undefined;
}

export function createSkills(store: FileStore, ticketId: string, options: SkillsOptions = {}): AgentTools["skills"] {
  const pool = options.pool ?? sharedAgentPool();
  const { signal } = options;
  async function save(format: OutputFormat, requestedName: string, data: Uint8Array, text: string): Promise<StoredFile> {
    const { ext, mime } = FORMAT_FILES[format];
    const key = newTicketFileKey(ticketId, ext);
    // A thread hands back a Uint8Array (structured clone drops the Buffer prototype): same bytes, no copy.
    await store.put(key, Buffer.from(data.buffer, data.byteOffset, data.byteLength), mime);
    return { key, format, mime, bytes: data.byteLength, filename: safeFilename(requestedName, ext), text };
  }
  return {
    pptx: async (spec) => {
      const rendered = await pool.run("render-pptx", spec, signal);
      return save("pptx", spec.filename, rendered.data, rendered.text);
    },
    pdf: async (spec) => {
      const rendered = await pool.run("render-pdf", spec, signal);
      return save("pdf", spec.filename, rendered.data, rendered.text);
    },
    xlsx: async (spec) => {
      const rendered = await pool.run("render-xlsx", spec, signal);
      return save("xlsx", spec.filename, rendered.data, rendered.text);
    },
    markdown: async (spec) => save("markdown", spec.filename, Buffer.from(spec.markdown, "utf8"), spec.markdown),
  };
}

export { renderDeck } from "./pptx.js";
export { planDeck, planText } from "./deck-plan.js";
export { renderDocument, renderDocumentDetailed } from "./pdf.js";
export { planWorkbook, renderWorkbook } from "./xlsx.js";
export { safeFilename, slugify } from "./filename.js";

/** Every visible string of a deck as laid out (fitted and cut), in reading order: what the grounding check reads. */
export function deckText(spec: DeckSpec): string {
  return planText(planDeck(spec));
}
