// What someone said in a meeting, as a transcript keeps it: "Okay, let's start. so the quarter,
// revenue up three point six percent …", "Can I just say, the Vasastan drop is the tram works",
// "... sorry, my connection dropped." True, but talk: a slide's point or a report's sentence says
// what was found or decided, and a transcript's decision ("Decision: we bring …") is no such remark.
const SPOKEN =
  /^(?:\.{2,}|…|(?:okay|ok|well|um+|uh+|erm|yeah|yep|right|anyway|look|listen|sorry|hmm|oh)\b[,.!\s]|(?:can|could|may) i (?:just )?(?:say|ask|add)\b|i mean\b|to be honest\b|let'?s (?:start|begin|move on|go)\b)/i;

/** A remark as spoken: opened by a filler, a turn-taking phrase or a trailing-off. */
export function isSpokenRemark(text: string): boolean {
  return SPOKEN.test(text.trim());
}
