// "123 / 200" under a limited text field (issue 15): the limit is said before it is reached, and a
// paste over it is kept and flagged, never cut silently (the field has no maxlength attribute; the
// form refuses to send it and names the field).
const format = (n: number): string => n.toLocaleString("en-US");

/** Characters as the validators count them (code points: an emoji is one). */
export function charCount(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

export function CharCounter({ id, value, limit }: { id: string; value: string; limit: number }) {
  const count = charCount(value);
  const over = count > limit;
  return (
    <p className={`help char-counter${over ? " char-counter-over" : ""}`} id={id} data-over={over || undefined}>
      {format(count)} / {format(limit)}
      {over && ` — ${format(count - limit)} over the limit of ${format(limit)} characters`}
    </p>
  );
}
