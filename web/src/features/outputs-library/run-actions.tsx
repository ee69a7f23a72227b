// Below a finished ticket's outputs on the track page: "Compare with previous run" when the ticket is a
// regeneration whose previous run left an output of the same kind, and the share links panel. Loaded
// lazily: the track page's first state must not wait for it (bench:web's first-state budget).
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import type { OutputView, TicketView } from "../../../../src/domain/contract.js";
import { api } from "../../shared/api.js";
import { useResource } from "../../shared/use-resource.js";
import "./outputs-library.css";
import { comparePath, libraryPath } from "./paths.js";
import { previousVersionOf } from "./versions.js";

const SharePanel = lazy(() => import("../share/share-panel.js"));

export default function RunActions({
  ticket,
  outputs,
  editable,
}: {
  ticket: TicketView;
  outputs: readonly OutputView[];
  editable: boolean;
}) {
  const first = outputs[0];
  const [lineage] = useResource(
    (signal) => (ticket.retry_of && first ? api.listLineageOutputs(first.id, signal) : Promise.resolve([])),
    [ticket.id, ticket.retry_of, first?.id],
  );
  let compare: { base: string; head: string } | null = null;
  if (lineage.state === "ready") {
    for (const output of outputs) {
      const head = lineage.data.find((o) => o.id === output.id);
      const previous = head ? previousVersionOf(head, lineage.data) : null;
      // "Previous run" is the ticket this one regenerated, not any earlier version.
      if (head && previous && previous.ticket.id === ticket.retry_of) {
        compare = { base: previous.id, head: head.id };
        break;
      }
    }
  }
  return (
    <div className="run-actions">
      <div className="actions">
        {compare && (
          <Link to={comparePath(ticket.project_id, compare.base, compare.head)} className="button">
            Compare with previous run
          </Link>
        )}
        <Link to={libraryPath(ticket.project_id)} className="button button-quiet">
          All outputs of the project
        </Link>
      </div>
      {ticket.status === "completed" && (
        <Suspense fallback={null}>
          <SharePanel ticketId={ticket.id} editable={editable} />
        </Suspense>
      )}
    </div>
  );
}
