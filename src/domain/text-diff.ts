// A side-by-side, line-then-word diff of two texts (jsdiff): the lines are matched first (Myers, as
// `diff` does), then each removed line is paired with the added line in its place and diffed word by
// word, so a reader sees "Revenue grew 12 % → 14 %" as one changed line, not a deletion and an insertion.
import { diffArrays, diffWordsWithSpace, type ArrayChange } from "diff";
import type { DiffPart, DiffRow, DiffSection, DiffStats } from "./outputs-library.js";

/** A whole comparison gives up matching after this long and shows both sides whole (jsdiff's `timeout`). */
export const DIFF_TIMEOUT_MS = 500;

export interface TextSection {
  label: string;
  text: string;
}

function linesOf(text: string): string[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  // A trailing newline is no line of its own.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return text === "" ? [] : lines;
}

/**
 * Below this share of characters in common, a replaced line is shown changed as a whole: marking every
 * other word of two unrelated sentences tells a reader less than the two lines side by side.
 */
const MIN_SHARED_FOR_WORDS = 0.4;

function wordParts(base: string, head: string): { base: DiffPart[]; head: DiffPart[] } {
  const out = { base: [] as DiffPart[], head: [] as DiffPart[] };
  let shared = 0;
  for (const change of diffWordsWithSpace(base, head)) {
    if (!change.added && !change.removed && change.value.trim()) shared += change.value.length;
    if (!change.added) out.base.push({ text: change.value, changed: change.removed });
    if (!change.removed) out.head.push({ text: change.value, changed: change.added });
  }
  if (shared < MIN_SHARED_FOR_WORDS * Math.max(base.length, head.length)) {
    return { base: [{ text: base, changed: true }], head: [{ text: head, changed: true }] };
  }
  return out;
}

const whole = (text: string): DiffPart[] => [{ text, changed: false }];

/** Rows of one pair of texts; `null` when the matching ran past the time bound. */
export function diffRows(baseText: string, headText: string, timeoutMs = DIFF_TIMEOUT_MS): DiffRow[] | null {
  const changes: ArrayChange<string>[] | undefined = diffArrays(linesOf(baseText), linesOf(headText), { timeout: timeoutMs });
  if (!changes) return null;
  const rows: DiffRow[] = [];
  let b = 0;
  let h = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      for (const text of change.value)
        rows.push({ kind: "same", base: { line: ++b, text, parts: whole(text) }, head: { line: ++h, text, parts: whole(text) } });
      continue;
    }
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      // A replacement: pair lines in order, the rest of the longer side stays removed / added.
      const removed = change.value;
      const added = next.value;
      const paired = Math.min(removed.length, added.length);
      for (let k = 0; k < paired; k++) {
        const parts = wordParts(removed[k]!, added[k]!);
        rows.push({
          kind: "changed",
          base: { line: ++b, text: removed[k]!, parts: parts.base },
          head: { line: ++h, text: added[k]!, parts: parts.head },
        });
      }
      for (const text of removed.slice(paired)) rows.push({ kind: "removed", base: { line: ++b, text, parts: whole(text) }, head: null });
      for (const text of added.slice(paired)) rows.push({ kind: "added", base: null, head: { line: ++h, text, parts: whole(text) } });
      i++;
      continue;
    }
    for (const text of change.value) {
      if (change.removed) rows.push({ kind: "removed", base: { line: ++b, text, parts: whole(text) }, head: null });
      else rows.push({ kind: "added", base: null, head: { line: ++h, text, parts: whole(text) } });
    }
  }
  return rows;
}

/** Every base line removed, every head line added: what a diff that gave up shows. */
function wholeSideRows(baseText: string, headText: string): DiffRow[] {
  let b = 0;
  let h = 0;
  return [
    ...linesOf(baseText).map((text): DiffRow => ({ kind: "removed", base: { line: ++b, text, parts: whole(text) }, head: null })),
    ...linesOf(headText).map((text): DiffRow => ({ kind: "added", base: null, head: { line: ++h, text, parts: whole(text) } })),
  ];
}

export function statsOf(rows: readonly DiffRow[]): DiffStats {
  const stats = { added: 0, removed: 0, changed: 0 };
  for (const row of rows) if (row.kind !== "same") stats[row.kind]++;
  return stats;
}

function sumStats(all: readonly DiffStats[]): DiffStats {
  return all.reduce((a, s) => ({ added: a.added + s.added, removed: a.removed + s.removed, changed: a.changed + s.changed }), {
    added: 0,
    removed: 0,
    changed: 0,
  });
}

/**
 * Sections paired by position (slide 1 with slide 1 …); a section only one side has is all added or
 * all removed. The label is the head's where both exist.
 */
export function diffSections(
  base: readonly TextSection[],
  head: readonly TextSection[],
  timeoutMs = DIFF_TIMEOUT_MS,
): { sections: DiffSection[]; stats: DiffStats; truncated: boolean } {
  const sections: DiffSection[] = [];
  let truncated = false;
  const started = Date.now();
  for (let i = 0; i < Math.max(base.length, head.length); i++) {
    const b = base[i];
    const h = head[i];
    // One time bound for the whole comparison, not per section: a 200-slide deck cannot take 200 × it.
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    const matched = diffRows(b?.text ?? "", h?.text ?? "", left);
    if (!matched) truncated = true;
    const rows = matched ?? wholeSideRows(b?.text ?? "", h?.text ?? "");
    const stats = statsOf(rows);
    sections.push({ label: h?.label ?? b?.label ?? `Part ${i + 1}`, changed: rows.some((r) => r.kind !== "same"), rows, stats });
  }
  return { sections, stats: sumStats(sections.map((s) => s.stats)), truncated };
}
