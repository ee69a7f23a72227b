// What every composer shares: reading parameters, numbering citations in order of first use,
// trimming quotes to length, and the honest "nothing found" text. No facts are made here.
import type { AgentTools, SourceRef, StoredFile } from "../context.js";
import type { Recipe } from "../../domain/recipe.js";
import type { Insights, Sentence } from "./insights.js";

export interface Step {
  content: string;
  activeForm: string;
}

export interface FileJob {
  title: string;
  outputType: string;
  /** Markdown shown for the file output: what is in it. */
  body: string;
  make(skills: AgentTools["skills"]): Promise<StoredFile>;
}

export interface Composition {
  title: string;
  /** The markdown output: the readable preview, always ending with a Sources section. */
  markdown: string;
  outputType: string;
  /** For markdown recipes: the preview is also saved as a .md file. */
  markdownFile: string | null;
  files: FileJob[];
  sources: SourceRef[];
}

export interface ComposeInput {
  recipe: Recipe;
  parameters: Record<string, unknown>;
  topic: string;
  insights: Insights;
  /** True when the project has context items at all (to word the "nothing found" message). */
  projectHasContext: boolean;
}

export interface Composer {
  draft: Step;
  render: Step;
  compose(input: ComposeInput): Composition;
}

export const param = {
  str(p: Record<string, unknown>, key: string, fallback: string): string {
    const v = p[key];
    return typeof v === "string" && v.trim() !== "" ? v.trim() : fallback;
  },
  int(p: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
    const v = p[key];
    const n = typeof v === "number" && Number.isFinite(v) ? Math.round(v) : fallback;
    return Math.min(max, Math.max(min, n));
  },
  bool(p: Record<string, unknown>, key: string, fallback: boolean): boolean {
    const v = p[key];
    return typeof v === "boolean" ? v : fallback;
  },
  list(p: Record<string, unknown>, key: string, fallback: string[]): string[] {
    const v = p[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : fallback;
  },
};

/** Numbers sources in the order they are first cited, so the Sources list matches the [n]s. */
export class Citations {
  private readonly numbers = new Map<string, number>();
  private readonly cited: SourceRef[] = [];

  cite(source: SourceRef): number {
    let n = this.numbers.get(source.id);
    if (n === undefined) {
      this.cited.push(source);
      n = this.cited.length;
      this.numbers.set(source.id, n);
    }
    return n;
  }

  /** "— *Title* [n]": names the source and points into the Sources list. */
  tag(source: SourceRef): string {
    return `— *${escapeInline(source.title)}* [${this.cite(source)}]`;
  }

  list(): SourceRef[] {
    return [...this.cited];
  }

  markdown(): string {
    if (this.cited.length === 0) return "## Sources\n\nNone: no context item was used.";
    return `## Sources\n\n${this.cited.map((s, i) => `${i + 1}. **${escapeInline(s.title)}**`).join("\n")}`;
  }
}

/** The sentences to quote: the focused ones (search hits, topic mentions) when there are any. */
export function focus(insights: Insights): Sentence[] {
  const focused = insights.sentences.filter((s) => s.focused);
  return focused.length > 0 ? focused : insights.sentences;
}

/** Pick sentences not used yet, best first, at most `perSource` from one source until others run out. */
export function pickSentences(candidates: Sentence[], count: number, used: Set<number>, perSource = 2): Sentence[] {
  const picked: Sentence[] = [];
  const fromSource = new Map<string, number>();
  for (const pass of [perSource, Number.POSITIVE_INFINITY]) {
    for (const s of candidates) {
      if (picked.length >= count) break;
      if (used.has(s.id) || picked.includes(s)) continue;
      const n = fromSource.get(s.source.id) ?? 0;
      if (n >= pass) continue;
      picked.push(s);
      fromSource.set(s.source.id, n + 1);
    }
  }
  for (const s of picked) used.add(s.id);
  return picked;
}

/** Cut at a word boundary with an ellipsis; numbers are never split because cuts happen at spaces. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/\s+\S*$/, "");
  return `${cut.replace(/[,;:\s-]+$/, "")}…`;
}

/** Escape characters that would turn quoted text into markdown structure. */
export function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, "\\$1");
}

export function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The honest answer when nothing relevant was found: say so, and say what to add. */
export function nothingFound(input: ComposeInput): string[] {
  const topic = input.topic;
  const first = input.projectHasContext
    ? `No context in this project mentions “${topic}”: none of its notes or files matched.`
    : `This project has no context yet, so nothing can be said about “${topic}”.`;
  return [
    first,
    `Add notes about ${topic} to the project's context (facts, figures, dates, decisions), then run this recipe again.`,
    "Nothing here was invented: this output only reports what the project's context contains.",
  ];
}

/** Topic words no source mentions: honest gaps for "open questions" sections. */
export function missingTopicWords(insights: Insights): string[] {
  return insights.topicWords.filter((w) => !w.found).map((w) => w.word);
}

export function titleFor(recipe: Recipe, topic: string): string {
  return `${recipe.name}: ${capitalise(topic)}`;
}
