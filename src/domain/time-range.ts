// Time bounds of a list filter (`since`, `until`): an ISO 8601 date or date-time, or a duration back
// from now ("24h", "7d") so a bookmarked link keeps meaning "the last 7 days". Pure: `now` is passed in.

const DURATION = /^(\d{1,6})\s*(m|min|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
// A calendar date, or a date-time with a time zone (Z or ±hh:mm): a bare local time would mean
// different instants on the server and in the browser.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export const TIME_BOUND_HINT = "an ISO 8601 date (2026-11-01) or date-time with a zone (2026-11-01T09:00Z), or a duration like 24h, 7d, 4w";

/** The instant a bound names, or null when it is not one of the accepted forms. */
export function parseTimeBound(value: string, now: Date): Date | null {
  const text = value.trim();
  const duration = DURATION.exec(text);
  if (duration) {
    const unit = UNIT_MS[duration[2]!.toLowerCase()]!;
    return new Date(now.getTime() - Number(duration[1]) * unit);
  }
  if (!ISO_DATE.test(text) && !ISO_DATE_TIME.test(text)) return null;
  const at = new Date(ISO_DATE.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at.getTime())) return null;
  // Date accepts 2026-02-31 (rolls over to March); a date that rolled is not the one written.
  if (at.toISOString().slice(0, 10) !== text.slice(0, 10) && ISO_DATE.test(text)) return null;
  return at;
}
