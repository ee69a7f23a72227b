// Lines an item addresses to its own readers about the item itself: how to handle it ("Do not share
// outside management.") or how to reach its sender ("Write to hej@lindqvist.example or call 08-123
// 456 78."). True where they stand; no point on a board's slide or in a report's progress.
const HANDLING = /^(?:please\s+)?(?:do not|don't|not to be|never)\s+(?:share|forward|distribute|circulate|copy|publish|disclose|send)\b/i;
const CONTACT = /^(?:please\s+)?(?:write to|call|ring|phone|e-?mail|contact|reply to|get in touch|reach us)\b/i;
const ADDRESS = /@[\w-]+\.[\w.-]+|\+?\d[\d\s-]{6,}\d|https?:\/\//;

/** A line telling its own readers how to handle the item or how to reach its sender. */
export function isReaderNotice(text: string): boolean {
  const t = text.trim();
  return HANDLING.test(t) || (CONTACT.test(t) && ADDRESS.test(t));
}
