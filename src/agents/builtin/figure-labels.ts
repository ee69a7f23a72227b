// Labels the figure extractor took from the words around a value that do not say what was measured:
// a lone adjective ("Significant | 95%", "Whole | 41%"), a heading ("What people told us | 58%"), a
// possessive of a word that owns nothing ("The's responses", "Total's accounts") or a comparative
// whose value is not the difference it names ("Full LED's more heating gas | 36.4"). Such a label is
// neither a key-figures row nor a sentence's subject: the figure is quoted in its own words or left out.
import { labelTags } from "./nlp.js";

const HEADING_START = /^(?:what|how|why|where|when|who|which|whom|whose)\b/i;
// A possessor that is a determiner or quantifier, or a plural given a singular's "'s".
const EMPTY_POSSESSOR =
  /(?:^|\s)(?:the|a|an|this|that|these|those|total|overall|whole|all|each|every|both|other)['’]s\b|(?:ers|ors|ies|ings|ents|ants|ees|ists)['’]s\b/iu;
// "Ergometer seats cost £1,150": things, then the verb that prices them ("running costs" is a noun).
const PRICED_THINGS = /\p{L}{2,}s\s+cost$/iu;
const COMPARATIVE = /\b(?:more|less|fewer|extra)\b/i;
const NOT_A_HEAD = new Set(["ADJ", "ADV", "VERB", "AUX", "PRON", "DET", "ADP", "PART", "CCONJ", "SCONJ"]);

/** True when a figure's label does not name a measure a reader could look up. */
export function isEmptyLabel(metric: string): boolean {
  const label = metric
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (label === "") return true;
  if (HEADING_START.test(label) || EMPTY_POSSESSOR.test(label) || COMPARATIVE.test(label) || PRICED_THINGS.test(label)) return true;
  // The label's own words without the owner's name ("Nordvind's price" → "price").
  const own = label.replace(/^.*['’]s\s+/, "");
  const words = own.match(/\p{L}+(?:-\p{L}+)*/gu) ?? [];
  if (words.length === 0) return true;
  // ("Tenants who would use a shared van": a relative pronoun after the noun names no one else.)
  const tags = labelTags(words.join(" "));
  if (tags.some((t, k) => t === "PRON" && !(k > 0 && /^(?:who|that)$/i.test(words[k] ?? "")))) return true;
  // One word that is no noun: "Significant", "Worth", "Separate", "Remaining".
  return words.length === 1 && NOT_A_HEAD.has(tags[0] ?? "");
}
