// What a brief tells its writer to say, said beside the news: "reopens in spring — we're saying
// 'April 2027' publicly, with the exact date once the contractor confirms", "(don't give a date
// externally yet)". The news is the post's; the line about what to say in public is the team's.

// Saying in public, or holding back from it.
const IN_PUBLIC = String.raw`(?:publicly|in\s+public|externally|officially|on\s+the\s+record|to\s+(?:the\s+)?(?:press|media|public|customers|guests|residents|members|passengers))`;
const SAYING = String.raw`(?:say(?:ing|s)?|tell(?:ing|s)?|told|announc\w*|communicat\w*|messag\w*|confirm(?:ing)?|giv(?:e|ing)|mention\w*|quot\w*|shar(?:e|ing)|go(?:ing)?\s+with|stick(?:ing)?\s+(?:to|with))`;
const MESSAGING = new RegExp(String.raw`\b${SAYING}\b[^.;]*?\b${IN_PUBLIC}|\b${IN_PUBLIC}\b[^.;]*?\b${SAYING}\b`, "i");

/** The sentence, or a clause of it, says what the team tells the public rather than what is so. */
export function saysWhatToSay(text: string): boolean {
  return MESSAGING.test(text);
}

/**
 * The sentence without its aside about what to say in public: a dash clause to the sentence's end,
 * or a bracket, that is about messaging goes; what the sentence states stays. Unchanged when no
 * aside is about messaging (a whole sentence about it is the caller's to leave out).
 */
export function withoutMessagingAside(text: string): string {
  const bracket = text.replace(/\s*\(([^()]*)\)/g, (m, inner: string) => (saysWhatToSay(inner) ? "" : m));
  const dash = /\s+[—–]\s+|\s+-\s+/.exec(bracket);
  if (!dash) return bracket;
  const head = bracket.slice(0, dash.index);
  const tail = bracket.slice(dash.index + dash[0].length);
  if (!saysWhatToSay(tail) || saysWhatToSay(head)) return bracket;
  return `${head.replace(/[\s,;:]+$/, "")}${/[.!?]$/.test(head) ? "" : "."}`;
}
