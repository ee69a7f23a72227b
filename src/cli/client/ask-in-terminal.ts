// Answering a waiting ticket's question in the terminal, as `follow` does when stdin is a TTY
// (issue 16): one prompt per field of the answer schema — a numbered choice for an enum, y/n for a
// boolean, a number, a line of text — and the editor for long text (the deck's outline) and lists,
// starting from the question's default as `answer --edit` does. The server judges the answer; a 422
// shows its field errors and asks again (with what was typed as the new defaults); a 409 means
// someone else answered first, and following goes on.
import { createInterface } from "node:readline/promises";
import { TicketQuestion } from "../../domain/questions.js";
import { ParametersSchema } from "../../domain/recipe.js";
import { editText } from "./editor.js";
import { ApiError, CliError, EXIT, oneLine } from "./errors.js";
import type { ApiClient } from "./http.js";

/** The terminal as the prompts use it; tests drive the real one through a pseudo-terminal. */
export interface PromptIo {
  /** One line typed by the person, without its newline. */
  line(prompt: string): Promise<string>;
  /** A text edited in $VISUAL / $EDITOR, starting from `initial`. */
  edit(name: string, initial: string): Promise<string>;
  write(text: string): void;
}

/** stdin/stdout; `signal` (Ctrl-C while following) abandons a prompt. */
export function stdioPrompts(signal: AbortSignal): PromptIo {
  return {
    async line(prompt) {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
      // readline takes the terminal's Ctrl-C for itself: hand it back to follow's handler (exit 130).
      rl.on("SIGINT", () => process.kill(process.pid, "SIGINT"));
      try {
        return await rl.question(prompt, { signal });
      } finally {
        rl.close();
      }
    },
    edit: (name, initial) => editText(name, initial),
    write: (text) => void process.stdout.write(text),
  };
}

type Prop = ParametersSchema["properties"][string];

/** Long text goes to the editor: a textarea field, or a current value of several lines. */
function wantsEditor(prop: Prop, current: unknown): boolean {
  return prop["x-widget"] === "textarea" || (typeof current === "string" && current.includes("\n"));
}

const shown = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Asks each field in schema order; Enter keeps the current value (the default), or leaves an optional field out. */
export async function promptAnswer(q: TicketQuestion, io: PromptIo, current: Record<string, unknown>): Promise<Record<string, unknown>> {
  const schema = ParametersSchema.safeParse(q.answer_schema);
  if (!schema.success) throw new CliError("the question's answer schema cannot be read", EXIT.server);
  const answer: Record<string, unknown> = {};
  // Required fields first, in `required` order: a stored schema's properties come back in jsonb's key
  // order (by length), while an array keeps the order the agent wrote.
  const props = schema.data.properties;
  const names = [...schema.data.required.filter((n) => n in props), ...Object.keys(props).filter((n) => !schema.data.required.includes(n))];
  for (const name of names) {
    const prop = props[name]!;
    const title = typeof prop.title === "string" ? prop.title : name;
    const required = schema.data.required.includes(name);
    const now = name in current ? current[name] : prop.default;
    const value = await promptField(io, name, title, prop, now, required);
    if (value !== undefined) answer[name] = value;
  }
  return answer;
}

async function promptField(io: PromptIo, name: string, title: string, prop: Prop, now: unknown, required: boolean): Promise<unknown> {
  const keep = now === undefined ? (required ? "" : " (Enter to leave out)") : ` (Enter: ${oneLine(shown(now)).slice(0, 60)})`;
  if (Array.isArray(prop.enum)) {
    const choices = prop.enum;
    io.write(`${title}:\n${choices.map((c, i) => `  ${i + 1}) ${String(c)}`).join("\n")}\n`);
    for (;;) {
      const typed = (await io.line(`Choose 1-${choices.length}${keep}: `)).trim();
      if (typed === "") {
        if (now !== undefined || !required) return now;
        continue;
      }
      const n = /^\d+$/.test(typed) ? Number(typed) : NaN;
      const picked: unknown = n >= 1 && n <= choices.length ? choices[n - 1] : choices.find((c) => String(c) === typed);
      if (picked !== undefined) return picked;
      io.write(`  pick a number from 1 to ${choices.length}\n`);
    }
  }
  if (prop.type === "boolean") {
    const hint = now === true ? "Y/n" : now === false ? "y/N" : "y/n";
    for (;;) {
      const typed = (await io.line(`${title}? [${hint}]: `)).trim().toLowerCase();
      if (typed === "") {
        if (now !== undefined || !required) return now;
        continue;
      }
      if (["y", "yes", "true"].includes(typed)) return true;
      if (["n", "no", "false"].includes(typed)) return false;
      io.write("  answer y or n\n");
    }
  }
  if (prop.type === "array") {
    const items = (prop.items ?? {}) as { type?: unknown };
    const numeric = items.type === "integer" || items.type === "number";
    io.write(`${title}: one item per line in your editor…\n`);
    const text = await io.edit(name, Array.isArray(now) ? now.map(String).join("\n") : "");
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "");
    return numeric ? lines.map(Number) : lines;
  }
  if (prop.type === "integer" || prop.type === "number") {
    for (;;) {
      const typed = (await io.line(`${title}${keep}: `)).trim();
      if (typed === "") {
        if (now !== undefined || !required) return now;
        continue;
      }
      const n = Number(typed);
      if (Number.isFinite(n) && (prop.type === "number" || Number.isInteger(n))) return n;
      io.write(`  ${prop.type === "integer" ? "a whole number" : "a number"}, please\n`);
    }
  }
  if (wantsEditor(prop, now)) {
    io.write(`${title}: opening your editor…\n`);
    return io.edit(name, typeof now === "string" ? now : "");
  }
  const typed = await io.line(`${title}${keep}: `);
  if (typed === "") return now !== undefined ? now : required ? "" : undefined;
  return typed;
}

/**
 * Prompts until the server takes an answer (or someone else answered first). Returns whether this
 * terminal's answer was the one taken.
 */
export async function answerInTerminal(client: ApiClient, ticket: string, q: TicketQuestion, io: PromptIo): Promise<boolean> {
  let current = (q.default ?? {}) as Record<string, unknown>;
  io.write("Answer it here (or from the browser):\n");
  for (;;) {
    const answer = await promptAnswer(q, io, current);
    try {
      await client.request("POST", `/api/work/tickets/${encodeURIComponent(ticket)}/answer`, TicketQuestion, { json: { answer } });
      io.write("answered; the ticket resumes where it asked\n");
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 422) {
        io.write(`not accepted: ${err.message}\nagain:\n`);
        current = answer;
        continue;
      }
      if (err.status === 409) {
        io.write(`not sent: ${err.message}\n`);
        return false;
      }
      throw err;
    }
  }
}
