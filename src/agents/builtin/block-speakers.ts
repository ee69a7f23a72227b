// A transcript's speaker labels, as ingest leaves them: a recording's export ("00:00:09 PN: 2,140
// complete responses …", "[00:02:41] Resident (Orchard House, flat): Honestly, …") is cleaned into a
// label paragraph ("00:00:09 PN:") before each turn's paragraph, and only the turn becomes a block.
// Who said a block is then known from the item's text alone: the label paragraph just before it. A
// brief asked what some people said needs it — which turns are theirs, which the host's.

// "00:00:09 PN:", "[00:02:41] Resident (Orchard House, flat):", "Cllr Aled Morgan:", and a Teams
// export's "Josh Mireku (Learning Officer)   0:31" (the time after the name): a label and nothing else.
const LABEL =
  /^(?:[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?((?:(?:Dr|Mr|Mrs|Ms|Prof|Cllr)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3}(?:\s*\([^()]{1,60}\))?)\s*(?::|\s\d{1,2}:\d{2}(?::\d{2})?)$/u;
// "Attendees: Ann Bell (headteacher), Priya Nair (parent, Year 4), Colm Reilly": each person's role.
const LISTED = /\b(?:attendees|participants|present|speakers|in\s+attendance)\s*:\s*(.+)$/im;
// A turn's own label opening its paragraph: "Priya Nair: …".
const INLINE = /^((?:(?:Dr|Mr|Mrs|Ms|Prof|Cllr)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})\s*:\s+\S/u;

/** A paragraph that is only a speaker's label ("Bea Okoro (Duty Manager) 0:44", "[00:02:41] Resident:"): no one's words. */
export function isSpeakerLabel(text: string): boolean {
  const t = normal(text);
  return t.length <= 90 && LABEL.test(t);
}

/** The roles an attendees line gives its people ("Priya Nair (parent, Year 4)" → Priya Nair: parent, Year 4). */
export function listedRoles(text: string): Map<string, string> {
  const roles = new Map<string, string>();
  const listed = LISTED.exec(text)?.[1] ?? "";
  for (const person of listed.split(/\s*[;|]\s*|,\s+(?![^()]*\))/)) {
    const m = /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})\s*\(([^)]{1,60})\)/u.exec(person.trim());
    if (m?.[1] && m[2]) roles.set(m[1], m[2].trim());
  }
  return roles;
}

const normal = (t: string) => t.replace(/\s+/g, " ").trim();

/**
 * The speaker of each block (by its index) whose paragraph in the item's text follows a label
 * paragraph; blocks are matched to the text's paragraphs in order, by their opening words.
 */
export function blockSpeakers(text: string, blocks: readonly { text: string }[]): Map<number, string> {
  const out = new Map<number, string>();
  // (A typed transcript lists its people's roles once, in its attendees line; its turns name them
  // alone — "Priya Nair: …" — and that turn's speaker is "Priya Nair (parent, Year 4)".)
  const roles = listedRoles(text);
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
    const inline = pending ? null : INLINE.exec(para)?.[1];
    if (inline && roles.has(inline)) pending = `${inline} (${roles.get(inline)!})`;
    if (pending) out.set(found, pending);
    pending = null;
    next = found + 1;
  }
  return out;
}
