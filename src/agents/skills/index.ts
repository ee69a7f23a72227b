// Skills turn a spec into a real file and store it under the ticket (`tickets/<id>/<uuid>.<ext>`).
// Each returns the StoredFile an output can point at. ~20-30 ms a file on these machines.
import type { FileStore } from "../../storage/file-store.js";
import { newTicketFileKey, type FileExtension } from "../../storage/file-store.js";
import type { AgentTools, DeckSpec, StoredFile, WorkbookSpec } from "../context.js";
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
  async function save(format: OutputFormat, requestedName: string, data: Buffer, text: string): Promise<StoredFile> {
    const { ext, mime } = FORMAT_FILES[format];
    const key = newTicketFileKey(ticketId, ext);
    await store.put(key, data, mime);
    return { key, format, mime, bytes: data.byteLength, filename: safeFilename(requestedName, ext), text };
  }
  return {
    pptx: async (spec) => save("pptx", spec.filename, await renderDeck(spec), deckText(spec)),
    pdf: async (spec) => save("pdf", spec.filename, await renderDocument(spec), `${spec.title}\n${spec.markdown}`),
    xlsx: async (spec) => save("xlsx", spec.filename, await renderWorkbook(spec), workbookText(spec)),
    markdown: async (spec) => save("markdown", spec.filename, Buffer.from(spec.markdown, "utf8"), spec.markdown),
  };
}

export { renderDeck } from "./pptx.js";
export { renderDocument } from "./pdf.js";
export { renderWorkbook } from "./xlsx.js";
export { safeFilename, slugify } from "./filename.js";

/** Every visible string of a deck, in reading order (what the grounding check reads). */
export function deckText(spec: DeckSpec): string {
  const parts: string[] = [spec.title, spec.subtitle ?? "", spec.takeaway ?? ""];
  for (const slide of spec.slides) {
    parts.push(slide.title, slide.footnote ?? "");
    switch (slide.layout) {
      case "table":
        parts.push(slide.columns.join(" | "), ...slide.rows.map((r) => r.join(" | ")));
        break;
      case "chart":
        parts.push(slide.caption ?? "", ...slide.chart.labels, ...slide.chart.series.map((s) => s.name));
        break;
      case "big-number":
        parts.push(slide.value, slide.label, slide.detail ?? "", ...(slide.others ?? []).flatMap((o) => [o.value, o.label]));
        break;
      case "two-column":
        parts.push(
          slide.left.heading,
          ...slide.left.bullets.map((b) => b.text),
          slide.right.heading,
          ...slide.right.bullets.map((b) => b.text),
        );
        break;
      case "quote":
        parts.push(slide.quote, slide.attribution ?? "");
        break;
      default:
        parts.push(...slide.bullets.map((b) => b.text));
    }
  }
  return parts.filter((p) => p !== "").join("\n");
}

function workbookText(spec: WorkbookSpec): string {
  return spec.sheets
    .flatMap((s) => [
      s.name,
      s.columns.map((c) => (typeof c === "string" ? c : c.header)).join(" | "),
      ...s.rows.map((r) => r.map((v) => v ?? "").join(" | ")),
    ])
    .join("\n");
}
