// Parts of a sentence whose digits are not figures: URLs, emails, dotted identifiers and versions,
// file names, issue and ticket references, times, phone-like runs. Figures and entities are only
// read outside these spans.

export interface Span {
  start: number;
  end: number;
}

/**
 * Acronyms a number after is a quantity of: currency codes ("NOK 189") and metric names
 * ("NPS 42", "ARR 4.2m"). Everything else of the form ACRONYM + number names a standard.
 */
const NOT_STANDARDS = [
  "USD|EUR|GBP|NOK|SEK|DKK|CHF|JPY|CAD|AUD|INR|NZD|HKD|CNY|PLN",
  "NPS|ARR|MRR|CAC|LTV|CSAT|EBITDA|KPI|SLA|API|ROI|AOV|GMV|DAU|MAU|WAU|FTE|FTEs|RPS|QPS|MTTR|MTTD|TAM|SAM|SOM|CPU|RAM|GB|MB|TB|KB|MS",
  "Q[1-4]|H[12]|FY|CET|UTC|GMT|CEST|EST|PST",
].join("|");

const PROTECTED = new RegExp(
  [
    String.raw`\b(?:https?|ftp)://[^\s<>"')\]]*[^\s<>"')\].,;:!?]`,
    String.raw`\bwww\.[^\s<>"')\]]*[^\s<>"')\].,;:!?]`,
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    // Dotted identifiers and versions: window.location.href, api.v2.example, v2.4.1, 1.4.0-rc.1, node20.x
    String.raw`\b[A-Za-z_][\w$-]*(?:\.[A-Za-z_$\d][\w$-]*)+(?:\(\))?`,
    String.raw`\bv\d+(?:\.\d+)*(?:-[\w.]+)?\b`,
    String.raw`\b\d+\.\d+\.\d+(?:[-+][\w.]+)?\b`,
    // Ticket and issue references: #412, PR 31, JIRA-1234, SKU-22, ISO 27001, CVE-2026-1234
    String.raw`#\d+\b`,
    String.raw`\b[A-Z][A-Z0-9]+-\d+(?:-\d+)?\b`,
    String.raw`\b(?:PR|MR|issue|ticket|ISO|RFC|CVE|ID|No\.?)\s?#?\d+\b`,
    // Paper, risk and file references: OC/26/07, R-01, HR/2026/114 — a register's numbering, no quantity.
    String.raw`\b[A-Z]{1,6}(?:/\d{1,5}){1,3}\b(?!\s?%)`,
    String.raw`\b[A-Z]-\d{1,4}\b`,
    // Times of day and phone numbers
    String.raw`\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?`,
    // Day/month dates with a year or as a range: "29/10/26", "23/12-6/1" (a leave from 23 Dec to 6 Jan).
    String.raw`\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\s?[-–]\s?\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b`,
    // "our Friday 6am blast", "at 9 pm": an hour is a time, not a quantity.
    String.raw`\b\d{1,2}\s?[ap]\.?m\b\.?`,
    String.raw`\+\d[\d ()-]{7,}\d`,
    // Names of standards, protocols and versioned products: SOC 2, ISO 27001, PCI DSS 4.0, HTTP/2,
    // WCAG 2.1, Windows 11, GPT-4. The number is part of the name, not a quantity of anything.
    String.raw`\b(?!(?:${NOT_STANDARDS})\b)[A-Z][A-Z]{1,5}(?:\s[A-Z]{2,5})?(?:\s|/|-)\d+(?:\.\d+)?\b(?!\s?(?:%|[.,]\d|million|billion|thousand|percent|per\b|[kKmMbB]\b))`,
    String.raw`\b(?:Windows|macOS|iOS|Android|Python|Java|Node|Ubuntu|Debian|Office|iPhone|Pixel|Galaxy|Claude|Llama|Gemini)\s?\d+(?:\.\d+)?\b(?!\s?(?:%|users|devices|licen[cs]es|seats|machines|laptops|phones))`,
    // Alphanumeric codes: P1, S3, 4K, H100, B2B, A/B, COVID-19, Web3
    String.raw`\b(?:[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]*[A-Z][A-Za-z\d]*)\b`,
  ].join("|"),
  "g",
);

export function protectedSpans(sentence: string): Span[] {
  const spans: Span[] = [];
  PROTECTED.lastIndex = 0;
  for (let m = PROTECTED.exec(sentence); m; m = PROTECTED.exec(sentence)) {
    if (isFigureLike(m[0])) continue;
    if (isContinentalThousands(m[0], sentence.slice(Math.max(0, m.index - 16), m.index))) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Codes that are really figures with a unit glued on: 4.2M, 18pp, 3x, 10k, 250ms, 2.5GB. */
function isFigureLike(token: string): boolean {
  return /^\d+(?:[.,]\d+)?(?:k|m|bn|mn|b|x|pp|ms|s|h|kg|km|gb|mb|tb|kwh|mwh|kw|mw|%)$/i.test(token);
}

/**
 * "2.305.120" (every group after the first of three digits) is how much of Europe writes 2,305,120; a
 * version so shaped is named as one ("version 1.200.300", "v1.200.300", "@1.200.300").
 */
function isContinentalThousands(token: string, before: string): boolean {
  return /^\d{1,3}(?:\.\d{3}){2,}$/.test(token) && !/(?:\b(?:version|release|build|tag|node|v)\s?|[@v])$/i.test(before);
}

export function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}
