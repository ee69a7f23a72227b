// A waiting ticket's question (issue 16): what the agent asks, and a form drawn from its answer
// schema by the recipes' form engine (schema-form). Members answer; viewers see the question and
// who may answer it. The server checks the answer (422 names the field, shown beside it) and takes
// the first answer only (409: someone answered first).
import { useEffect, useState, type FormEvent } from "react";
import type { ParametersSchema } from "../../../../src/domain/recipe.js";
import type { TicketQuestion } from "../../../../src/domain/questions.js";
import { api, type ApiError } from "../../shared/api.js";
import { formatExact } from "../../shared/format.js";
import { ErrorBox } from "../../shared/states.js";
import { toApiError } from "../../shared/use-resource.js";
import { initialValues, SchemaFields, toParameters, type FormValue, type FormValues } from "../recipes/schema-form.js";

type Load =
  { state: "loading" } | { state: "ready"; question: TicketQuestion; schema: ParametersSchema } | { state: "error"; error: ApiError };

/** The answer schema as the form engine takes it (an object schema; `required` may be absent). */
function formSchema(q: TicketQuestion): ParametersSchema {
  const s = q.answer_schema as { properties?: ParametersSchema["properties"]; required?: string[] };
  return { type: "object", properties: s.properties ?? {}, required: s.required ?? [] };
}

/** Field errors of a 422 by field name: the server names them "answer/<field>". */
function answerErrors(error: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of error?.problem.errors ?? []) out[e.field.replace(/^(body\/)?answer\/?/, "").split("/")[0] || "answer"] ??= e.message;
  return out;
}

export function AnswerForm({ ticketId, editable }: { ticketId: string; editable: boolean }) {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [values, setValues] = useState<FormValues>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api.getQuestion(ticketId, controller.signal).then(
      (question) => {
        const schema = formSchema(question);
        const defaults = (question.default ?? undefined) as Record<string, unknown> | undefined;
        setValues(initialValues(schema, defaults));
        setLoad({ state: "ready", question, schema });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: "error", error: toApiError(err) });
      },
    );
    return () => controller.abort();
  }, [ticketId]);

  if (load.state === "loading") return null;
  if (load.state === "error") return <ErrorBox error={load.error} />;
  const { question, schema } = load;
  if (question.answered && !sent) return null;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.answerTicket(ticketId, toParameters(schema, values)).then(
      () => {
        setBusy(false);
        setSent(true);
      },
      (err: unknown) => {
        setBusy(false);
        setError(toApiError(err));
      },
    );
  };
  const fieldErrors = answerErrors(error);

  return (
    <section className="section question-panel" aria-labelledby="question-heading" data-testid="question-panel">
      <h2 id="question-heading" className="h3">
        Needs your input
      </h2>
      <p className="question-text">{question.question}</p>
      {question.expires_at && (
        <p className="muted small">
          Expires <time dateTime={question.expires_at}>{formatExact(question.expires_at)}</time>
          {question.has_default ? "; then the values shown here are used." : "; then the ticket fails."}
        </p>
      )}
      {sent ? (
        <p className="note" role="status">
          Answer sent; the ticket resumes where it asked.
        </p>
      ) : editable ? (
        <form className="form" onSubmit={submit} noValidate>
          <SchemaFields
            schema={schema}
            values={values}
            errors={fieldErrors}
            onChange={(name: string, value: FormValue) => setValues((v) => ({ ...v, [name]: value }))}
          />
          {error && !Object.keys(fieldErrors).length && <ErrorBox error={error} />}
          {error?.status === 409 && (
            <p className="note" role="status">
              Someone answered first, or the ticket stopped waiting.
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Sending…" : "Submit answer"}
          </button>
        </form>
      ) : (
        <p className="muted">A member of this project can answer; you can watch the ticket resume here.</p>
      )}
    </section>
  );
}
