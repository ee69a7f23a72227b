// A system's names for things, not a person's: service accounts and field values ("svc_billing_api",
// "etl-loader", "awaiting_pickup"), ticket and record ids ("#OPS-2291", "RND-FW03"), channel and
// object ids ("C07QK2LM9", "mc-7f3a21c9d0"), host names, and a product's version ("Tallyhub 2.8.0").
// They reach a reader only as noise: no identifier is an entity, a theme, a heading or a hashtag, and
// a line whose point is one (a bot's "status: awaiting_pickup") is internal detail, never content for
// people outside the team.

const ID_PATTERNS = [
  // snake_case: never written in prose ("pending_freight", "svc_reporting").
  String.raw`[\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)+`,
  // a system account or job with its prefix or suffix ("svc-incab-sync", "etl-loader", "report-bot").
  String.raw`(?:svc|srv|sys|bot|cron|etl|api|job|daemon)-[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*`,
  String.raw`[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*-(?:bot|svc|sync|daemon|cron|etl|api)`,
  // a record id: capitals, a dash, digits ("#OPS-2291", "NSW-0412", "RND-FW03").
  String.raw`#?\p{Lu}{2,}(?:-(?:\p{N}{3,}|\p{Lu}+\p{N}+|\p{N}+\p{Lu}+))+`,
  // a catalogue or file reference: coded parts and a number ("PLN-APP-77", "HR-POL-12.2", "DOC-REF-B4"),
  // or an accession number: capitals, then two or more dotted number parts, a part may end on a letter
  // ("KLM.2003.17.4", "MS.12.3", "LN.2019.3a"); "GPT-4.5" stays a name.
  String.raw`\p{Lu}{2,}(?:[-.]\p{Lu}{2,})+[-.]\p{Lu}*\p{N}[\p{Lu}\p{N}]*(?:\.\p{N}+)*`,
  String.raw`\p{Lu}{1,6}(?:\.\p{N}+[a-z]?){2,}`,
  // an opaque id: capitals and digits mixed, both at least twice ("C07QK2LM9"), or a prefix and hex ("mc-7f3a21c9d0").
  String.raw`(?=[\p{Lu}\p{N}]*\p{N}[\p{Lu}\p{N}]*\p{N})(?=[\p{Lu}\p{N}]*\p{Lu}[\p{Lu}\p{N}]*\p{Lu})[\p{Lu}\p{N}]{7,}`,
  String.raw`[a-z]{1,6}-(?=[0-9a-f]*\d)[0-9a-f]{6,}`,
  // a host name ("reports.internal.example", "db01.corp.local").
  String.raw`[a-z][\w-]*(?:\.[a-z][\w-]*)*\.(?:internal|local|lan|corp|example|intra)`,
];
const ID = new RegExp(String.raw`(?<![\p{L}\p{N}_.@/-])(?:${ID_PATTERNS.join("|")})(?![\p{L}\p{N}_-])`, "gu");
// "Tallyhub 2.8.0", "v4.12.1": a release of a piece of software (three parts; "3.5" may be a figure).
// With its word, two parts are a release too ("v4.2", "version 4.2", "build 7.1").
const VERSION =
  /(?<![\p{L}\p{N}.])(?:v?\d+\.\d+\.\d+(?:[.-]\w+)?|(?:v|(?<=\b(?:version|release|build|firmware)\s))\d+(?:\.\d+)+)(?![\p{N}.]\d)/giu;

/** The identifiers and software versions a text names, as written. */
export function identifiersIn(text: string): string[] {
  return [...(text.match(ID) ?? []), ...(text.match(VERSION) ?? [])];
}

/** True when a name is an identifier, not a name a reader knows ("svc_reporting", "#OPS-2291"). */
export function isIdentifier(name: string): boolean {
  const t = name.trim();
  return identifiersIn(t).some((id) => id.length >= t.replace(/^#/, "").length - 1);
}

/**
 * A sentence whose point is an identifier: a system's line of fields ("New order #OPS-2291 · Tilly's ·
 * 2 cases · status: awaiting_pickup"), or a short sentence naming one ("Sync ran as svc_stock_api.").
 * Fine in a team's own notes when it is a finding; never in content for outside readers.
 */
export function isIdentifierNote(text: string): boolean {
  const ids = identifiersIn(text);
  if (ids.length === 0) return false;
  if (text.split(/\s+[·|•]\s+/).length >= 3) return true;
  // "status: awaiting_pickup", "run by svc_x": a field whose value is an identifier.
  if (ids.some((id) => new RegExp(String.raw`(?::|\bby|\bas|\bvia)\s+${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").test(text)))
    return true;
  const rest = ids.reduce((t, id) => t.replace(id, " "), text);
  return (rest.match(/\p{L}{3,}/gu) ?? []).length < 5;
}
