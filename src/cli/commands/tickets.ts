// `worksmith tickets` (list with filters), `cancel <ticket>`, `retry <ticket>`.
import type { Command } from "commander";
import { ExecuteAccepted, TicketList, TicketView } from "../../domain/contract.js";
import { todoProgress } from "../../domain/todos.js";
import { formatDuration } from "../client/follow-view.js";
import { formatAge, formatTable } from "../client/table.js";
import { formatCost, formatTokens } from "../../domain/usage-format.js";
import { resolveProject } from "../client/projects.js";
import { followToEnd } from "./follow.js";
import { clientCommand, clientFor, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

interface ListFlags extends ConnectionFlags {
  project?: string;
  status?: string;
  agentType?: string;
  limit: string;
  cursor?: string;
  search?: string;
  since?: string;
  until?: string;
  json?: boolean;
}

/** A topic fits a column: one line, at most this many characters. */
const TOPIC_COLUMN_MAX = 40;

/** The topic on one line, cut with "…" past the column's width; "-" when the recipe has none. */
export function topicCell(topic: string | null | undefined, max = TOPIC_COLUMN_MAX): string {
  const flat = (topic ?? "").replace(/\s+/g, " ").trim();
  if (flat === "") return "-";
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

function duration(t: TicketView): string {
  if (t.metadata.execution_time_ms !== null) return formatDuration(t.metadata.execution_time_ms);
  if (t.started_at) return formatDuration((t.finished_at ? Date.parse(t.finished_at) : Date.now()) - Date.parse(t.started_at));
  return "-";
}

export function registerTicketCommands(program: Command, version: string): void {
  clientCommand(program.command("tickets"))
    .description("List tickets, newest first")
    .option("-p, --project <project>", "only this project (id or name)")
    .option("-s, --status <status>", "pending, running, waiting (needs your input), completed, failed or cancelled")
    .option("-a, --agent-type <type>", "reporting, research or content")
    .option("-n, --limit <n>", "how many (1–200)", "50")
    .option("-q, --search <words>", "only tickets whose topic or output titles hold these words (prefixes match)")
    .option("--since <when>", "created at or after: 24h, 7d, 4w, or an ISO date (2026-11-01) or date-time with a zone")
    .option("--until <when>", "created before: the same forms as --since")
    .option("--cursor <cursor>", "the next page (next_cursor of the previous --json answer)")
    .option("--json", "print JSON {items, next_cursor}")
    .action(
      run(async (flags: ListFlags) => {
        const client = clientFor(flags, version);
        const t = terminal();
        const projectId = flags.project ? (await resolveProject(client, flags.project)).id : undefined;
        const list = await client.request("GET", "/api/work/tickets", TicketList, {
          query: {
            project_id: projectId,
            status: flags.status,
            agent_type: flags.agentType,
            limit: flags.limit,
            cursor: flags.cursor,
            q: flags.search,
            since: flags.since,
            until: flags.until,
          },
        });
        if (flags.json) return printJson(t, list);
        if (list.items.length === 0) return t.out(flags.search || flags.since || flags.until ? "No tickets match.\n" : "No tickets.\n");
        // Model columns only when a ticket on the page called a model: builtin-only lists stay narrow.
        const metered = list.items.some((x) => x.usage !== null);
        t.out(
          formatTable(
            [
              "ID",
              "STATUS",
              "TOPIC",
              "RECIPE",
              "STEPS",
              "OUTPUTS",
              "DURATION",
              "CREATED",
              ...(metered ? ["TOKENS IN/OUT", "COST", "MODEL"] : []),
            ],
            list.items.map((x) => {
              const { done, total } = todoProgress(x.metadata.final_todos ?? x.todos);
              const usage = x.usage;
              return [
                x.id,
                x.status,
                topicCell(x.topic),
                x.recipe_slug,
                total > 0 ? `${done}/${total}` : "-",
                String(x.metadata.output_count),
                duration(x),
                formatAge(x.created_at),
                ...(metered
                  ? [
                      usage ? `${formatTokens(usage.input_tokens)}/${formatTokens(usage.output_tokens)}` : "-",
                      usage?.cost_usd != null ? formatCost(usage.cost_usd) : "-",
                      usage?.model ?? x.metadata.model?.name ?? "-",
                    ]
                  : []),
              ];
            }),
          ),
        );
        if (list.next_cursor) t.out(`more: worksmith tickets --cursor ${list.next_cursor}\n`);
      }),
    );

  clientCommand(program.command("cancel <ticket>"))
    .description("Cancel a ticket: at once when pending; a running agent stops at its next step")
    .option("--json", "print the ticket as JSON")
    .action(
      run(async (id: string, flags: ConnectionFlags & { json?: boolean }) => {
        const t = terminal();
        const ticket = await clientFor(flags, version).request("POST", `/api/work/tickets/${encodeURIComponent(id)}/cancel`, TicketView);
        if (flags.json) return printJson(t, ticket);
        if (ticket.status === "cancelled") t.out(`ticket ${ticket.id} cancelled\n`);
        else
          t.out(
            `cancel requested: ticket ${ticket.id} is ${ticket.status}; its agent stops at the next step (worksmith follow ${ticket.id})\n`,
          );
      }),
    );

  clientCommand(program.command("retry <ticket>"))
    .description("Run an ended ticket again as a new ticket (retry_of links the two)")
    .option("-f, --follow", "follow the new ticket until it ends")
    .option("--json", "print JSON")
    .action(
      run(async (id: string, flags: ConnectionFlags & { follow?: boolean; json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
        const accepted = await client.request("POST", `/api/work/tickets/${encodeURIComponent(id)}/retry`, ExecuteAccepted, { json: {} });
        if (flags.json) t.out(`${JSON.stringify(accepted)}\n`);
        else t.out(`retrying as ticket ${accepted.work_ticket_id} (${accepted.status})\n`);
        if (flags.follow) return followToEnd(client, accepted.work_ticket_id, t, flags.json === true);
      }),
    );
}
