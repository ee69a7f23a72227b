// An uploaded .json file (an API or CRM export) → Markdown a reader and the fact extractor can use.
//
// Two shapes, chosen by what the data is:
// - Records (an array of objects, or an export envelope whose one array of objects is the data:
//   `{"data": [...], "meta": {...}}`) whose fields are values or small objects of values become a
//   Markdown table, one row per record, nested fields as dotted columns ("company.name"). This is
//   how a CSV export is stored (csv.ts): the analysis reads it as a table (figures by column and row,
//   as for a spreadsheet), search matches its values word by word, and a person scans rows instead
//   of braces. The rest of an envelope follows as a code block.
// - Anything else (a config, one deeply nested object, records holding lists of sub-records, more
//   columns than a table can show) becomes a fenced ```json block, pretty-printed. Flattening a list
//   of sub-records into cells would lose which value belongs to which sub-record; a code block keeps
//   the data exactly, and the analysis keeps it as code and reads no sentence or figure from its
//   punctuation — as it does for JSON pasted into a note (clean/clean-item.ts, isJsonDocument).
// Integers and decimals longer than a double holds (record ids like 90071992547409931) are kept
// digit for digit. A file of one JSON value per line (JSON Lines, as many export tools write) is
// read as an array of those values.
import { UnsupportedMediaTypeError, InvalidContentError } from "./errors.js";
import { looksLikeHtml } from "./html.js";

/** More columns than this and a row no longer reads as a row: the records stay a code block. */
const MAX_COLUMNS = 24;
/** Nested objects are flattened this many levels deep ("account.owner.name"); deeper stays JSON. */
const MAX_DEPTH = 3;

type Scalar = null | boolean | number | string;
type Json = Scalar | Json[] | { [key: string]: Json };
type Row = Map<string, string>;

/** The file's text (decoded) → Markdown; 415 for HTML under a JSON name, 422 for text that is not JSON. */
export function jsonToMarkdown(text: string): string {
  const value = parseJson(text);
  const records = recordsOf(value);
  const table = records ? recordTable(records.records) : null;
  if (records && table) {
    const rest = records.rest ? `\n\n${codeBlock(records.rest)}` : "";
    return `${table}${rest}`;
  }
  return codeBlock(value);
}

/** The JSON value of the text, a JSON Lines file as an array; typed refusals otherwise. */
export function parseJson(text: string): Json {
  const source = protectLongNumbers(text.replace(/^\uFEFF/, "").trim());
  try {
    return JSON.parse(source) as Json;
  } catch (err) {
    if (looksLikeHtml(text)) {
      throw new UnsupportedMediaTypeError("The file is named or typed as JSON but reads as HTML, not JSON");
    }
    const lines = jsonLines(source);
    if (lines) return lines;
    const why = err instanceof Error ? err.message.replace(/\s+/g, " ").slice(0, 200) : "it does not parse";
    throw new InvalidContentError(`The file is not valid JSON: ${why}`);
  }
}

/** Two or more lines, each one JSON object or array: JSON Lines. Null when any line is not. */
function jsonLines(source: string): Json[] | null {
  const lines = source.split("\n").filter((l) => l.trim() !== "");
  if (lines.length < 2 || !lines.every((l) => /^\s*[[{]/.test(l))) return null;
  try {
    return lines.map((l) => JSON.parse(l) as Json);
  } catch {
    return null;
  }
}

// A number literal (outside a string) with more than 15 significant digits: JSON.parse would round
// it. It is parsed as a string carrying this mark and written back as the digits it was.
const LONG_MARK = "\u0000#";
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function protectLongNumbers(source: string): string {
  if (!/\d{16}/.test(source.replace(/\./g, ""))) return source;
  return source.replace(STRING_OR_NUMBER, (token) =>
    token.startsWith('"') || token.replace(/^-|[eE].*$|\./g, "").replace(/^0+/, "").length <= 15 ? token : `"\\u0000#${token}"`,
  );
}

function isLong(value: string): boolean {
  return value.startsWith(LONG_MARK);
}

function isRecord(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isRecordList(value: Json | undefined): value is { [key: string]: Json }[] {
  return Array.isArray(value) && value.length > 0 && value.every(isRecord);
}

/** The records of an export: the array itself, or an envelope's one array of records and the rest of it. */
function recordsOf(value: Json): { records: { [key: string]: Json }[]; rest: { [key: string]: Json } | null } | null {
  if (isRecordList(value)) return { records: value, rest: null };
  if (!isRecord(value)) return null;
  const lists = Object.keys(value).filter((k) => isRecordList(value[k]));
  if (lists.length !== 1) return null;
  const key = lists[0]!;
  const records = value[key] as { [key: string]: Json }[];
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
  return { records, rest: Object.keys(rest).length > 0 ? rest : null };
}

/** The records as a Markdown table, or null when one of them does not flatten into cells. */
function recordTable(records: readonly { [key: string]: Json }[]): string | null {
  const rows: Row[] = [];
  const columns = new Set<string>();
  for (const record of records) {
    const row: Row = new Map();
    if (!flatten(record, "", 1, row)) return null;
    for (const key of row.keys()) columns.add(key);
    if (columns.size > MAX_COLUMNS) return null;
    rows.push(row);
  }
  const head = [...columns];
  if (head.length === 0) return null;
  return [
    `| ${head.map(escapeCell).join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${head.map((c) => escapeCell(r.get(c) ?? "")).join(" | ")} |`),
  ].join("\n");
}

/** Writes the record's fields into `row` as cells; false when a field is a list of objects or nests too deep. */
function flatten(record: { [key: string]: Json }, prefix: string, depth: number, row: Row): boolean {
  for (const [key, value] of Object.entries(record)) {
    const column = prefix + key;
    if (isRecord(value)) {
      if (depth >= MAX_DEPTH || !flatten(value, `${column}.`, depth + 1, row)) return false;
    } else if (Array.isArray(value)) {
      if (!value.every(isScalar)) return false;
      row.set(column, value.map(cellText).join(", "));
    } else row.set(column, cellText(value));
  }
  return true;
}

function isScalar(value: Json): value is Scalar {
  return value === null || typeof value !== "object";
}

function cellText(value: Scalar): string {
  if (value === null) return "";
  if (typeof value === "string") return isLong(value) ? value.slice(LONG_MARK.length) : value;
  return String(value);
}

function escapeCell(value: string): string {
  return value.replace(/\s+/g, " ").trim().replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** Pretty-printed in a fence longer than any run of backticks inside it. */
function codeBlock(value: Json): string {
  const text = JSON.stringify(value, null, 2).replace(/"\\u0000#([^"]*)"/g, "$1");
  let longest = 0;
  for (const run of text.matchAll(/`{3,}/g)) longest = Math.max(longest, run[0].length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}json\n${text}\n${fence}`;
}
