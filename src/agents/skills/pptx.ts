// The deck skill: a 16:9 PowerPoint file from a DeckSpec (pptxgenjs 4). Layout: a dark title slide,
// content slides with one bullet per claim and a numbered citation [n] after each, a footer line
// naming the sources cited on that slide, and a closing "Sources" slide with the numbered list.
import pptxModule from "pptxgenjs";
import type { DeckSpec, SourceRef } from "../context.js";

// pptxgenjs ships CommonJS-style typings, so under NodeNext its default import is typed as the module
// object; at run time (its ES module build) the default import is the class itself. Accept both.
const PptxGenJS = ((pptxModule as unknown as { default?: unknown }).default ?? pptxModule) as typeof pptxModule.default;
type TextProps = pptxModule.default.TextProps;

const INK = "1F2A44";
const ACCENT = "2F6FDE";
const MUTED = "6B7280";
const PAPER = "FFFFFF";
const FONT = "Calibri";
// LAYOUT_WIDE is 13.33 x 7.5 in.
const W = 13.333;
const MARGIN = 0.6;

export async function renderDeck(spec: DeckSpec): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = spec.title;
  pptx.author = "Worksmith";
  pptx.company = "Worksmith";

  const { numbering, sources } = numberSources(spec);

  const title = pptx.addSlide();
  title.background = { color: INK };
  title.addShape("rect", { x: MARGIN, y: 2.35, w: 1.2, h: 0.08, fill: { color: ACCENT }, line: { color: ACCENT } });
  title.addText(spec.title, {
    x: MARGIN,
    y: 2.55,
    w: W - 2 * MARGIN,
    h: 1.5,
    fontFace: FONT,
    fontSize: 40,
    bold: true,
    color: PAPER,
    valign: "top",
    fit: "shrink",
  });
  if (spec.subtitle) {
    title.addText(spec.subtitle, {
      x: MARGIN,
      y: 4.1,
      w: W - 2 * MARGIN,
      h: 0.9,
      fontFace: FONT,
      fontSize: 20,
      color: "C7D2FE",
      valign: "top",
    });
  }
  const cited = sources.length;
  title.addText(`Built from ${cited} source${cited === 1 ? "" : "s"} in the project's context · Worksmith`, {
    x: MARGIN,
    y: 6.6,
    w: W - 2 * MARGIN,
    h: 0.4,
    fontFace: FONT,
    fontSize: 12,
    color: "9CA3AF",
  });

  spec.slides.forEach((s, index) => {
    const slide = pptx.addSlide();
    slide.background = { color: PAPER };
    slide.addShape("rect", { x: 0, y: 0, w: 0.18, h: 7.5, fill: { color: ACCENT }, line: { color: ACCENT } });
    slide.addText(s.title, {
      x: MARGIN,
      y: 0.4,
      w: W - 2 * MARGIN,
      h: 0.9,
      fontFace: FONT,
      fontSize: 30,
      bold: true,
      color: INK,
      valign: "middle",
      fit: "shrink",
    });
    slide.addShape("line", { x: MARGIN, y: 1.35, w: W - 2 * MARGIN, h: 0, line: { color: "E5E7EB", width: 1 } });

    const onSlide = new Map<number, SourceRef>();
    const runs: TextProps[] = [];
    const chars = (s.bullets ?? []).reduce((n, b) => n + b.text.length, 0);
    // Measured by eye in LibreOffice at 16:9: ~620 characters fit at 20 pt, ~900 at 16 pt.
    const fontSize = chars > 800 ? 15 : chars > 560 ? 17 : 20;
    (s.bullets ?? []).forEach((b, i) => {
      const n = b.source ? numbering.get(b.source.id) : undefined;
      if (b.source && n !== undefined) onSlide.set(n, b.source);
      // One run per paragraph: pptxgenjs writes a second <a:pPr> for every further run of a paragraph,
      // and LibreOffice then applies the last one (no bullet). So the citation is plain text.
      const cite = n === undefined ? "" : ` [${n}]`;
      runs.push({
        text: `${b.text}${cite}`,
        options: {
          bullet: { characterCode: "25A0", indent: 22 },
          color: "111827",
          breakLine: i < (s.bullets ?? []).length - 1,
          paraSpaceAfter: 10,
        },
      });
    });
    if (runs.length === 0) runs.push({ text: "Nothing in the project's context covers this.", options: { color: MUTED, italic: true } });
    slide.addText(runs, {
      x: MARGIN,
      y: 1.6,
      w: W - 2 * MARGIN,
      h: 4.75,
      fontFace: FONT,
      fontSize,
      valign: "top",
      lineSpacingMultiple: 1.1,
    });

    if (onSlide.size > 0) {
      const line = [...onSlide.entries()]
        .sort(([a], [b]) => a - b)
        .map(([n, src]) => `[${n}] ${src.title}`)
        .join("   ");
      slide.addText(`Sources: ${line}`, {
        x: MARGIN,
        y: 6.55,
        w: W - 2 * MARGIN - 1.2,
        h: 0.5,
        fontFace: FONT,
        fontSize: 11,
        color: MUTED,
        valign: "middle",
        fit: "shrink",
      });
    }
    slide.addText(`${index + 2}`, {
      x: W - MARGIN - 1,
      y: 6.55,
      w: 1,
      h: 0.5,
      fontFace: FONT,
      fontSize: 11,
      color: MUTED,
      align: "right",
      valign: "middle",
    });
    if (s.notes) slide.addNotes(s.notes);
  });

  if (sources.length > 0) {
    const perSlide = 10;
    for (let start = 0; start < sources.length; start += perSlide) {
      const slide = pptx.addSlide();
      slide.background = { color: PAPER };
      slide.addShape("rect", { x: 0, y: 0, w: 0.18, h: 7.5, fill: { color: ACCENT }, line: { color: ACCENT } });
      slide.addText(start === 0 ? "Sources" : "Sources (continued)", {
        x: MARGIN,
        y: 0.4,
        w: W - 2 * MARGIN,
        h: 0.9,
        fontFace: FONT,
        fontSize: 30,
        bold: true,
        color: INK,
      });
      const rows = sources.slice(start, start + perSlide).map((src, i) => ({
        text: `[${start + i + 1}]  ${src.title}`,
        options: { breakLine: true, paraSpaceAfter: 6 },
      }));
      slide.addText(rows, { x: MARGIN, y: 1.6, w: W - 2 * MARGIN, h: 4.9, fontFace: FONT, fontSize: 16, color: "111827", valign: "top" });
      slide.addText("Each bullet's [n] refers to a context item of this project.", {
        x: MARGIN,
        y: 6.55,
        w: W - 2 * MARGIN,
        h: 0.5,
        fontFace: FONT,
        fontSize: 11,
        color: MUTED,
      });
    }
  }

  const out = await pptx.write({ outputType: "nodebuffer" });
  if (!(out instanceof Uint8Array)) throw new Error("pptxgenjs did not return a buffer");
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Sources are numbered in the order of spec.sources; bullets citing an unlisted source get appended. */
function numberSources(spec: DeckSpec): { numbering: Map<string, number>; sources: SourceRef[] } {
  const numbering = new Map<string, number>();
  const sources: SourceRef[] = [];
  const add = (src: SourceRef) => {
    if (numbering.has(src.id)) return;
    sources.push(src);
    numbering.set(src.id, sources.length);
  };
  spec.sources.forEach(add);
  for (const slide of spec.slides) for (const b of slide.bullets ?? []) if (b.source) add(b.source);
  return { numbering, sources };
}
