// The fake OpenAI-compatible model in a process of its own, for bench:agents: the bench's own CPU
// time is then the agent loop's alone. Driven over the IPC channel: {script} sets the turns,
// {requests} answers with each request's arrival and completion times.
import { startFakeOpenAiServer, type FakeTurn } from "../test/helpers/fake-openai-server.js";

const server = await startFakeOpenAiServer();
type Message = { script: FakeTurn[] } | { requests: true } | { baseUrl: true } | { close: true };
process.on("message", (message: Message) => {
  if ("script" in message) {
    server.requests.length = 0;
    server.script(message.script);
    process.send?.({ ok: true });
  } else if ("baseUrl" in message) {
    process.send?.({ baseUrl: server.baseUrl });
  } else if ("requests" in message) {
    process.send?.({ requests: server.requests.map((r) => ({ at: r.at, doneAt: r.doneAt })) });
  } else {
    void server.close().then(() => process.exit(0));
  }
});
process.send?.({ baseUrl: server.baseUrl });
