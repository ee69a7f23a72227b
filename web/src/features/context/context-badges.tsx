// The badges a context item carries on the list and its own page: "Internal" (never used in content
// for customers or the public) and one per kind of thing the ingest cleaner removed, with the
// excerpt in the tooltip (as text: it is never rendered).
import type { ContextFlagView } from "../../../../src/domain/contract.js";

export const INTERNAL_HINT = "Internal: never used in content written for customers or the public";

export function InternalBadge() {
  return (
    <span className="badge badge-internal" title={INTERNAL_HINT} data-badge="internal">
      Internal
    </span>
  );
}

export function flagTooltip(flag: ContextFlagView): string {
  return `${flag.label}${flag.count > 1 ? ` (${flag.count}×)` : ""} — kept out of everything agents write. First one: “${flag.excerpt}”`;
}

export function FlagBadges({ flags }: { flags: readonly ContextFlagView[] }) {
  if (flags.length === 0) return null;
  return (
    <>
      {flags.map((flag) => (
        <span
          key={flag.kind}
          className={`badge badge-flag${flag.kind === "prompt_injection" ? " badge-flag-danger" : ""}`}
          title={flagTooltip(flag)}
          data-flag={flag.kind}
        >
          ⚠ {flag.label}
          {flag.count > 1 && ` ×${flag.count}`}
        </span>
      ))}
    </>
  );
}

/** A switch for the internal flag (members and owners). */
export function InternalToggle({
  title,
  internal,
  busy,
  onChange,
}: {
  title: string;
  internal: boolean;
  busy: boolean;
  onChange: (internal: boolean) => void;
}) {
  return (
    <label className="internal-toggle" title={INTERNAL_HINT}>
      <input
        type="checkbox"
        checked={internal}
        disabled={busy}
        aria-label={`Internal: ${title}`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>Internal</span>
    </label>
  );
}
