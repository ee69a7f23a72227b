// Executive summary deck: key points, key figures, dates, then one slide per theme, then the rest of
// the best sentences — stopping when the context runs out rather than repeating itself.
import type { DeckSpec } from "../context.js";
import { slugify } from "../skills/filename.js";
import {
  Citations,
  capitalise,
  escapeInline,
  focus,
  nothingFound,
  param,
  pickSentences,
  shorten,
  titleFor,
  type Composer,
} from "./compose-kit.js";
import type { Sentence } from "./insights.js";

export const deckComposer: Composer = {
  draft: { content: "Draft the slides", activeForm: "Drafting the slides" },
  render: { content: "Build the PowerPoint deck", activeForm: "Building the PowerPoint deck" },
  compose(input) {
    const { insights, topic, parameters: p } = input;
    const slideCount = param.int(p, "slide_count", 6, 3, 20);
    const audience = param.str(p, "audience", "executives");
    const withFigures = param.bool(p, "include_figures", true);
    // Executives and boards get fewer, shorter bullets; teams get more of the detail.
    const perSlide = audience === "team" ? 5 : 4;
    const maxChars = audience === "team" ? 220 : 170;
    const title = titleFor(input.recipe, topic);
    const cites = new Citations();
    const used = new Set<number>();
    const slides: DeckSpec["slides"] = [];
    const ranked = focus(insights);

    const addSlide = (slideTitle: string, picked: Sentence[]) => {
      if (picked.length === 0 || slides.length >= slideCount) return;
      slides.push({
        title: slideTitle,
        bullets: picked.map((s) => {
          cites.cite(s.source);
          return { text: shorten(s.text, maxChars), source: s.source };
        }),
        // The full sentences, in case a bullet was shortened: the speaker can quote the source.
        notes: picked.map((s) => `${s.text} (Source: ${s.source.title})`).join("\n"),
      });
    };

    if (ranked.length === 0) {
      slides.push({ title: "Nothing to report yet", bullets: nothingFound(input).map((text) => ({ text })) });
    } else {
      addSlide("Key points", pickSentences(ranked, perSlide, used));
      if (withFigures) {
        const withNumbers = ranked
          .filter((s) => s.figures.length > 0)
          .sort((a, b) => b.figures.length - a.figures.length || b.score - a.score);
        addSlide("Key figures", pickSentences(withNumbers, perSlide, used));
      }
      addSlide(
        "Dates and milestones",
        pickSentences(
          ranked.filter((s) => s.dates.length > 0),
          perSlide,
          used,
        ),
      );
      const topicWords = new Set(insights.topicWords.map((w) => w.word));
      for (const theme of insights.themes) {
        if (slides.length >= slideCount) break;
        if (topicWords.has(theme.key)) continue;
        const about = pickSentences(
          ranked.filter((s) => s.lemmas.has(theme.key)),
          perSlide,
          new Set(used),
        );
        if (about.length < 2) continue;
        for (const s of about) used.add(s.id);
        addSlide(capitalise(theme.label), about);
      }
      while (slides.length < slideCount) {
        const more = pickSentences(ranked, perSlide, used);
        if (more.length === 0) break;
        addSlide("More from the sources", more);
      }
      // Items the search did not match, clearly labelled, only when the matches ran out.
      while (slides.length < slideCount) {
        const more = pickSentences(insights.sentences, perSlide, used);
        if (more.length === 0) break;
        addSlide("Also in the project's context", more);
      }
    }

    const audienceLine = audience === "board" ? "Prepared for the board" : `Prepared for ${audience}`;
    // On the slide the topic is the title; the recipe's name goes in the subtitle.
    const deck: DeckSpec = {
      filename: slugify(title),
      title: capitalise(topic),
      subtitle: `${input.recipe.name} · ${audienceLine}`,
      slides,
      sources: cites.list(),
    };
    const outline = slides
      .map(
        (s) =>
          `## ${escapeInline(s.title)}\n\n${(s.bullets ?? []).map((b) => `- ${escapeInline(b.text)}${b.source ? ` ${cites.tag(b.source)}` : ""}`).join("\n")}`,
      )
      .join("\n\n");
    const markdown = `# ${escapeInline(title)}\n\n*${audienceLine}. Every bullet names the context item it comes from.*\n\n${outline}\n\n${cites.markdown()}\n`;
    const slideTitles = slides.map((s) => s.title).join(", ");
    return {
      title,
      markdown,
      outputType: "deck_outline",
      markdownFile: null,
      sources: cites.list(),
      files: [
        {
          title: `${title} (PowerPoint)`,
          outputType: "presentation",
          body: `A 16:9 PowerPoint deck: a title slide, ${slides.length === 1 ? "one content slide" : "content slides"} (${escapeInline(slideTitles)})${cites.list().length > 0 ? " and a numbered Sources slide" : ""}. Each bullet ends with [n], the number of its source.`,
          make: (skills) => skills.pptx(deck),
        },
      ],
    };
  },
};
