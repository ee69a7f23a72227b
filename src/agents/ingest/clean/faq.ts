// A questions-and-answers page ("**When does it start?** Tuesday 21 July …", "Q: Who is exempt?
// A: Blue Badge holders …") is a list of sections, each titled by its question. Read as one
// paragraph, the answer loses its subject ("Tuesday 21 July 2026, and it will stay in place …"
// becomes a fact about nothing) and the question reads as one nobody answered. So the question
// becomes a heading and the answer the paragraph under it.
import type { RawBlock } from "./blocks.js";

const Q_AND_A = /^\s*Q\s*[:.)]\s*(?<q>[^\n]{3,200}?\?)\s*A\s*[:.)]\s*(?<a>\S[\s\S]*)$/i;
const Q_ALONE = /^\s*(?:Q|Question)\s*[:.)]\s*(?<q>[^\n]{3,200}\?)\s*$/i;
const A_LEAD = /^\s*(?:A|Answer)\s*[:.)]\s*/i;

/**
 * The heading and answer of a paragraph led by its question, or null. `lead` is the paragraph's
 * opening bold text, when it has one.
 */
export function splitQuestionLead(text: string, lead?: string): RawBlock[] | null {
  const bold = lead?.trim();
  if (bold && /\?$/.test(bold) && text.startsWith(bold)) {
    const answer = text.slice(bold.length).replace(A_LEAD, "").trim();
    if (answer) return [question(bold.replace(/^(?:Q|Question)\s*[:.)]\s*/i, "")), { kind: "paragraph", text: answer }];
  }
  const qa = Q_AND_A.exec(text);
  if (qa?.groups?.["q"] && qa.groups["a"]) return [question(qa.groups["q"]), { kind: "paragraph", text: qa.groups["a"].trim() }];
  const alone = Q_ALONE.exec(text);
  if (alone?.groups?.["q"]) return [question(alone.groups["q"])];
  return null;
}

/** "A: Blue Badge holders …" after a "Q:" line: the answer without its mark. */
export function withoutAnswerMark(text: string): string {
  return text.replace(A_LEAD, "");
}

function question(text: string): RawBlock {
  return { kind: "heading", text: text.trim(), level: 4, guessed: true };
}
