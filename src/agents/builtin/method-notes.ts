// How a measurement was made — the machine, the number of runs, the sample, how a value was scaled
// — is the fine print under a table of results. A reader needs it beside the figures, never as a
// slide of its own: "Median of 10 runs on the standard corpus" is no point a deck makes.

// "Machine: …", "Method: …", "Sample: 412 respondents …": the label of a method note.
const METHOD_LABEL =
  /^(?:method(?:ology)?|machine|hardware|environment|test (?:setup|environment|rig)|set-?up|configuration|sample(?: size)?|base|fieldwork|measured (?:on|with))\s*:/i;
// "Median of 10 runs …", "Mean of five trials …", "Best of 3 runs": how many times it was measured.
const RUNS =
  /^(?:the\s+)?(?:median|mean|average|best|worst|p\d{2})\s+of\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a hundred)\s+(?:runs?|trials?|iterations?|samples?|measurements?|repetitions?)\b/i;
// "… its RSS is measured on a 200 MB slice and scaled", "figures are estimated from a 10% sample":
// how a value was obtained.
const OBTAINED =
  /\b(?:is|are|was|were)\s+(?:measured|estimated|extrapolated|computed|calculated|sampled|benchmarked|weighted)\s+(?:on|from|over|using|with|against|by)\b/i;

/** A sentence saying how a figure was measured rather than what it shows. */
export function isMethodNote(text: string): boolean {
  const t = text.trim();
  return METHOD_LABEL.test(t) || RUNS.test(t) || OBTAINED.test(t);
}
