// Content recipes: a blog post (sections built from the themes, each paragraph quoting and citing
// its sources, stopping at the target length or when the context runs out) and social posts (one
// sourced fact per post, trimmed to each platform's limit). Tone changes the framing sentences only;
// the facts are always quoted.
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

const FRAMING: Record<string, { intro: (topic: string) => string; outro: string }> = {
  professional: {
    intro: (t) => `This post summarises what the project's notes record about ${t}.`,
    outro: "Every statement above comes from the project's notes, listed below.",
  },
  conversational: {
    intro: (t) => `Let's talk about ${t}, using only what our notes actually say.`,
    outro: "That's the picture so far. Want to dig deeper? The sources are listed below.",
  },
  enthusiastic: {
    intro: (t) => `There's a lot happening with ${t}, and the notes tell the story!`,
    outro: "Exciting times, and every claim here is backed by the notes below!",
  },
  technical: {
    intro: (t) => `A source-by-source look at ${t}, with the figures exactly as recorded.`,
    outro: "All figures are quoted verbatim from the sources listed below.",
  },
};

const AUDIENCE: Record<string, string> = {
  customers: "our customers",
  developers: "developers",
  executives: "executives",
  "general public": "a general audience",
};

export const blogComposer: Composer = {
  draft: { content: "Write the post", activeForm: "Writing the post" },
  render: { content: "Write the Markdown file", activeForm: "Writing the Markdown file" },
  compose(input) {
    const { insights, topic, parameters: p } = input;
    const tone = param.str(p, "tone", "professional");
    const audience = param.str(p, "audience", "general public");
    const budget = param.int(p, "word_count", 600, 200, 2000);
    const framing = FRAMING[tone] ?? FRAMING.professional!;
    const title = capitalise(topic);
    const cites = new Citations();
    const used = new Set<number>();
    const parts = [`# ${escapeInline(title)}`];
    let words = 0;
    const paragraph = (sentences: Sentence[]) => {
      const text = sentences.map((s) => `${escapeInline(s.text)} [${cites.cite(s.source)}]`).join(" ");
      const names = [...new Map(sentences.map((s) => [s.source.id, s.source])).values()].map((s) => `*${escapeInline(s.title)}*`);
      words += sentences.reduce((n, s) => n + s.text.split(" ").length, 0);
      return `${text} (From ${names.join(" and ")}.)`;
    };

    if (insights.sentences.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      parts.push(`${framing.intro(escapeInline(topic))} It is written for ${escapeInline(AUDIENCE[audience] ?? audience)}.`);
      const ranked = focus(insights);
      parts.push("## The headline", paragraph(pickSentences(ranked, 2, used)));
      const topicWords = new Set(insights.topicWords.map((w) => w.word));
      for (const theme of insights.themes) {
        if (words >= budget) break;
        if (topicWords.has(theme.key)) continue;
        const about = pickSentences(
          ranked.filter((s) => s.lemmas.has(theme.key)),
          3,
          used,
        );
        if (about.length === 0) continue;
        parts.push(`## ${escapeInline(capitalise(theme.label))}`, paragraph(about));
      }
      while (words < budget) {
        const more = pickSentences(ranked, 3, used);
        if (more.length === 0) break;
        parts.push(paragraph(more));
      }
      parts.push(framing.outro);
    }
    parts.push(cites.markdown());
    return {
      title: titleFor(input.recipe, topic),
      markdown: `${parts.join("\n\n")}\n`,
      outputType: "blog_post",
      markdownFile: slugify(title),
      files: [],
      sources: cites.list(),
    };
  },
};

const PLATFORMS: Record<string, { name: string; limit: number; hashtags: number }> = {
  x: { name: "X", limit: 280, hashtags: 2 },
  bluesky: { name: "Bluesky", limit: 300, hashtags: 2 },
  mastodon: { name: "Mastodon", limit: 500, hashtags: 3 },
  // LinkedIn allows far more; posts that are read end to end stay short.
  linkedin: { name: "LinkedIn", limit: 700, hashtags: 3 },
};
const OPENERS: Record<string, string> = { professional: "", friendly: "Quick update: ", bold: "Worth knowing: " };

export const socialComposer: Composer = {
  draft: { content: "Write the posts", activeForm: "Writing the posts" },
  render: { content: "Write the Markdown file", activeForm: "Writing the Markdown file" },
  compose(input) {
    const { insights, topic, parameters: p } = input;
    const platforms = param.list(p, "platforms", ["linkedin", "x"]);
    const count = param.int(p, "post_count", 3, 1, 10);
    const tone = param.str(p, "tone", "professional");
    const withTags = param.bool(p, "include_hashtags", true);
    const title = titleFor(input.recipe, topic);
    const cites = new Citations();
    const parts = [`# ${escapeInline(title)}`];

    // Facts with figures make the best posts; the same facts are adapted to each platform.
    const byFigures = [...focus(insights)].sort(
      (a, b) => Math.min(1, b.figures.length) - Math.min(1, a.figures.length) || b.score - a.score,
    );
    const facts = pickSentences(byFigures, count, new Set(), 1);
    const tags = insights.themes
      .map(
        (t) =>
          `#${t.label.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : "")).replace(/^./, (c) => c.toUpperCase())}`,
      )
      .filter((t) => t.length > 2);

    if (facts.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      parts.push("Each post is built on one fact from the project's context; the source is named under it (not part of the post).");
      for (const key of platforms) {
        const platform = PLATFORMS[key];
        if (!platform) continue;
        parts.push(`## ${platform.name}`);
        for (const fact of facts) {
          const tagLine = withTags ? tags.slice(0, platform.hashtags).join(" ") : "";
          const opener = OPENERS[tone] ?? "";
          const room = platform.limit - opener.length - (tagLine ? tagLine.length + 2 : 0);
          const post = `${opener}${shorten(fact.text, room)}${tagLine ? `\n\n${tagLine}` : ""}`;
          parts.push(
            `${post
              .split("\n")
              .map((l) => `> ${escapeInline(l)}`.trimEnd())
              .join("\n")}\n\nSource: *${escapeInline(fact.source.title)}* [${cites.cite(fact.source)}]`,
          );
        }
      }
    }
    parts.push(cites.markdown());
    return {
      title,
      markdown: `${parts.join("\n\n")}\n`,
      outputType: "social_posts",
      markdownFile: slugify(title),
      files: [],
      sources: cites.list(),
    };
  },
};
