// Reading typed events in tests: the status or log message of an event of any type.
import type { TicketEvent } from "../../src/domain/events.js";

export const statusOf = (e: TicketEvent): string | null => (e.type === "status" ? e.data.status : null);
export const messageOf = (e: TicketEvent): string | null => (e.type === "log" ? e.data.message : null);
