// Someone else's claim passed on is not the author's statement. In a team's chat a message forwarded
// from outside ("Forwarded" over it, "Fwd: …"), a line pasted from a supplier's brochure ("From their
// brochure: …", "Saw this on LinkedIn: …") or a sentence that says whose claim it is ("The rep claims
// the fixtures double yield") is kept, marked with whose claim it is (Block.claimOf), so that no
// figure, event or statement is read from it and no composer says it as the team's fact.
// E-mails are left alone: a forwarded e-mail ("FW: Report No. 7 — two corrections") is the
// colleague's own news passed on, and its header is set aside already (boilerplate.ts).
import type { Block } from "../../../domain/context-analysis.js";
import type { RawBlock } from "./blocks.js";

/** A chat message that is only the client's forward label: the next message is the forwarded one. */
const FORWARD_LABEL = /^\s*(?:[↪➡→»]\s*)?(?:\[\s*)?(?:forwarded(?:\s+message)?|fwd?)(?:\s+from\s+([^\]:]{1,60}?))?\s*(?:\])?\s*:?\s*$/i;
/** A message opening with the forward label before what was forwarded ("Fwd: …", "[Forwarded from Heliosfeer] …"). */
const FORWARD_PREFIX =
  /^\s*(?:[↪➡→»]\s*)?(?:\[\s*(?:forwarded|fwd?)(?:\s+from\s+([^\]]{1,60}))?\s*\]|(?:forwarded|fwd?)(?:\s+from\s+([^:]{1,60}?))?\s*:)\s*(?=\S)/i;

// Where an outside claim comes from: a piece of marketing, a seller, or a social network post.
const SOURCE = String.raw`(?:brochure|website|web\s?site|site|landing page|ad|advert|advertisement|marketing|pitch|(?:sales\s+)?(?:deck|mail|e-?mail|flyer|leaflet)|press release|newsletter|spec sheet|datasheet|data sheet|(?:sales\s+)?rep|salesman|salesperson|sales team|vendor|supplier|seller|linkedin(?:\s+post)?|twitter|tweet|instagram|facebook|tiktok|reddit|youtube)`;
const OWNER = String.raw`(?:their|his|her|its|the|a|an|some|this|that|[\p{Lu}][\p{L}&'’.-]*(?:\s[\p{Lu}][\p{L}&'’.-]*)?(?:['’]s)?)`;

/**
 * "Saw this on LinkedIn:", "lol look at this from their brochure —", "Copied from the Voltra website:",
 * "Quote from the rep's pitch:": a lead-in saying that what follows is pasted from outside. Group 1
 * is the source as written.
 */
const PASTED_INTRO = new RegExp(
  String.raw`^(?:(?:lol|haha|fyi|btw|ok|so|look|wow|lmao|ha)[,!.]*\s+)*(?:(?:look at|check|saw|seen|spotted|found|came across|read|got)\s+(?:this|that|the following|what)\b[^.!?:]{0,50}?\s+(?:on|in|from)\s+|(?:copied|pasted|quoting|quoted|straight|taken)\s+(?:from\s+)?|(?:quote|excerpt|extract)\s+from\s+|from\s+|per\s+)(${OWNER}\s+(?:[\p{L}-]+\s+){0,2}?${SOURCE}|linkedin|twitter|x|instagram|facebook|reddit|tiktok)\b[^:—–]{0,20}?\s*(?::|[—–]|\s-\s)\s*`,
  "iu",
);

/**
 * "Their brochure claims the fixtures double yield", "The Heliosfeer rep says LED doubles yield",
 * "According to the vendor's website, …": a sentence that says the claim is the seller's. Group 1
 * is the source as written.
 */
const ATTRIBUTED = new RegExp(
  String.raw`(?:^|[\s,(])((?:${OWNER}\s+)?(?:[\p{L}-]+\s+){0,2}?${SOURCE})\s+(?:claims?|claimed|promises?|promised|advertises|advertised|boasts?|boasted|touts?|touted|says|said|states|stated|reckons?|insists?|swears?)\b|\baccording\s+to\s+((?:${OWNER}\s+)?(?:[\p{L}-]+\s+){0,2}?${SOURCE})(?![\p{L}'’])`,
  "iu",
);

/** Whose claim a sentence passes on, or null when it is the author's own statement. */
export function claimSource(sentence: string): string | null {
  const intro = PASTED_INTRO.exec(sentence);
  if (intro?.[1]) return intro[1].trim();
  const said = ATTRIBUTED.exec(sentence);
  const source = said?.[1] ?? said?.[2];
  return source ? source.trim() : null;
}

/**
 * A chat's forwarded messages, before sentences and the injection filter: the block after a forward
 * label ("Forwarded", "[Forwarded from Heliosfeer]") is marked, and the label goes. Read here, not
 * later, so that a forwarded message the injection filter removes whole takes its label with it.
 */
export function markForwarded(raw: readonly RawBlock[], chat: boolean): RawBlock[] {
  if (!chat) return [...raw];
  const out: RawBlock[] = [];
  let forwarded: string | null = null;
  for (const block of raw) {
    if (block.aside) {
      out.push(block);
      continue;
    }
    const label = block.kind === "paragraph" ? FORWARD_LABEL.exec(block.text) : null;
    if (label) {
      forwarded = label[1]?.trim() || "forwarded";
      continue;
    }
    const prefix = block.kind === "paragraph" ? FORWARD_PREFIX.exec(block.text) : null;
    const claim = forwarded ?? (prefix ? (prefix[1] ?? prefix[2])?.trim() || "forwarded" : null);
    out.push(claim !== null && block.kind !== "heading" ? { ...block, claimOf: claim } : block);
    forwarded = null;
  }
  return out;
}

/** The blocks with pasted and attributed claims marked (Block.claimOf), split from the author's own sentences. */
export function markClaims(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((block, i) => {
    // "forwarding something from a bar manager, not verified:" then a quote: the quote is hearsay.
    const before = blocks[i - 1];
    // (A plain text's line ending in a colon is read as a heading, its colon taken off.)
    if (block.kind === "quote" && block.claimOf === undefined && before && hearsayIntro(before.text, before.kind === "heading"))
      return [{ ...block, claimOf: "hearsay" }];
    return block.claimOf === undefined && (block.kind === "paragraph" || block.kind === "list_item" || block.kind === "quote")
      ? claimedParts(block)
      : [block];
  });
}

// What a line says of the quote it introduces: passed on, heard from someone, not checked.
const HEARSAY =
  /\b(?:forward(?:ing|ed)|pass(?:ing|ed)?\s+(?:this\s+|it\s+|something\s+)?on|heard|hearsay|rumou?rs?|gossip|(?:not|un)[- ]?(?:verified|confirmed)|told\s+me)\b/i;

/** A line ending in a colon that says what follows is passed on or unchecked. */
function hearsayIntro(text: string, heading: boolean): boolean {
  const t = text.trim();
  return (heading || /:\s*$/.test(t)) && HEARSAY.test(t.slice(-160));
}

/**
 * A block whose sentences pass on an outside claim: a lead-in ("Saw this on LinkedIn:") makes the
 * rest of the block the claim; a sentence naming its seller ("their brochure claims …") is a claim
 * alone, set apart from the author's own sentences around it.
 */
function claimedParts(block: Block): Block[] {
  const sentences = block.sentences.length > 0 ? block.sentences : [block.text];
  const sources = sentences.map(claimSource);
  if (sources.every((s) => s === null)) return [block];
  const intro = sentences.findIndex((s, i) => sources[i] !== null && PASTED_INTRO.test(s));
  if (intro === 0) return [{ ...block, claimOf: sources[0]! }];
  // Runs of sentences with the same owner (null: the author's own), in order.
  const runs: { claim: string | null; sentences: string[] }[] = [];
  sentences.forEach((s, i) => {
    // After a lead-in, the rest of the block is what it introduced.
    const claim = intro > 0 && i >= intro ? (sources[intro] ?? null) : (sources[i] ?? null);
    const last = runs.at(-1);
    if (last && last.claim === claim) last.sentences.push(s);
    else runs.push({ claim, sentences: [s] });
  });
  const parts = runs.map((run, k): Block => {
    const { lead, ...rest } = block;
    const part: Block = { ...rest, text: run.sentences.join(" "), sentences: run.sentences };
    if (lead !== undefined && k === 0) part.lead = lead;
    if (run.claim !== null) part.claimOf = run.claim;
    return part;
  });
  return parts;
}
