// One recipe run's outputs → its quality findings, checked against the project's answer key.
import { checkGrounding } from "../../src/domain/grounding.js";
import {
  badHashtags,
  contains,
  echoingHeadings,
  headingEchoes,
  nonStatements,
  saysWhatToSee,
  staleValues,
  weakFigureLabels,
  falseAbsenceClaims,
  forbiddenFound,
  markdownHeadings,
  markdownTables,
  markupResidue,
  optionRows,
  PLATFORM_LIMITS,
  plain,
  recall,
  sectionText,
  socialPosts,
  titleFindings,
  wordCount,
  type Recall,
} from "./checks.js";
import type { AnswerKey, RecipeKey } from "./corpus.js";
import type { DeckSlide, PdfReadback, WorkbookInfo } from "./files.js";

export interface OutputFile {
  format: string;
  filename: string;
  path: string;
  /** Visible text read back from the file itself. */
  text: string;
  deck?: DeckSlide[];
  workbook?: WorkbookInfo;
  /** The PDF itself (reports) or LibreOffice's conversion (decks, workbooks). */
  pdf?: PdfReadback | undefined;
  conversionError?: string | undefined;
}

export interface CollectedOutput {
  title: string;
  body: string;
  outputType: string;
  file?: OutputFile | undefined;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface FileReport {
  format: string;
  filename: string;
  converts: boolean;
  pages: number | null;
  slides?: number;
  offPageWords?: number;
  /** Share of the file's own words found in the PDF text. */
  readback: number | null;
  error?: string;
}

export interface RecipeReport {
  project: string;
  recipe: string;
  agent: string;
  status: string;
  error?: string | undefined;
  facts: Recall;
  risks: Recall | null;
  options: { covered: number; total: number; missing: string[] } | null;
  invented: string[];
  residue: string[];
  forbidden: string[];
  internalLeak: string[];
  duplicateTitles: string[];
  fillerTitles: string[];
  checks: Check[];
  files: FileReport[];
  /** What the runtime itself recorded on the outputs (its own grounding check against cited sources). */
  storedUnverified: string[];
}

export interface EvaluateInput {
  project: string;
  agent: string;
  recipe: string;
  parameters: Record<string, unknown>;
  status: string;
  error?: string | undefined;
  outputs: CollectedOutput[];
  storedUnverified: string[];
  key: AnswerKey;
  /** Title + text of every item, as added (for the grounding check and false "no source mentions" claims). */
  sources: string[];
}

export function evaluate(input: EvaluateInput): RecipeReport {
  const rk: RecipeKey = input.key.recipes[input.recipe]!;
  const all = input.outputs.map((o) => [o.title, o.body, o.file?.text ?? ""].join("\n")).join("\n\n");
  const body = input.outputs.map((o) => o.body).join("\n\n");
  const corpus = input.sources.join("\n\n");
  const grounding = checkGrounding(plain(all), input.sources);
  const customer = rk.customer_facing;
  const checks: Check[] = [];
  const deckFile = input.outputs.find((o) => o.file?.deck)?.file;
  const bookFile = input.outputs.find((o) => o.file?.workbook)?.file;
  const pdfFile = input.outputs.find((o) => o.file?.format === "pdf")?.file;

  // Titles are compared within one output (a markdown table and its workbook twin may both say "Sources").
  let titleSets: string[][] = input.outputs.map((o) =>
    markdownHeadings(o.body)
      .filter((h) => h.level >= 2)
      .map((h) => h.text),
  );
  if (deckFile?.deck) {
    const { content } = deckParts(deckFile.deck);
    titleSets = [content.map((s) => s.title)];
    deckChecks(deckFile, rk, checks);
    // The key-figures table as the outline states it (cells verbatim, one row per figure).
    const keyTable = markdownTables(body).find((t) => /^metric$/i.test(t.header[0] ?? ""));
    if (keyTable) {
      const weak = weakFigureLabels(keyTable.rows);
      checks.push({ name: "figure labels say what", ok: weak.length === 0, detail: weak.join("; ") });
    }
  }
  const report: RecipeReport = {
    project: input.project,
    recipe: input.recipe,
    agent: input.agent,
    status: input.status,
    error: input.error,
    facts: recall(all, rk.facts),
    risks: rk.risks.length > 0 ? recall(all, rk.risks) : null,
    options: null,
    invented: grounding.unverified,
    residue: markupResidue(all),
    forbidden: forbiddenFound(all, [...input.key.forbidden, ...rk.forbidden]),
    internalLeak: customer ? forbiddenFound(all, input.key.internal_only) : [],
    ...(() => {
      const found = titleSets.map(titleFindings);
      return { duplicateTitles: found.flatMap((t) => t.duplicates), fillerTitles: found.flatMap((t) => t.filler) };
    })(),
    checks,
    files: input.outputs.flatMap((o) => (o.file ? [fileReport(o.file)] : [])),
    storedUnverified: input.storedUnverified,
  };
  if (rk.options.length > 0) {
    const missing = rk.options.filter((o) => !contains(all, o));
    report.options = { covered: rk.options.length - missing.length, total: rk.options.length, missing };
  }

  // A value a source corrects is never stated alone (issue 11 r3, item 2).
  if (input.key.corrections.length > 0) {
    const stale = staleValues(all, input.key.corrections);
    checks.push({ name: "corrections said", ok: stale.length === 0, detail: stale.join(", ") });
  }

  const outputTitle = input.outputs.map((o) => `${o.title}\n${/^#\s+(.+)$/m.exec(o.body)?.[1] ?? ""}`).join("\n");
  if (rk.period.length > 0) {
    const ok = rk.period.some((p) => contains(outputTitle, p));
    checks.push({
      name: "period in title",
      ok,
      detail: ok ? "" : `title: ${input.outputs[0]?.title ?? "—"}; expected one of ${rk.period.join(", ")}`,
    });
  }

  switch (input.recipe) {
    case "status-report": {
      if (rk.risks.length > 0) {
        const section = sectionText(body, /risk/i);
        const denies = section !== null && /\bno (?:open )?risks\b|none recorded|not recorded|no risks or issues/i.test(section);
        const ok = section !== null && plain(section).trim() !== "" && !denies;
        checks.push({
          name: "risks section",
          ok,
          detail: section === null ? "no risks section" : denies ? `says: ${section.slice(0, 80)}` : "",
        });
      }
      if (pdfFile?.pdf)
        checks.push({ name: "PDF has text", ok: pdfFile.pdf.text.trim().length > 200, detail: `${pdfFile.pdf.text.length} chars` });
      const summary = sectionText(body, /^##\s+summary/i) ?? "";
      const odd = nonStatements(summary.split(/\n\s*\n/)[0] ?? "");
      checks.push({ name: "summary of statements", ok: odd.length === 0, detail: odd.map((x) => x.slice(0, 50)).join(" · ") });
      // The Metric | Value table (an entity × measure table beside it is labelled by its rows' names, "Total" included).
      const keyTable = markdownTables(sectionText(body, /key figures/i) ?? "").find((t) => /^metric$/i.test(t.header[0] ?? ""));
      if (keyTable) {
        const weak = weakFigureLabels(keyTable.rows);
        checks.push({ name: "figure labels say what", ok: weak.length === 0, detail: weak.join("; ") });
      }
      break;
    }
    case "comparison-table": {
      const tables = markdownTables(body).sort((a, b) => b.rows.length - a.rows.length);
      const table = tables[0];
      const md = optionRows(table?.rows ?? [], rk.options);
      checks.push({
        name: "markdown rows = options",
        ok: md.covered === rk.options.length && md.rows <= rk.options.length + 1,
        detail: `${md.rows} rows, ${md.covered}/${rk.options.length} options${md.missing.length ? `; missing ${md.missing.join(", ")}` : ""}`,
      });
      const sheet = bookFile?.workbook?.sheets[0];
      if (sheet) {
        const xl = optionRows(sheet.rows.slice(1), rk.options);
        checks.push({
          name: "xlsx rows = options",
          ok: xl.covered === rk.options.length && xl.rows <= rk.options.length + 1,
          detail: `${xl.rows} rows, ${xl.covered}/${rk.options.length} options`,
        });
        checks.push({
          name: "xlsx layout",
          ok: sheet.frozenHeader && sheet.widthsSet && sheet.wraps && sheet.fitToWidth,
          detail: `frozen header ${yn(sheet.frozenHeader)}, widths ${yn(sheet.widthsSet)}, wrap ${yn(sheet.wraps)}, fit to width ${yn(sheet.fitToWidth)}`,
        });
        const height = bookFile?.pdf?.medianWordHeight ?? 0;
        checks.push({ name: "xlsx prints readable (word ≥ 8 pt)", ok: height >= 8, detail: `median word ${height} pt` });
        const pages = bookFile?.pdf?.pages ?? 0;
        checks.push({ name: "xlsx prints on ≤ 2 pages", ok: pages > 0 && pages <= 2, detail: `${pages} pages` });
      } else checks.push({ name: "xlsx present", ok: false, detail: "no workbook" });
      break;
    }
    case "blog-post": {
      const echo = echoingHeadings(body);
      checks.push({ name: "headings summarise", ok: echo.length === 0, detail: echo.join("; ") });
      const asked = Number(input.parameters.word_count ?? 600);
      const words = wordCount(body);
      checks.push({ name: "length ≥ 70% of asked", ok: words >= asked * 0.7, detail: `${words} of ${asked} words` });
      break;
    }
    case "social-posts": {
      const posts = socialPosts(body);
      const platforms = (input.parameters.platforms as string[] | undefined) ?? ["linkedin", "x"];
      const perPlatform = platforms.map((p) => posts.filter((x) => x.platform === p).length);
      checks.push({
        name: "posts per platform",
        ok: perPlatform.every((n) => n > 0),
        detail: platforms.map((p, i) => `${p} ${perPlatform[i]}`).join(", "),
      });
      const over = posts.filter((p) => p.text.length > (PLATFORM_LIMITS[p.platform] ?? 3000));
      checks.push({
        name: "within limits (X 280, Bluesky 300)",
        ok: over.length === 0,
        detail: over.map((p) => `${p.platform} ${p.text.length}`).join(", "),
      });
      const stripped = posts.map((p) =>
        p.text
          .replace(/#[\p{L}\p{N}_]+/gu, "")
          .replace(/\s+/g, " ")
          .trim()
          .toLowerCase(),
      );
      const distinct = new Set(stripped).size;
      checks.push({
        name: "distinct texts",
        ok: posts.length > 0 && distinct === posts.length,
        detail: `${distinct} distinct of ${posts.length}`,
      });
      const bad = [...new Set(posts.flatMap((p) => badHashtags(p.text)))];
      checks.push({ name: "hashtags not stop words", ok: bad.length === 0, detail: bad.map((t) => `#${t}`).join(" ") });
      break;
    }
    case "research-brief": {
      const claims = falseAbsenceClaims(body, corpus);
      checks.push({
        name: "open questions true",
        ok: claims.length === 0,
        detail: claims.map((c) => `"no source mentions ${c}"`).join("; "),
      });
      break;
    }
    default:
      break;
  }
  return report;
}

const yn = (b: boolean) => (b ? "yes" : "no");

export function deckParts(slides: DeckSlide[]) {
  const isSources = (s: DeckSlide) => /^sources\b|^references\b/i.test(s.title.trim());
  return { titleSlide: slides[0], content: slides.slice(1).filter((s) => !isSources(s)) };
}

/** Paragraphs a reader takes as the slide's content: not its title, a footnote or a slide number. */
function contentParagraphs(slide: DeckSlide): string[] {
  const texts = slide.shapes.filter((s) => s.kind === "text" && s.paragraphs.length > 0);
  return texts
    .slice(1)
    .filter((s) => !/^(?:sources?\b|source:)/i.test(s.paragraphs.join(" ").trim()) && !/^\d{1,3}$/.test(s.paragraphs.join(" ").trim()))
    .flatMap((s) => s.paragraphs);
}

function deckChecks(file: OutputFile, rk: RecipeKey, checks: Check[]): void {
  const slides = file.deck ?? [];
  const { titleSlide, content } = deckParts(slides);
  const takeaway = (titleSlide?.shapes ?? [])
    .filter((s) => s.kind === "text")
    .slice(1)
    .flatMap((s) => s.paragraphs)
    // A takeaway says something: a sentence with a figure or a verb, not a label like "Prepared for the board".
    .filter((p) => !/built from|worksmith|prepared for|executive summary|summary deck/i.test(p))
    .find((p) => p.split(/\s+/).length >= 5);
  checks.push({ name: "title-slide takeaway", ok: takeaway !== undefined, detail: takeaway ? takeaway.slice(0, 80) : "none" });
  const single = content.filter((s) => !s.hasTable && !s.hasChart && contentParagraphs(s).length === 1);
  checks.push({ name: "no one-bullet slide", ok: single.length === 0, detail: single.map((s) => `#${s.index} "${s.title}"`).join(", ") });
  const empty = content.filter((s) => !s.hasTable && !s.hasChart && contentParagraphs(s).length === 0);
  if (empty.length > 0) checks.push({ name: "no empty slide", ok: false, detail: empty.map((s) => `#${s.index} "${s.title}"`).join(", ") });
  if (rk.comparable_figures) {
    const visual = slides.filter((s) => s.hasTable || s.hasChart);
    checks.push({
      name: "table or chart slide",
      ok: visual.length > 0,
      detail: visual.length ? visual.map((s) => `#${s.index} ${s.hasChart ? "chart" : "table"}`).join(", ") : "none",
    });
  }
  // Titles summarise their slide, never its first bullet again; a chart's side text says what to see;
  // a key-figures table's labels say what is counted.
  const echo = content.filter((s) => !s.hasTable && !s.hasChart && headingEchoes(s.title, contentParagraphs(s)[0] ?? ""));
  checks.push({ name: "titles summarise", ok: echo.length === 0, detail: echo.map((s) => `#${s.index} "${s.title}"`).join(", ") });
  for (const s of content.filter((x) => x.hasChart)) {
    const side = contentParagraphs(s).join(" ");
    checks.push({ name: "chart says what to see", ok: saysWhatToSee(side), detail: side.slice(0, 80) });
  }
  if (file.pdf) {
    checks.push({
      name: "pages = slides",
      ok: file.pdf.pages === slides.length,
      detail: `${file.pdf.pages} pages, ${slides.length} slides`,
    });
  }
}

function fileReport(f: OutputFile): FileReport {
  const words = (t: string) =>
    new Set(
      plain(t)
        .toLowerCase()
        .match(/[\p{L}\p{N}]{3,}/gu) ?? [],
    );
  let readback: number | null = null;
  if (f.pdf && f.format !== "pdf") {
    const own = words(f.text);
    const back = words(f.pdf.text);
    readback = own.size === 0 ? 1 : [...own].filter((w) => back.has(w)).length / own.size;
  }
  return {
    format: f.format,
    filename: f.filename,
    converts: f.pdf !== undefined && f.pdf.pages > 0,
    pages: f.pdf?.pages ?? null,
    ...(f.deck ? { slides: f.deck.length } : {}),
    ...(f.pdf ? { offPageWords: f.pdf.offPageWords } : {}),
    readback,
    ...(f.conversionError ? { error: f.conversionError } : {}),
  };
}
