// How a recipe usually goes, in one line (issue 18): on the gallery's cards and the configure page.
import { formatApproxDuration } from "../../../../src/domain/eta.js";
import type { RecipeStats } from "../../../../src/domain/recipe-stats.js";

/** "12 runs · 92% succeed · usually ~40 s", or that there is no history yet. */
export function RecipeStatsLine({ stats, detailed = false }: { stats: RecipeStats | undefined; detailed?: boolean }) {
  if (!stats || stats.runs === 0) return <span className="card-stats muted small">No runs yet</span>;
  const parts = [`${stats.runs} ${stats.runs === 1 ? "run" : "runs"}`];
  if (stats.success_rate !== null) parts.push(`${Math.round(stats.success_rate * 100)}% succeed`);
  if (stats.p50_ms === null) parts.push("no typical time yet");
  else {
    const nine = detailed && stats.p90_ms !== null ? ` (9 in 10 within ${formatApproxDuration(stats.p90_ms)})` : "";
    parts.push(`usually ${formatApproxDuration(stats.p50_ms)}${nine}`);
  }
  return (
    <span className="card-stats muted small" data-testid="recipe-stats">
      {parts.join(" · ")}
    </span>
  );
}
