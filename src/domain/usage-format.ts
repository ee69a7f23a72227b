// How token counts and costs are worded for people — one wording shared by the CLI and the web app,
// so a ticket reads the same in a terminal and on its tracking page. Pure, no I/O.

/** 1234 → "1,234"; 12345 → "12.3k"; 2_500_000 → "2.5M". */
export function formatTokens(n: number): string {
  if (n < 10_000) return n.toLocaleString("en-US");
  if (n < 1_000_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, "")}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, "")}M`;
}

/** Dollars with enough digits that small costs do not read as zero: $0.0021, $0.42, $12.30. */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
