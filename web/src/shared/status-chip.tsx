// Status shown by icon + word + colour together (UI.md "Status chip"); never colour alone.
import type { TicketStatus } from "../../../src/domain/ticket-status.js";

const STATUS: Record<TicketStatus, { icon: string; label: string }> = {
  pending: { icon: "⏳", label: "Pending" },
  running: { icon: "◐", label: "Running" },
  waiting: { icon: "✋", label: "Needs your input" },
  completed: { icon: "✓", label: "Completed" },
  failed: { icon: "✕", label: "Failed" },
  cancelled: { icon: "⊘", label: "Cancelled" },
};

export function statusLabel(status: TicketStatus): string {
  return STATUS[status].label;
}

export function StatusChip({ status }: { status: TicketStatus }) {
  const { icon, label } = STATUS[status];
  return (
    // key on status: a change remounts the chip, which replays its entrance animation
    <span key={status} className={`chip chip-${status}`} data-status={status}>
      <span className="chip-icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </span>
  );
}
