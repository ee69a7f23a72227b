// The deck skill: a 16:9 PowerPoint file from a DeckSpec (pptxgenjs 4). Every layout decision (what
// goes where, at which size, cut where) is made by deck-plan.ts; this file only draws the plan with
// native PowerPoint objects: text boxes, tables and charts a person can edit afterwards.
import pptxModule from "pptxgenjs";
import type { DeckSpec } from "../context.js";
import { planDeck, THEME, type ChartElement, type PlannedSlide, type TableElement, type TextElement } from "./deck-plan.js";

// pptxgenjs ships CommonJS-style typings, so under NodeNext its default import is typed as the module
// object; at run time (its ES module build) the default import is the class itself. Accept both.
const PptxGenJS = ((pptxModule as unknown as { default?: unknown }).default ?? pptxModule) as typeof pptxModule.default;
type Pptx = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<Pptx["addSlide"]>;
type TextProps = pptxModule.default.TextProps;
type TableRow = pptxModule.default.TableRow;

export async function renderDeck(spec: DeckSpec): Promise<Buffer> {
  return renderPlan(spec.title, planDeck(spec));
}

export async function renderPlan(title: string, plan: PlannedSlide[]): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = title;
  pptx.author = "Worksmith";
  pptx.company = "Worksmith";
  for (const planned of plan) {
    const slide = pptx.addSlide();
    slide.background = { color: planned.background };
    for (const el of planned.elements) {
      if (el.type === "rect") slide.addShape("rect", { ...el.box, fill: { color: el.color }, line: { color: el.color, width: 0 } });
      else if (el.type === "text") drawText(slide, el);
      else if (el.type === "table") drawTable(slide, el);
      else drawChart(pptx, slide, el);
    }
    if (planned.notes) slide.addNotes(planned.notes);
  }
  const out = await pptx.write({ outputType: "nodebuffer" });
  if (!(out instanceof Uint8Array)) throw new Error("pptxgenjs did not return a buffer");
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

function drawText(slide: Slide, el: TextElement): void {
  const last = el.paragraphs.length - 1;
  // One run per paragraph: pptxgenjs writes a second <a:pPr> for every further run of a paragraph,
  // and LibreOffice then applies the last one (no bullet).
  const runs: TextProps[] = el.paragraphs.map((text, i) => ({
    text,
    options: {
      breakLine: i < last,
      ...(el.bullets ? { bullet: { characterCode: "25A0", indent: 22 } } : {}),
      ...(el.paraSpaceAfter !== undefined && i < last ? { paraSpaceAfter: el.paraSpaceAfter } : {}),
    },
  }));
  slide.addText(runs, {
    ...el.box,
    margin: 0,
    fontFace: THEME.font,
    fontSize: el.fontSize,
    bold: el.style === "bold",
    italic: el.style === "italic",
    color: el.color,
    align: el.align ?? "left",
    valign: el.valign ?? "top",
    lineSpacingMultiple: 1,
    // Our text is already fitted; the viewer must neither shrink nor grow the box.
    autoFit: false,
    wrap: true,
  });
}

function drawTable(slide: Slide, el: TableElement): void {
  const border = { type: "solid" as const, pt: 0.75, color: THEME.rule };
  const none = { type: "none" as const };
  const head: TableRow = el.header.map((text, c) => ({
    text,
    options: {
      bold: true,
      color: THEME.paper,
      fill: { color: THEME.ink },
      align: el.numeric[c] ? "right" : "left",
      border: [none, none, none, none],
    },
  }));
  const body: TableRow[] = el.rows.map((row, r) =>
    row.map((text, c) => ({
      text,
      options: {
        color: THEME.body,
        fill: { color: r % 2 === 1 ? THEME.zebra : THEME.paper },
        align: el.numeric[c] ? "right" : "left",
        border: [none, none, border, none],
      },
    })),
  );
  slide.addTable([head, ...body], {
    x: el.box.x,
    y: el.box.y,
    w: el.box.w,
    colW: el.colW,
    rowH: el.rowH,
    fontFace: THEME.font,
    fontSize: el.fontSize,
    valign: "middle",
    margin: [0.06, 0.1, 0.06, 0.1],
    autoPage: false,
  });
}

function drawChart(pptx: Pptx, slide: Slide, el: ChartElement): void {
  const { chart } = el;
  // A horizontal bar chart draws its first category at the bottom; reversed, it reads top-down.
  const order = <T>(list: T[]) => (chart.type === "bar" ? [...list].reverse() : list);
  const data = chart.series.map((s) => ({ name: s.name, labels: order(chart.labels), values: order(s.values) }));
  const multi = chart.series.length > 1;
  const format = chart.valueFormat ?? "General";
  const common = {
    ...el.box,
    // One series is one colour (LibreOffice would otherwise vary it per bar).
    chartColors: multi ? [...THEME.series] : [THEME.accent],
    showValue: true,
    dataLabelFormatCode: format,
    dataLabelFontSize: 12,
    dataLabelFontFace: THEME.font,
    dataLabelColor: THEME.body,
    catAxisLabelFontSize: 12,
    catAxisLabelFontFace: THEME.font,
    catAxisLabelColor: THEME.body,
    catAxisLineShow: true,
    valAxisLabelFontSize: 11,
    valAxisLabelFontFace: THEME.font,
    valAxisLabelColor: THEME.muted,
    valAxisLabelFormatCode: format,
    valAxisLineShow: false,
    valGridLine: { color: THEME.rule, size: 0.75 },
    showLegend: multi,
    legendPos: "b" as const,
    legendFontSize: 12,
    legendFontFace: THEME.font,
  };
  if (chart.type === "line") {
    slide.addChart(pptx.ChartType.line, data, {
      ...common,
      lineSize: 3,
      lineDataSymbol: "circle",
      lineDataSymbolSize: 8,
      dataLabelPosition: "t",
    });
  } else {
    slide.addChart(pptx.ChartType.bar, data, {
      ...common,
      barDir: chart.type === "bar" ? ("bar" as const) : ("col" as const),
      barGapWidthPct: 60,
      dataLabelPosition: "outEnd",
    });
  }
}
