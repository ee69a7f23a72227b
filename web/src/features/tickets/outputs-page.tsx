// Outputs: a direct, shareable link to one ticket's outputs (fresh signed download links each visit).
import { Link, useParams } from "react-router";
import { api } from "../../shared/api.js";
import { ticketsPath, trackPath } from "../../shared/paths.js";
import { ErrorBox, NotFound, Skeleton } from "../../shared/states.js";
import { StatusChip } from "../../shared/status-chip.js";
import { useResource } from "../../shared/use-resource.js";
import { OutputsView } from "./outputs-view.js";
import { RelativeTime } from "../../shared/relative-time.js";

export function OutputsPage() {
  const { projectId = "", ticketId = "" } = useParams();
  const [data, reload] = useResource(
    async (signal) => {
      const [ticket, outputs] = await Promise.all([api.getTicket(ticketId, signal), api.listOutputs(ticketId, signal)]);
      return { ticket, outputs };
    },
    [ticketId],
  );
  if (data.state === "loading") return <Skeleton lines={6} label="Loading outputs" />;
  if (data.state === "error") {
    return data.error.notFound ? (
      <NotFound what="Ticket" backTo={ticketsPath(projectId)} backLabel="Back to tickets" />
    ) : (
      <ErrorBox error={data.error} onRetry={reload} />
    );
  }
  const { ticket, outputs } = data.data;
  if (ticket.project_id !== projectId) return <NotFound what="Ticket" backTo={ticketsPath(projectId)} backLabel="Back to tickets" />;
  return (
    <article aria-labelledby="outputs-title">
      <div className="page-header">
        <div>
          <h1 id="outputs-title">Outputs · {ticket.recipe_name}</h1>
          <p className="muted">
            <StatusChip status={ticket.status} /> <RelativeTime iso={ticket.finished_at ?? ticket.created_at} />
          </p>
        </div>
        <Link to={trackPath(projectId, ticket.id)} className="button">
          Open ticket
        </Link>
      </div>
      {outputs.length === 0 && ticket.status !== "completed" ? (
        <p className="note">This ticket has no outputs yet — it is {ticket.status}.</p>
      ) : (
        <OutputsView outputs={outputs} />
      )}
    </article>
  );
}
