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

// A brief's instructions to whoever writes from it: how to write ("Tone: warm, honest about the
// closure.", "Key message: …") and what not to say ("Don't promise a date we can't keep.", "Avoid
// naming the contractor."). The writer follows them; they are never the piece's words.
const WRITING_LABEL =
  /^(?:tone(?:\s+of\s+voice)?|voice|style|register|key\s+messages?|messaging|call\s+to\s+action|cta|angle|hook|dos?\s+and\s+don['’]?ts|do['’]?s|don['’]?ts|word\s+count|length)\s*:/i;
const WRITING_BAN =
  /^(?:please\s+)?(?:don['’]?t|do\s+not|never|avoid|no\s+need\s+to)\s+(?:promis\w*|mention\w*|say\w*|nam\w*|quot\w*|refer\w*|talk\w*|impl\w*|suggest\w*|overpromis\w*|commit\w*|reveal\w*|disclos\w*|guarantee\w*|claim\w*|announc\w*|hint\w*|speculat\w*)\b/i;
const WRITING_ASK =
  /^(?:please\s+)?(?:keep\s+(?:it|the\s+(?:post|copy|tone|piece))|make\s+sure\s+(?:we|you|the\s+(?:post|copy))|remember\s+to\s+(?:say|mention))\b/i;

/** An instruction to the writer of the piece: how to write it or what to leave out of it. */
export function isWriterDirective(text: string): boolean {
  const t = text.trim().replace(/^[•·▪‣◦*-]\s*/, "");
  return WRITING_LABEL.test(t) || WRITING_BAN.test(t) || WRITING_ASK.test(t);
}
