// An FAQ's answers (ingest makes each question a section heading: "When does it start?" over
// "Tuesday 21 July 2026, and it will stay in place until reservoir stocks recover."). An answer
// that opens on its bare value has no subject of its own: quoted without its question, a reader
// cannot tell what starts on Tuesday. Such a line is no bullet, summary sentence, step or risk.
import { hasVerb } from "./sentence-kinds.js";

const QUESTION = /\?\s*$/;
// "Yes, …", "No. …", "Not yet …": an answer that only makes sense after its question.
const BARE_REPLY = /^(?:yes|no|not yet|none|never|always|usually)\b/i;
// "Tuesday 21 July 2026, …", "From 15 July …", "£45 a month …": an answer opening on its value.
const BARE_VALUE =
  /^(?:(?:from|on|at|in|by|until|since|about|around|roughly|only|just|up to)\s+)?(?:\d|[$€£]|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)/i;

/**
 * True when a sentence under a question heading does not stand without the question: it opens on
 * a reply word, or on its value with no verb in its first clause (up to a comma, semicolon, colon
 * or dash: "Tuesday 21 July 2026, and it will …"). "A shower timer alone can save a family around
 * 20 litres a day." and "Order a free pack from 15 July." under "How can I save water?" stay.
 */
export function needsItsQuestion(text: string, section: string | null | undefined): boolean {
  if (!section || !QUESTION.test(section.trim())) return false;
  const t = text.trim();
  if (BARE_REPLY.test(t)) return true;
  const first = t.split(/[,;:]\s|\s[—–-]\s/)[0] ?? t;
  return BARE_VALUE.test(t) && !hasVerb(first);
}
