// Comparison table: one row per context item, side by side — its key point, the amounts,
// percentages, counts and dates it states (verbatim), and the themes it shares with the others.
// Markdown for the preview, an Excel workbook (comparison, every figure, sources) for the file.
import type { SourceRef } from "../context.js";
import { slugify } from "../skills/filename.js";
import { Citations, escapeCell, escapeInline, focus, nothingFound, param, titleFor, type Composer } from "./compose-kit.js";
import type { FigureKind, Sentence } from "./insights.js";

const COLUMN_KIND: Record<string, FigureKind | undefined> = { amounts: "MONEY", percentages: "PERCENT", counts: "CARDINAL" };
const COLUMN_TITLE: Record<string, string> = {
  "key point": "Key point",
  amounts: "Amounts",
  percentages: "Percentages",
  counts: "Counts",
  dates: "Dates",
  themes: "Themes",
};

export const tableComposer: Composer = {
  draft: { content: "Build the comparison table", activeForm: "Building the comparison table" },
  render: { content: "Create the Excel workbook", activeForm: "Creating the Excel workbook" },
  compose(input) {
    const { insights, topic, parameters: p } = input;
    const columns = param.list(p, "columns", ["key point", "amounts", "percentages", "dates"]);
    const maxRows = param.int(p, "max_rows", 10, 2, 30);
    const title = titleFor(input.recipe, topic);
    const cites = new Citations();

    // Items in relevance order, each with its sentences (best first).
    const bySource = new Map<string, { source: SourceRef; sentences: Sentence[] }>();
    for (const s of focus(insights)) {
      let entry = bySource.get(s.source.id);
      if (!entry) bySource.set(s.source.id, (entry = { source: s.source, sentences: [] }));
      entry.sentences.push(s);
    }
    const entries = [...bySource.values()]
      .sort((a, b) => (a.sentences[0]?.sourceRank ?? 0) - (b.sentences[0]?.sourceRank ?? 0))
      .slice(0, maxRows);

    const header = ["Source", ...columns.map((c) => COLUMN_TITLE[c] ?? c)];
    const rows: string[][] = entries.map(({ source, sentences }) => {
      cites.cite(source);
      return [
        source.title,
        ...columns.map((c) => {
          if (c === "key point") return sentences[0]?.text ?? "";
          if (c === "dates") return unique(sentences.flatMap((s) => s.dates)).join("; ");
          if (c === "themes")
            return insights.themes
              .filter((t) => t.sources.some((s) => s.id === source.id))
              .slice(0, 4)
              .map((t) => t.label)
              .join(", ");
          const kind = COLUMN_KIND[c];
          return kind ? unique(sentences.flatMap((s) => s.figures.filter((f) => f.kind === kind).map((f) => f.value))).join("; ") : "";
        }),
      ];
    });

    const parts = [`# ${escapeInline(title)}`];
    if (rows.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      parts.push(`Each row is one context item of this project about “${escapeInline(topic)}”; every value is copied from that item.`);
      parts.push(
        [
          `| ${header.map(escapeCell).join(" | ")} |`,
          `| ${header.map(() => "---").join(" | ")} |`,
          ...rows.map(
            (r, i) => `| ${r.map((cell, c) => (c === 0 ? `${escapeCell(cell)} [${i + 1}]` : escapeCell(cell) || "—")).join(" | ")} |`,
          ),
        ].join("\n"),
      );
    }
    parts.push(cites.markdown());
    const markdown = `${parts.join("\n\n")}\n`;

    const figureRows = focus(insights).flatMap((s) => s.figures.map((f) => [f.value, f.kind.toLowerCase(), s.text, s.source.title]));
    const sources = cites.list();
    return {
      title,
      markdown,
      outputType: "comparison_table",
      markdownFile: slugify(title),
      sources,
      files: [
        {
          title: `${title} (Excel)`,
          outputType: "spreadsheet",
          body: "An Excel workbook with three sheets: Comparison (the table above), Figures (every figure found, with its sentence and source) and Sources.",
          make: (skills) =>
            skills.xlsx({
              filename: slugify(title),
              sheets: [
                {
                  name: "Comparison",
                  columns: header,
                  rows: rows.length ? rows : [[nothingFound(input)[0] ?? "", ...columns.map(() => "")]],
                },
                { name: "Figures", columns: ["Figure", "Kind", "Sentence", "Source"], rows: figureRows },
                {
                  name: "Sources",
                  columns: ["Ref", "Title", "Context item id"],
                  rows: sources.map((s, i) => [`[${i + 1}]`, s.title, s.id]),
                },
              ],
            }),
        },
      ],
    };
  },
};

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
