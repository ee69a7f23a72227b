// The words an author uses to say "this is my summary": over a section ("Summary", "At a glance",
// "Key points") or at the head of a paragraph ("TL;DR —", "In short:", "Bottom line —"). One list,
// read by ingest (which takes a paragraph's label off and keeps it as the block's lead) and by the
// composers (which meet the author's own summary first). Pure: no I/O.

const SUMMARY = [
  String.raw`tl;?\s?dr`,
  "in short",
  "in brief",
  "in sum",
  "in a nutshell",
  "(?:the )?bottom line",
  "(?:the )?short version",
  "(?:key )?takeaways?",
  "(?:the )?headlines?",
  "(?:executive )?summary",
  "highlights?",
  "overview",
  "at a glance",
  "key points",
  "key (?:figures|numbers|facts)",
].map((w) => w.replace(/ /g, String.raw`\s+`));

// Labels a heading may carry but a paragraph does not open with as its summary ("Overview: this
// document describes …" introduces; it does not conclude).
const HEADING_ONLY = new Set([
  "highlights?",
  "overview",
  String.raw`at\s+a\s+glance`,
  String.raw`key\s+points`,
  String.raw`key\s+(?:figures|numbers|facts)`,
]);

// Advice an author labels the same way ("Recommendation — go with Volta"): a lead, not a summary.
const ADVICE = ["recommendation", "verdict"];

/** A heading, or a paragraph's lead label, that says its text is the author's summary. */
export const SUMMARY_LABEL = new RegExp(String.raw`\b(?:${SUMMARY.join("|")})\b`, "i");

const INLINE = SUMMARY.filter((w) => !HEADING_ONLY.has(w));

/**
 * A summary label opening a paragraph, with the dash, colon or comma after it: "TL;DR — …",
 * "In short: …". "Summary statistics are …" has none, so is no label.
 */
export const INLINE_SUMMARY = new RegExp(String.raw`^(?:${INLINE.join("|")})\s*(?:[—–:]|-\s|,)\s*`, "i");

/** A summary or advice label opening a paragraph, captured: ingest keeps it as the block's lead. */
export const LEAD_LABEL = new RegExp(String.raw`^\s*(${[...INLINE, ...ADVICE].join("|")})\s*(?::|[—–]|\s-\s)\s*(?=\S)`, "i");

/** The text is (or opens with) the author's summary label. */
export function isSummaryLabel(text: string): boolean {
  return SUMMARY_LABEL.test(text);
}
