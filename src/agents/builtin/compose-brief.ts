// Research brief (Markdown), composed from the fact model: a short answer (the strongest figure as a
// sentence and the lead finding), findings that answer the question grouped under phrase headings,
// the key figures as a table, and open questions that are true — each checked against the items'
// text, titles and headings, never guessed.
import { slugify } from "../skills/filename.js";
import {
  Citations,
  changeText,
  cleanHeading,
  distinct,
  escapeCell,
  escapeInline,
  figureLabel,
  figureSentence,
  focus,
  headline,
  isPhrase,
  missingTopicWords,
  nothingFound,
  param,
  titleFor,
  type Composer,
} from "./compose-kit.js";
import { keyFigures, risksOf } from "./facts.js";
import type { Insights, Sentence } from "./insights.js";

const CAUSE = /\b(?:because|driven by|due to|thanks to|as a result|after|since|caused by|led to|so that|owing to|reason)\b/i;

export const briefComposer: Composer = {
  draft: { content: "Write the brief", activeForm: "Writing the brief" },
  render: { content: "Write the Markdown file", activeForm: "Writing the Markdown file" },
  compose(input) {
    const { insights, topic, parameters: p } = input;
    const depth = param.str(p, "depth", "standard");
    const maxFindings = param.int(p, "max_findings", 6, 3, 15);
    const openQuestions = param.bool(p, "include_open_questions", true);
    const title = titleFor(input.recipe, topic);
    const cites = new Citations();
    const parts = [`# ${escapeInline(title)}`];

    if (insights.sentences.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      const figures = keyFigures(insights, depth === "deep-dive" ? 12 : 6);
      const findings = findingsFor(insights, maxFindings);
      // The answer first: the sentences that speak most to the question, then its key figure.
      const summary: string[] = [];
      const answers = [...focus(insights)].sort((a, b) => b.topicHits - a.topicHits || b.score - a.score);
      const lead = answers[0];
      if (lead) summary.push(`${escapeInline(lead.text)} [${cites.cite(lead.source)}]`);
      const second = answers.find((s) => s !== lead && s.source.id !== lead?.source.id && s.topicHits === lead?.topicHits);
      if (second) summary.push(`${escapeInline(second.text)} [${cites.cite(second.source)}]`);
      const top = figures.find((f) => f.sentence !== lead?.text && f.sentence !== second?.text);
      if (top && (top.unit === "currency" || top.unit === "percent") && top.topicHits > 0)
        summary.push(`${escapeInline(figureSentence(top))} [${cites.cite(top.source)}]`);
      parts.push("## Summary", summary.join(" "));

      const sections = findings.map(
        (g) =>
          `### ${escapeInline(g.heading)}\n\n${g.sentences.map((s) => `- ${escapeInline(s.text)} [${cites.cite(s.source)}]`).join("\n")}`,
      );
      parts.push("## Findings", sections.join("\n\n"));

      if (depth !== "overview" && figures.length >= 2) {
        parts.push(
          "## Key figures",
          [
            "| Metric | Value | Change | Source |",
            "| --- | --- | --- | --- |",
            ...figures.map(
              (f) =>
                `| ${escapeCell(figureLabel(f))}${f.period && !f.value.includes(f.period) ? ` (${escapeCell(f.period)})` : ""} | ${escapeCell(f.value)} | ${escapeCell(changeText(f) || "—")} | ${escapeCell(f.source.title)} [${cites.cite(f.source)}] |`,
            ),
          ].join("\n"),
        );
      }
      if (openQuestions)
        parts.push(
          "## Open questions",
          openQuestionsOf(insights, findings, topic, cites)
            .map((q) => `- ${q}`)
            .join("\n"),
        );
    }
    parts.push(cites.markdown());
    const markdown = `${parts.join("\n\n")}\n`;
    return { title, markdown, outputType: "research_brief", markdownFile: slugify(title), files: [], sources: cites.list() };
  },
};

export interface Finding {
  heading: string;
  sentences: Sentence[];
}

/**
 * The findings, grouped by the section they come from, best answers to the question first. A group
 * is headed by the headline of its lead sentence (or its section heading when that is a phrase).
 */
export function findingsFor(insights: Insights, max: number): Finding[] {
  const headings = new Set<string>();
  const out: Finding[] = [];
  let total = 0;
  const focusedIds = new Set(focus(insights).map((s) => s.id));
  const best = (g: Insights["groups"][number]) => Math.max(...g.sentences.map((s) => s.topicHits));
  const groups = [...insights.groups].sort((a, b) => best(b) - best(a) || b.score - a.score);
  for (const g of groups) {
    if (total >= max) break;
    const answers = g.sentences
      .filter((s) => focusedIds.has(s.id))
      .sort((a, b) => b.topicHits - a.topicHits || b.score - a.score)
      .slice(0, Math.min(3, max - total));
    if (answers.length === 0) continue;
    let heading: string | null = null;
    for (const s of [...answers].sort((a, b) => b.score - a.score)) {
      const h = headline(s.text, 72);
      if (h && (heading = distinct(h, headings))) break;
    }
    if (!heading) {
      const fallback = cleanHeading(g.heading);
      heading = distinct(isPhrase(fallback) ? fallback : `From ${fallback}`, headings);
    }
    if (!heading) continue;
    out.push({ heading, sentences: [...answers].sort((a, b) => a.position - b.position) });
    total += answers.length;
  }
  return out;
}

/** Gaps the brief can prove: every line here was checked against the items. */
function openQuestionsOf(insights: Insights, findings: Finding[], topic: string, cites: Citations): string[] {
  const gaps: string[] = [];
  for (const word of missingTopicWords(insights))
    gaps.push(
      `No item mentions “${escapeInline(word)}” (text, titles and headings searched): add notes about it to answer the question fully.`,
    );
  const focused = focus(insights);
  if (/^\s*why\b/i.test(topic) && !focused.some((s) => CAUSE.test(s.text)))
    gaps.push("The items say what happened but give no cause: none of them explains why.");
  for (const q of focused.filter((s) => s.text.endsWith("?")).slice(0, 3))
    gaps.push(`Asked in the items and not answered there: ${escapeInline(q.text)} [${cites.cite(q.source)}]`);
  for (const st of insights.statements.filter((s) => s.kind === "request" && s.focused).slice(0, 3))
    gaps.push(`A request the items record, with no decision on it: ${escapeInline(st.text)} [${cites.cite(st.source)}]`);
  const issues = risksOf(insights)
    .filter((r) => r.kind === "issue")
    .slice(0, 2);
  for (const r of issues) gaps.push(`An open issue: ${escapeInline(r.text)} [${cites.cite(r.source)}]`);
  const used = [...new Map(findings.flatMap((f) => f.sentences).map((s) => [s.source.id, s.source])).values()];
  if (used.length === 1 && used[0])
    gaps.push(
      `Every finding comes from one item, *${escapeInline(used[0].title)}* [${cites.cite(used[0])}]: nothing else in the context corroborates it.`,
    );
  if (!insights.events.some((e) => e.focused) && !focused.some((s) => s.dates.length > 0))
    gaps.push("None of the items gives dates, so nothing here can be placed in time.");
  if (!insights.figures.some((f) => f.focused)) gaps.push("None of the items gives figures, so nothing here can be measured.");
  if (gaps.length === 0) gaps.push("None found: the items cover every part of the question this brief could check.");
  return gaps;
}
