// What a post for outside readers may take from a letter. A letter (an e-mail, a forwarded update)
// is correspondence: its greetings, requests, the writer's own voice and its signature are between
// its writer and the company. But a forwarded builder's update also states facts about the subject
// in the third person ("The new belt press can handle 2.5 tonnes of apples an hour"), and a post
// on that subject would use them. Those, and only those, are read.
import type { Insights } from "./insights.js";
import { keepInsights } from "./keep-insights.js";

// Someone speaking or being spoken to: I, we, you, a request, a greeting or a sign-off.
const VOICE =
  /\b(?:i|i'm|i've|i'd|me|my|mine|we|we're|we've|we'd|us|our|ours|you|you're|you've|your|yours|please|thanks|thank|regards|cheers|hi|hello|dear|sorry)\b/i;

/** A sentence of a letter a post may state: a full sentence of fact, in nobody's voice, no question, no fragment. */
export function impersonalStatement(text: string): boolean {
  const t = text.trim();
  if (!/[.!]["”’)]?$/.test(t) || t.split(/\s+/).length < 6) return false;
  if (/[?|]/.test(t) || /^[>\-–—]/.test(t) || /^(?:from|to|cc|sent|subject|date)\s*:/i.test(t)) return false;
  // A pointer to the rest of the letter ("Good news below from the builders.", "see attached") says nothing itself.
  if (/\b(?:below|above|attached|enclosed|forwarded|following|herewith)\b/i.test(t)) return false;
  return !VOICE.test(t.replace(/["“][^"”]*["”]/g, ""));
}

/**
 * The fact book with the letters' sentences narrowed to their impersonal statements. `letters`: the
 * ids of the items that are correspondence; everything of other items is kept as it is.
 */
export function lettersForPosts(insights: Insights, letters: ReadonlySet<string>): Insights {
  if (letters.size === 0) return insights;
  const ok = (text: string, source: { id: string }) => !letters.has(source.id) || impersonalStatement(text);
  return keepInsights(insights, ok, (source) => !letters.has(source.id));
}
