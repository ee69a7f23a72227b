// A search hit's excerpt: the words around the first place the query's words occur, with those
// words in **bold**. PostgreSQL's ts_headline did this at ~2.5 ms per item on the database's thread
// (it re-parses the whole body), which under the embedded database is the thread that answers HTTP.
// Words match by a shared prefix ("churn" finds "churned", "subscription" finds "subscribers"): an
// excerpt is a hint for the reader; the database still decides which items match and in what order.

const STOP = new Set([
  "the",
  "and",
  "for",
  "with",
  "from",
  "that",
  "this",
  "what",
  "which",
  "who",
  "are",
  "was",
  "were",
  "our",
  "how",
  "why",
]);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** The query's words as lower-case prefixes: long words keep at most 7 letters, losing a suffix's worth. */
export function queryPrefixes(query: string): string[] {
  const words = (query.toLowerCase().match(WORD) ?? []).filter((w) => w.length >= 3 && !STOP.has(w));
  return [...new Set(words.map((w) => (w.length > 5 ? w.slice(0, Math.max(4, Math.min(7, w.length - 3))) : w)))];
}

/**
 * Up to `maxWords` words of `text` around its first match of the query, matches in **bold**, with
 * " …" where the text goes on; the opening words when nothing matches.
 */
export function searchSnippet(text: string, query: string, maxWords = 35): string {
  const prefixes = queryPrefixes(query);
  const words = [...text.matchAll(/\S+/g)].map((m) => m[0]);
  if (words.length === 0) return "";
  const matches = (w: string) => {
    const bare = w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    return bare.length > 0 && prefixes.some((p) => bare.startsWith(p));
  };
  const first = prefixes.length > 0 ? words.findIndex(matches) : -1;
  const start = first <= 0 ? 0 : Math.max(0, first - Math.floor(maxWords / 3));
  const window = words.slice(start, start + maxWords).map((w) => (matches(w) ? boldWord(w) : w));
  return `${start > 0 ? "… " : ""}${window.join(" ")}${start + maxWords < words.length ? " …" : ""}`;
}

/** "(revenue," → "(**revenue**," — the bold goes around the word, not its punctuation. */
function boldWord(w: string): string {
  const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(w);
  return m && m[2] ? `${m[1]}**${m[2]}**${m[3]}` : w;
}
