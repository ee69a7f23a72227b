// A waiting ticket's question (issue 16) for the terminal: fetched by `answer` and by `follow`, which
// shows it when the ticket starts waiting.
import { TicketQuestion } from "../../domain/questions.js";
import { ParametersSchema } from "../../domain/recipe.js";
import type { ApiClient } from "./http.js";

export function getQuestion(client: ApiClient, ticket: string): Promise<TicketQuestion> {
  return client.request("GET", `/api/work/tickets/${encodeURIComponent(ticket)}/question`, TicketQuestion);
}

/** The question as a person reads it in a terminal: what is asked, each field and its current value, how to answer. */
export function describeQuestion(q: TicketQuestion, ticket: string, o: { howToAnswer?: boolean } = {}): string {
  const lines = [`Question: ${q.question}`];
  const schema = ParametersSchema.safeParse(q.answer_schema);
  const defaults = (q.default ?? {}) as Record<string, unknown>;
  if (schema.success) {
    for (const [name, prop] of Object.entries(schema.data.properties)) {
      const required = schema.data.required.includes(name) ? " (required)" : "";
      const title = typeof prop.title === "string" ? prop.title : name;
      const choices = Array.isArray(prop.enum) ? ` — one of: ${prop.enum.join(", ")}` : "";
      lines.push(`  ${name}${required}: ${title}${choices}`);
      const current = name in defaults ? defaults[name] : prop.default;
      if (current !== undefined) {
        const text = typeof current === "string" ? current : JSON.stringify(current);
        lines.push(...text.split("\n").map((l) => `    │ ${l}`));
      }
    }
  }
  if (q.expires_at) lines.push(`Expires ${q.expires_at}${q.has_default ? " (then its default applies)" : " (then the ticket fails)"}`);
  if (o.howToAnswer !== false)
    lines.push(
      `Answer: worksmith answer ${ticket} --param key=value … (or --edit key to edit it in $EDITOR, --param-file key=path for long text${q.has_default ? ", --accept-default to take the values above" : ""})`,
    );
  return `${lines.join("\n")}\n`;
}
