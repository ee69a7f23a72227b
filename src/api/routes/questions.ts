// Questions agents ask people (issue 16): read a ticket's question, answer it. The answer is checked
// against the question's JSON Schema (422 naming each field); a ticket that is not waiting, or whose
// question was already answered, gets 409 — the first answer wins, exactly once, in SQL
// (src/engine/answer.ts). Viewers may read the question but not answer it (403).
import { createRoute } from "@hono/zod-openapi";
import type { QuestionRow } from "../../db/schema.js";
import { NotFoundError } from "../../domain/errors.js";
import {
  AnswerRequest as AnswerRequestSchema,
  TicketQuestion as TicketQuestionSchema,
  type TicketQuestion as TicketQuestionView,
} from "../../domain/questions.js";
import { answerQuestion, latestQuestion } from "../../engine/answer.js";
import { requireTicketRole } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";

const TicketQuestion = TicketQuestionSchema;
const AnswerRequest = AnswerRequestSchema;

const get = createRoute({
  method: "get",
  path: "/api/work/tickets/{id}/question",
  tags: ["work"],
  summary: "The ticket's latest question (a waiting ticket's open one), with its answer once given",
  request: { params: IdParam },
  responses: {
    200: { description: "The question", content: { "application/json": { schema: TicketQuestion } } },
    404: errorResponses[404],
  },
});

const answer = createRoute({
  method: "post",
  path: "/api/work/tickets/{id}/answer",
  tags: ["work"],
  summary: "Answer a waiting ticket's question; the ticket resumes where it asked",
  request: { params: IdParam, body: { required: true, content: { "application/json": { schema: AnswerRequest } } } },
  responses: {
    200: { description: "The answered question", content: { "application/json": { schema: TicketQuestion } } },
    403: errorResponses[403],
    404: errorResponses[404],
    409: { description: "The ticket is not waiting, or its question was already answered", content: problemContent },
    422: errorResponses[422],
  },
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function questionView(q: QuestionRow): TicketQuestionView {
  return {
    id: q.id,
    ticket_id: q.ticketId,
    key: q.key,
    question: q.question,
    answer_schema: q.answerSchema,
    has_default: q.defaultAnswer !== null && q.defaultAnswer !== undefined,
    default: q.defaultAnswer ?? null,
    expires_at: iso(q.expiresAt),
    created_at: q.createdAt.toISOString(),
    answered: q.answeredAt !== null,
    answer: q.answer ?? null,
    answered_by: q.answeredBy,
    answered_at: iso(q.answeredAt),
    source: q.answerSource,
  };
}

export function registerQuestionRoutes(app: Api, { database }: ApiDeps): void {
  const db = database.db;

  app.openapi(get, async (c) => {
    const id = requireUuid("ticket", c.req.valid("param").id);
    await requireTicketRole(db, principalOf(c), id, "read");
    const q = await latestQuestion(db, id);
    if (!q) throw new NotFoundError("question of ticket", id);
    return c.json(questionView(q), 200);
  });

  app.openapi(answer, async (c) => {
    const id = requireUuid("ticket", c.req.valid("param").id);
    const principal = principalOf(c);
    await requireTicketRole(db, principal, id, "work");
    const { question } = await answerQuestion(database, {
      ticketId: id,
      answer: c.req.valid("json").answer,
      answeredBy: principal.user.id,
    });
    return c.json(questionView(question), 200);
  });
}
