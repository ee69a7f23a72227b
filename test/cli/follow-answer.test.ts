// `worksmith follow` answers a waiting ticket's question in the terminal (issue 16). The CLI runs as a
// real subprocess inside a pseudo-terminal (util-linux `script`), against a real server whose LLM is
// a scripted fake model; the test types into the terminal as a person would: a numbered choice, y/n,
// a line of text, a list and the deck's outline in the "editor". It checks what the SERVER stored and
// what the model was given — a prompt that never sends its answer leaves the ticket waiting and fails.
// Without a terminal on stdin, follow prints the question and how to answer it, and prompts nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExecuteAccepted, ProjectView, TicketView } from "../../src/domain/contract.js";
import { TicketQuestion } from "../../src/domain/questions.js";
import { startCliServer, type CliServer } from "../helpers/cli-server.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TEST_TIMEOUT_MS = 180_000;

const SCHEMA = {
  type: "object",
  required: ["decision", "publish", "findings"],
  properties: {
    decision: { type: "string", title: "Decision", enum: ["approve", "reject"] },
    publish: { type: "boolean", title: "Publish it" },
    comment: { type: "string", title: "Comment" },
    findings: { type: "array", title: "Findings to keep", items: { type: "string" }, minItems: 1 },
  },
};

/** A process in a pseudo-terminal: what it printed so far, a way to type, and its end. */
interface Terminal {
  output(): string;
  /** Resolves once the output contains `text` (after `from`), or rejects when the process ends first. */
  waitFor(text: string | RegExp, from?: number): Promise<number>;
  type(text: string): void;
  result: Promise<{ code: number | null; output: string }>;
}

describe("follow answers in the terminal (issue 16)", () => {
  let host: CliServer;
  let model: FakeOpenAiServer;
  let projectId: string;
  const children: ChildProcess[] = [];

  const api = <T>(method: string, path: string, body?: unknown) => host.api<T>(method, path, body);

  beforeAll(async () => {
    model = await startFakeOpenAiServer();
    host = await startCliServer("follow-answer", {
      WORKSMITH_LLM_PROVIDER: "openai-compatible",
      WORKSMITH_LLM_MODEL: "fake-follow",
      WORKSMITH_LLM_BASE_URL: model.baseUrl,
      WORKSMITH_LLM_API_KEY: "test",
    });
    projectId = ProjectView.parse(await api("POST", "/api/projects", { name: "Apollo", description: "" })).id;
    await api("POST", `/api/projects/${projectId}/context`, {
      title: "Migration notes",
      body: "Apollo moved 80% of services in Q3 2026. Billing moves in May 2026. Latency fell by 18% after the move.",
    });
    // A recipe run by the (fake) model, which asks with an answer schema of its own.
    await api("POST", "/api/recipes", {
      slug: "asking-brief",
      name: "Asking brief",
      description: "A brief whose model asks before it writes",
      icon: "❓",
      agent_type: "research",
      output_format: "markdown",
      provider: "llm",
      parameters: { type: "object", required: ["topic"], properties: { topic: { type: "string", title: "Topic" } } },
      output_contract: { formats: ["markdown"], sections: [] },
    });
  }, 120_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await host?.stop();
    await model?.close();
  });

  /** `worksmith follow <id>` with a pseudo-terminal as its stdin and stdout. */
  function followInTerminal(id: string, env: Record<string, string> = {}): Terminal {
    const command = `${process.execPath} --import tsx src/cli/main.ts follow ${id}`;
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: ROOT,
      env: { ...process.env, WORKSMITH_URL: host.server.url, WORKSMITH_TOKEN: host.token, NO_COLOR: "1", TERM: "dumb", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    const waiters = new Set<() => void>();
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      for (const w of waiters) w();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const result = new Promise<{ code: number | null; output: string }>((done) =>
      child.on("close", (code) => {
        for (const w of waiters) w();
        done({ code, output });
      }),
    );
    return {
      output: () => output,
      waitFor(text, from = 0) {
        return new Promise((found, failed) => {
          const check = () => {
            const rest = output.slice(from);
            const at = typeof text === "string" ? rest.indexOf(text) : rest.search(text);
            if (at >= 0) {
              waiters.delete(check);
              found(from + at + 1);
            } else if (child.exitCode !== null || child.signalCode !== null) {
              waiters.delete(check);
              failed(new Error(`follow ended before printing ${String(text)}:\n${output}`));
            }
          };
          waiters.add(check);
          // Waits on what the process prints, not on time; the bound only turns a hang into a readable failure.
          setTimeout(() => {
            if (waiters.delete(check)) failed(new Error(`follow never printed ${String(text)}:\n${output}`));
          }, 90_000).unref();
          check();
        });
      },
      type: (text) => void child.stdin.write(text),
      result,
    };
  }

  async function submit(recipe: string, parameters: Record<string, unknown>, agentType = "research"): Promise<string> {
    const accepted = ExecuteAccepted.parse(
      await api("POST", `/api/work/${agentType}/execute`, { project_id: projectId, recipe_slug: recipe, parameters }),
    );
    return accepted.work_ticket_id;
  }

  async function statusOf(id: string, want: string): Promise<TicketView> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const t = TicketView.parse(await api("GET", `/api/work/tickets/${id}`));
      if (t.status === want) return t;
      if (Date.now() > deadline) throw new Error(`ticket ${id} is ${t.status}, not ${want}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const askScript = (question: string) => [
    {
      toolCalls: [
        {
          id: "call_ask",
          name: "ask_person",
          arguments: { question, answer_schema: SCHEMA, default: { decision: "approve", publish: true, findings: ["Apollo moved 80%"] } },
        },
      ],
    },
    { text: "## Brief\n\nDone as the person decided." },
  ];

  it(
    "a choice, y/n, a line of text and a list typed in the terminal: the server takes that answer and the model reads it",
    async () => {
      model.requests.length = 0;
      model.script(askScript("Approve the brief?"));
      const id = await submit("asking-brief", { topic: "Apollo" });
      await statusOf(id, "waiting");
      // The "editor" for the list: checks it starts from the default list, saves two items of the person's.
      const editor = `node -e "const fs=require('fs');const f=process.argv[1];if(fs.readFileSync(f,'utf8').trim()!=='Apollo moved 80%')process.exit(3);fs.writeFileSync(f,'Latency fell by 18%\\n\\nBilling moves in May 2026\\n')"`;
      const term = followInTerminal(id, { EDITOR: editor });

      let at = await term.waitFor("Question: Approve the brief?");
      at = await term.waitFor("  2) reject", at);
      at = await term.waitFor("Choose 1-2 (Enter: approve): ", at);
      term.type("7\r"); // not a choice: asked again
      at = await term.waitFor("pick a number from 1 to 2", at);
      term.type("2\r");
      at = await term.waitFor("Publish it? [Y/n]: ", at);
      term.type("n\r");
      at = await term.waitFor("Findings to keep: one item per line in your editor", at);
      at = await term.waitFor("Comment (Enter to leave out): ", at);
      term.type("needs the latency figure\r");
      await term.waitFor("answered; the ticket resumes where it asked", at);

      const followed = await term.result;
      expect(followed.code, followed.output).toBe(0);
      expect(followed.output).not.toContain("worksmith answer"); // no how-to line: it was answered here
      expect(followed.output).toContain("completed");

      const question = TicketQuestion.parse(await api("GET", `/api/work/tickets/${id}/question`));
      const typed = {
        decision: "reject",
        publish: false,
        comment: "needs the latency figure",
        findings: ["Latency fell by 18%", "Billing moves in May 2026"],
      };
      expect(question).toMatchObject({ answered: true, source: "person", answer: typed });
      expect(question.answered_by).not.toBeNull();
      // The resumed model call carries the typed answer as the ask_person result.
      const toolMessage = model.requests[1]!.body.messages.find((m) => m.role === "tool" && m.tool_call_id === "call_ask");
      expect(JSON.parse(String(toolMessage!.content))).toEqual({ ok: true, answer: typed });
      expect((await statusOf(id, "completed")).attempt).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "the deck's outline in $EDITOR from follow: the deck is built from the edited outline",
    async () => {
      const id = await submit("executive-summary-deck", { topic: "Apollo migration", review_outline: true }, "reporting");
      await statusOf(id, "waiting");
      const editor = `node -e "const fs=require('fs');const f=process.argv[1];if(!fs.readFileSync(f,'utf8').startsWith('## '))process.exit(3);fs.writeFileSync(f,process.env.REVIEWED)"`;
      const term = followInTerminal(id, { EDITOR: editor, REVIEWED: "## Edited from follow\n- Latency fell by 18%\n" });
      const at = await term.waitFor("Outline: opening your editor");
      await term.waitFor("answered; the ticket resumes where it asked", at);
      const followed = await term.result;
      expect(followed.code, followed.output).toBe(0);
      const done = await statusOf(id, "completed");
      const deck = (done.outputs ?? []).find((o) => o.output_type === "presentation");
      expect(deck?.body).toContain("1 slide(s) (Edited from follow)");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "without a terminal on stdin, follow prints the question and how to answer it, and asks nothing",
    async () => {
      model.requests.length = 0;
      model.script(askScript("Approve the other brief?"));
      const id = await submit("asking-brief", { topic: "Apollo billing" });
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "follow", id], {
        cwd: ROOT,
        env: { ...process.env, WORKSMITH_URL: host.server.url, WORKSMITH_TOKEN: host.token, NO_COLOR: "1" },
        stdio: ["pipe", "pipe", "pipe"],
      });
      children.push(child);
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
      const ended = new Promise<number | null>((done) => child.on("close", done));
      await statusOf(id, "waiting");
      const deadline = Date.now() + 60_000;
      while (!stdout.includes(`Answer: worksmith answer ${id}`)) {
        if (Date.now() > deadline) throw new Error(`no how-to line:\n${stdout}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await api("POST", `/api/work/tickets/${id}/answer`, { answer: { decision: "approve", publish: true, findings: ["x"] } });
      expect(await ended).toBe(0);
      expect(stdout).not.toContain("Choose 1-2");
    },
    TEST_TIMEOUT_MS,
  );
});
