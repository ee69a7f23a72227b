// What a manager's report leaves out of the sentences it quotes, and how it titles a results section:
// - a register's or a catalogue's reference numbers ("(HX.2011.4.17 and HX.2011.4.20)", "TMA.1987.44.12"):
//   a registrar's or an archivist's shorthand, no fact a manager reads; a bracket holding only such
//   numbers is left out and the sentence keeps its point, a sentence whose subject is one is not said;
// - a results section is titled by what it reports ("Results of the EV bus pilot"), never a bare "Results".
import { identifiersIn } from "../facts/identifiers.js";

// Accession and catalogue numbers ("TMA.1987.44.12"), record and opaque ids (identifiers.ts), not
// software versions: "v2.4" is a product's release.
function referencesIn(text: string): string[] {
  return identifiersIn(text).filter((id) => !/^v?\d/i.test(id));
}

// A bracket of references only: ids separated by commas, "and", "&", "/" or ";".
function onlyReferences(inner: string): boolean {
  const ids = referencesIn(inner);
  if (ids.length === 0) return false;
  let rest = inner;
  for (const id of ids) rest = rest.replace(id, " ");
  return /^[\s,;/&]*(?:(?:and|or)[\s,;/&]*)*$/i.test(rest.replace(/\b(?:and|or)\b/gi, " "));
}

/**
 * The sentence without a bracket of reference numbers ("Two boxes (HX.2011.4.17 and HX.2011.4.20) were
 * returned." → "Two boxes were returned."); the sentence as it is when it names none; null when a
 * reference number stays in it (it is the sentence's subject, or a list of them): not said.
 */
export function withoutReferenceIds(text: string): string | null {
  if (referencesIn(text).length === 0) return text;
  const out = text
    .replace(/\s*\(([^()]{1,200})\)/g, (whole, inner: string) => (onlyReferences(inner) ? "" : whole))
    .replace(/\s+([,.;:])/g, "$1");
  return referencesIn(out).length === 0 ? out : null;
}

/**
 * A results section's title, naming the subject the topic gives before its period or qualifier
 * ("EV bus pilot, 2026 season" → "Results of the EV bus pilot").
 */
export function resultsTitle(topic: string): string {
  const subject = (topic.split(/\s*[,;:(—–]\s*|\s+-\s+/)[0] ?? "").trim().replace(/^(?:the|our|a|an)\s+/i, "");
  if (subject === "" || /\bresults?\b/i.test(subject)) return "Results";
  // "EV bus pilot" keeps its capitals; "Compost trial" is said mid-title in lower case.
  const said =
    /^\p{Lu}[\p{Ll}]/u.test(subject) && !/^\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(subject) ? subject[0]!.toLowerCase() + subject.slice(1) : subject;
  return `Results of the ${said}`;
}

/**
 * A composed part of the report with its reference numbers left out: each bullet as
 * `withoutReferenceIds` says it (or not said), each other line without its brackets of references.
 * Headings are left as they are.
 */
export function withoutReferenceLines(part: string): string {
  if (referencesIn(part).length === 0) return part;
  return part
    .split("\n")
    .flatMap((line) => {
      if (/^#/.test(line) || referencesIn(line).length === 0) return [line];
      const bullet = /^(\s*[-*]\s+|\s*\d+\.\s+)/.exec(line)?.[1];
      const kept = withoutReferenceIds(line);
      if (kept !== null) return [kept];
      if (bullet) return [];
      // A paragraph or a table row keeps its other sentences: only the brackets go.
      return [line.replace(/\s*\(([^()]{1,200})\)/g, (whole, inner: string) => (onlyReferences(inner) ? "" : whole))];
    })
    .join("\n");
}
