// The bench's table: one line per project × recipe × agent, then what failed, recipe by recipe.
import type { RecipeReport } from "./evaluate.js";

const ratio = (a: number, b: number) => (b === 0 ? "—" : `${a}/${b}`);

function row(r: RecipeReport): string[] {
  const passed = r.checks.filter((c) => c.ok).length;
  const files = r.files
    .map((f) => {
      if (!f.converts && f.format !== "markdown") return `${f.format}: NO (${f.error ?? "no pdf"})`;
      if (f.format === "markdown") return "md";
      const slides = f.slides !== undefined ? `/${f.slides} slides` : "";
      const off = f.offPageWords ? ` ${f.offPageWords} off-page` : "";
      const rb = f.readback !== null ? ` rb ${(f.readback * 100).toFixed(0)}%` : "";
      return `${f.format} ${f.pages}p${slides}${off}${rb}`;
    })
    .join("; ");
  return [
    r.project,
    r.recipe,
    r.agent,
    r.status,
    ratio(r.facts.found, r.facts.total),
    r.risks ? ratio(r.risks.found, r.risks.total) : "—",
    r.options ? ratio(r.options.covered, r.options.total) : "—",
    String(r.invented.length),
    String(r.residue.length),
    String(r.forbidden.length + r.internalLeak.length),
    String(r.duplicateTitles.length + r.fillerTitles.length),
    ratio(passed, r.checks.length),
    files || "—",
  ];
}

const HEAD = [
  "project",
  "recipe",
  "agent",
  "status",
  "facts",
  "risks",
  "options",
  "invented",
  "residue",
  "forbidden",
  "dup/filler",
  "structure",
  "files (LibreOffice → pdf)",
];

export function markdownTable(reports: RecipeReport[]): string {
  const lines = [`| ${HEAD.join(" | ")} |`, `|${HEAD.map(() => "---").join("|")}|`];
  for (const r of reports) lines.push(`| ${row(r).join(" | ")} |`);
  return lines.join("\n");
}

export function printReports(reports: RecipeReport[]): void {
  console.log(markdownTable(reports));
  const total = (f: (r: RecipeReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const facts = total((r) => r.facts.found);
  const factsOf = total((r) => r.facts.total);
  const checks = total((r) => r.checks.filter((c) => c.ok).length);
  const checksOf = total((r) => r.checks.length);
  console.log(
    `\ntotals: facts ${facts}/${factsOf} (${((100 * facts) / Math.max(1, factsOf)).toFixed(0)}%), invented ${total((r) => r.invented.length)}, residue ${total((r) => r.residue.length)}, forbidden+internal ${total((r) => r.forbidden.length + r.internalLeak.length)}, dup/filler titles ${total((r) => r.duplicateTitles.length + r.fillerTitles.length)}, structure ${checks}/${checksOf}, tickets not completed ${reports.filter((r) => r.status !== "completed").length}`,
  );
  console.log("\nFindings:");
  for (const r of reports) {
    const lines: string[] = [];
    if (r.error) lines.push(`error: ${r.error}`);
    if (r.facts.missing.length) lines.push(`missing facts: ${r.facts.missing.join("; ")}`);
    if (r.risks?.missing.length) lines.push(`missing risks: ${r.risks.missing.join("; ")}`);
    if (r.options?.missing.length) lines.push(`missing options: ${r.options.missing.join("; ")}`);
    if (r.invented.length) lines.push(`invented figures: ${r.invented.join(", ")}`);
    if (r.storedUnverified.length) lines.push(`runtime grounding unverified: ${r.storedUnverified.join(", ")}`);
    if (r.residue.length)
      lines.push(`markup residue: ${r.residue.slice(0, 6).join(" ‖ ")}${r.residue.length > 6 ? ` … (+${r.residue.length - 6})` : ""}`);
    if (r.forbidden.length) lines.push(`forbidden: ${r.forbidden.join("; ")}`);
    if (r.internalLeak.length) lines.push(`internal in customer-facing output: ${r.internalLeak.join("; ")}`);
    if (r.duplicateTitles.length) lines.push(`duplicate titles: ${r.duplicateTitles.join("; ")}`);
    if (r.fillerTitles.length) lines.push(`filler titles: ${r.fillerTitles.join("; ")}`);
    for (const c of r.checks.filter((c) => !c.ok)) lines.push(`✗ ${c.name}: ${c.detail}`);
    if (lines.length) console.log(`- ${r.project} / ${r.recipe} / ${r.agent}\n    ${lines.join("\n    ")}`);
  }
}
