// A sentence that tells the notes' reader what to do with them — "Do not mention Arden or a sale
// anywhere", "please keep that out of anything that leaves purchasing" — is an instruction about
// the content, never content: no cell of a comparison, no finding of a brief. (The lead's
// withheld.ts keeps what such a sentence names out of outside content; this keeps the sentence itself
// out of every output.) A "directive" sentence kind, where the fact model gives one, says the same.
import type { Sentence } from "./insights.js";

const ASK =
  /(?:^|[.;:!?,–—-]\s*|\b(?:please|also|and|but|so)\s+)(?:do\s+not|don['’]t|never)\s+(?:mention|share|publish|disclose|include|refer\s+to|talk\s+about|say\s+anything\s+about)\b|\bkeep\s+[^.;]{1,60}?\s+out\s+of\b/i;

/** True when the sentence asks its reader to keep something out, rather than stating anything. */
export function isInstruction(s: Pick<Sentence, "text" | "kinds">): boolean {
  return (s.kinds as readonly string[]).includes("directive") || ASK.test(s.text);
}
