// Two bench:quality JSON files side by side (for bench/RESULTS.md):
//   npx tsx bench/quality/compare.ts bench/out/quality-before.json bench/out/quality-after.json [agent]
import { readFile } from "node:fs/promises";
import type { RecipeReport } from "./evaluate.js";

const [beforePath, afterPath, agent = "builtin"] = process.argv.slice(2);
if (!beforePath || !afterPath) throw new Error("usage: compare.ts <before.json> <after.json> [agent]");

const load = async (path: string) =>
  (JSON.parse(await readFile(path, "utf8")) as { reports: RecipeReport[] }).reports.filter((r) => r.agent === agent);
const before = await load(beforePath);
const after = await load(afterPath);

const frac = (a: number, b: number) => (b === 0 ? "—" : `${a}/${b}`);
const cells = (r: RecipeReport | undefined) => {
  if (!r) return ["n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"];
  const leak = r.forbidden.length + r.internalLeak.length;
  const pages = r.files
    .filter((f) => f.format !== "markdown")
    .map((f) => (f.converts ? `${f.pages}p` : "✗"))
    .join(" ");
  return [
    r.status === "completed" ? frac(r.facts.found, r.facts.total) : `${r.status}`,
    String(r.invented.length),
    String(r.residue.length),
    String(leak),
    String(r.duplicateTitles.length + r.fillerTitles.length),
    frac(r.checks.filter((c) => c.ok).length, r.checks.length),
    pages || "—",
  ];
};

const head = ["project / recipe", "facts", "invented", "residue", "forbidden", "dup/filler", "structure", "file pages"];
console.log(`| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|`);
for (const a of after) {
  const b = before.find((x) => x.project === a.project && x.recipe === a.recipe);
  const [cb, ca] = [cells(b), cells(a)];
  const joined = cb.map((x, i) => (x === ca[i] ? x : `${x} → ${ca[i]}`));
  console.log(`| ${a.project} / ${a.recipe} | ${joined.join(" | ")} |`);
}
const sum = (rs: RecipeReport[], f: (r: RecipeReport) => number) => rs.reduce((n, r) => n + f(r), 0);
const line = (rs: RecipeReport[]) =>
  `facts ${sum(rs, (r) => r.facts.found)}/${sum(rs, (r) => r.facts.total)}, invented ${sum(rs, (r) => r.invented.length)}, residue ${sum(rs, (r) => r.residue.length)}, forbidden ${sum(rs, (r) => r.forbidden.length + r.internalLeak.length)}, dup/filler ${sum(rs, (r) => r.duplicateTitles.length + r.fillerTitles.length)}, structure ${sum(rs, (r) => r.checks.filter((c) => c.ok).length)}/${sum(rs, (r) => r.checks.length)}`;
console.log(`\nbefore: ${line(before)}\nafter:  ${line(after)}`);
