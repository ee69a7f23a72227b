// Tickets as a dense table (the list page's second view): one row per ticket with its topic, status,
// recipe, who started it, when, how long it ran and what it produced. The topic links to the track page.
import { Link } from "react-router";
import type { TicketView } from "../../../../src/domain/contract.js";
import { todoProgress } from "../../../../src/domain/todos.js";
import { formatDuration } from "../../shared/format.js";
import { trackPath } from "../../shared/paths.js";
import { RelativeTime } from "../../shared/relative-time.js";
import { StatusChip } from "../../shared/status-chip.js";
import { ticketDurationMs } from "../../shared/ticket-card.js";

export function TicketTable({ tickets, now }: { tickets: readonly TicketView[]; now: number }) {
  return (
    <div className="table-wrap">
      <table className="data-table ticket-table" aria-label="Tickets">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Topic</th>
            <th scope="col">Recipe</th>
            <th scope="col">Submitted by</th>
            <th scope="col">Created</th>
            <th scope="col" className="cell-number">
              Duration
            </th>
            <th scope="col" className="cell-number">
              Outputs
            </th>
            <th scope="col" className="cell-number">
              Steps
            </th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((t) => {
            const duration = ticketDurationMs(t, now);
            const { done, total } = todoProgress(t.metadata.final_todos ?? t.todos);
            return (
              <tr key={t.id} data-ticket-id={t.id} data-status={t.status}>
                <td>
                  <StatusChip status={t.status} />
                </td>
                <td className="cell-main ticket-table-topic">
                  <Link to={trackPath(t.project_id, t.id)} title={t.topic ?? t.recipe_name}>
                    {t.topic || t.recipe_name}
                  </Link>
                  {t.status === "failed" && t.metadata.error_message && <span className="card-error">{t.metadata.error_message}</span>}
                </td>
                <td className="nowrap">{t.recipe_name}</td>
                <td className="nowrap">{t.submitted_by ?? "—"}</td>
                <td className="nowrap">
                  <RelativeTime iso={t.created_at} />
                </td>
                <td className="cell-number">{duration !== null ? formatDuration(duration) : "—"}</td>
                <td className="cell-number">{t.metadata.output_count}</td>
                <td className="cell-number">{total > 0 ? `${done}/${total}` : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
