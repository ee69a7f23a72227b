// A ticket's priority within its project's queue (issue 19). People and the API speak the words;
// the database stores a small number so one index orders the queue (higher first, then oldest).
import { z } from "zod";

export const TicketPriority = z.enum(["low", "normal", "high"]);
export type TicketPriority = z.infer<typeof TicketPriority>;

const RANK: Record<TicketPriority, number> = { low: -1, normal: 0, high: 1 };

export function priorityRank(p: TicketPriority | undefined): number {
  return RANK[p ?? "normal"];
}

export function priorityOfRank(rank: number): TicketPriority {
  return rank > 0 ? "high" : rank < 0 ? "low" : "normal";
}
