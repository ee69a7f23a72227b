// A before/after table's rows said as sentences: "| Running cost per mile | 38.2p | 26.4p |" is, in a
// post, "Running cost per mile fell from 38.2p to 26.4p." — both values copied from the row, only
// the verb read off them. A post reports results in sentences; a grid of measures is a report's.
import type { FigureFact } from "../../domain/context-analysis.js";

type Row = Pick<FigureFact, "metric" | "value" | "change" | "sentence">;

/** A table row's figure with its earlier value ("38.2p" → "26.4p"): what a before/after table states. */
export function isBeforeAfterRow(f: Row): boolean {
  return f.sentence.includes(" | ") && !!f.change?.from && !f.change.by && f.metric.trim() !== "";
}

/**
 * Which way a row moved, read off its two values when both are one number of the same unit
 * ("38.2p" and "26.4p", "£1,940" and "£610", "9.8 t" and "1.6 t"); undefined when they cannot be compared.
 */
export function movedWay(from: string, to: string): "up" | "down" | "flat" | undefined {
  const one = /^[^\d]{0,3}\d[\d,]*(?:\.\d+)?[^\d]{0,8}$/;
  if (!one.test(from.trim()) || !one.test(to.trim())) return undefined;
  const unit = (v: string) => v.replace(/[\d.,\s]/g, "").toLowerCase();
  if (unit(from) !== unit(to)) return undefined;
  const num = (v: string) => Number.parseFloat(v.replace(/[^\d.]/g, ""));
  const [a, b] = [num(from), num(to)];
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  return b === a ? "flat" : b > a ? "up" : "down";
}

/**
 * The row as a sentence: "Running cost per mile fell from 38.2p to 26.4p."; a label's bracketed
 * note of its unit goes last ("Unplanned downtime fell from 41 to 17 (days, fleet)."). Null when
 * the row is no before/after row or its values cannot be compared.
 */
export function beforeAfterSentence(f: Row): string | null {
  if (!isBeforeAfterRow(f)) return null;
  const from = f.change!.from!.trim();
  const to = f.value.trim();
  const way = movedWay(from, to);
  if (!way) return null;
  const note = /\s*(\([^()]*\))\s*$/.exec(f.metric);
  const label = (note ? f.metric.slice(0, note.index) : f.metric).trim();
  if (label === "") return null;
  const said = way === "flat" ? `stayed at ${to}` : `${way === "down" ? "fell" : "rose"} from ${from} to ${to}`;
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} ${said}${note ? ` ${note[1]}` : ""}.`;
}
