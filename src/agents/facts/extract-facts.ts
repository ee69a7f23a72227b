// Clean blocks → the facts stated in them: figures, entities, dated events, statements, periods.
// Read from sentences of paragraphs, list items and quotes and from table rows; never from
// headings (structure, not statements) or code. Everything here reads the clean text only, so
// removed markup and injected instructions cannot become a fact.
import type { ContextAnalysis, EntityFact, EventFact } from "../../domain/context-analysis.js";
import { correctionsIn, mentionsValue } from "../builtin/corrections.js";
import type { CleanItem } from "../ingest/clean/clean-item.js";
import { findDates, type DateMention } from "./dates.js";
import { findEntities } from "./entities.js";
import { figuresIn } from "./figures.js";
import { periodsOf } from "./periods.js";
import { isExportStamp } from "./stamps.js";
import { statementsIn } from "./statements.js";
import { textUnits, type TextUnit } from "./units.js";
import { withheldMarkers } from "./withheld.js";

export type Facts = Pick<ContextAnalysis, "figures" | "entities" | "events" | "statements" | "periods" | "withheld">;

export function extractFacts(item: Pick<CleanItem, "title" | "blocks"> & Pick<Partial<CleanItem>, "speakers" | "sender">): Facts {
  const units = textUnits(item.blocks);
  // Headings are read for names only ("Q3 board update — Halvorsen Outdoor"), never for figures.
  const headings = item.blocks
    .filter((b) => b.kind === "heading")
    .map((b) => ({ text: b.text, section: b.section, block: b.kind, cued: false }) satisfies TextUnit);
  const { entities, mentions } = findEntities([...units, ...headings], { title: item.title });
  withSpeakers(entities, item.speakers ?? []);
  const kinds = new Map(entities.map((e) => [e.name, e.kind]));
  const figures: Facts["figures"] = [];
  const events: EventFact[] = [];
  const statements: Facts["statements"] = [];
  const bodyDates: DateMention[] = [];
  const seenFigure = new Set<string>();
  // The sentence before each sentence of a block: a note naming an older value corrects the one before it.
  const previousOf = new Map<string, string>();
  for (const b of item.blocks) b.sentences.forEach((s, k) => k > 0 && !previousOf.has(s) && previousOf.set(s, b.sentences[k - 1]!));
  units.forEach((unit, i) => {
    // A forwarded or pasted claim ("Fwd: … doubles yield") names its people and products, but its
    // figures, dates and promises are the outsider's, not the item's facts.
    if (unit.claimOf !== undefined) return;
    const dates = findDates(unit.text);
    bodyDates.push(...dates);
    const unitMentions = mentions[i] ?? [];
    // "The quote is £12,900, not £11,200": the older value a sentence corrects is no figure of it.
    const stale = unit.cells ? [] : correctionsIn(unit.text, previousOf.get(unit.text)).map((c) => c.wrong);
    const unitFigures = figuresIn(unit, unitMentions, kinds, dates).filter((f) => !stale.some((w) => mentionsValue(f.value, w)));
    for (const f of unitFigures) {
      const key = `${f.value}\u0000${f.sentence}`;
      if (seenFigure.has(key)) continue;
      seenFigure.add(key);
      figures.push(f);
    }
    statements.push(...statementsIn(unit, unitMentions, dates));
    // A table row is no sentence: "Northshore | £120,000 | FY2025-26" read as an event shows its pipes.
    // "Generated 2026-09-15 07:02 PDT by svc_reporting": when a file was made, nothing that happened.
    if (!unit.cells && !isExportStamp(unit.text))
      for (const d of dates) {
        // "Revenue for Q3 2026": the period a figure belongs to, not something that happens then.
        if (/\bfor\s+(?:the\s+)?$/i.test(unit.text.slice(0, d.start)) && unitFigures.some((f) => f.period === d.text)) continue;
        // "the driest spring since 1976", "up from 58.9 in H1 2025", "(H1 2025: 1,087)": a point of
        // comparison, not something that happens then.
        const before = unit.text.slice(Math.max(0, d.start - 48), d.start);
        if (/\bsince\s+(?:the\s+)?$/i.test(before) || /\bfrom\s+[^,;()]{1,30}?\s+in\s+$/i.test(before)) continue;
        if (/^\s*:/.test(unit.text.slice(d.end)) && /\(\s*$/.test(before)) continue;
        // "Date: 12 Nov 2026" (an e-mail's header, a form's field): a label and a date say nothing happens.
        const rest = `${unit.text.slice(0, d.start)} ${unit.text.slice(d.end)}`.replace(/^[^:]{1,20}:/, " ");
        if ((rest.match(/\p{L}{2,}/gu) ?? []).length === 0) continue;
        const event: EventFact = { date: d.text, sentence: unit.text, section: unit.section };
        if (d.iso) event.iso = d.iso;
        events.push(event);
      }
  });
  if (item.sender) bySender(item.sender, figures, entities);
  const withheld = [...new Set(units.filter((u) => !u.cells && u.claimOf === undefined).flatMap((u) => withheldMarkers(u.text)))];
  return {
    figures,
    entities,
    events,
    statements,
    periods: periodsOf(item.title, item.blocks, bodyDates),
    ...(withheld.length > 0 ? { withheld } : {}),
  };
}

const WE = /\b(?:we|our|us|ours)\b/i;

/**
 * In an e-mail from another organisation, "we" are the sender: "For 25 agents on Pro we can offer $39
 * per agent per month, … which brings the annual cost to $9,945" states HelpHarbor's figures, though
 * the body never names HelpHarbor (its signature and address do). A figure the sentence gives no
 * other owner takes the sender's name.
 */
function bySender(sender: string, figures: Facts["figures"], entities: EntityFact[]): void {
  let used = false;
  for (const f of figures) {
    if (f.entity || !WE.test(f.sentence)) continue;
    f.entity = sender;
    used = true;
  }
  const known = entities.find((e) => e.name === sender);
  if (known) known.kind = "organization";
  else if (used) entities.push({ name: sender, kind: "organization", mentions: 1 });
}

/**
 * A chat's speakers are people, named in the text or not; one speaking by first name ("Jonah"
 * beside the speaker "Jonah Price") is that person too. Before, a transcript's speakers read as
 * "other" names and became rows of a comparison of carriers.
 */
function withSpeakers(entities: EntityFact[], speakers: readonly string[]): void {
  const firstNames = new Set(speakers.filter((s) => s.includes(" ")).map((s) => s.split(" ")[0]!));
  for (const e of entities) if (speakers.includes(e.name) || firstNames.has(e.name)) e.kind = "person";
  for (const name of speakers) if (!entities.some((e) => e.name === name)) entities.push({ name, kind: "person", mentions: 1 });
}
