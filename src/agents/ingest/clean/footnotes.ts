// Footnote marks set as superscripts ("18.2 Ml/d¹", "revenue²,") are a reference to a note, not part
// of the word or number: left in, "Ml/d¹" reads as a unit and "2025³" as a different number. An
// exponent stays: "m²", "km²", "cm³", "ft²" are units.
const MARK = /(?<=[\p{L}\p{N})%\]])([¹²³⁰⁴⁵⁶⁷⁸⁹]+)(?=[\s,.;:!?)\]]|$)/gu;
const UNIT_BEFORE = /(?:^|[^\p{L}])(?:m|cm|mm|km|ft|in|yd|mi|dm)$/u;

export function withoutFootnoteMarks(text: string): string {
  return text.replace(MARK, (mark: string, _digits: string, offset: number, whole: string) =>
    /^[²³]$/.test(mark) && UNIT_BEFORE.test(whole.slice(Math.max(0, offset - 4), offset)) ? mark : "",
  );
}

// A Markdown footnote ("… p = 0.005)[^1].", "[^1]: Cox model adjusted for …") is written for a
// renderer that numbers it; without one the "[^1]" is markup in the sentence. The reference goes;
// the note's own text stays as the paragraph it is.
const MARKDOWN_REFERENCE = /\[\^[^\]\s]{1,20}\](?::\s*)?/g;

export function withoutFootnoteReferences(text: string): string {
  return text.replace(MARKDOWN_REFERENCE, "");
}
