// `worksmith answer <ticket> [--param k=v …] [--param-file k=path …] [--accept-default] [--json]`:
// answers a waiting ticket's question (issue 16). The values are coerced by the question's answer
// schema like a recipe's parameters; the server validates them (a bad field is named, exit 2). With
// nothing to answer it shows the question: its fields, their current (default) values, how to answer.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { AnswerRequest, TicketQuestion } from "../../domain/questions.js";
import { describeQuestion, getQuestion } from "../client/question.js";
import { ParametersSchema } from "../../domain/recipe.js";
import { editText } from "../client/editor.js";
import { CliError, EXIT } from "../client/errors.js";
import { coerceParameters } from "../client/params.js";
import { clientCommand, clientFor, collect, run, terminal, type ConnectionFlags } from "./shared.js";

interface AnswerFlags extends ConnectionFlags {
  param: string[];
  paramFile: string[];
  edit?: string;
  acceptDefault?: boolean;
  json?: boolean;
}

async function readParamFiles(pairs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError(`--param-file ${JSON.stringify(pair)}: expected key=path`, EXIT.input);
    const path = pair.slice(eq + 1);
    const text = await readFile(path, "utf8").catch(() => {
      throw new CliError(`--param-file ${pair.slice(0, eq)}: cannot read ${path}`, EXIT.input);
    });
    out.push(`${pair.slice(0, eq)}=${text}`);
  }
  return out;
}

/** `--edit field`: the field's current value (the question's default) in the editor, as a `key=text` pair. */
async function editField(question: TicketQuestion, field: string): Promise<string> {
  const current = ((question.default ?? {}) as Record<string, unknown>)[field];
  return `${field}=${await editText(field, typeof current === "string" ? current : current === undefined ? "" : JSON.stringify(current))}`;
}

export function registerAnswerCommand(program: Command, version: string): void {
  clientCommand(program.command("answer <ticket>"))
    .description("Answer a waiting ticket's question (without values: show the question); the ticket resumes where it asked")
    .option("--param <key=value>", "a field of the answer; repeat for several", collect, [])
    .option("--param-file <key=path>", "a field read from a file (long text, e.g. an edited outline)", collect, [])
    .option("--edit <field>", "edit a field (e.g. the deck's outline) in $VISUAL / $EDITOR, starting from its current value")
    .option("--accept-default", "answer with the question's default values")
    .option("--json", "print the question or the answered question as JSON")
    .action(
      run(async (ticket: string, flags: AnswerFlags) => {
        const client = clientFor(flags, version);
        const t = terminal();
        const question = await getQuestion(client, ticket);
        if (flags.edit !== undefined && question.answered)
          throw new CliError(`ticket ${ticket}'s question was already answered`, EXIT.input);
        const edited = flags.edit !== undefined ? [await editField(question, flags.edit)] : [];
        const pairs = [...flags.param, ...(await readParamFiles(flags.paramFile)), ...edited];
        if (pairs.length === 0 && !flags.acceptDefault) {
          t.out(flags.json ? `${JSON.stringify(question)}\n` : describeQuestion(question, ticket));
          return EXIT.ok;
        }
        if (question.answered) throw new CliError(`ticket ${ticket}'s question was already answered`, EXIT.input);
        const schema = ParametersSchema.safeParse(question.answer_schema);
        if (!schema.success) throw new CliError("the question's answer schema cannot be read", EXIT.server);
        const base = flags.acceptDefault && question.has_default ? ((question.default ?? {}) as Record<string, unknown>) : {};
        if (flags.acceptDefault && !question.has_default) throw new CliError("the question has no default answer", EXIT.input);
        const body: AnswerRequest = { answer: { ...base, ...coerceParameters(schema.data, pairs) } };
        const answered = await client.request("POST", `/api/work/tickets/${encodeURIComponent(ticket)}/answer`, TicketQuestion, {
          json: body,
        });
        t.out(
          flags.json
            ? `${JSON.stringify(answered)}\n`
            : `answered ticket ${ticket}; it resumes where it asked — worksmith follow ${ticket}\n`,
        );
      }),
    );
}
