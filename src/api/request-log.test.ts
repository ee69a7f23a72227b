import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { logTransition, requestLog } from "./request-log.js";

function recorder() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, logger: { info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") } };
}

const TICKET = "0b6f8f0e-3c2a-4d7e-9a51-2f1e0c9d8b7a";
const PROJECT = "7d4c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";

describe("requestLog", () => {
  it("logs one line per request with method, path, route, status, duration, request id and the ticket id", async () => {
    const { lines, logger } = recorder();
    let clock = 1000;
    const app = new Hono();
    app.use("*", requestLog({ logger, now: () => clock }));
    app.get("/api/work/tickets/:id", (c) => {
      clock += 12.34;
      return c.json({ id: c.req.param("id") });
    });
    const res = await app.request(`/api/work/tickets/${TICKET.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line!.level).toBe("info");
    expect(line!.msg).toBe("request");
    expect(line!.obj).toMatchObject({
      method: "GET",
      path: `/api/work/tickets/${TICKET.toUpperCase()}`,
      route: "/api/work/tickets/:id",
      status: 200,
      duration_ms: 12.3,
      ticket_id: TICKET,
    });
    expect(line!.obj.req_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-request-id")).toBe(line!.obj.req_id);
  });

  it("echoes a plain incoming X-Request-Id, replaces a hostile one, and names the project", async () => {
    const { lines, logger } = recorder();
    const app = new Hono();
    app.use("*", requestLog({ logger }));
    app.get("/api/projects/:id/context", (c) => c.json({ items: [] }));
    const ok = await app.request(`/api/projects/${PROJECT}/context`, { headers: { "x-request-id": "edge-42.a" } });
    expect(ok.headers.get("x-request-id")).toBe("edge-42.a");
    const bad = await app.request(`/api/projects/${PROJECT}/context`, { headers: { "x-request-id": "x\u0007 injected" } });
    expect(bad.headers.get("x-request-id")).not.toContain("injected");
    expect(lines.map((l) => l.obj.req_id)).toEqual(["edge-42.a", bad.headers.get("x-request-id")]);
    expect(lines[0]!.obj.project_id).toBe(PROJECT);
    expect(lines[0]!.obj.ticket_id).toBeUndefined();
  });

  it("never writes a share link's secret (the page's or the API's path)", async () => {
    const { lines, logger } = recorder();
    const app = new Hono();
    app.use("*", requestLog({ logger }));
    app.get("*", (c) => c.text("ok"));
    const secret = `wss_${"a1B2-_".repeat(7)}x`;
    await app.request(`/share/${secret}`);
    await app.request(`/api/share/${secret}/files/abc.def`);
    expect(lines.map((l) => l.obj.path)).toEqual(["/share/wss_[redacted]", "/api/share/wss_[redacted]/files/abc.def"]);
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it("logs 4xx at info, 5xx at error, and scrapes of /metrics at debug", async () => {
    const { lines, logger } = recorder();
    const app = new Hono();
    app.use("*", requestLog({ logger }));
    app.get("/metrics", (c) => c.text("x 1\n"));
    app.get("/boom", () => {
      throw new Error("boom");
    });
    app.onError((_err, c) => c.json({ title: "Internal error" }, 500));
    await app.request("/metrics");
    await app.request("/nothing-here");
    await app.request("/boom");
    expect(lines.map((l) => [l.level, l.obj.path, l.obj.status])).toEqual([
      ["debug", "/metrics", 200],
      ["info", "/nothing-here", 404],
      ["error", "/boom", 500],
    ]);
  });
});

describe("logTransition", () => {
  it("writes one line per transition with the ticket id; failures at warn", () => {
    const { lines, logger } = recorder();
    logTransition(logger, { ticketId: TICKET, from: "pending", to: "running", attempt: 1, reason: null });
    logTransition(logger, { ticketId: TICKET, from: "running", to: "failed", attempt: 1, reason: "timed out", executionTimeMs: 300_000 });
    expect(lines).toEqual([
      { level: "info", msg: "ticket transition", obj: { ticket_id: TICKET, from: "pending", to: "running", attempt: 1 } },
      {
        level: "warn",
        msg: "ticket transition",
        obj: { ticket_id: TICKET, from: "running", to: "failed", attempt: 1, reason: "timed out", execution_time_ms: 300_000 },
      },
    ]);
  });
});
