// Following a ticket: read its SSE stream (history first, then live) until `end`, hand each event to
// the terminal view or print it as a JSON line, then fetch the final ticket and pick the exit code.
import { TicketView } from "../../domain/contract.js";
import { TicketEvent } from "../../domain/events.js";
import type { TicketQuestion } from "../../domain/questions.js";
import { TicketEstimate } from "../../domain/recipe-stats.js";
import { isTerminal } from "../../domain/ticket-status.js";
import { CliError, EXIT } from "./errors.js";
import { createFollowView } from "./follow-view.js";
import type { ApiClient } from "./http.js";
import { describeQuestion, getQuestion } from "./question.js";
import { readEventStream } from "./sse.js";

export interface FollowOptions {
  json: boolean;
  write: (text: string) => void;
  tty: boolean;
  color: boolean;
  columns?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Answers a question in the terminal (stdin is a TTY, not --json): called when the ticket starts
   * waiting, with the live view paused; following goes on once it returns. Without it the question
   * is printed with how to answer it.
   */
  answer?: ((question: TicketQuestion) => Promise<void>) | undefined;
}

export interface FollowResult {
  ticket: TicketView;
  exitCode: number;
}

export function getTicket(client: ApiClient, id: string): Promise<TicketView> {
  return client.request("GET", `/api/work/tickets/${encodeURIComponent(id)}`, TicketView);
}

export function exitCodeFor(ticket: TicketView): number {
  if (ticket.status === "completed") return EXIT.ok;
  if (ticket.status === "failed") return EXIT.failed;
  if (ticket.status === "cancelled") return EXIT.cancelled;
  return EXIT.server;
}

export async function followTicket(client: ApiClient, id: string, options: FollowOptions): Promise<FollowResult> {
  const first = await getTicket(client, id);
  const view = options.json
    ? null
    : createFollowView({ write: options.write, tty: options.tty, color: options.color, columns: options.columns });
  view?.start(first);
  // The ETA's basis, once: the view recomputes the estimate as the ticket moves (no estimate is no error).
  if (view && !isTerminal(first.status)) {
    const estimate = await client
      .request("GET", `/api/work/tickets/${encodeURIComponent(first.id)}/estimate`, TicketEstimate)
      .catch(() => null);
    if (estimate) view.estimate(estimate);
  }
  try {
    const stream = readEventStream(client, `/api/work/tickets/${encodeURIComponent(first.id)}/stream`, {
      signal: options.signal,
      onReconnect: (attempt, last) =>
        view?.note(`connection lost; reconnecting (attempt ${attempt}${last ? `, after event ${last}` : ""})…`),
    });
    for await (const message of stream) {
      if (message.event === "end") break;
      let event: TicketEvent;
      try {
        const parsed = TicketEvent.safeParse(JSON.parse(message.data));
        if (!parsed.success) continue; // a kind of event this CLI does not know yet
        event = parsed.data;
      } catch {
        continue;
      }
      if (options.json) options.write(`${JSON.stringify(event)}\n`);
      else view?.event(event);
      // A ticket waiting for input: show what it asks (a question answered since is history, skipped).
      if (event.type === "status" && event.data.status === "waiting") {
        const question = await getQuestion(client, first.id).catch(() => null);
        if (question && !question.answered) {
          if (options.json) options.write(`${JSON.stringify({ type: "question", ...question })}\n`);
          else if (options.answer && view) {
            view.block(describeQuestion(question, first.id, { howToAnswer: false }));
            view.suspend();
            try {
              await options.answer(question);
            } finally {
              view.resume();
            }
          } else view?.block(describeQuestion(question, first.id));
        }
      }
    }
    const ticket = await getTicket(client, first.id);
    if (!isTerminal(ticket.status))
      throw new CliError(`the stream of ticket ${first.id} ended while it is still ${ticket.status}`, EXIT.server);
    if (options.json) {
      const end = {
        type: "end",
        ticket_id: ticket.id,
        status: ticket.status,
        error_message: ticket.metadata.error_message,
        output_count: ticket.metadata.output_count,
      };
      options.write(`${JSON.stringify(end)}\n`);
    } else view?.finish(ticket);
    return { ticket, exitCode: exitCodeFor(ticket) };
  } finally {
    view?.dispose();
  }
}
