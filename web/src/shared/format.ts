// How times, durations and sizes read on every page (UI.md "Times"): relative with the exact time on
// hover, durations human ("2.3 s", "1 m 12 s"), sizes in KB/MB.

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "";
  if (ms < 1000) return `${Math.max(0, Math.round(ms / 100) / 10).toFixed(1)} s`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const s = Math.round((now - t) / 1000);
  if (s < 10) return "just now";
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.floor(h / 24);
  return d === 1 ? "yesterday" : `${d} days ago`;
}

export function formatExact(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? "" : t.toLocaleString();
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const FORMAT_LABEL: Record<string, string> = { pptx: "PPTX", pdf: "PDF", xlsx: "XLSX", markdown: "Markdown" };
export function formatLabel(format: string | null | undefined): string {
  return format ? (FORMAT_LABEL[format] ?? format.toUpperCase()) : "";
}

const FORMAT_ICON: Record<string, string> = { pptx: "📊", pdf: "📄", xlsx: "📈", markdown: "📝" };
export function formatIcon(format: string | null | undefined): string {
  return (format && FORMAT_ICON[format]) ?? "📦";
}

const AGENT_LABEL: Record<string, string> = { reporting: "Reporting", research: "Research", content: "Content" };
export function agentLabel(agent: string): string {
  return AGENT_LABEL[agent] ?? agent.charAt(0).toUpperCase() + agent.slice(1);
}

/** A recipe's icon is shown as-is when it is an emoji or short glyph; a word falls back to the format's icon. */
export function recipeIcon(icon: string, format: string): string {
  return [...icon].length <= 3 && !/^[a-z0-9-]+$/i.test(icon) ? icon : formatIcon(format);
}

// Token and cost wording is shared with the CLI.
export { formatCost, formatTokens } from "../../../src/domain/usage-format.js";
