// Status report (PDF + Markdown), composed from the fact model: the period from the topic (or the
// chosen period, or the items' periods); a summary written as sentences built from the key figures;
// progress; a key-figures table with clean cells; a timeline; risks from the risk statements (and
// "none recorded" only when no item states one); next steps; sources. Call-outs (GitHub alerts)
// mark the headline and the top risk.
import type { SourceRef } from "../context.js";
import { slugify } from "../skills/filename.js";
import {
  Citations,
  capitalise,
  correctionAfter,
  escapeCell,
  escapeInline,
  factLine,
  figureLabel,
  figureSentence,
  rebuildsFaithfully,
  focus,
  hasProperLabel,
  isRequirement,
  lowerFirst,
  nothingFound,
  param,
  pickSentences,
  stripLabel,
  type Composer,
} from "./compose-kit.js";
import { correctionLine, mentionsValue, type Correction } from "./corrections.js";
import { hasVerb, isAnaphoric, isLetterRequest, isStatementSentence, stepSentence, withoutClauseNumber } from "./sentence-kinds.js";
import {
  againstStatedTarget,
  dealTerms,
  figureMatrix,
  correctsACell,
  isRecordCell,
  measuredFirst,
  namedByRow,
  rowCells,
  totalsFirst,
  withoutRepeatedFigures,
} from "./key-figure-rows.js";
import { authorsHeadline, isAuthorsLead, withoutLeadLabel } from "./authors-summary.js";
import { isOpening } from "./opening-figure.js";
import { isShorthand, shorthandItems } from "./shorthand-notes.js";
import { correctionNote, pointsToLayout, readsAlone, restatedCorrected } from "./correction-note.js";
import { authorsIssues, sortStepsAndRisks, withAuthorsSteps } from "./steps-and-risks.js";
import { authorsProgress, passesOnHearsay, teamPoints, withListTitles } from "./team-points.js";
import { needsItsQuestion } from "./question-answers.js";
import { isSpokenRemark } from "./spoken-remarks.js";
import { isReaderNotice } from "./reader-notices.js";
import { statedLength, statedSpan } from "./stated-span.js";
import { resultLines } from "./results-section.js";
import { resultsTitle, withoutReferenceLines } from "./report-references.js";
import { achievementsOf, keyFigures, nextSteps, risksBesides, risksOf, type NextStep } from "./facts.js";
import type { Figure, Insights, Sentence } from "./insights.js";

export const SECTION_TITLES: Record<string, string> = {
  summary: "Summary",
  progress: "Progress",
  figures: "Key figures",
  timeline: "Timeline",
  risks: "Risks and issues",
  next: "Next steps",
};
const DEFAULT_SECTIONS = ["summary", "progress", "figures", "timeline", "risks", "next"];

// What was done or reached, including the outcomes of a service or a programme ("Fifty-seven
// volunteers gave 3,420 hours", "206 children moved up a reading band", "we served 6,240 households").
// Verb forms only: "delivery in 9 months", "an improvement plan" and "the completion date" are nouns
// and report nothing done.
const PROGRESS =
  /\b(?:complet(?:ed|es|ing|e)|finish(?:ed|es|ing)?|shipped|launch(?:ed|es|ing)?|deliver(?:ed|s|ing)?|grew|grow(?:s|ing|n)?|increas(?:ed|es|ing)|improv(?:ed|es|ing)|rose|reached|hired|signed|opened|achiev(?:ed|es|ing)|closed|approved|released|migrated|won|exceed(?:ed|s|ing)?|cut|fell|gave|moved up|served|helped|trained|enrolled|distributed|handed out|supported|raised|donated|volunteered|placed|recruited)\b/i;
// "Voltaro's 14-month delivery would miss the deadline": what could happen is no progress.
const HYPOTHETICAL = /\b(?:would|could|might|if)\b/i;

/**
 * The sentence says something moved ("Sign-ups grew…", "We signed the lease"); a participle used as an
 * adjective ("The approved budget is $15,000") states how things stand, not progress.
 */
export function reportsProgress(text: string): boolean {
  if (HYPOTHETICAL.test(text)) return false;
  const re = new RegExp(PROGRESS.source, "gi");
  for (const m of text.matchAll(re)) {
    const before = text.slice(0, m.index).trimEnd().split(/\s+/).at(-1) ?? "";
    if (!/^(?:the|a|an|our|their|its|this|that)$/i.test(before)) return true;
  }
  return false;
}

// "Covers 1 September – 31 December 2025", "Prepared by … for the meeting on 14 January": the
// document's own header, not something that happened.
// "Last edited 4 Nov 2026.", "Circulated 14 September 2026.", "exported 2026-10-01 07:30 by …",
// "Subject: …": when the document was written or sent, not an event of the project.
const DOCUMENT_LINE =
  /^(?:(?:covers|covering|prepared (?:for|by)|recorded|reporting period|period covered|as of|as at|(?:last )?(?:updated|edited|modified|revised|saved)|circulated|exported|issued|drafted|sent|version)\b|(?:subject|date|sent|from|to)\s*:)/i;
const WEEKDAY = /(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*$/i;
// "up 22% on the same months of 2024", "compared with 2024": a date a figure is compared with.
const COMPARED_WITH =
  /(?:\bsame\s+(?:\w+\s+){0,2}(?:of|in)|\bcompared\s+(?:with|to)|\bthan(?:\s+in)?|\bversus|\bvs\.?|\b(?:up|down)\s+from)\s+(?:the\s+)?$/i;

/** An event a timeline lists: something that happens on its date, not a document's header or a comparison's base. */
export function isTimelineEvent(e: { date: string; sentence: string }): boolean {
  if (DOCUMENT_LINE.test(e.sentence.trim())) return false;
  // "Q2", "H1": a period the whole report may be about, not the day something happens.
  if (/^(?:Q[1-4]|H[12])$/i.test(e.date.trim())) return false;
  const at = e.sentence.indexOf(e.date);
  if (at < 0) return true;
  const before = e.sentence.slice(Math.max(0, at - 40), at);
  if (COMPARED_WITH.test(before) || COMPARED_ON.test(before) || (/\(\s*$/.test(before) && BASE_IN_BRACKETS.test(e.sentence.slice(at))))
    return false;
  // "2026-10-26 to 2026-11-05": dates alone say nothing that happened.
  const rest = e.sentence.replace(e.date, " ");
  if (!/\p{L}{3}/u.test(rest.replace(/\b(?:to|and|from|until|till)\b/gi, " "))) return false;
  // "Evaluation by Fleet Engineering, June 2026.", "Reporting period: February 2026", "NSW sales
  // debrief — video call, Wednesday 28 October 2026": a header, no event. A date set off by a comma
  // or a colon (its weekday between) in a line with no verb is a byline's or a header's.
  const lead = before.replace(WEEKDAY, "");
  return !(/[,:]\s*$/.test(lead) && !hasVerb(rest));
}

// "up 6.4% on Q2 2025": the period a change is measured on.
const COMPARED_ON =
  /\b(?:up|down|rise|fall|increase|decrease|higher|lower)\s+(?:of\s+)?[\d.,]+\s*(?:%|per\s?cent|points?|pp)?\s+on\s+(?:the\s+)?$/i;
// "(Q2 2025: 412)": the earlier period's value, in brackets after the date.
const BASE_IN_BRACKETS = /^[^()]{0,20}:\s*[^()]{1,20}\)/;

const WISH = /\b(?:wants?|wanted|wishes|would like|needs? to|should|asks? for|asked for)\b/i;

export interface ReportPeriod {
  /** "Quarterly", "Monthly", "Weekly", "Half-year", "Annual", or "" when nothing says. */
  adjective: string;
  /** The period as the items state it ("Q3 2026"), when they do. */
  label?: string | undefined;
  source?: SourceRef | undefined;
}

const MONTHS =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/g;
const ADJECTIVE: Record<string, string> = { weekly: "Weekly", monthly: "Monthly", quarterly: "Quarterly" };

/** What kind of period a phrase names: "Q3" → Quarterly, "September" → Monthly, "week 42" → Weekly. */
export function periodKind(given: string): string | null {
  // "six-month results", "a 12-week pilot", "the first six months": a length the period runs, not
  // how often the report comes — "six-month results" are no monthly report.
  const text = given.replace(LENGTH_OF_PERIOD, " ");
  // A frequency said outright outranks a date in the topic: "annual report, year ended 31 March
  // 2026" is annual, not monthly because it names a month.
  if (/\b(?:annual|yearly|year[- ]end(?:ed|ing)?|financial year|fiscal year|school year|FY\s?\d{2,4}(?:[-–/]\d{2,4})?)\b/i.test(text))
    return "Annual";
  if (/\bmonthly\b/i.test(text)) return "Monthly";
  if (/\bweekly\b/i.test(text)) return "Weekly";
  if (/\b(?:Q[1-4]|quarter(?:ly)?)\b/i.test(text)) return "Quarterly";
  if (/\b(?:H[12]|half[- ]year(?:ly)?|first half|second half)\b/i.test(text)) return "Half-year";
  if (/\b(?:january|february|march|april|may|june|july|august|september|october|november|december|month(?:ly)?)\b/i.test(text))
    return "Monthly";
  if (/\b(?:week(?:ly)?|sprint|CW\s?\d{1,2}|W\d{1,2})\b/i.test(text)) return "Weekly";
  if (/\b(?:FY\s?\d{2,4}|annual|yearly|year)\b/i.test(text)) return "Annual";
  return null;
}

const LENGTH_OF_PERIOD =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four|\d{1,2})[- ](?:months?|weeks?)\b/gi;

/**
 * The period: named by the topic first, then the chosen parameter, then the period the items are
 * about — the one most of them name, in a title or heading or more than once, never a single
 * remark ("Finance wants the Q4 launch budget cut" does not make a launch retrospective quarterly).
 */
export function reportPeriod(topic: string, chosen: string, insights: Insights): ReportPeriod {
  // "peak season 2025 review, September to December": a span the topic states itself, of no
  // standard length — no adjective ("Monthly" would be wrong) and no other period beside it.
  const months = new Set(topic.toLowerCase().match(MONTHS) ?? []);
  if (months.size >= 2 || /\b(?:season|campaign)\b/i.test(topic)) return { adjective: "" };
  const fromTopic = periodKind(topic);
  const stated = dominantPeriod(insights.periods);
  // "six-month report (April–September 2026)": a span the items state is no month; the adjective
  // is the length the author gives it ("Six-month"), or none.
  const span = fromTopic || ADJECTIVE[chosen] ? undefined : statedSpan(insights);
  if (span) return { adjective: statedLength(insights) ?? "", label: span.period, source: span.source };
  if (fromTopic) {
    // The items' period that matches the topic's ("Q3" → "Q3 2026"), for the subtitle.
    const match = insights.periods
      // A year alone is no match: "March 2026" is not the "February 2026" the topic names.
      .filter((p) => periodKind(p.period) === fromTopic && sharesToken(p.period.replace(/\b(?:19|20)\d{2}\b/g, " "), topic))
      .sort((a, b) => b.period.length - a.period.length)[0];
    return { adjective: fromTopic, label: match?.period, source: match?.source };
  }
  const asked = ADJECTIVE[chosen];
  if (asked) {
    // "Weekly" asked for and the items about November: the label must be of the kind asked for.
    const same = stated && periodKind(stated.period) === asked ? stated : undefined;
    return { adjective: asked, label: same?.period, source: same?.source };
  }
  if (stated) return { adjective: periodKind(stated.period) ?? "", label: stated.period, source: stated.source };
  return { adjective: statedLength(insights) ?? "" };
}

/** The period with the most weight, when more than one passing mention supports it (ties: the first). */
export function dominantPeriod<P extends { period: string; weight?: number | undefined }>(periods: readonly P[]): P | undefined {
  let best: P | undefined;
  for (const p of periods) {
    const w = p.weight ?? 3;
    if (w >= 2 && (!best || w > (best.weight ?? 3))) best = p;
  }
  return best;
}

function sharesToken(a: string, b: string): boolean {
  const words = new Set(b.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  return (a.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).some((w) => words.has(w));
}

export const reportComposer: Composer = {
  draft: { content: "Write the report", activeForm: "Writing the report" },
  render: { content: "Typeset the PDF", activeForm: "Typesetting the PDF" },
  compose(input) {
    const { topic, parameters: p } = input;
    const insights = input.insights;
    const detail = param.str(p, "detail_level", "standard");
    const sections = param.list(p, "sections", DEFAULT_SECTIONS);
    const points = Math.min(param.int(p, "points_per_section", 5, 2, 12), detail === "brief" ? 3 : 12);
    const period = reportPeriod(topic, param.str(p, "period", "auto"), insights);
    // A topic that already names its report ("annual finance report to trustees …") is the title.
    const title = /\breport\b/i.test(topic)
      ? capitalise(topic)
      : `${period.adjective ? `${period.adjective} status report` : "Status report"} — ${capitalise(topic)}`;
    const cites = new Citations();
    const parts: string[] = [`# ${escapeInline(title)}`];
    // The sections the reader gets, and any given a heading that fits what the items hold ("Results").
    const shown = new Set<string>();
    const retitled = new Map<string, string>();
    // Sections the request names itself: there, "none recorded" is an answer the reader asked for.
    const asked = Array.isArray(p["sections"]) ? p["sections"].map(String) : [];
    const ranked = focus(insights);

    if (ranked.length === 0 && insights.figures.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      if (period.label && period.source) parts.push(`*Period: ${escapeInline(period.label)} [${cites.cite(period.source)}]*`);
      // Each measure once (a table row and a sentence can name one measure twice).
      const wanted = detail === "detailed" ? 10 : points + 2;
      // A before/after table's measured rows lead (see `measuredFirst`); an export's record cells are no key figures.
      // A figure someone passed on ("someone reckons prices rise 12%") is no key figure.
      // A row of an export keyed by record codes is named by its name column (`namedByRow`).
      const pool = namedByRow(keyFigures(insights, 40), insights);
      // A table's total row leads the rows it sums (`totalsFirst`).
      const keyRanked = totalsFirst(
        namedByRow(withoutRepeatedFigures(measuredFirst(keyFigures(insights, wanted + 3), pool), insights.figures), insights),
      ).filter((f) => !passesOnHearsay(f.sentence));
      // Figures from a table of entities × measures are shown as that table; the key-figures table lists the others.
      const matrix = figureMatrix(keyRanked, insights);
      // The author's headline figure, which the summary opens with, heads the table too; else the
      // sentence under the author's own "Headline" heading opens the summary, as written.
      // (also when the opening figure is one of that sentence's: as written, it says more than rebuilt).
      const authors = authorsHeadline(
        insights,
        (s) =>
          !insights.corrections.some((c) => c.sentence !== s.text && mentionsValue(s.text, c.wrong)) &&
          isStatementSentence(s.text) &&
          !isAnaphoric(s.text),
        { framed: true },
      );
      const openingFigure = keyRanked.slice(0, wanted).find((f) => isOpening(f, insights));
      // A paragraph the author opened with "TL;DR —" or "In short:" is their own summary: it leads
      // over any figure rebuilt from a table.
      // (also when the opening figure is stated in the author's own summary, a sentence or two below
      // the one quoted: their summary says it, with the findings beside it that no figure rebuilds —
      // "The assay was validated (CV 6.8% …), and the interim analysis found … (HR 1.42 …)").
      const inAuthorsSummary = (f: Figure, a: Sentence) =>
        insights.sentences.some(
          (s) =>
            s.source.id === a.source.id &&
            s.section === a.section &&
            s.position > a.position &&
            s.text === f.sentence.replace(/\s+/g, " ").trim(),
        );
      const written =
        !openingFigure ||
        (authors &&
          (isAuthorsLead(authors) ||
            openingFigure.sentence.replace(/\s+/g, " ").trim() === authors.text ||
            inAuthorsSummary(openingFigure, authors)))
          ? authors
          : undefined;
      // Beside the matrix, the figures that read as rows: a proper label, a value of their own, and
      // not the summary's headline sentence again.
      const listed = (
        matrix
          ? withoutRepeatedFigures(pool, insights.figures).filter(
              (f) =>
                !matrix.sentences.has(f.sentence) &&
                !isRecordCell(f) &&
                !passesOnHearsay(f.sentence) &&
                !correctsACell(f, matrix) &&
                hasProperLabel(f) &&
                rowCells(f, insights.figures)[0] !== "—" &&
                f.sentence !== written?.text,
            )
          : // The summary quotes the author's "TL;DR" sentence whole: its figures are not rows of their own.
            keyRanked.filter((f) => !(written && isAuthorsLead(written) && f.sentence.replace(/\s+/g, " ").trim() === written.text))
      ).slice(0, wanted);
      const opening = listed.find((f) => isOpening(f, insights));
      const figures = opening ? [opening, ...listed.filter((f) => f !== opening)] : listed;
      // A shift log's shorthand ("Temp ctrl zone 3 slow again!!") is a note to the next shift: no risk, step or point.
      const logs = shorthandItems(insights.sentences);
      // A chat export or a transcript is the team's talk as it was typed ("GHSA draft is ready"): it
      // may support a point, but is no point of progress of its own.
      const talk = new Set(insights.conversations ?? []);
      const note = (s: { text: string; source: SourceRef }) => logs.has(s.source.id) || isShorthand(s.text);
      const openingOf = (e: { sentence: string; source: SourceRef }) =>
        insights.sentences.some(
          (s) => s.source.id === e.source.id && s.position === 0 && s.text === e.sentence.replace(/\s+/g, " ").trim(),
        );
      // The team's points only: no chat line, no promise to a newsletter's readers (team-points.ts).
      const team = teamPoints(insights);
      const sorted = sortStepsAndRisks(
        withAuthorsSteps(nextSteps(insights), insights).filter((s) => !note(s.statement) && team.step(s.statement)),
        risksOf(insights).filter((r) => !note(r) && team.risk(r)),
      );
      // Risks are what a reader must not miss: a few more than the other sections' points.
      // After the risks ahead, what the author lists as gone wrong ("What went wrong"): the section is
      // "Risks and issues", and a post-mortem's reader looks there for the incident.
      // A risk listed under a bold title is one point with its explanation, and no step says a
      // sentence of that explanation again.
      const ahead = withListTitles(risksBesides(sorted.risks, sorted.steps.slice(0, points)), insights);
      const steps = sorted.steps
        .filter((s) => !ahead.some((r) => r.text !== s.statement.text && r.text.includes(s.statement.text)))
        .slice(0, points);
      const risks = [...ahead, ...authorsIssues(insights, ahead).filter((r) => !note(r))].slice(0, points + 2);
      const quoted = new Set<string>();
      // Corrections said once: right after the first sentence that quotes the replaced value.
      // (the set of quoted sentences: a correcting sentence already quoted is not said again).
      const told = quoted;
      const corrected = (text: string): string => {
        const c = correctionAfter(text, insights, told);
        return c ? ` ${escapeInline(c.line)} [${cites.cite(c.correction.source)}]` : "";
      };
      for (const section of sections) {
        if (!DEFAULT_SECTIONS.includes(section)) continue;
        shown.add(section);
        const heading = `## ${SECTION_TITLES[section]}`;
        if (section === "summary") {
          parts.push(
            heading,
            summaryOf(
              insights,
              figures,
              cites,
              detail,
              quoted,
              steps.find((s) => s.iso),
              corrected,
              written,
            ),
          );
          const lead = risks[0];
          if (lead && sections.includes("risks"))
            parts.push(`> [!WARNING]\n> ${escapeInline(stripLabel(lead.text))} [${cites.cite(lead.source)}]`);
        } else if (section === "progress") {
          // A point of progress as a reader takes it: no wish ("Finance wants the budget cut to $60k"),
          // no notice to its readers ("…; please use the Orchard Road gate"), no list's fragment, no
          // talk, no value a later item corrects, nothing said already.
          const progressPoint = (s: { text: string; source: SourceRef; section: string | null }) =>
            !WISH.test(s.text) &&
            !isLetterRequest(s.text) &&
            !/\bplease\b/i.test(s.text) &&
            isStatementSentence(s.text) &&
            !needsItsQuestion(s.text, s.section) &&
            !isSpokenRemark(s.text) &&
            !isReaderNotice(s.text) &&
            !note(s) &&
            team.progress(s) &&
            // "Quotes for 1,800 t/year, from 1 January 2027:" opens a list; it reports nothing.
            !/:\s*$/.test(s.text) &&
            !quoted.has(s.text) &&
            !insights.corrections.some((c) => c.sentence !== s.text && mentionsValue(s.text, c.wrong));
          // The author's own progress section first, then what the extractor read as achieved elsewhere.
          const stated = [...authorsProgress(insights).filter(progressPoint), ...achievementsOf(insights).filter(progressPoint)].filter(
            (s, i, all) => all.findIndex((x) => x.text === s.text) === i,
          );
          const items: { text: string; source: SourceRef }[] = stated.slice(0, points);
          if (items.length < points) {
            const used = new Set<number>();
            const more = pickSentences(
              ranked.filter(
                (s) =>
                  reportsProgress(s.text) &&
                  progressPoint(s) &&
                  !s.kinds.includes("risk") &&
                  !s.kinds.includes("issue") &&
                  !s.kinds.includes("plan"),
              ),
              points - items.length,
              used,
            );
            for (const s of more) if (!items.some((i) => i.text === s.text)) items.push(s);
          }
          // A results report has no progress to record: its own results are listed under "Results",
          // or, with none left to quote, the section is left out; "none recorded" is said only where a
          // reader expects progress (a status update, or a report that asked for the section).
          const results =
            items.length === 0
              ? resultLines(insights, (s) => !quoted.has(s.text) && !note(s) && !isSpokenRemark(s.text) && !isReaderNotice(s.text)).slice(
                  0,
                  points,
                )
              : [];
          if (results.length > 0) items.push(...results);
          // No progress to record: the section is left out unless the request asked for it (a report
          // saying "no item records progress" under its own heading tells the reader nothing).
          else if (items.length === 0 && !asked.includes("progress")) {
            shown.delete(section);
            continue;
          }
          for (const i of items) quoted.add(i.text);
          // The results section says what it reports the results of ("Results of the EV bus pilot").
          const resultsHeading = resultsTitle(topic);
          parts.push(
            results.length > 0 ? `## ${escapeInline(resultsHeading)}` : heading,
            items.length
              ? items.map((s) => `- ${escapeInline(s.text)} [${cites.cite(s.source)}]${corrected(s.text)}`).join("\n")
              : `No item records progress on ${escapeInline(topic)} yet.`,
          );
          if (results.length > 0) retitled.set(section, resultsHeading);
        } else if (section === "figures") {
          // The source's own grid first (a row per entity, the total row included, a corrected cell
          // said as such), then the other figures; the note below says what the correction is.
          const grid = matrix
            ? [
                [
                  `| ${matrix.columns.map(escapeCell).join(" | ")} |`,
                  `| ${matrix.columns.map(() => "---").join(" | ")} |`,
                  ...matrix.rows.map((r) => `| ${r.map(escapeCell).join(" | ")} |`),
                ].join("\n"),
                `*Source: ${escapeInline(matrix.source.title)} [${cites.cite(matrix.source)}]*`,
              ]
            : [];
          const list = figures.length
            ? [
                [
                  "| Metric | Value | Change | Source |",
                  "| --- | --- | --- | --- |",
                  ...figures.map(
                    (f) =>
                      `| ${escapeCell(figureLabel(f))}${f.period && !f.value.includes(f.period) && !figureLabel(f).includes(f.period) ? ` (${escapeCell(f.period)})` : ""} | ${rowCells(f, insights.figures).map(escapeCell).join(" | ")} | ${escapeCell(f.source.title)} [${cites.cite(f.source)}] |`,
                  ),
                ].join("\n"),
              ]
            : [];
          parts.push(
            heading,
            ...(grid.length + list.length > 0 ? [...grid, ...list] : ["The context states no figures about this topic."]),
          );
          // Values the sources correct or disagree on: the reader is told which one the table uses.
          const notes = insights.corrections.filter((c) => !told.has(correctionLine(c)));
          if ((figures.length > 0 || matrix) && notes.length > 0) {
            // Two values one sentence corrects ("the final enrolment is 438, not 412, and Eastbank had
            // 197, not 171") are one note: the sentence said once, after both changes.
            const groups: { changes: string[]; line: string; source: (typeof notes)[number]["source"] }[] = [];
            for (const c of notes.slice(0, 3)) {
              const line = escapeInline(noteLine(c, insights));
              const change = c.basis === "differs" ? "" : `${escapeInline(c.wrong)} → ${escapeInline(c.right)}`;
              const same = groups.find((g) => g.line === line && g.source.id === c.source.id);
              if (same) {
                if (change) same.changes.push(change);
              } else groups.push({ changes: change ? [change] : [], line, source: c.source });
            }
            parts.push(
              `> [!NOTE]\n${groups
                .map(
                  (g) =>
                    `> ${[g.changes.length ? `Corrected: ${g.changes.join("; ")}.` : "", g.line].filter((x) => x !== "").join(" ")} [${cites.cite(g.source)}]`,
                )
                .join("\n>\n")}`,
            );
          }
        } else if (section === "timeline") {
          const events = [
            ...insights.events.filter(
              (e) =>
                e.focused &&
                isTimelineEvent(e) &&
                !isLetterRequest(e.sentence) &&
                !passesOnHearsay(e.sentence) &&
                !correctionNote(e.sentence, insights) &&
                // "Forecast completion is 4 September 2026" where a later item says 28 August: not a date to list.
                !insights.corrections.some(
                  (c) => c.sentence !== e.sentence.replace(/\s+/g, " ").trim() && mentionsValue(e.sentence, c.wrong),
                ),
            ),
          ]
            .sort((a, b) => (a.iso && b.iso ? a.iso.localeCompare(b.iso) : a.iso ? -1 : b.iso ? 1 : b.score - a.score))
            .filter((e, i, all) => all.findIndex((x) => x.sentence === e.sentence) === i)
            // A transcript's or a chat's opening line is its header ("Hood River clinic — front-desk
            // huddle, Tuesday 8 September 2026, 7:45 a.m. (recorded …)"), not an event.
            .filter((e) => !(talk.has(e.source.id) && openingOf(e)))
            // One event per day: the newsletter's "from 1 November you can take it home" beside the
            // plan's "Launch cans 1 November" says one thing twice.
            .filter((e, i, all) => !e.iso || e.iso.length < 10 || all.findIndex((x) => x.iso === e.iso) === i)
            .slice(0, points);
          parts.push(
            heading,
            events.length
              ? [
                  // Two columns: the event's words get the width; its source is the [n] the Sources list names.
                  "| Date | Event |",
                  "| --- | --- |",
                  ...events.map((e) => `| ${escapeCell(e.date)} | ${escapeCell(e.sentence)} [${cites.cite(e.source)}] |`),
                ].join("\n")
              : "The context gives no dates for this topic.",
          );
        } else if (section === "risks") {
          parts.push(
            heading,
            risks.length
              ? risks.map((r) => `- ${escapeInline(r.text)} [${cites.cite(r.source)}]`).join("\n")
              : `None recorded: no item about ${escapeInline(topic)} states a risk or an issue.`,
          );
        } else if (section === "next") {
          parts.push(
            heading,
            steps.length
              ? steps.map((s) => `- ${escapeInline(s.statement.text)} [${cites.cite(s.statement.source)}]`).join("\n")
              : `No item states a plan or a next step for ${escapeInline(topic)}.`,
          );
          if (steps.length === 0 && risks.length > 0)
            parts.push("> [!IMPORTANT]\n> Risks are recorded but no item states a plan that answers them.");
        }
      }
    }
    // A register's reference numbers ("(TMA.1987.44.12 and TMA.1987.44.19)") are no manager's reading.
    const body = parts.map((part, i) => (i === 0 ? part : withoutReferenceLines(part)));
    body.push(cites.markdown());
    const markdown = `${body.join("\n\n")}\n`;
    const included = sections.filter((s) => DEFAULT_SECTIONS.includes(s) && (shown.size === 0 || shown.has(s)));
    return {
      title,
      markdown,
      outputType: "status_report",
      markdownFile: null,
      sources: cites.list(),
      files: [
        {
          title: `${title} (PDF)`,
          outputType: "report",
          body: `An A4 PDF report with ${included.map((s) => retitled.get(s) ?? SECTION_TITLES[s] ?? s).join(", ")} and a numbered Sources list; page numbers in the footer.`,
          make: (skills) => skills.pdf({ filename: slugify(title), title, markdown }),
        },
      ],
    };
  },
};

/**
 * The summary, as sentences built from facts: the key figures two to a sentence ("Revenue reached
 * $4.2 million in Q3 2026, up 18% year over year; gross margin rose to 46%."), then the lead point
 * of the best section that is not a figure.
 */
const wordsIn = (text: string) => text.split(/\s+/).filter((w) => w !== "").length;

function summaryOf(
  insights: Insights,
  figures: ReturnType<typeof keyFigures>,
  cites: Citations,
  detail: string,
  quoted: Set<string>,
  deadline: NextStep | undefined,
  corrected: (text: string) => string = () => "",
  written?: Sentence,
): string {
  const out: string[] = [];
  // The figure the most relevant item opens with is the author's headline: the summary starts there.
  const opening = figures.find((f) => isOpening(f, insights));
  // A sentence quoting a value the sources correct is said with the corrected value (see
  // `restatedCorrected`): never the stale value, then the correction's own words ("It is 821, not
  // 812 — the Tally 3.2.1 export …"); a plain disagreement is followed by its note (`corrected`).
  const quote = (text: string, source: SourceRef): string => {
    const restated = restatedCorrected(text, insights, (t) => asTheNoteSays(t, insights));
    if (!restated) return `${escapeInline(text)} [${cites.cite(source)}]${corrected(text)}`;
    // The sentence corrected in place is its source's and the correction's; a correction said plainly, the correction's.
    const from = restated.inPlace ? [source, restated.correction.source] : [restated.correction.source];
    const refs = [...new Set(from.map((r) => cites.cite(r)))].map((n) => `[${n}]`).join("");
    return `${escapeInline(restated.text)} ${refs}`;
  };
  // Else the author's own summary leads, as written: the sentences under their "Headline" or
  // "Summary" heading ("October was our best October on record: £2.41m, 6.2% ahead of budget.
  // Occupancy held at 81.4% …"). They summarised it; the summary says no more than they did.
  if (written) {
    const said = insights.sentences
      .filter((s) => s.source.id === written.source.id && s.section === written.section && s.position >= written.position)
      .sort((a, b) => a.position - b.position)
      .filter(
        (s) =>
          s === written ||
          (isStatementSentence(s.text) && !isAnaphoric(s.text) && !correctionNote(s.text, insights) && !pointsToLayout(s.text)),
      )
      .slice(0, detail === "brief" ? 1 : detail === "detailed" ? 4 : 3);
    for (const s of said) {
      quoted.add(s.text);
      // A sentence whose value a later sentence corrects gives way to the corrected value, said plainly
      // ("The group no-show rate … is 6.3%."): the correction's date and why it was wrong are the key
      // figures' note, not the summary's.
      const restated = restatedCorrected(s.text, insights, (t) => asTheNoteSays(t, insights));
      if (restated) {
        if (!out.some((o) => o.startsWith(escapeInline(restated.text)))) out.push(quote(s.text, s.source));
        continue;
      }
      // Quoted as written, without its "TL;DR —" label: the heading above it already says "Summary".
      out.push(`${escapeInline(withoutLeadLabel(s.text))} [${cites.cite(s.source)}]${corrected(s.text)}`);
    }
  }
  // A cell of a table setting several hotels, sites or vendors side by side ("Harbour's ADR is
  // £138") is a comparison's detail, which the key-figures table shows: the summary says the headline.
  const cell = (f: Figure) => !!f.entity && f.sentence.includes(" | ");
  // A shift log's shorthand ("1st 400 shots short -> scrapped.") is no summary's sentence.
  const logs = shorthandItems(insights.sentences);
  const note = (s: { text: string; source: SourceRef }) => logs.has(s.source.id) || isShorthand(s.text);
  const candidates = (written ? [] : opening ? [opening, ...figures.filter((f) => f !== opening)] : figures).filter(
    (f) => !note({ text: f.sentence, source: f.source }),
  );
  const take = (candidates.some((f) => !cell(f)) ? candidates.filter((f) => !cell(f)) : candidates).slice(
    0,
    detail === "brief" ? 2 : detail === "detailed" ? 4 : 3,
  );
  // A figure is said against its stated target or budget ("Punctuality is 87.1%, below the 90% target").
  // A price is said with the terms it is quoted on ("$9,945 (15% off on a three-year contract)").
  const said = (f: Figure) => {
    const terms = dealTerms(f);
    const text = figureSentence(f, false) + againstStatedTarget(f, insights.figures);
    return terms ? text.replace(f.value, `${f.value} (${terms})`) : text;
  };
  // Amounts, rates and changes pair up into sentences built from the facts; a count is quoted as
  // its source says it ("We interviewed 24 customers…"): "customers interviewed is 24" reads badly.
  // Only a figure with a proper metric label is rebuilt into a sentence ("Week fell to 45" is a splice);
  // the others are quoted as the source's whole sentence.
  // A requirement ("we need … at least 99.9%") keeps its words: quoted below, never rebuilt.
  const strong = take.filter(
    (f) =>
      hasProperLabel(f) &&
      !isRequirement(f) &&
      (f.unit === "currency" || f.unit === "percent" || !!f.change) &&
      rebuildsFaithfully(f, said(f)),
  );
  // Two figures share a sentence only when one passage states both (the same item and section):
  // "AWS bill is $18,400 per month; duplicate invoices fell to 3 from 214" joined two documents.
  for (let i = 0; i < strong.length;) {
    const a = strong[i]!;
    const next = strong[i + 1];
    const b = next && relatedFigures(a, next, insights.sentences) ? next : undefined;
    i += b ? 2 : 1;
    const refs = [...new Set([a, b].flatMap((f) => (f ? [cites.cite(f.source)] : [])))].map((n) => `[${n}]`).join("");
    // "…; kestrel Harbour's RevPAR": a sentence that opens on a name keeps its capital.
    const joined = (f: Figure) => (f.entity && said(f).startsWith(f.entity) ? said(f) : lowerFirst(said(f)));
    const text = b ? `${said(a)}; ${joined(b)}.` : `${said(a)}.`;
    // Said here from its fact, the figure's sentence is not quoted again under Progress.
    for (const f of [a, b]) if (f) quoted.add(f.sentence);
    out.push(`${escapeInline(text)} ${refs}`);
  }
  for (const f of take.filter((x) => !strong.includes(x) && !out.some((o) => o.includes(escapeInline(x.sentence))))) {
    if (quoted.has(f.sentence)) continue;
    // A value the summary already states ("11,860 sign-ups … Sign-ups are 11,860") is said once.
    if (out.some((o) => mentionsValue(o, f.value))) continue;
    // A table row ("Sign-ups | 10,000 | 11,860 | …") is no sentence: said from its fact, or not at
    // all; a sentence pointing back ("After these two adjustments …") is not quoted alone.
    const row = f.sentence.includes(" | ");
    // A row's value the same item states in a sentence ("we counted 11,860 sign-ups against a
    // target of 10,000") is quoted from that sentence: it says more than the cell.
    const said = row
      ? insights.sentences.find(
          (s) =>
            s.source.id === f.source.id &&
            !quoted.has(s.text) &&
            mentionsValue(s.text, f.value) &&
            isStatementSentence(s.text) &&
            !isAnaphoric(s.text),
        )
      : undefined;
    if (said) {
      quoted.add(said.text);
      quoted.add(f.sentence);
      out.push(quote(said.text, f.source));
      continue;
    }
    const own = !row && !isAnaphoric(f.sentence) && isStatementSentence(f.sentence);
    if (!own && !hasProperLabel(f)) continue;
    quoted.add(f.sentence);
    // Rebuilt from the fact only on a label that is one ("rent goes up" would splice into "rent goes up rose to").
    if (!own && isRequirement(f)) continue;
    // Rebuilt only when the rebuilt sentence keeps what the value is of ("3,400 EUR per compartment");
    // else the source's own sentence, when it is one a summary can hold.
    const rebuilt = row || !own ? figureSentence(f) : hasProperLabel(f) && !isRequirement(f) ? factLine(f) : f.sentence;
    const faithful = rebuilt === f.sentence || rebuildsFaithfully(f, rebuilt);
    if (!faithful && (!own || wordsIn(f.sentence) > 45)) continue;
    const text = faithful ? rebuilt : f.sentence;
    out.push(quote(text, f.source));
  }
  // The next deadline belongs in the summary: the earliest dated step the items state.
  // Said as a sentence: "Run phonics training on 14 November" is an order, and "HelpHarbor: SOC 2
  // Type I only; …" a note — neither reads as a summary's sentence.
  const due = deadline ? stepSentence(deadline.statement.text) : null;
  if (deadline && due && !quoted.has(deadline.statement.text)) {
    quoted.add(deadline.statement.text);
    out.push(`${escapeInline(due)} [${cites.cite(deadline.statement.source)}]`);
  }
  const figureSentences = new Set(take.map((f) => f.sentence));
  const lead = insights.groups
    .flatMap((g) => [...g.sentences].sort((x, y) => y.score - x.score).slice(0, 1))
    .find(
      (s: Sentence) =>
        s.focused &&
        !quoted.has(s.text) &&
        // A sentence stating a value the sources correct ("… for 412 children") is not a summary's lead.
        !insights.corrections.some((c) => c.sentence !== s.text && mentionsValue(s.text, c.wrong)) &&
        s.topicHits > 0 &&
        !figureSentences.has(s.text) &&
        !s.kinds.some((k) => k === "risk" || k === "issue" || k === "plan") &&
        isStatementSentence(s.text) &&
        !needsItsQuestion(s.text, s.section) &&
        !isSpokenRemark(s.text) &&
        !isReaderNotice(s.text) &&
        !passesOnHearsay(s.text) &&
        !pointsToLayout(s.text) &&
        !note(s) &&
        !isAnaphoric(s.text),
    );
  if (lead && !written) {
    quoted.add(lead.text);
    out.push(quote(lead.text, lead.source));
  }
  if (out.length === 0) {
    const first =
      focus(insights).find((s) => isStatementSentence(s.text) && !isAnaphoric(s.text) && !passesOnHearsay(s.text)) ??
      focus(insights).find((s) => !passesOnHearsay(s.text));
    if (first) out.push(quote(first.text, first.source));
  }
  // A statement can reach the summary by two roads (as a figure's sentence and as the next
  // deadline): a reader must never see one sentence twice.
  const seen = new Set<string>();
  return out
    .filter((line) => {
      const key = line
        .replace(/\[\d+\]/g, "")
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim()
        .toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(withoutClauseNumber)
    .join(" ");
}

// "the salt stock figure in the summary should read 6,850 tonnes", "That should read 27 grants …": a
// note telling the reader what another sentence should say, not a finding of its own.
const SHOULD_READ_NOTE = /\bshould\s+(?:read|say|have\s+(?:read|said))\b/i;
const LEADING_VALUE = /^[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|k|m|bn|million|billion|thousand)(?!\p{L}))?/iu;

/**
 * A sentence of the author's summary as their correction note says it should read: each older value
 * it states replaced by the value the note gives ("… stood at 8,650 tonnes …" → "… stood at 6,850
 * tonnes …"), so the summary states the finding, never the note's bookkeeping ("the figure in the
 * summary should read …"). Only when every correction of the sentence is such a note and each older
 * value appears in it once; values are the sources' own, copied. Null otherwise.
 */
export function asTheNoteSays(text: string, insights: Pick<Insights, "corrections">): string | null {
  const fixes = insights.corrections.filter(
    (c) => c.basis === "corrected" && c.sentence && c.sentence !== text && mentionsValue(text, c.wrong) && !mentionsValue(text, c.right),
  );
  if (fixes.length === 0 || !fixes.every((c) => SHOULD_READ_NOTE.test(c.sentence ?? ""))) return null;
  let out = text;
  for (const c of fixes) {
    const right = LEADING_VALUE.exec(c.right.trim())?.[0];
    const wrong = c.wrong.trim();
    if (!right) return null;
    const at = new RegExp(String.raw`(?<![\p{N}.,$€£])${wrong.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\p{N}]|[.,]\p{N})`, "gu");
    const hits = [...out.matchAll(at)];
    if (hits.length !== 1) return null;
    const i = hits[0]!.index;
    out = `${out.slice(0, i)}${right}${out.slice(i + wrong.length)}`;
  }
  return out;
}

/**
 * Two figures one passage states together: the same sentence, or neighbouring sentences of one
 * item's section ("October availability was 99.87% …" and, three sentences on under the same
 * heading, "… credits owed … total $18,400" are two points, not one).
 */
export function relatedFigures(a: Figure, b: Figure, sentences: readonly Sentence[] = []): boolean {
  if (a.source.id !== b.source.id) return false;
  if (a.sentence === b.sentence) return true;
  if ((a.section ?? "") !== (b.section ?? "")) return false;
  const at = (f: Figure) =>
    sentences.find((s) => s.source.id === f.source.id && s.text === f.sentence.replace(/\s+/g, " ").trim())?.position;
  const [pa, pb] = [at(a), at(b)];
  return pa === undefined || pb === undefined || Math.abs(pa - pb) <= 1;
}

/**
 * What the key figures' note says of a correction beyond "Corrected: 812 → 821.": the correcting
 * sentence, when a reader can take it alone (`readsAlone`); else what the value measures, when
 * known ("New volunteers."), never "It is 821, not 812 — the Tally 3.2.1 export …".
 */
function noteLine(c: Correction, insights: Pick<Insights, "figures">): string {
  const line = correctionLine(c);
  if (!c.sentence || readsAlone(c.sentence)) return line;
  const label = c.label ?? insights.figures.find((f) => f.superseded === c)?.metric;
  return label && /\p{L}{3}/u.test(label) ? `${capitalise(label.trim())}.` : "";
}
