// Executive summary deck, composed from the fact model: a title slide whose takeaway is the
// strongest figure as a sentence; the headline figure as a big number (or a native chart when three
// or more comparable figures exist); a key-figures table (metric | value | change | source);
// content slides titled by headlines (the main clause of their lead sentence); risks; next steps.
// Never a filler slide, a one-bullet slide or two slides with one title: when the context runs
// out, the deck is shorter (slide_count is a maximum).
import type { Bullet, DeckSpec, SlideSpec, SourceRef } from "../context.js";
import { slugify } from "../skills/filename.js";
import {
  Citations,
  targetOf,
  capitalise,
  changeText,
  chartFormat,
  cleanHeading,
  comparableFigures,
  correctionAfter,
  distinct,
  echoes,
  escapeCell,
  escapeInline,
  figureLabel,
  figureSentence,
  gistHeadline,
  hasProperLabel,
  headline,
  isFuture,
  isPhrase,
  isRequirement,
  lowerFirst,
  nothingFound,
  param,
  shorten,
  stripLabel,
  titleFor,
  type Composer,
} from "./compose-kit.js";
import { correctionFor, correctionLine } from "./corrections.js";
import { hasVerb, isAnaphoric, isDirective, isLetterRequest, isStatementSentence } from "./sentence-kinds.js";
import {
  againstStatedTarget,
  figureMatrix,
  namedByRow,
  correctsACell,
  isRecordCell,
  measuredFirst,
  rowCells,
  withoutRepeatedFigures,
  type FigureMatrix,
} from "./key-figure-rows.js";
import { sortStepsAndRisks, withAuthorsSteps } from "./steps-and-risks.js";
import { passesOnHearsay, teamPoints, withListTitles } from "./team-points.js";
import { needsItsQuestion } from "./question-answers.js";
import { isSpokenRemark } from "./spoken-remarks.js";
import { isReaderNotice } from "./reader-notices.js";
import { authorsHeadline, isAuthorsLead, withoutLeadLabel } from "./authors-summary.js";
import { isOpening } from "./opening-figure.js";
import { periodKind, reportPeriod } from "./compose-report.js";
import { statedLengthPhrase } from "./stated-span.js";
import { isMethodNote } from "./method-notes.js";
import { isShorthand, shorthandItems } from "./shorthand-notes.js";
import { correctionNote, readsAlone, restatedCorrected, supersededBy } from "./correction-note.js";
import { keyFigures, nextSteps, risksBesides, risksOf, shareLabelled, suitsAudience } from "./facts.js";
import { contentStemsOf, type Figure, type Insights, type Sentence } from "./insights.js";
import { decisionOptions, isDecisionTopic, type DecisionOptions } from "./deck-options.js";

interface Planned {
  /** Lower comes first when the slide cap cuts; display order is `order`. */
  priority: number;
  order: number;
  slide: SlideSpec;
  /** The same slide as Markdown, for the outline output. */
  outline: string;
}

export const deckComposer: Composer = {
  draft: { content: "Draft the slides", activeForm: "Drafting the slides" },
  render: { content: "Build the PowerPoint deck", activeForm: "Building the PowerPoint deck" },
  compose(input) {
    const { topic, parameters: p } = input;
    const slideCount = param.int(p, "slide_count", 6, 3, 20);
    const audience = param.str(p, "audience", "executives");
    const withFigures = param.bool(p, "include_figures", true);
    const cites = new Citations();
    // A table's m:ss durations are figures (the extractor reads them as times of day).
    const insights = suitsAudience(input.insights, audience);
    // The period the items cover, when the topic does not name it: the deck's title and subtitle say it.
    const period = deckPeriod(topic, insights);
    const title = `${titleFor(input.recipe, topic)}${period ? `, ${period}` : ""}`;
    const plan = planSlides(insights, { audience, withFigures, cites, topic });
    const audienceLine = audience === "board" ? "Prepared for the board" : `Prepared for ${audience}`;

    let slides: Planned[];
    let takeaway: string | undefined;
    if (plan.slides.length === 0) {
      const text = nothingFound(input);
      slides = [
        {
          priority: 0,
          order: 0,
          slide: { title: "Nothing to report yet", bullets: text.map((t) => ({ text: t })) },
          outline: text.map((t) => `- ${escapeInline(t)}`).join("\n"),
        },
      ];
    } else {
      // Keep the most important slides within the cap, then show them in reading order.
      slides = [...plan.slides]
        .sort((a, b) => a.priority - b.priority)
        .slice(0, slideCount)
        .sort((a, b) => a.order - b.order);
      takeaway = plan.takeaway;
    }

    // Citation numbers follow the order the reader meets them: renumber over the kept slides.
    const ordered = new Citations();
    if (plan.takeawaySource && takeaway) ordered.cite(plan.takeawaySource);
    for (const s of slides)
      for (const m of s.outline.matchAll(/\[(\d+)\]/g)) {
        const src = cites.list()[Number(m[1]) - 1];
        if (src) ordered.cite(src);
      }
    const renumber = (text: string) =>
      text.replace(/\[(\d+)\]/g, (m, n: string) => {
        const src = cites.list()[Number(n) - 1];
        return src ? `[${ordered.cite(src)}]` : m;
      });
    const finalSlides = slides.map((s) => renumberSlide(s.slide, renumber));
    const deck: DeckSpec = {
      filename: slugify(title),
      title: capitalise(topic),
      subtitle: `${input.recipe.name} · ${period ? `${period} · ` : ""}${audienceLine}`,
      takeaway,
      slides: finalSlides,
      sources: ordered.list(),
    };
    const outline = slides.map((s, i) => `## ${escapeInline(finalSlides[i]!.title)}\n\n${renumber(s.outline)}`).join("\n\n");
    const lead = takeaway ? `**${escapeInline(takeaway)}**${plan.takeawaySource ? ` [${ordered.cite(plan.takeawaySource)}]` : ""}\n\n` : "";
    const markdown = `# ${escapeInline(title)}\n\n*${audienceLine}. Every point names the context item it comes from.*\n\n${lead}${outline}\n\n${ordered.markdown()}\n`;
    const layouts = finalSlides.map((s) => s.layout ?? "bullets");
    return {
      title,
      markdown,
      outputType: "deck_outline",
      markdownFile: null,
      sources: ordered.list(),
      files: [
        {
          title: `${title} (PowerPoint)`,
          outputType: "presentation",
          body: `A widescreen PowerPoint deck: a title slide${takeaway ? " with the takeaway" : ""}, ${describeSlides(layouts)} (${escapeInline(finalSlides.map((s) => s.title).join("; "))})${ordered.list().length > 0 ? " and a numbered Sources slide" : ""}. Each point ends with [n], the number of its source.`,
          make: (skills) => skills.pptx(deck),
        },
      ],
    };
  },
};

/**
 * The period a deck's title states: the span or period the items say they cover ("Six-month
 * report, April–September 2026"), when the topic names none of it. A topic naming its own period
 * ("October trading") has said it.
 */
export function deckPeriod(topic: string, insights: Insights): string | undefined {
  if (periodKind(topic)) return undefined;
  const { label } = reportPeriod(topic, "auto", insights);
  if (!label) return undefined;
  // The author's name for the span is said with it ("Six-month report, April–September 2026").
  // ("six-month results" in the topic has said the length: the title adds only the span.)
  const phrase = statedLengthPhrase(insights);
  const length = phrase?.split(/\s+/)[0]?.toLowerCase();
  return phrase && !(length && topic.toLowerCase().replace(/\s+/g, "-").includes(length)) ? `${phrase}, ${label}` : label;
}

interface PlanOptions {
  audience: string;
  withFigures: boolean;
  cites: Citations;
  /** The deck's topic: one about a decision gets the options slide. */
  topic?: string | undefined;
}

/** Every slide the context supports, with its priority under the cap. */
export function planSlides(
  insights: Insights,
  { audience, withFigures, cites, topic = "" }: PlanOptions,
): { slides: Planned[]; takeaway?: string; takeawaySource?: SourceRef } {
  const perSlide = audience === "team" ? 5 : 4;
  const maxChars = audience === "team" ? 220 : 170;
  const titles = new Set<string>();
  const used = new Set<string>(); // sentence texts already on a slide
  const slides: Planned[] = [];
  const bullet = (text: string, source: SourceRef): Bullet => ({ text: shorten(stripLabel(withoutTicketAside(text)), maxChars), source });
  const bulletLine = (b: Bullet) => `- ${escapeInline(b.text)}${b.source ? ` [${cites.cite(b.source)}]` : ""}`;

  // Each measure once (a table row and a sentence can name one measure twice).
  // A before/after table's measured rows lead (see `measuredFirst`); an export's record cells are no key figures.
  // (One week's cell of a table's series is no key figure: the series' total or the table says it.)
  // A row of an export keyed by record codes is named by its name column (`namedByRow`).
  const ranked = namedByRow(
    withoutRepeatedFigures(measuredFirst(keyFigures(insights, audience === "team" ? 11 : 9), keyFigures(insights, 40)), insights.figures),
    insights,
  ).filter((f) => !seriesCell(f));
  // Figures from a table of entities × measures are shown as that table; the key-figures table lists the others.
  const matrix = withFigures ? figureMatrix(ranked, insights) : null;
  const figures = (
    matrix
      ? namedByRow(withoutRepeatedFigures(keyFigures(insights, 40), insights.figures), insights).filter(
          (f) => !matrix.sentences.has(f.sentence) && !isRecordCell(f) && !correctsACell(f, matrix) && !seriesCell(f),
        )
      : ranked
  ).slice(0, audience === "team" ? 8 : 6);
  let takeaway: string | undefined;
  let takeawaySource: SourceRef | undefined;
  // A takeaway never states a value the sources correct.
  const stale = (text: string) => correctionFor(text, insights.corrections) !== undefined;
  const candidates = takeawayFigures(figures, insights);
  let made = candidates.map((f) => ({ f, text: figureTakeaway(f, insights) })).find((x) => x.text !== null && !stale(x.text));
  // The figure the most relevant item opens with, and its move ("Patronage rose to 4.82 million
  // journeys in Q2, up 6.4%"), is the author's own headline: it leads, with the same item's
  // outcome against its target or budget beside it ("; fare revenue was £7.91m, above the £7.60m budget").
  // The sentence the author wrote under their own "Headline" or "Summary" heading: when the opening
  // figure is one of its figures, the sentence as written says more than the figure rebuilt
  // ("October was our best October on record: £2.41m, 6.2% ahead of budget" over "Room revenue
  // reached £2.41m").
  const authors = authorsHeadline(
    insights,
    (s) => !stale(s.text) && !AUDIT_NOTE.test(s.text) && !isAnaphoric(s.text) && isStatementSentence(s.text),
  );
  const first = candidates[0] && isOpening(candidates[0], insights) ? candidates[0] : undefined;
  // A paragraph the author opened with "TL;DR —" or "In short:" is their takeaway, over any figure.
  const opening = first && !(authors && (isAuthorsLead(authors) || oneSentence(first.sentence, authors.text))) ? first : undefined;
  if (opening) {
    const partner = candidates.find(
      (f) =>
        f !== opening && f.source.id === opening.source.id && hasProperLabel(f) && !f.entity && targetOf(f, insights.figures) !== undefined,
    );
    const first = figureSentence(opening, false) + againstStatedTarget(opening, insights.figures);
    let second = partner ? lowerFirst(figureSentence(partner, false)) + againstStatedTarget(partner, insights.figures) : "";
    if (/ (?:was|were|rose|fell|grew|reached) /.test(first))
      second = second.replace(/ (is|are) /, (_m, v: string) => (v === "is" ? " was " : " were "));
    const text = `${first}${second ? `; ${second}` : ""}.`;
    if (!stale(text)) made = { f: opening, text };
  }
  // Else the author's headline sentence leads, as written: it says more than any one figure of it
  // rebuilt, or a table's cell.
  const written = opening ? undefined : authors;
  // Said as written, without its "TL;DR —" label.
  const asWritten = written ? withoutLeadLabel(written.text) : "";
  const writtenText = written ? (asWritten.length <= 220 ? asWritten : headline(asWritten, 160)) : null;
  if (written && writtenText) made = { f: written.figures[0]!, text: /[.!?]$/.test(writtenText) ? writtenText : `${writtenText}.` };
  // Two headline outcomes measured against their targets tell how it went ("Activation was 31%,
  // below the 40% target; sign-ups were 11,860, above the 10,000 target"): one alone tells half.
  const targeted = candidates.filter((f) => hasProperLabel(f) && !f.entity && targetOf(f, insights.figures) !== undefined);
  const [ta, tb] = targeted;
  if (!opening && !written && ta && tb && ta.source.id === tb.source.id) {
    const first = figureSentence(ta, false) + againstStatedTarget(ta, insights.figures);
    let second = lowerFirst(figureSentence(tb, false)) + againstStatedTarget(tb, insights.figures);
    if (/ (?:was|were) /.test(first)) second = second.replace(/ (is|are) /, (_m, v: string) => (v === "is" ? " was " : " were "));
    const text = `${first}; ${second}.`;
    if (!stale(text)) made = { f: ta, text };
  }
  // Two short headline outcomes of one source say more together ("Activation (7-day) was 31%;
  // paid conversions were 1,045.") than either alone, or than a statement without a figure.
  // Figures of different entities ("HelpHarbor's price", "Supportly's price") are a comparison, not a headline.
  const [a, b] = candidates.filter((f) => hasProperLabel(f) && !f.entity);
  if (!made && a && b && a.source.id === b.source.id) {
    // Each half says how it stands against its stated target ("…, above the 10,000 target").
    const first = figureSentence(a, false) + againstStatedTarget(a, insights.figures);
    // One tense for the two halves: "was 31%; sign-ups were 11,860", not "… are 11,860".
    let second = lowerFirst(figureSentence(b, false)) + againstStatedTarget(b, insights.figures);
    if (/ (?:was|were) /.test(first)) second = second.replace(/ (is|are) /, (_m, v: string) => (v === "is" ? " was " : " were "));
    const text = `${first}; ${second}.`;
    if (!stale(text) && text.split(/\s+/).length >= 5) made = { f: a, text };
  }
  // A deck about a decision sets the options side by side, with the author's recommendation under them;
  // the sources' own table of those options is that slide, said once.
  const choice = isDecisionTopic(topic) ? decisionOptions(insights, topic) : null;
  // What the author recommends is a decision deck's takeaway, unless their own headline names an option already.
  const advice = choice?.advice;
  const namesAnOption = (t: string) => choice?.rows.some((r) => t.toLowerCase().includes(r.name.toLowerCase())) ?? false;
  if (advice && !stale(advice.text) && !(written && namesAnOption(written.text))) {
    takeaway = shorten(stripLabel(advice.text), 220);
    takeawaySource = advice.source;
  } else if (made?.text) {
    takeaway = made.text;
    takeawaySource = made.f.source;
  } else {
    // No headline figure: the strongest thing the items state (a decision, an achievement, a risk),
    // else the best sentence about the topic.
    const strongest = strongestStatement(insights);
    const lead =
      (strongest && !stale(strongest.text) ? strongest : undefined) ??
      insights.sentences.find(
        (s) => s.focused && !stale(s.text) && isStatementSentence(s.text) && !notHeadline(s.text, insights) && aboutTheTopic(s, insights),
      );
    if (lead) {
      takeaway = shorten(stripLabel(lead.text), 160);
      takeawaySource = lead.source;
    }
  }

  // The headline figure is the takeaway's, else the first outcome: never a threshold or a plan's
  // number ("below 0.5%", a criterion, is no headline).
  // A big number is a measure worth a slide of its own: never a number word ("Three"), one cell of
  // a table's series ("Salt spread (t) | 520" of the week of 2 Nov) or a bare count ("Seats | 70").
  const headlined = made?.text ? made.f : candidates[0];
  const top = headlined && bigNumberWorthy(headlined) ? headlined : undefined;
  // (Its options down the side, or across the top: "Metric | Control | Quick start".)
  const isOption = (cell: string) => choice !== null && choice.rows.some((o) => o.name.toLowerCase() === cell.trim().toLowerCase());
  const down = (m: FigureMatrix) => m.rows.filter((r) => isOption(r[0] ?? "")).length >= 2;
  const across = (m: FigureMatrix) => m.columns.filter(isOption).length >= 2;
  // When the sources' own table sets those options across its top, measure by measure, it is the
  // options slide, as laid out; one with an option a row is the options slide's (live rows, their terms).
  const optionsShown = matrix !== null && choice !== null && across(matrix);
  if (matrix && !(choice && down(matrix)))
    slides.push(
      optionsShown && choice
        ? matrixSlide(matrix, cites, titles, {
            title: optionsTitle(choice),
            caption: optionsCaption(choice, insights, cites),
            priority: 0.5,
          })
        : matrixSlide(matrix, cites, titles),
    );
  if (withFigures && figures.length > 0) {
    // A chart of what the matrix already shows says it twice.
    const chart = comparableFigures(
      namedByRow(
        insights.figures.filter((f) => f.focused && !matrix?.sentences.has(f.sentence)),
        insights,
      ).slice(0, 16),
    );
    if (chart) slides.push(chartSlide(chart, cites, titles));
    // The key-figures table lists the others: the headline slide shows the one figure, not the table again.
    // (A figure of the author's headline sentence only under a label that names a measure: "Headline | £2.41m" is none.)
    // (Never of the author's "TL;DR" paragraph: the title slide says it whole.)
    // (A decision's deck spends that slide on its options: the title slide has said the headline.)
    else if (top && !choice && (!written || (hasProperLabel(top) && !isAuthorsLead(written))))
      slides.push(bigNumberSlide(top, figures.length >= 2 ? [] : figures.slice(1, 4), cites, titles, insights.figures));
    // Beside the matrix, the other figures that read as rows: a proper label and a value of their own
    // ("Cutting OTA commission | — | down roughly £38k" is a clause, not a key figure); the title
    // slide's sentence is said there.
    const others = matrix
      ? figures.filter((f) => hasProperLabel(f) && rowCells(f, insights.figures)[0] !== "—" && f.sentence !== written?.text)
      : // The author's inline summary is the title slide's, whole: its figures are not rows of their own.
        figures.filter((f) => !(written && isAuthorsLead(written) && f.sentence.replace(/\s+/g, " ").trim() === written.text));
    if (others.length >= 2) slides.push(tableSlide(others, cites, titles, insights.figures, matrix ? "Other key figures" : undefined));
  }

  if (choice && !optionsShown) {
    const slide = optionsSlide(choice, insights, cites, titles);
    slides.push(slide);
    if (choice.advice) used.add(choice.advice.text);
  }

  // Risks and next steps are kept for their own slides, so content slides do not quote them.
  // A shift log's shorthand ("Temp ctrl zone 3 slow again!!") is a note to the next shift: no risk, step or bullet.
  const logs = shorthandItems(insights.sentences);
  const note = (s: { text: string; source: SourceRef }) => logs.has(s.source.id) || isShorthand(s.text);
  // The team's points only: no chat line, no promise to a newsletter's readers (team-points.ts).
  const team = teamPoints(insights);
  const sorted = sortStepsAndRisks(
    withAuthorsSteps(nextSteps(insights), insights).filter((s) => !note(s.statement) && team.step(s.statement)),
    risksOf(insights).filter((r) => !note(r) && team.risk(r)),
  );
  const steps = sorted.steps.slice(0, perSlide);
  const besides = risksBesides(sorted.risks, steps);
  // A risk listed under a bold title is one bullet with its explanation; its sentences are not said again.
  const risks = withListTitles(besides, insights).slice(0, perSlide);
  for (const r of besides) if (risks.some((x) => x.text.includes(r.text))) used.add(r.text);
  // The takeaway quotes the author's "TL;DR" paragraph: no slide says it again. (A sentence under the
  // author's "Summary" heading may still title that section's slide, as the slide's headline.)
  if (written && takeaway && isAuthorsLead(written)) used.add(written.text);
  for (const r of risks) used.add(r.text);
  for (const s of steps) used.add(s.statement.text);
  // A sentence whose every figure is already in the key-figures table adds nothing on a slide.
  const tabled = new Set(withFigures && figures.length >= 2 ? figures.map((f) => f.id) : []);
  // "62% complete against 68% planned": the 68% is in the table too, as the 62% row's target.
  const tabledFigures = withFigures && figures.length >= 2 ? figures : [];
  const targets = new Set(tabledFigures.map((f) => `${targetOf(f, insights.figures) ?? ""}\u0000${f.sentence}`));
  const covered = (s: Sentence) =>
    s.figures.length > 0 && s.figures.every((f) => tabled.has(f.id) || targets.has(`${f.value}\u0000${f.sentence}`));

  let order = 10;
  // A chat export or a transcript is the team's talk as it was typed or said ("on it. looks like
  // retries stacking up"): its lines may support a finding elsewhere, but are no slide of their own.
  const talk = new Set(insights.conversations ?? []);
  for (const group of insights.groups) {
    if (talk.has(group.source.id) || logs.has(group.source.id)) continue;
    const candidates = group.sentences.filter(
      // Risks have their slide; an issue the risks slide did not take ("the importer was down for
      // 3 hours 40 minutes") is what happened, and stays with its section ("What went wrong").
      (s) =>
        !used.has(s.text) &&
        !covered(s) &&
        !s.kinds.includes("risk") &&
        !isLetterRequest(s.text) &&
        !correctionNote(s.text, insights) &&
        // An FAQ's answer that opens on its bare value needs its question, which a bullet does not carry.
        !needsItsQuestion(s.text, s.section) &&
        // A meeting's talk ("Okay, let's start …", "Can I just say, …") is no point, nor a line to the
        // item's own readers ("Do not share outside management.", "Write to … or call …").
        !isSpokenRemark(s.text) &&
        !isReaderNotice(s.text) &&
        !isShorthand(s.text) &&
        !passesOnHearsay(s.text) &&
        !BYLINE.test(s.text.trim()) &&
        // How a benchmark was run ("Median of 10 runs …", "Machine: …") is fine print, no point.
        !isMethodNote(s.text),
    );
    if (candidates.length < 2) continue;
    const best = bestLines(candidates, perSlide);
    // A line leaning on the one before it ("And we lost five bakers there.", "They launched decaf in
    // June.") is a bullet only beside that line.
    const before = (s: Sentence) =>
      best.find((x) => x.source.id === s.source.id && x.section === s.section && x.position === s.position - 1);
    const picked = onOneSubject(leadsWithAStatement(best.filter((s, i) => !isAnaphoric(s.text) || (i > 0 && before(s) !== undefined))));
    if (picked.length < 2) continue;
    const lead = picked[0]!;
    // A title never states a value the sources correct ("The September draft showed a surplus of £31,000").
    const current = picked.filter((s) => !stale(s.text) && !stale(headline(s.text) ?? ""));
    // An item without headings is headed by its title, which may be an upload's file name
    // ("resin-supplier-quotes"): no title and no part of one.
    const sectionName = FILE_NAME.test(group.heading.trim().toLowerCase()) ? "" : group.heading;
    let slideTitle = current.length > 0 ? titleFromSentences(current, sectionName, titles) : null;
    if (slideTitle && stale(slideTitle)) slideTitle = null;
    if (!slideTitle) continue;
    // Two bullets and a headline that is the first word for word: the section's name says it better.
    const heading = cleanHeading(sectionName);
    if (picked.length === 2 && sameWords(slideTitle, lead.text) && heading.split(/\s+/).length >= 2) {
      const named = distinct(heading, titles);
      if (named) {
        titles.delete(
          slideTitle
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, " ")
            .trim(),
        );
        slideTitle = named;
      }
    }
    // A section headed by a company or product ("## Deskwise") is about it: a title from one of its
    // sentences ("API limit of 700 requests per minute") keeps the name, or the reader cannot tell whose.
    const unnamed = slideTitle;
    const named = namedTitle(slideTitle, heading, insights, titles);
    if (named) slideTitle = named;
    // Reading order within the slide: the lead first, the rest as the source tells them.
    const rest = picked.slice(1).sort((a, b) => a.position - b.position);
    // A bullet quoting a value a sentence corrects gives way to that sentence, said once ("forecast
    // completion is 28 August 2026, not 4 September 2026" where "Forecast completion is 4 September
    // 2026 …" was); one the items only disagree on is followed by the note of which value is used.
    let bullets = [lead, ...rest].flatMap((s) => {
      const fix = supersededBy(s.text, insights);
      if (fix) {
        const line = correctionLine(fix);
        if (used.has(line)) return [];
        used.add(line);
        // A correcting sentence that cannot stand alone ("It is 821, not 812 — the Tally 3.2.1
        // export …") gives way to the bullet's own sentence with the corrected value in place.
        const restated = readsAlone(line) ? null : restatedCorrected(s.text, insights);
        return [bullet(restated?.text ?? line, restated?.inPlace ? s.source : fix.source)];
      }
      const c = correctionAfter(s.text, insights, used);
      return c ? [bullet(s.text, s.source), bullet(c.line, c.correction.source)] : [bullet(s.text, s.source)];
    });
    if (bullets.length < 2) continue;
    // A headline that is its first bullet word for word says it twice: the headline carries it.
    // (or nearly: "… sold 1,240 units and sold out" over "… sold 1,240 units and sold out on 29 November.").
    if (bullets.length >= 3 && (sameWords(unnamed, bullets[0]!.text) || echoes(unnamed, bullets[0]!.text))) bullets = bullets.slice(1);
    // Under a company's heading, a headline that is its first bullet again: the company's name is the title.
    else if (named && sameWords(unnamed, bullets[0]!.text)) {
      const key = (t: string) =>
        t
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, " ")
          .trim();
      if (!titles.has(key(heading))) {
        titles.delete(key(named));
        titles.add(key(heading));
        slideTitle = heading;
      }
    }
    for (const s of picked) used.add(s.text);
    // Two lines, the title being the first again: the title says it, and the other is a call-out
    // under it ("Drivers rated the vans 4.3 out of 5 on average" over "Two drivers asked to return
    // to diesel …"), not a bullet list repeating its own headline.
    // A headline that is a later bullet word for word (a title taken from the second line) says it
    // twice just the same: the bullet gives way, or with two lines the other is the call-out.
    const again = bullets.findIndex((b, i) => i > 0 && (sameWords(slideTitle, b.text) || echoes(slideTitle, b.text)));
    if (again > 0 && bullets.length >= 3) bullets = bullets.filter((_b, i) => i !== again);
    else if (again === 1) bullets = [bullets[1]!, bullets[0]!];
    const [said, other] = bullets;
    if (bullets.length === 2 && said && other && (sameWords(slideTitle, said.text) || echoes(slideTitle, said.text))) {
      slides.push({
        priority: slides.length === 0 ? 0 : 3 + order / 100,
        order: order++,
        slide: { layout: "quote", title: slideTitle, quote: other.text, source: other.source },
        outline: `> ${escapeInline(other.text)}${other.source ? ` [${cites.cite(other.source)}]` : ""}`,
      });
      continue;
    }
    slides.push({
      priority: slides.length === 0 ? 0 : 3 + order / 100,
      order: order++,
      slide: { title: slideTitle, bullets, notes: notesOf(picked) },
      outline: bullets.map(bulletLine).join("\n"),
    });
  }
  const quote = customerQuote(insights, used);
  if (quote) {
    const qTitle = distinct(quote.title, titles);
    if (qTitle) {
      slides.push({
        priority: 5,
        order: 50,
        slide: { layout: "quote", title: qTitle, quote: quote.quote, attribution: quote.who, source: quote.source },
        outline: `> “${escapeInline(quote.quote)}”${quote.who ? ` — ${escapeInline(quote.who)}` : ""} [${cites.cite(quote.source)}]`,
      });
    }
  }

  const riskBullets = risks.map((r) => bullet(r.text, r.source));
  const stepBullets = steps.map((s) => bullet(s.statement.text, s.statement.source));
  if (riskBullets.length >= 2 && stepBullets.length >= 2) {
    slides.push(listSlide(2, 80, "Risks to watch", riskBullets, bulletLine, titles));
    slides.push(listSlide(2.5, 90, "Next steps and dates", stepBullets, bulletLine, titles));
  } else if (riskBullets.length + stepBullets.length >= 2 && riskBullets.length > 0 && stepBullets.length > 0) {
    slides.push({
      priority: 2,
      order: 80,
      slide: {
        layout: "two-column",
        title: distinct("Risks and next steps", titles) ?? "Risks and next steps",
        left: { heading: "Risks", bullets: riskBullets },
        right: { heading: "Next steps", bullets: stepBullets },
      },
      outline: `### Risks\n\n${riskBullets.map(bulletLine).join("\n")}\n\n### Next steps\n\n${stepBullets.map(bulletLine).join("\n")}`,
    });
  } else if (riskBullets.length >= 2) {
    slides.push(listSlide(2, 80, "Risks to watch", riskBullets, bulletLine, titles));
  } else if (stepBullets.length >= 2) {
    slides.push(listSlide(2.5, 90, "Next steps and dates", stepBullets, bulletLine, titles));
  } else if (risks[0]) {
    // One risk alone is still worth a slide, as a call-out rather than a one-bullet list.
    const r = risks[0];
    slides.push({
      priority: 2,
      order: 80,
      slide: { layout: "quote", title: distinct("The risk to watch", titles) ?? "The risk to watch", quote: r.text, source: r.source },
      outline: `> ${escapeInline(r.text)} [${cites.cite(r.source)}]`,
    });
  } else if (steps[0]) {
    const s = steps[0].statement;
    slides.push({
      priority: 2.5,
      order: 90,
      slide: { layout: "quote", title: distinct("What happens next", titles) ?? "What happens next", quote: s.text, source: s.source },
      outline: `> ${escapeInline(s.text)} [${cites.cite(s.source)}]`,
    });
  }
  return { slides, takeaway, takeawaySource };
}

// "Prepared by Aileen Strachan (Fund Coordinator) · Trustees only.": who wrote the paper, no point of it.
const BYLINE = /^(?:prepared|written|compiled|drafted|authored|produced)\s+by\b/i;

// "the Android 14 crash (PF-2291) was in this flow": a tracker's key in brackets is the team's
// reference, no word an executive reads.
const TICKET_ASIDE = /\s*\((?:[A-Z][A-Z0-9]{1,9}-\d{1,6})(?:[,;]\s*[A-Z][A-Z0-9]{1,9}-\d{1,6})*\)/g;

/** A line without the tracker keys it gives in brackets. */
export function withoutTicketAside(text: string): string {
  return text.replace(TICKET_ASIDE, "");
}

// What someone heard ("Heard from a haulier that …") and a line that is no step of ours ("Will know
// by Friday", "… pulled out on 12 November") are the report's rules too: one definition, team-points.ts.
export { passesOnHearsay as isHearsay, noStepOfOurs } from "./team-points.js";

const NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|thousand|million|half|third|quarter|both|many|several|most|few)$/;

/**
 * A section's best lines for its slide, at most `room`: an incident or problem line ("Complaints rose
 * to 1,214, almost all about low pressure …") the risks slide did not take yields its place to the
 * section's other lines, so a full slide keeps the outcomes it reports ("Leakage fell to 18.2 Ml/d").
 * A section of problems only ("What went wrong") keeps them, by score, as before.
 */
export function bestLines<T extends { score: number; kinds: readonly string[] }>(lines: T[], room: number): T[] {
  const trouble = (s: T) => (s.kinds.includes("issue") && !s.kinds.includes("achievement") ? 1 : 0);
  const kept = [...lines].sort((a, b) => b.score - a.score);
  if (kept.length <= room) return kept;
  return [...kept]
    .sort((a, b) => trouble(a) - trouble(b) || b.score - a.score)
    .slice(0, room)
    .sort((a, b) => b.score - a.score);
}

/**
 * The sentences of one slide about one subject: when every line but the first shares a subject
 * ("Drivers rated the vans 4.3 out of 5", "Two drivers asked to return to diesel") and the first,
 * the best-scored, shares no word with any of them ("Energy cost was 9.1p a mile at our depot
 * tariff"), the first is another point — as the slide's lead it would title bullets about something
 * else. It goes; the others make the slide. A section of mixed points (no subject the rest share)
 * keeps all its lines.
 */
export function onOneSubject<T extends { text: string }>(sentences: T[]): T[] {
  if (sentences.length < 3) return sentences;
  // Words that name something: no number, in digits or in words ("two cafés", "two thirds").
  const stems = sentences.map(
    (s) => new Set([...contentStemsOf(s.text)].filter((w) => w.length >= 4 && !/\d/.test(w) && !NUMBER_WORD.test(w))),
  );
  const [first, ...rest] = stems;
  const shared = [...rest[0]!].filter((w) => rest.every((r) => r.has(w)));
  const alone = rest.every((r) => ![...first!].some((w) => r.has(w)));
  return alone && shared.length > 0 ? sentences.slice(1) : sentences;
}

/**
 * A verbless line ("3-year warranty, extendable to 5 for £140 a unit.") is a list item's detail,
 * not a point to title a slide: the first line that is a statement leads instead.
 */
export function leadsWithAStatement<T extends { text: string }>(sentences: T[]): T[] {
  const first = sentences[0];
  if (!first || hasVerb(first.text)) return sentences;
  const statement = sentences.find((s) => hasVerb(s.text) && isStatementSentence(s.text));
  return statement ? [statement, ...sentences.filter((s) => s !== statement)] : sentences;
}

function listSlide(
  priority: number,
  order: number,
  title: string,
  bullets: Bullet[],
  line: (b: Bullet) => string,
  titles: Set<string>,
): Planned {
  return { priority, order, slide: { title: distinct(title, titles) ?? title, bullets }, outline: bullets.map(line).join("\n") };
}

/** True when two texts are the same words, ignoring case, punctuation and markup. */
function sameWords(a: string, b: string): boolean {
  const words = (t: string) => (t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
  return words(a) === words(b);
}

/**
 * A headline from the best sentence that yields one, preferring one that is not the whole sentence
 * (the sentence is a bullet on the slide); then the section heading; then a sentence's own words.
 */
// A name written as a file's slug: lower case, words joined by hyphens or underscores, no spaces.
const FILE_NAME = /^[a-z0-9]+(?:[-_][a-z0-9]+)+(?:\.[a-z0-9]{2,5})?$/;

/** "Deskwise: API limit of 700 requests per minute" for a title under a heading that names an organisation or product. */
export function namedTitle(title: string, heading: string, insights: Pick<Insights, "entities">, titles: Set<string>): string | null {
  const name = heading.trim();
  // "fw-restated-punctuality" is an upload's file name, not a company the slide is about.
  if (FILE_NAME.test(name)) return null;
  const entity = insights.entities.find((e) => e.name.toLowerCase() === name.toLowerCase());
  if (!entity || (entity.kind !== "organization" && entity.kind !== "product")) return null;
  if (title.toLowerCase().includes(name.toLowerCase())) return null;
  const key = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const next = `${name}: ${lowerFirstWord(title)}`;
  if (titles.has(key(next))) return null;
  titles.delete(key(title));
  titles.add(key(next));
  return next;
}

/** Lower-cases a title's first word unless it is a name or an acronym ("API", "Trello"). */
function lowerFirstWord(t: string): string {
  return /^[A-Z][a-z]+\b/.test(t) && !/^[A-Z][a-z]+\s+[A-Z]/.test(t) ? lowerFirst(t) : t;
}

// "4 is approved" (of "… for Line 4 is approved at €68,000"): a clause cut after a number is no subject.
const NUMBER_SUBJECT = /^[\d.,]+\s+(?:is|are|was|were|has|have)\b/i;
const BARE_SUBJECT = /^(?:the|this|that|these|those|its|their|our|his|her)(?:\s+[\p{L}-]+){1,2}$/iu;

function titleFromSentences(sentences: Sentence[], heading: string, titles: Set<string>): string | null {
  // A quotation is someone's words, never the deck's headline ("The 21 didn't turn up twice…").
  const heads = sentences.slice(0, 3).flatMap((s) => {
    if (/^["“‘']/.test(s.text.trim())) return [];
    // A verbless line stating a figure ("3-year warranty, extendable to 5 for £140 a unit.") is a
    // list item's detail: as a title it names nothing the slide is about. (A labelled line, "Sunday
    // service on route 33: 218 requests", has its label to title with.)
    if (/\d/.test(s.text) && !hasVerb(s.text) && !/^[^:]{3,60}:\s/.test(s.text)) return [];
    const raw = headline(s.text);
    // A title that is its bullet again (word for word or nearly) is shortened to the bullet's gist.
    const h = raw && echoes(raw, s.text) ? (gistHeadline(s.text, heading) ?? raw) : raw;
    return h ? [{ h, whole: echoes(h, s.text) }] : [];
  });
  // "The old behaviour" (of "The old behaviour is available as parseOrThrow()") is a sentence's
  // subject alone: it points at something the title never says.
  const fragment = (h: string) => BARE_SUBJECT.test(h) || NUMBER_SUBJECT.test(h.replace(/^[^:]{1,40}:\s+/, ""));
  for (const { h } of heads.filter((x) => !x.whole && !fragment(x.h))) {
    const t = distinct(h, titles);
    if (t) return t;
  }
  const fallback = cleanHeading(heading);
  if (isPhrase(fallback)) {
    const t = distinct(fallback, titles);
    if (t) return t;
  }
  for (const { h } of heads.filter((x) => x.whole && !fragment(x.h))) {
    const t = distinct(h, titles);
    if (t) return t;
  }
  return null;
}

// A plan's number (a budget, a target, a limit) is what someone wants, not what happened.
const PLAN_METRIC = /\b(?:budget|target|goal|forecast|plan(?:ned)?|cap|limit|threshold|allowance|estimate|quota|ceiling)s?\b/i;
// An audit's or a correction's note, a conversation's remark: true, but no headline to quote.
const AUDIT_NOTE = /\b(?:audit(?:ed|or|ors)?|correction|corrected|revised|restated|erratum|first draft|not the)\b/i;
const BUDGET_REMARK = /\bbudget(?:s|ed)?\b/i;
const BOUND_VALUE = /^(?:above|below|under|over|more than|less than|at least|at most|up to|<|>|≤|≥)/i;
const THRESHOLD_BEFORE = /\b(?:below|under|above|over|less than|more than|at least|at most|up to|within)\s+$/i;

/** A sentence no takeaway quotes: an audit note, a plan's figure, a remark that points back. */
function notHeadline(text: string, insights: Insights): boolean {
  return AUDIT_NOTE.test(text) || BUDGET_REMARK.test(text) || isAnaphoric(text) || insights.corrections.some((c) => c.sentence === text);
}

/**
 * The headline outcome among the key figures: never a budget, target or limit, a threshold
 * ("below 0.5%"), a figure set for the future, or a value only a correction states in passing;
 * among the first three outcomes, one with its stated change leads ("up 13.2%").
 */
function takeawayFigures(figures: Figure[], insights: Insights): Figure[] {
  // Where the key figures set several options side by side (vendors' prices), one option's figure is
  // a cell of the comparison, not the headline.
  const words = (m: string) => m.toLowerCase().replace(/_+/g, " ").trim();
  const sameMetric = (a: string, b: string) => {
    const [x, y] = [words(a), words(b)];
    return x !== "" && y !== "" && (x === y || x.startsWith(`${y} `) || y.startsWith(`${x} `));
  };
  const compared = (f: Figure) =>
    new Set(insights.figures.filter((g) => g.entity && sameMetric(g.metric, f.metric)).map((g) => g.entity)).size >= 3;
  const outcomes = figures.filter((f) => {
    if (PLAN_METRIC.test(f.metric) || isFuture(f) || BOUND_VALUE.test(f.value) || seriesCell(f)) return false;
    if (f.entity && !f.change && compared(f)) return false;
    const at = f.sentence.indexOf(f.value);
    if (at > 0 && THRESHOLD_BEFORE.test(f.sentence.slice(Math.max(0, at - 14), at))) return false;
    const before = at > 0 ? f.sentence.slice(0, at) : f.sentence;
    const clause = before.split(/[,;]/).at(-1) ?? "";
    if (PLAN_METRIC.test(clause) || isRequirement(f)) return false;
    // From an audit's note, only a figure with a label the takeaway can be rebuilt on.
    return !notHeadline(f.sentence, insights) || hasProperLabel(f);
  });
  // The most relevant item's opening figure with its move leads, wherever it ranks among the outcomes.
  const opening = outcomes.find((f) => isOpening(f, insights));
  const first = outcomes.slice(0, 3);
  if (opening) return [opening, ...first.filter((f) => f !== opening)];
  const moved = first.find((f) => f.change && changeText(f) !== "" && hasProperLabel(f));
  return moved ? [moved, ...first.filter((f) => f !== moved)] : first;
}

/**
 * The takeaway a headline figure makes, or null when the figure cannot carry one: a figure whose
 * label is a single vague word ("Sync: below 0.5%") says less than the items' strongest statement.
 */
function figureTakeaway(top: Figure, insights: Insights): string | null {
  const label = figureLabel(top);
  const labelled = label.split(/\s+/).length >= 2 || top.unit === "currency";
  // Amounts, rates and changes read well rebuilt from the fact; a count reads best as its own clause
  // — unless that clause is an audit's note or a table's row, rebuilt from the fact too.
  const quotable = !top.sentence.includes(" | ") && !notHeadline(top.sentence, insights);
  const strong = top.unit === "currency" || top.unit === "percent" || !!top.change || (!quotable && hasProperLabel(top));
  const clause = quotable ? headline(top.sentence, 140) : null;
  const text = strong || !clause ? `${figureSentence(top, false)}${againstStatedTarget(top, insights.figures)}.` : `${clause}.`;
  if (!labelled && !clause) return null;
  if (!labelled && strong) return null;
  return text.split(/\s+/).length >= 5 ? text : null;
}

/**
 * One cell of a table's series: a row labelled by a date or a period ("2 Nov | 3 | 520 | 0 | 96",
 * "Week 3 | …") whose figure is labelled by its column alone. It is one week's value, never the
 * deck's headline.
 */
export function seriesCell(f: Pick<Figure, "sentence" | "metric">): boolean {
  if (!f.sentence.includes(" | ")) return false;
  const row = f.sentence.split(" | ")[0]!.trim();
  if (f.metric.toLowerCase().includes(row.toLowerCase())) return false;
  return SERIES_ROW.test(row);
}
const SERIES_ROW =
  /^(?:\d{1,2}(?:st|nd|rd|th)?\s+\p{L}{3,9}\.?(?:\s+\d{4})?|\p{L}{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{4}-\d{2}(?:-\d{2})?|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|(?:week|wk|month|day|period|sprint|round)\s*\d+|q[1-4](?:\s+\d{4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\p{L}*(?:\s+\d{4})?|(?:19|20)\d{2})$/iu;

/** A figure a slide can show alone as its big number. */
export function bigNumberWorthy(f: Figure): boolean {
  if (!/\d/.test(f.value) || seriesCell(f)) return false;
  // A bare count under a one-word label ("Seats 70", "Suppliers 3") says nothing alone.
  const words = figureLabel(f)
    .split(/\s+/)
    .filter((w) => w !== "");
  return f.unit === "currency" || f.unit === "percent" || !!f.change || words.length >= 2;
}

/** One sentence, however its spaces were kept. */
function oneSentence(a: string, b: string): boolean {
  return a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();
}

/**
 * A takeaway states a figure or names what the topic names, and is never an instruction to the
 * writer or the team ("Do not mention …"): an e-mail's aside ("Nothing is agreed and staff do not
 * know.") is a true sentence, and no headline.
 */
function aboutTheTopic(st: { text: string; source: SourceRef }, insights: Insights): boolean {
  const s = insights.sentences.find((x) => x.source.id === st.source.id && x.text === st.text);
  if (!s || isDirective(s.text) || (s.kinds as readonly string[]).includes("directive")) return false;
  return s.figures.length > 0 || s.topicHits > 0;
}

/** The strongest statement for a takeaway: a decision, then an achievement, then a risk, focused first. */
function strongestStatement(insights: Insights): { text: string; source: SourceRef } | null {
  for (const kind of ["decision", "achievement", "risk"] as const) {
    const list = insights.statements.filter(
      (s) =>
        s.kind === kind &&
        s.text.split(/\s+/).length >= 5 &&
        !notHeadline(s.text, insights) &&
        isStatementSentence(s.text) &&
        aboutTheTopic(s, insights),
    );
    const best = [...list].sort((a, b) => Number(b.focused) - Number(a.focused) || b.score - a.score)[0];
    if (best) return best;
  }
  return null;
}

function notesOf(sentences: Sentence[]): string {
  // The full sentences, in case a bullet was shortened: the speaker can quote the source.
  return sentences.map((s) => `${s.text} (Source: ${s.source.title})`).join("\n");
}

/**
 * Bar labels without the words every label shares ("Northgate Library's average attendance",
 * "Eastbank School's average attendance" → "Northgate Library", "Eastbank School"), and those
 * words ("average attendance"), which belong in the chart's title. Unchanged when nothing is shared
 * or stripping would leave a label empty or two labels alike.
 */
export function barLabels(labels: string[]): { labels: string[]; common: string } {
  const words = labels.map((l) => l.split(/\s+/).filter((w) => w !== ""));
  if (words.length < 2) return { labels, common: "" };
  const same = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && a.toLowerCase().replace(/['’]s$/, "") === b.toLowerCase().replace(/['’]s$/, "");
  let pre = 0;
  while (words.every((w) => same(w[pre], words[0]![pre]) && pre < w.length - 1)) pre++;
  let suf = 0;
  while (words.every((w) => same(w[w.length - 1 - suf], words[0]![words[0]!.length - 1 - suf]) && suf < w.length - 1 - pre)) suf++;
  if (pre === 0 && suf === 0) return { labels, common: "" };
  const stripped = words.map((w) =>
    capitalise(
      w
        .slice(pre, w.length - suf)
        .join(" ")
        .replace(/['’]s$/, "")
        .replace(/\s+(?:of|for|in|at|by|on|and|the)$/i, ""),
    ),
  );
  if (stripped.some((l) => l === "") || new Set(stripped.map((l) => l.toLowerCase())).size < stripped.length) return { labels, common: "" };
  const first = words[0]!;
  const common = [...first.slice(0, pre), ...first.slice(first.length - suf)]
    .join(" ")
    .replace(/^(?:of|for|in|at|by|on|and|the)\s+/i, "")
    .replace(/\s+(?:of|for|in|at|by|on|and|the|from|to)$/i, "")
    .trim();
  return { labels: stripped, common };
}

function chartSlide(figures: Figure[], cites: Citations, titles: Set<string>): Planned {
  const full = figures.map((f) => figureLabel(shareLabelled(f)));
  const { labels, common } = barLabels(full);
  const short = labels.every((l) => l.length <= 14);
  const sources = [...new Map(figures.map((f) => [f.source.id, f.source])).values()];
  const list = labels.slice(0, 3).map((l, i) => (i === 0 ? l : l.toLowerCase()));
  const period = figures.every((f) => f.period && f.period === figures[0]?.period) ? figures[0]?.period : undefined;
  // A chart is titled by what it measures ("Share of parcels delivered on time, December"): the bars name who.
  const named = common
    ? common.split(/\s+/).length >= 2
      ? `${capitalise(common)}${period ? `, ${period}` : ""}`
      : `${capitalise(common)}: ${list.length > 2 ? `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}` : labels.join(" and ")}`
    : `How ${list.length > 2 ? `${list.slice(0, -1).join(", ")} and ${list.at(-1)}` : list.join(" and ")} compare`;
  const fallback = common
    ? `${capitalise(common)} compared`
    : figures[0]?.unit === "percent"
      ? "How the rates compare"
      : "How the figures compare";
  const title =
    distinct(named.length <= 64 && figures.length <= 3 ? named : `${fallback}${period ? `, ${period}` : ""}`, titles) ??
    `${fallback}, side by side`;
  return {
    priority: 1,
    order: 2,
    slide: {
      layout: "chart",
      title,
      chart: {
        type: short ? "column" : "bar",
        labels,
        series: [{ name: period ?? "Value", values: figures.map((f) => f.number ?? 0) }],
        valueFormat: chartFormat(figures),
      },
      caption: chartCaption(figures),
      footnote: `Source: ${sources.map((s) => `${s.title} [${cites.cite(s)}]`).join("; ")}`,
    },
    outline: figures
      .map(
        (f) =>
          `- ${escapeInline(figureLabel(f))}: **${escapeInline(f.value)}**${f.period ? ` (${escapeInline(f.period)})` : ""} [${cites.cite(f.source)}]`,
      )
      .join("\n"),
  };
}

/**
 * What the reader should see in a chart, not its values again: the highest and the lowest bar, and
 * a stated change where one figure moved. Values verbatim.
 */
export function chartCaption(figures: Figure[]): string {
  const ranked = [...figures].filter((f) => f.number !== null).sort((a, b) => (b.number ?? 0) - (a.number ?? 0));
  const high = ranked[0];
  const low = ranked.at(-1);
  if (!high || !low || high === low) return figures.map((f) => `${figureLabel(f)}: ${f.value}`).join(" · ");
  const parts = [
    high.number === low.number
      ? `All ${figures.length} stand at ${high.value}.`
      : `Highest: ${figureLabel(high)}, ${high.value}. Lowest: ${figureLabel(low)}, ${low.value}.`,
  ];
  const moved = figures.find((f) => f.change && changeText(f));
  if (moved) parts.push(`${figureLabel(moved)}: ${changeText(moved)}.`);
  return parts.join(" ");
}

function bigNumberSlide(top: Figure, others: Figure[], cites: Citations, titles: Set<string>, all: readonly Figure[] = []): Planned {
  // The title slide already says the whole sentence: here the headline is the metric and its move.
  // "Lost mileage from 1.2%" has no verb: a change that is only the value before is said in a sentence.
  const change = changeText(top, true);
  const phrase =
    change && !change.startsWith("from ")
      ? `${figureLabel(top)} ${change}`
      : (headline(figureSentence(top, false), 72) ?? `${figureLabel(top)} at a glance`);
  const title = distinct(phrase, titles) ?? `${figureLabel(top)}, the headline figure`;
  const label = `${figureLabel(top)}${top.period && !top.value.includes(top.period) ? `, ${top.period}` : ""}`;
  const detail = rowCells(top, all)[1].replace(/^—$/, "") || undefined;
  const sources = [...new Map([top, ...others].map((f) => [f.source.id, f.source])).values()];
  return {
    priority: 1,
    // Before the table: the headline, then the detail.
    order: 0.5,
    slide: {
      layout: "big-number",
      title,
      value: top.value,
      label,
      detail,
      others: others.map((f) => ({ value: f.value, label: figureLabel(f) })),
      source: top.source,
      footnote: `Source: ${sources.map((s) => `${s.title} [${cites.cite(s)}]`).join("; ")}`,
    },
    outline: [
      `**${escapeInline(top.value)}** — ${escapeInline(label)}${detail ? ` (${escapeInline(detail)})` : ""} [${cites.cite(top.source)}]`,
      ...others.map((f) => `- ${escapeInline(figureLabel(f))}: ${escapeInline(f.value)} [${cites.cite(f.source)}]`),
    ].join("\n"),
  };
}

function tableSlide(figures: Figure[], cites: Citations, titles: Set<string>, figuresAll: readonly Figure[], named?: string): Planned {
  const periods = [...new Set(figures.map((f) => f.period).filter((x): x is string => !!x))];
  const title =
    distinct(
      named ??
        (periods.length === 1 && figures.every((f) => f.period === periods[0])
          ? `Key figures for ${periods[0]}`
          : "Key figures at a glance"),
      titles,
    ) ?? "Key figures in one table";
  const cells = figures.map((f) => [
    figureLabel(f) + (f.period && periods.length > 1 && !f.value.includes(f.period) ? ` (${f.period})` : ""),
    ...rowCells(f, figuresAll),
    f.source.title,
  ]);
  const refs = figures.map((f) => `[${cites.cite(f.source)}]`);
  const rows = cells.map((r, i) => [...r.slice(0, 3), `${r[3]} ${refs[i]}`]);
  const columns = ["Metric", "Value", "Change", "Source"];
  return {
    priority: 1.5,
    order: 1,
    slide: {
      layout: "table",
      title,
      columns,
      rows,
      footnote: "Values exactly as the sources state them; [n] is the source's number on the Sources slide.",
    },
    outline: [
      `| ${columns.join(" | ")} |`,
      `| ${columns.map(() => "---").join(" | ")} |`,
      ...cells.map((r, i) => `| ${r.map((c) => escapeCell(c)).join(" | ")} ${refs[i]} |`),
    ].join("\n"),
  };
}

/** The sources' own table of entities × measures, as they lay it out; a corrected cell says so. */
function matrixSlide(
  matrix: FigureMatrix,
  cites: Citations,
  titles: Set<string>,
  options?: { title: string; caption: string | undefined; priority: number },
): Planned {
  const n = cites.cite(matrix.source);
  const by = cleanHeading(matrix.columns[0] ?? "");
  const title =
    distinct(options?.title ?? (by ? `Key figures by ${lowerFirstWord(by)}` : "Key figures at a glance"), titles) ??
    "Key figures in one table";
  const caption = options?.caption;
  const fixes = matrix.corrections.map((c) => ` ${c.wrong} corrected to ${c.right} [${cites.cite(c.source)}].`).join("");
  const footnote = `Source: ${matrix.source.title} [${n}].${fixes} Values exactly as the sources state them.`;
  // The outline's footnote keeps its [n] unescaped: the deck's citations are renumbered from them.
  const outlineNote = `Source: ${escapeInline(matrix.source.title)} [${n}].${matrix.corrections
    .map((c) => ` ${escapeInline(c.wrong)} corrected to ${escapeInline(c.right)} [${cites.cite(c.source)}].`)
    .join("")} Values exactly as the sources state them.`;
  return {
    priority: options?.priority ?? 1.2,
    order: 0.8,
    slide: { layout: "table", title, columns: matrix.columns, rows: matrix.rows, footnote, caption },
    outline: [
      `| ${matrix.columns.map((c) => escapeCell(c)).join(" | ")} |`,
      `| ${matrix.columns.map(() => "---").join(" | ")} |`,
      ...matrix.rows.map((r) => `| ${r.map((c) => escapeCell(c)).join(" | ")} |`),
      "",
      ...(caption ? [captionLine(caption), ""] : []),
      outlineNote,
    ].join("\n"),
  };
}

const COUNT_WORDS = ["", "one", "two", "three", "four", "five", "six"];

/**
 * The options of a decision, side by side: one row per option, the terms most of them state (each
 * cell verbatim, a value a source corrects said with its correction), and under the table the
 * author's recommendation as written, else which option is out of the running.
 */
function optionsTitle(choice: DecisionOptions): string {
  const n = choice.rows.length;
  return `The ${COUNT_WORDS[n] ?? n} options side by side`;
}

/** Under the options: the author's recommendation as written, else which option is out of the running. */
function optionsCaption(choice: DecisionOptions, insights: Insights, cites: Citations): string | undefined {
  const said = (s: Sentence) => {
    const c = correctionFor(s.text, insights.corrections);
    return c ? s.text.replace(c.wrong, `${c.wrong} (corrected to ${c.right})`) : s.text;
  };
  const out = choice.withdrawn[0];
  return choice.advice
    ? `${/\brecommend/i.test(choice.advice.text) ? "" : "Recommended: "}${said(choice.advice)} [${cites.cite(choice.advice.source)}]`
    : out
      ? `No longer in the running: ${said(out)} [${cites.cite(out.source)}]`
      : undefined;
}

function optionsSlide(choice: DecisionOptions, insights: Insights, cites: Citations, titles: Set<string>): Planned {
  const title = distinct(optionsTitle(choice), titles) ?? "The options and their terms";
  const columns = ["Option", ...choice.columns.map(cleanHeading)];
  const rows = choice.rows.map((r) => [r.name, ...r.cells.map((c) => c?.text ?? "—")]);
  const sources = [...new Map(choice.rows.flatMap((r) => r.cells.flatMap((c) => (c ? [c.source] : []))).map((s) => [s.id, s])).values()];
  const caption = optionsCaption(choice, insights, cites);
  const footnote = `Source: ${sources.map((s) => `${s.title} [${cites.cite(s)}]`).join("; ")}. Terms as the sources state them.`;
  return {
    priority: 0.5,
    order: 0.9,
    slide: { layout: "table", title, columns, rows, caption, footnote },
    outline: [
      `| ${columns.map((c) => escapeCell(c)).join(" | ")} |`,
      `| ${columns.map(() => "---").join(" | ")} |`,
      ...rows.map((r) => `| ${r.map((c) => escapeCell(c)).join(" | ")} |`),
      "",
      ...(caption ? [captionLine(caption), ""] : []),
      `Source: ${sources.map((s) => `${escapeInline(s.title)} [${cites.cite(s)}]`).join("; ")}.`,
    ].join("\n"),
  };
}

/** A caption in the outline: its words in bold, its [n] after them. */
function captionLine(caption: string): string {
  return `**${escapeInline(caption.replace(/ \[\d+\]$/, ""))}** ${/\[\d+\]$/.exec(caption)?.[0] ?? ""}`;
}

/** A customer's own words, when a statement quotes them: the deck's one quote slide. */
function customerQuote(insights: Insights, used: Set<string>): { title: string; quote: string; who?: string; source: SourceRef } | null {
  for (const st of insights.statements) {
    if (st.kind !== "customer_voice" || !st.focused || used.has(st.text)) continue;
    const m = /[“"]([^”"]{12,220})[”"]/.exec(st.text);
    if (!m?.[1]) continue;
    used.add(st.text);
    return { title: "In the customers' own words", quote: m[1].trim(), who: st.who, source: st.source };
  }
  return null;
}

function renumberSlide(slide: SlideSpec, renumber: (t: string) => string): SlideSpec {
  const footnote = slide.footnote ? renumber(slide.footnote) : undefined;
  if (slide.layout === "table")
    return {
      ...slide,
      footnote,
      rows: slide.rows.map((r) => r.map(renumber)),
      caption: slide.caption ? renumber(slide.caption) : undefined,
    };
  return { ...slide, footnote };
}

function describeSlides(layouts: string[]): string {
  const count = layouts.length;
  const kinds = [
    layouts.includes("table") ? "a key-figures table" : "",
    layouts.includes("chart") ? "a chart" : "",
    layouts.includes("big-number") ? "a headline figure" : "",
  ].filter((k) => k !== "");
  // In words: the grounding check reads this text too, and a slide count is not a fact of the sources.
  return `${count === 1 ? "one content slide" : "content slides"}${kinds.length ? ` including ${kinds.join(", ")}` : ""}`;
}
