// What the API says about a question an agent asked (issue 16): shared by the server, the web app and
// the CLI, which parse it instead of casting.
import { z } from "zod";

export const TicketQuestion = z.object({
  id: z.string(),
  ticket_id: z.string(),
  key: z.string(),
  question: z.string(),
  /** An object JSON Schema (the recipe form's subset): the answer form is drawn from it. */
  answer_schema: z.record(z.string(), z.unknown()),
  has_default: z.boolean(),
  /** Applied when the question expires unanswered (null when it has none). */
  default: z.unknown(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
  answered: z.boolean(),
  answer: z.unknown(),
  /** The user who answered; null when the default applied. */
  answered_by: z.string().nullable(),
  answered_at: z.string().nullable(),
  source: z.enum(["person", "default"]).nullable(),
});
export type TicketQuestion = z.infer<typeof TicketQuestion>;

export const AnswerRequest = z.object({
  /** An object matching the question's answer_schema. */
  answer: z.record(z.string(), z.unknown()),
});
export type AnswerRequest = z.infer<typeof AnswerRequest>;
