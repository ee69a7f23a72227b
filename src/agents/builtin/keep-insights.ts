// A fact book narrowed sentence by sentence: what a post may draw on (the topic's subject, a letter's
// impersonal statements) is decided per line of text and its item, and every kind of fact quoting a
// line (sentence, figure, statement, event) must follow the same decision, or a figure would survive
// the sentence it was read from. Tables have no one line, so they are kept or dropped by their item.
import type { Insights } from "./insights.js";

type Source = { id: string };

/**
 * `insights` keeping the sentences, figures, statements and events whose text `ok` accepts, the
 * tables `keepTable` accepts, and each group's kept sentences (a group left empty is dropped).
 */
export function keepInsights(
  insights: Insights,
  ok: (text: string, source: Source) => boolean,
  keepTable: (source: Source) => boolean,
): Insights {
  const sentences = insights.sentences.filter((s) => ok(s.text, s.source));
  const keep = new Set(sentences.map((s) => s.id));
  return {
    ...insights,
    sentences,
    figures: insights.figures.filter((f) => ok(f.sentence, f.source)),
    statements: insights.statements.filter((s) => ok(s.text, s.source)),
    events: insights.events.filter((e) => ok(e.sentence, e.source)),
    tables: insights.tables.filter((t) => keepTable(t.source)),
    groups: insights.groups
      .map((g) => ({ ...g, sentences: g.sentences.filter((s) => keep.has(s.id)) }))
      .filter((g) => g.sentences.length > 0),
  };
}
