// What a comparison's Notes cell never holds, whatever path a sentence came in by: a request to a
// colleague ("Please update the table", "Can you resend …") is about the paperwork, not the option; a
// lone word ("One-off", split from the clause it qualified) says nothing a reader can use.
const REQUEST = /^(?:please|kindly|can you|could you|would you)\b/i;

export function isNoRemark(text: string): boolean {
  const t = text.replace(/[.!?]+$/, "").trim();
  return REQUEST.test(t) || !/\s/.test(t);
}
