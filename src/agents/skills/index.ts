// Skills turn a spec into a real file and store it under the ticket (`tickets/<id>/<uuid>.<ext>`).
// Each returns the StoredFile an output can point at. ~20-30 ms a file on these machines.
import type { FileStore } from "../../storage/file-store.js";
import { newTicketFileKey, type FileExtension } from "../../storage/file-store.js";
import type { AgentTools, StoredFile } from "../context.js";
import type { OutputFormat } from "../../domain/recipe.js";
import { safeFilename } from "./filename.js";
import { renderDocument } from "./pdf.js";
import { renderDeck } from "./pptx.js";
import { renderWorkbook } from "./xlsx.js";

export const FORMAT_FILES: Record<OutputFormat, { ext: FileExtension; mime: string }> = {
  pptx: { ext: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  pdf: { ext: "pdf", mime: "application/pdf" },
  xlsx: { ext: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  markdown: { ext: "md", mime: "text/markdown; charset=utf-8" },
};

export function createSkills(store: FileStore, ticketId: string): AgentTools["skills"] {
  async function save(format: OutputFormat, requestedName: string, data: Buffer): Promise<StoredFile> {
    const { ext, mime } = FORMAT_FILES[format];
    const key = newTicketFileKey(ticketId, ext);
    await store.put(key, data, mime);
    return { key, format, mime, bytes: data.byteLength, filename: safeFilename(requestedName, ext) };
  }
  return {
    pptx: async (spec) => save("pptx", spec.filename, await renderDeck(spec)),
    pdf: async (spec) => save("pdf", spec.filename, await renderDocument(spec)),
    xlsx: async (spec) => save("xlsx", spec.filename, await renderWorkbook(spec)),
    markdown: async (spec) => save("markdown", spec.filename, Buffer.from(spec.markdown, "utf8")),
  };
}

export { renderDeck } from "./pptx.js";
export { renderDocument } from "./pdf.js";
export { renderWorkbook } from "./xlsx.js";
export { safeFilename, slugify } from "./filename.js";
