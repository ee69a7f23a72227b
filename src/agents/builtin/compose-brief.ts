// Research brief (markdown): findings, evidence with figures, themes with the items that share
// them, and open questions — gaps the context does not answer, never guesses.
import { slugify } from "../skills/filename.js";
import {
  Citations,
  escapeInline,
  focus,
  missingTopicWords,
  nothingFound,
  param,
  pickSentences,
  titleFor,
  type Composer,
} from "./compose-kit.js";

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
    const used = new Set<number>();
    const parts = [`# ${escapeInline(title)}`];

    if (insights.sentences.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      const themes = insights.themes.slice(0, 5).map((t) => `**${escapeInline(t.label)}**`);
      parts.push(
        `This brief gathers what the project's context says about “${escapeInline(topic)}”.${themes.length ? ` The recurring themes are ${themes.join(", ")}.` : ""}`,
      );
      const findings = pickSentences(focus(insights), maxFindings, used);
      parts.push("## Key findings", findings.map((s, i) => `${i + 1}. ${escapeInline(s.text)} ${cites.tag(s.source)}`).join("\n"));
      if (depth !== "overview") {
        const evidence = focus(insights)
          .filter((s) => s.figures.length > 0 && !used.has(s.id))
          .slice(0, depth === "deep-dive" ? 12 : 5);
        if (evidence.length) {
          parts.push(
            "## Supporting evidence",
            evidence
              .map(
                (s) =>
                  `- ${s.figures.map((f) => `**${escapeInline(f.value)}**`).join(", ")}: ${escapeInline(s.text)} ${cites.tag(s.source)}`,
              )
              .join("\n"),
          );
        }
      }
      if (insights.themes.length) {
        parts.push(
          "## Themes",
          insights.themes
            .slice(0, depth === "overview" ? 4 : 8)
            .map(
              (t) =>
                `- **${escapeInline(t.label)}**, in ${t.sources.map((s) => `*${escapeInline(s.title)}* [${cites.cite(s)}]`).join(", ")}`,
            )
            .join("\n"),
        );
      }
      if (openQuestions) {
        const gaps: string[] = [];
        for (const word of missingTopicWords(insights))
          gaps.push(`No source mentions “${escapeInline(word)}”: add notes about it to answer the question fully.`);
        const used = [...new Map(findings.map((s) => [s.source.id, s.source])).values()];
        if (used.length === 1 && used[0]) {
          gaps.push(
            `Every finding comes from one item, *${escapeInline(used[0].title)}* [${cites.cite(used[0])}]: nothing else in the context corroborates it.`,
          );
        }
        for (const t of used.length > 1 ? insights.themes.slice(0, 6) : []) {
          if (t.sources.length === 1 && t.sources[0])
            gaps.push(
              `Only *${escapeInline(t.sources[0].title)}* [${cites.cite(t.sources[0])}] discusses **${escapeInline(t.label)}**: it is not corroborated elsewhere.`,
            );
        }
        if (!insights.sentences.some((s) => s.dates.length > 0))
          gaps.push("None of the sources gives dates, so nothing here can be placed in time.");
        if (!insights.sentences.some((s) => s.figures.length > 0))
          gaps.push("None of the sources gives figures, so nothing here can be measured.");
        parts.push(
          "## Open questions",
          gaps.length
            ? gaps.map((g) => `- ${g}`).join("\n")
            : "- The sources answer every part of the question that this brief could check.",
        );
      }
    }
    parts.push(cites.markdown());
    const markdown = `${parts.join("\n\n")}\n`;
    return { title, markdown, outputType: "research_brief", markdownFile: slugify(title), files: [], sources: cites.list() };
  },
};
