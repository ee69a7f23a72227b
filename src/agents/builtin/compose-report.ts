// Status report (PDF): summary, progress, key figures (table), timeline (table) and risks, each
// point quoted from a source and cited. Progress and risk are recognised by their verbs and nouns.
import { slugify } from "../skills/filename.js";
import {
  Citations,
  capitalise,
  escapeCell,
  escapeInline,
  focus,
  nothingFound,
  param,
  pickSentences,
  titleFor,
  type Composer,
} from "./compose-kit.js";
import type { Sentence } from "./insights.js";

const PROGRESS = new Set(
  "complete finish ship launch deliver grow increase improve rise reach hire sign open achieve close approve release migrate win exceed".split(
    " ",
  ),
);
const RISK = new Set(
  "risk delay issue blocker concern problem threat break miss slip drop fall decline overrun shortage dependency vulnerability fail cancel attrition".split(
    " ",
  ),
);

const SECTION_TITLES: Record<string, string> = {
  summary: "Summary",
  progress: "Progress",
  figures: "Key figures",
  timeline: "Timeline",
  risks: "Risks and issues",
};

export const reportComposer: Composer = {
  draft: { content: "Write the report", activeForm: "Writing the report" },
  render: { content: "Typeset the PDF", activeForm: "Typesetting the PDF" },
  compose(input) {
    const { insights, topic, parameters: p } = input;
    const period = param.str(p, "period", "monthly");
    const detail = param.str(p, "detail_level", "standard");
    const sections = param.list(p, "sections", ["summary", "progress", "figures", "timeline", "risks"]);
    const points = Math.min(param.int(p, "points_per_section", 5, 2, 12), detail === "brief" ? 3 : 12);
    const title = `${capitalise(period)} ${titleFor(input.recipe, topic).charAt(0).toLowerCase()}${titleFor(input.recipe, topic).slice(1)}`;
    const cites = new Citations();
    const used = new Set<number>();
    const ranked = focus(insights);
    const cite = (s: Sentence) => `${escapeInline(s.text)} ${cites.tag(s.source)}`;
    const parts: string[] = [`# ${escapeInline(title)}`];

    if (ranked.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      for (const section of sections) {
        const heading = `## ${SECTION_TITLES[section] ?? capitalise(section)}`;
        if (section === "summary") {
          const top = pickSentences(ranked, detail === "detailed" ? 4 : 3, used);
          parts.push(heading, top.map(cite).join(" "));
        } else if (section === "progress") {
          const found = pickSentences(
            ranked.filter((s) => hasAny(s, PROGRESS)),
            points,
            used,
          );
          parts.push(
            heading,
            found.length ? found.map((s) => `- ${cite(s)}`).join("\n") : `The context reports no progress on ${escapeInline(topic)}.`,
          );
        } else if (section === "figures") {
          const rows = ranked.filter((s) => s.figures.length > 0).slice(0, points);
          parts.push(
            heading,
            rows.length
              ? [
                  "| Figure | What it refers to | Source |",
                  "| --- | --- | --- |",
                  ...rows.map(
                    (s) =>
                      `| ${escapeCell(s.figures.map((f) => f.value).join(", "))} | ${escapeCell(s.text)} | ${escapeCell(s.source.title)} [${cites.cite(s.source)}] |`,
                  ),
                ].join("\n")
              : "The context states no figures about this topic.",
          );
        } else if (section === "timeline") {
          const rows = ranked.filter((s) => s.dates.length > 0).slice(0, points);
          parts.push(
            heading,
            rows.length
              ? [
                  "| Date | Event | Source |",
                  "| --- | --- | --- |",
                  ...rows.map(
                    (s) =>
                      `| ${escapeCell(s.dates.join(", "))} | ${escapeCell(s.text)} | ${escapeCell(s.source.title)} [${cites.cite(s.source)}] |`,
                  ),
                ].join("\n")
              : "The context gives no dates for this topic.",
          );
        } else if (section === "risks") {
          const found = pickSentences(
            ranked.filter((s) => hasAny(s, RISK)),
            points,
            new Set(used),
          );
          parts.push(
            heading,
            found.length
              ? found.map((s) => `- ${cite(s)}`).join("\n")
              : `No risks or issues about ${escapeInline(topic)} are recorded in the context.`,
          );
        }
      }
    }
    parts.push(cites.markdown());
    const markdown = `${parts.join("\n\n")}\n`;
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
          body: `An A4 PDF report with ${sections.map((s) => SECTION_TITLES[s] ?? s).join(", ")} and a numbered Sources list; page numbers in the footer.`,
          make: (skills) => skills.pdf({ filename: slugify(title), title, markdown }),
        },
      ],
    };
  },
};

function hasAny(s: Sentence, words: Set<string>): boolean {
  for (const l of s.lemmas) if (words.has(l)) return true;
  return false;
}
