// Skills turn a spec into a real file and store it under the ticket (`tickets/<id>/<uuid>.<ext>`).
// Each returns the StoredFile an output can point at. ~20-30 ms a file on these machines.
import type { FileStore } from "../../storage/file-store.js";
import { newTicketFileKey, type FileExtension } from "../../storage/file-store.js";
import type { AgentTools, DeckSpec, StoredFile, WorkbookSpec } from "../context.js";
import type { OutputFormat } from "../../domain/recipe.js";
import { safeFilename } from "./filename.js";
import { renderDocumentDetailed } from "./pdf.js";
import { planDeck, planText } from "./deck-plan.js";
import { renderPlan } from "./pptx.js";
import { planWorkbook, renderWorkbook, workbookPlanText } from "./xlsx.js";

export const FORMAT_FILES: Record<OutputFormat, { ext: FileExtension; mime: string }> = {
  pptx: { ext: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  pdf: { ext: "pdf", mime: "application/pdf" },
  xlsx: { ext: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  markdown: { ext: "md", mime: "text/markdown; charset=utf-8" },
};

export function createSkills(store: FileStore, ticketId: string): AgentTools["skills"] {
  async function save(format: OutputFormat, requestedName: string, data: Buffer, text: string): Promise<StoredFile> {
    const { ext, mime } = FORMAT_FILES[format];
    const key = newTicketFileKey(ticketId, ext);
    await store.put(key, data, mime);
    return { key, format, mime, bytes: data.byteLength, filename: safeFilename(requestedName, ext), text };
  }
  return {
    pptx: async (spec) => {
      const plan = planDeck(spec);
      return save("pptx", spec.filename, await renderPlan(spec.title, plan), planText(plan));
    },
    pdf: async (spec) => {
      const rendered = await renderDocumentDetailed(spec);
      return save("pdf", spec.filename, rendered.data, rendered.text);
    },
    xlsx: async (spec) => save("xlsx", spec.filename, await renderWorkbook(spec), workbookText(spec)),
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

function workbookText(spec: WorkbookSpec): string {
  return workbookPlanText(planWorkbook(spec));
}
