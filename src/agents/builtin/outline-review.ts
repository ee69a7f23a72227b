// The deck recipe's optional outline review (issue 16): the drafted deck's outline — slide titles
// and bullets — is shown to a person as editable text, and the edited outline is what gets built.
// Pure functions over the drafted composition (plain data, stored with the question so the resumed
// run builds exactly the draft that was reviewed, even if the project's context changed meanwhile).
import type { AskInput, Bullet, DeckSpec, SlideSpec } from "../context.js";
import type { DraftedComposition } from "../pool/jobs.js";
import { escapeInline } from "./compose-kit.js";

export const OUTLINE_KEY = "outline";
export const REVIEW_PARAMETER = "review_outline";
/**
 * How long the review waits before the deck is built as drafted (the question's default): a day, so
 * an unreviewed ticket neither waits for ever nor is built before the person had a working day for
 * it. Documented in the README.
 */
export const OUTLINE_REVIEW_EXPIRES_S = 24 * 3_600;

/**
 * The review question: the outline as editable text, the draft stored to resume from. Unanswered
 * for OUTLINE_REVIEW_EXPIRES_S, it takes its default, the outline as drafted, and the deck is built.
 */
export function outlineQuestion(outline: string, draft: DraftedComposition): AskInput {
  return {
    key: OUTLINE_KEY,
    question: "Review the deck's outline before the file is built: edit, reorder or delete slides and bullets, then submit.",
    answer_schema: outlineAnswerSchema(),
    default: { outline },
    expires_in: OUTLINE_REVIEW_EXPIRES_S,
    state: draft,
  };
}

/**
 * The question's answer schema: one long text field. The drafted outline is the question's default
 * (the form is prefilled with it), not the schema's: a schema default would fill an emptied field in.
 */
export function outlineAnswerSchema(): Record<string, unknown> {
  return {
    type: "object",
    required: ["outline"],
    properties: {
      outline: {
        type: "string",
        title: "Outline",
        description:
          "One slide per “## ” line (its title), one bullet per “- ” line under it. Edit, reorder or delete slides and bullets; a new “## ” section becomes a bullet slide. A line starting with “>” stands for a table, chart or figure slide: it is built as drafted unless you write bullets under it.",
        "x-widget": "textarea",
        minLength: 1,
        maxLength: 20_000,
      },
    },
  };
}

/** The deck a drafted composition builds, if it builds one. */
export function deckOf(draft: DraftedComposition): DeckSpec | null {
  for (const f of draft.files) if (f.render.format === "pptx") return f.render.spec;
  return null;
}

/** The deck as outline text: `## title`, then `- bullet` lines (or a `>` line for other layouts). */
export function outlineText(deck: DeckSpec): string {
  return deck.slides.map((s) => [`## ${oneLine(s.title)}`, ...slideLines(s)].join("\n")).join("\n\n");
}

function slideLines(s: SlideSpec): string[] {
  switch (s.layout) {
    case undefined:
    case "bullets":
      return s.bullets.map((b) => `- ${oneLine(b.text)}`);
    case "table":
      return [`> table: ${s.columns.join(" | ")} (${s.rows.length} rows)`];
    case "chart":
      return [`> chart: ${s.chart.labels.join(", ")}`];
    case "big-number":
      return [`> figure: ${s.value} ${s.label}`];
    case "two-column":
      return [`> two columns: ${s.left.heading} | ${s.right.heading}`];
    case "quote":
      return [`> quote: ${s.quote}`];
  }
}

interface Section {
  title: string;
  bullets: string[];
}

/** `## ` starts a slide, `- ` (or `* `) adds a bullet; other lines are ignored. */
export function parseOutline(text: string): Section[] {
  const sections: Section[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const heading = /^#{1,3}\s+(.+)$/.exec(line);
    if (heading?.[1]) {
      sections.push({ title: heading[1].trim(), bullets: [] });
      continue;
    }
    const bullet = /^[-*•]\s+(.+)$/.exec(line);
    if (bullet?.[1] && sections.length > 0) sections[sections.length - 1]!.bullets.push(bullet[1].trim());
  }
  return sections.filter((s) => s.title !== "");
}

/**
 * The slides the edited outline asks for. Each section takes the drafted slide with the same title,
 * else the unclaimed drafted slide at its position, else becomes a new bullet slide; a drafted slide
 * no section claims is dropped. A bullet whose text is unchanged keeps its source; a table, chart or
 * figure slide stays as drafted unless the section has bullets, which then replace it.
 */
export function applyOutline(deck: DeckSpec, text: string): SlideSpec[] {
  const sections = parseOutline(text);
  const taken = new Set<number>();
  const match: (number | null)[] = sections.map((sec) => {
    const i = deck.slides.findIndex((s, j) => !taken.has(j) && oneLine(s.title) === sec.title);
    if (i >= 0) taken.add(i);
    return i >= 0 ? i : null;
  });
  sections.forEach((_, k) => {
    if (match[k] === null && k < deck.slides.length && !taken.has(k) && !sections.some((s) => s.title === oneLine(deck.slides[k]!.title))) {
      match[k] = k;
      taken.add(k);
    }
  });
  return sections.map((sec, k) => {
    const i = match[k];
    const drafted = i === null || i === undefined ? null : deck.slides[i]!;
    if (!drafted) return { title: sec.title, bullets: sec.bullets.map((t) => ({ text: t })) };
    // A table, chart or figure slide is built as drafted, unless the person wrote bullets for it.
    if (drafted.layout !== undefined && drafted.layout !== "bullets") {
      if (sec.bullets.length === 0) return { ...drafted, title: sec.title };
      return { title: sec.title, notes: drafted.notes, footnote: drafted.footnote, bullets: sec.bullets.map((t) => ({ text: t })) };
    }
    const byText = new Map(drafted.bullets.map((b) => [oneLine(b.text), b] as const));
    const bullets: Bullet[] = sec.bullets.map((t) => byText.get(t) ?? { text: t });
    return { ...drafted, layout: "bullets", title: sec.title, bullets };
  });
}

/** The draft with the reviewed outline applied to its deck (and its outline output rewritten to match). */
export function reviseDraft(draft: DraftedComposition, text: string): DraftedComposition {
  const deck = deckOf(draft);
  if (!deck || text.trim() === outlineText(deck).trim()) return draft;
  const slides = applyOutline(deck, text);
  if (slides.length === 0) return draft; // an emptied outline builds the draft rather than a title slide alone
  const revised: DeckSpec = { ...deck, slides };
  const files = draft.files.map((f) =>
    f.render.format === "pptx"
      ? {
          ...f,
          render: { format: "pptx" as const, spec: revised },
          body: `A widescreen PowerPoint deck built from the outline as reviewed: ${slides.length} slide(s) (${slides.map((s) => s.title).join("; ")}).`,
        }
      : f,
  );
  return { ...draft, files, markdown: outlineMarkdown(draft, revised) };
}

function outlineMarkdown(draft: DraftedComposition, deck: DeckSpec): string {
  const cite = (b: Bullet) => {
    const n = b.source ? deck.sources.findIndex((s) => s.id === b.source?.id) + 1 : 0;
    return n > 0 ? ` [${n}]` : "";
  };
  const slides = deck.slides
    .map((s) => {
      const lines =
        s.layout === undefined || s.layout === "bullets"
          ? s.bullets.map((b) => `- ${escapeInline(b.text)}${cite(b)}`)
          : slideLines(s).map(escapeInline);
      return [`## ${escapeInline(s.title)}`, "", ...lines].join("\n");
    })
    .join("\n\n");
  const sources =
    deck.sources.length > 0 ? `\n\n## Sources\n\n${deck.sources.map((s, i) => `${i + 1}. **${escapeInline(s.title)}**`).join("\n")}` : "";
  return `# ${escapeInline(draft.title)}\n\n*The outline was reviewed and edited before the deck was built.*\n\n${slides}${sources}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
