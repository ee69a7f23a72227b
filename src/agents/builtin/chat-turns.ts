// Notes read from a chat export. A chat line opens on its stamp and speaker ("[19/11/2026, 10:21] Tom
// (tech): …", "03/02/2026 14:05 - Olu: …", "Ines: …"), and where an export's lines run together, one
// sentence holds several turns. In a comparison's Notes cell the reader wants what was said about the
// option: the turn that names it, without the stamp and the speaker.

// "[19/11/2026, 10:21] ", "19/11/2026, 10:21 - ", "2026-11-19 10:21:05 ": a chat export's stamp.
const STAMP = String.raw`\[?\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?\]?(?:\s+[-–]\s+|\s+)`;
// A speaker after the stamp: a name of up to three words, with a role in brackets ("Priya (box office)").
const SPEAKER = String.raw`(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})(?:\s+\([^()]{1,30}\))?:\s+`;
const TURN = new RegExp(`${STAMP}(?:${SPEAKER})?`, "gu");
const LEAD_SPEAKER = new RegExp(`^${SPEAKER}`, "u");

/**
 * The turn of a chat note that speaks of `name`, without its stamp and speaker; text that is no chat
 * line comes back as it is. A leading "Name:" is a speaker only when the project knows it as a person
 * ("Ines: …"): "Vendora: £300 deposit" is the option's labelled line, "Note: …" a label.
 */
export function chatTurnAbout(text: string, name: string, people: ReadonlySet<string>): string {
  const turns = text
    .split(TURN)
    .filter((t, i) => i % 2 === 0 && t !== undefined)
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const stamped = turns.length > 0 && new RegExp(`^${STAMP}`, "u").test(text.trim());
  let said = stamped || turns.length > 1 ? (turns.find((t) => t.toLowerCase().includes(name.toLowerCase())) ?? turns[0]!) : text.trim();
  const speaker = LEAD_SPEAKER.exec(said);
  if (speaker && people.has(speaker[1]!.split(/\s+/)[0]!.toLowerCase())) said = said.slice(speaker[0].length);
  return said;
}
