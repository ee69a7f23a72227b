// A transcript's speaker labels, as ingest leaves them: a recording's export ("00:00:09 PN: 2,140
// complete responses …", "[00:02:41] Resident (Orchard House, flat): Honestly, …") is cleaned into a
// label paragraph ("00:00:09 PN:") before each turn's paragraph, and only the turn becomes a block.
// Who said a block is then known from the item's text alone: the label paragraph just before it. A
// brief asked what some people said needs it — which turns are theirs, which the host's.

// "00:00:09 PN:", "[00:02:41] Resident (Orchard House, flat):", "Cllr Aled Morgan:": a label and nothing else.
const LABEL =
  /^(?:[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?((?:(?:Dr|Mr|Mrs|Ms|Prof|Cllr)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3}(?:\s*\([^()]{1,60}\))?)\s*:$/u;

const normal = (t: string) => t.replace(/\s+/g, " ").trim();

/**
 * The speaker of each block (by its index) whose paragraph in the item's text follows a label
 * paragraph; blocks are matched to the text's paragraphs in order, by their opening words.
 */
export function blockSpeakers(text: string, blocks: readonly { text: string }[]): Map<number, string> {
  const out = new Map<number, string>();
  let pending: string | null = null;
  let next = 0;
  for (const raw of text.split(/\n{2,}/)) {
    const para = normal(raw);
    if (para.length === 0) continue;
    const label = para.length <= 90 ? LABEL.exec(para) : null;
    if (label) {
      pending = label[1]!.trim();
      continue;
    }
    const opening = para.slice(0, 40);
    let found = -1;
    for (let j = next; j < blocks.length; j++) {
      const b = normal(blocks[j]!.text);
      if (b.length > 0 && (b.startsWith(opening) || para.startsWith(b.slice(0, 40)))) {
        found = j;
        break;
      }
    }
    if (found < 0) continue;
    if (pending) out.set(found, pending);
    pending = null;
    next = found + 1;
  }
  return out;
}
