// Whether an output's figures were found in the sources it cites (src/domain/grounding.ts): a quiet
// badge when all were, a warning listing each figure no cited source states, so a person checks
// those before sending. The CLI words it alike (src/cli/client/usage-text.ts).
import type { Grounding } from "../../../../src/domain/grounding.js";

export function groundingText(g: Grounding): string {
  if (g.unverified.length === 0) return `All ${g.figures} figure${g.figures === 1 ? "" : "s"} found in sources`;
  return `${g.unverified.length} of ${g.figures} figure${g.figures === 1 ? "" : "s"} not found in the cited sources`;
}

export function GroundingBadge({ grounding }: { grounding: Grounding | null }) {
  // Outputs stored before the check, and outputs without figures, have nothing to say.
  if (!grounding || grounding.figures === 0) return null;
  if (grounding.unverified.length === 0) {
    return (
      <span className="badge badge-ok" data-grounding="verified" title="Every figure in this output appears in a source it cites">
        ✓ {groundingText(grounding)}
      </span>
    );
  }
  return (
    <div className="warning-note grounding-warning" role="note" data-grounding="unverified">
      <span aria-hidden="true">⚠ </span>
      {groundingText(grounding)}:{" "}
      {grounding.unverified.map((figure, i) => (
        <span key={`${figure}-${i}`}>
          {i > 0 && ", "}
          <code className="figure">{figure}</code>
        </span>
      ))}
      <span className="muted small"> — check these before sending.</span>
    </div>
  );
}
