// The outputs library, compare and share links through the HTTP contract, on both drivers (issue 15
// items 3–5). Lineages are made the way people make them: a ticket ends, then is retried.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDeck } from "../../src/agents/skills/pptx.js";
import { createApi } from "../../src/api/app.js";
import { registerOutputRoutes } from "../../src/api/routes/outputs.js";
import { loadConfig } from "../../src/config.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { contextItems, workOutputs } from "../../src/db/schema.js";
import type { Comparison, LibraryOutput, LibraryPage, ShareCreated, SharedTicket, ShareView } from "../../src/domain/outputs-library.js";
import { cancelTicket, retryTicket, submitTicket } from "../../src/engine/index.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { createDataDirFileStore, newTicketFileKey, signDownload, type FileStore } from "../../src/storage/index.js";
import { silentLogger } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const SECRET = "test-secret-that-is-long-enough";
const HOUR = 60 * 60 * 1000;

describe.each(DRIVERS)("outputs library, compare and shares on %s", (driver) => {
  let t: TestDatabase;
  let store: FileStore;
  let owner: TestUser;
  let member: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let app: TestClient;
  let asMember: TestClient;
  let asViewer: TestClient;
  let asOutsider: TestClient;
  let anonymous: TestClient;
  let clock = new Date();
  let projectId: string;
  let otherProjectId: string;
  const ids = {} as Record<"context" | "t1" | "t2" | "t3" | "t4" | "t5" | "o1" | "o2" | "o3" | "o4" | "o5" | "d1" | "d3", string>;

  async function submit(project: string, recipeSlug: string, topic: string): Promise<string> {
    const { ticket } = await submitTicket(t.database, { projectId: project, recipeSlug, parameters: { topic } });
    await cancelTicket(t.database, ticket.id);
    return ticket.id;
  }

  async function regenerate(ticketId: string): Promise<string> {
    const { ticket } = await retryTicket(t.database, ticketId);
    await cancelTicket(t.database, ticket.id);
    return ticket.id;
  }

  async function addOutput(
    ticketId: string,
    project: string,
    title: string,
    body: string,
    file?: { format: "pptx"; bytes: Buffer },
    sources: { id: string; title: string }[] = [],
  ): Promise<string> {
    let fileFields = {};
    if (file) {
      const key = newTicketFileKey(ticketId, file.format);
      const mime = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
      await store.put(key, file.bytes, mime);
      fileFields = { fileKey: key, fileFormat: file.format, filename: `${title}.pptx`, mime, bytes: file.bytes.length };
    }
    // Distinct, increasing creation times: the library's order is tested, not the clock's resolution.
    const createdAt = new Date(Date.now() - 60_000 + Object.keys(ids).length * 1000);
    const [row] = await t.database.db
      .insert(workOutputs)
      .values({
        ticketId,
        projectId: project,
        title,
        body,
        generationMethod: file ? "skill" : "text",
        agentType: "reporting",
        outputType: file ? "deck" : "summary",
        sources,
        createdAt,
        ...fileFields,
      })
      .returning({ id: workOutputs.id });
    return row!.id;
  }

  const deck = (margin: string) =>
    renderDeck({
      filename: "deck",
      title: "Q3 review",
      slides: [
        { title: "Revenue", bullets: [{ text: "Revenue grew 18 % to $4.2 million" }] },
        { title: "Margins", bullets: [{ text: `Gross margin was ${margin}` }] },
      ],
      sources: [],
    });

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await syncRecipes(t.database);
    owner = await createTestUser(t.database, { email: `owner-${driver}-${Date.now()}@example.test` });
    member = await createTestUser(t.database);
    viewer = await createTestUser(t.database);
    outsider = await createTestUser(t.database);
    projectId = (await createProject(t.database.db, { name: "Halvorsen secret project", description: "" }, owner.id)).id;
    otherProjectId = (await createProject(t.database.db, { name: "Other project", description: "" }, owner.id)).id;
    await grantRole(t.database, projectId, member.id, "member");
    await grantRole(t.database, projectId, viewer.id, "viewer");
    const dataDir = await mkdtemp(join(tmpdir(), "ws-library-"));
    store = createDataDirFileStore(dataDir);
    const config = loadConfig({ WORKSMITH_DATA_DIR: dataDir });
    const api = createApi({ database: t.database, config, version: "test", logger: silentLogger }, [
      (a) => registerOutputRoutes(a, { database: t.database, store, secret: SECRET, downloadTtlS: 900, now: () => clock }),
    ]);
    app = clientFor(api, owner);
    asMember = clientFor(api, member);
    asViewer = clientFor(api, viewer);
    asOutsider = clientFor(api, outsider);
    anonymous = clientFor(api, null);

    const [context] = await t.database.db
      .insert(contextItems)
      .values({ projectId, title: "Board notes (confidential)", kind: "note", bytes: 10, body: "Margin 31 %" })
      .returning({ id: contextItems.id });
    ids.context = context!.id;
    // A lineage of three runs of one deck recipe, and an unrelated status report.
    ids.t1 = await submit(projectId, "executive-summary-deck", "Q3 review");
    ids.t2 = await regenerate(ids.t1);
    ids.t3 = await regenerate(ids.t2);
    ids.t4 = await submit(projectId, "status-report", "Hiring");
    ids.o1 = await addOutput(ids.t1, projectId, "Q3 summary", "# Q3\nRevenue grew 12 %.\nEnd.\n", undefined, [
      { id: ids.context, title: "Board notes (confidential)" },
    ]);
    ids.d1 = await addOutput(ids.t1, projectId, "Q3 review deck", "Deck preview", { format: "pptx", bytes: await deck("31 %") });
    ids.o2 = await addOutput(ids.t2, projectId, "Q3 summary", "# Q3\nRevenue grew 14 %.\nEnd.\n");
    ids.o3 = await addOutput(ids.t3, projectId, "Q3 summary", "# Q3\nRevenue grew 14 %.\nMargins held.\nEnd.\n");
    ids.d3 = await addOutput(ids.t3, projectId, "Q3 review deck", "Deck preview", { format: "pptx", bytes: await deck("33 %") });
    ids.o4 = await addOutput(ids.t4, projectId, "Hiring forecast", "Two hires in Q4.");
    ids.t5 = await submit(otherProjectId, "status-report", "Elsewhere");
    ids.o5 = await addOutput(ids.t5, otherProjectId, "Other project output", "Elsewhere.");
  });
  afterAll(async () => t.cleanup());

  const library = async (query = "", client: TestClient = app) => {
    const res = await client.request(`/api/projects/${projectId}/outputs${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as LibraryPage;
  };

  describe("library", () => {
    it("lists every output of the project newest first, each with its ticket and its lineage", async () => {
      const page = await library();
      expect(page.items.map((o) => o.id)).toEqual([ids.o4, ids.d3, ids.o3, ids.o2, ids.d1, ids.o1]);
      const byId = new Map(page.items.map((o) => [o.id, o]));
      for (const [output, ticket, version] of [
        [ids.o1, ids.t1, 1],
        [ids.o2, ids.t2, 2],
        [ids.o3, ids.t3, 3],
      ] as const) {
        expect(byId.get(output)!.ticket.id).toBe(ticket);
        expect(byId.get(output)!.lineage).toEqual({ id: ids.t1, version, versions: 3 });
      }
      expect(byId.get(ids.o2)!.ticket.retry_of).toBe(ids.t1);
      expect(byId.get(ids.o4)!.lineage).toEqual({ id: ids.t4, version: 1, versions: 1 });
      expect(byId.get(ids.o4)!.ticket.recipe_name).toBe("Status report");
      expect(page.items.some((o) => o.id === ids.o5)).toBe(false);
      expect(page.next_cursor).toBeNull();
    });

    it("filters by recipe and format, and searches titles by word stem or by part", async () => {
      expect((await library("?recipe=status-report")).items.map((o) => o.id)).toEqual([ids.o4]);
      expect((await library("?format=pptx")).items.map((o) => o.id)).toEqual([ids.d3, ids.d1]);
      expect((await library("?format=text")).items.map((o) => o.id)).toEqual([ids.o4, ids.o3, ids.o2, ids.o1]);
      expect((await library("?q=forecasts")).items.map((o) => o.id)).toEqual([ids.o4]);
      expect((await library("?q=q3%20rev")).items.map((o) => o.id)).toEqual([ids.d3, ids.d1]);
      expect((await library("?q=100%25")).items).toEqual([]);
      expect((await library("?recipe=executive-summary-deck&format=text&q=summary")).items.map((o) => o.id)).toEqual([
        ids.o3,
        ids.o2,
        ids.o1,
      ]);
    });

    it("pages with a cursor through every output once", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: LibraryPage = await library(`?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...page.items.map((o) => o.id));
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(2);
      expect(seen).toEqual((await library()).items.map((o) => o.id));
    });

    it("refuses a bad filter or cursor with 422 and hides another project's library (404); viewers read it", async () => {
      expect((await app.request(`/api/projects/${projectId}/outputs?format=docx`)).status).toBe(422);
      const bad = await app.request(`/api/projects/${projectId}/outputs?cursor=nope`);
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("query/cursor");
      expect((await asOutsider.request(`/api/projects/${projectId}/outputs`)).status).toBe(404);
      expect((await library("", asViewer)).items).toHaveLength(6);
    });

    it("lists one lineage's outputs from any of them", async () => {
      const res = await app.request(`/api/outputs/${ids.o2}/lineage`);
      expect(res.status).toBe(200);
      const items = ((await res.json()) as { items: LibraryOutput[] }).items;
      expect(items.map((o) => o.id)).toEqual([ids.d3, ids.o3, ids.o2, ids.d1, ids.o1]);
      expect((await asOutsider.request(`/api/outputs/${ids.o2}/lineage`)).status).toBe(404);
    });
  });

  describe("compare", () => {
    const compare = (base: string, head: string, client: TestClient = app) =>
      client.request(`/api/outputs/compare?base=${base}&head=${head}`);

    it("shows the changed line of two markdown outputs of one lineage, word by word", async () => {
      const res = await compare(ids.o1, ids.o2, asViewer);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Comparison;
      expect(body.kind).toBe("markdown");
      expect(body.base.text).toContain("Revenue grew 12 %.");
      expect(body.head.text).toContain("Revenue grew 14 %.");
      expect(body.stats).toEqual({ added: 0, removed: 0, changed: 1 });
      const changed = body.sections[0]!.rows.filter((r) => r.kind === "changed");
      expect(changed).toHaveLength(1);
      expect(changed[0]!.base!.text).toBe("Revenue grew 12 %.");
      expect(changed[0]!.head!.parts.filter((p) => p.changed).map((p) => p.text)).toEqual(["14"]);
      const added = (await (await compare(ids.o2, ids.o3)).json()) as Comparison;
      expect(added.sections[0]!.rows.filter((r) => r.kind === "added").map((r) => r.head!.text)).toEqual(["Margins held."]);
    });

    it("compares decks slide by slide", async () => {
      const res = await compare(ids.d1, ids.d3);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Comparison;
      expect(body.kind).toBe("slides");
      const changed = body.sections.filter((s) => s.changed);
      expect(changed).toHaveLength(1);
      expect(changed[0]!.label).toMatch(/^Slide \d+$/);
      const row = changed[0]!.rows.find((r) => r.kind === "changed")!;
      expect([row.base!.text, row.head!.text]).toEqual(["Gross margin was 31 %", "Gross margin was 33 %"]);
      expect(body.sections.filter((s) => !s.changed).length).toBeGreaterThan(0);
    });

    it("refuses outputs of two lineages or two kinds (422) and outputs the caller cannot see (404)", async () => {
      const lineages = await compare(ids.o1, ids.o4);
      expect(lineages.status).toBe(422);
      expect(((await lineages.json()) as { detail: string }).detail).toMatch(/not of one lineage/);
      expect((await compare(ids.o1, ids.d3)).status).toBe(422);
      expect((await compare(ids.o1, ids.o5)).status).toBe(422);
      expect((await compare(ids.o1, ids.o2, asOutsider)).status).toBe(404);
      expect((await compare(ids.o1, "not-a-uuid")).status).toBe(404);
      expect((await app.request(`/api/outputs/compare?base=${ids.o1}`)).status).toBe(422);
    });
  });

  describe("share links", () => {
    const createShare = async (client: TestClient, ticketId: string, days: unknown = 7) =>
      client.request(`/api/work/tickets/${ticketId}/shares`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ expires_in_days: days }),
      });

    it("members create a link anybody can open without an account; viewers may not (403), outsiders see nothing (404)", async () => {
      const res = await createShare(asMember, ids.t3);
      expect(res.status).toBe(201);
      const share = (await res.json()) as ShareCreated;
      expect(share.url).toBe(`/share/${share.token}`);
      expect(share.state).toBe("active");
      expect(new Date(share.expires_at).getTime() - clock.getTime()).toBe(7 * 24 * HOUR);
      const open = await anonymous.request(`/api/share/${share.token}`);
      expect(open.status).toBe(200);
      expect(open.headers.get("cache-control")).toContain("no-store");
      const shared = (await open.json()) as SharedTicket;
      expect(shared.recipe.name).toBe("Executive summary deck");
      expect(shared.outputs.map((o) => o.title)).toEqual(["Q3 summary", "Q3 review deck"]);
      const file = shared.outputs.find((o) => o.download_url)!;
      const download = await anonymous.request(file.download_url!);
      expect(download.status).toBe(200);
      expect(
        Buffer.from(await download.arrayBuffer())
          .subarray(0, 2)
          .toString(),
      ).toBe("PK");

      expect((await createShare(asViewer, ids.t3)).status).toBe(403);
      expect((await createShare(asOutsider, ids.t3)).status).toBe(404);
      expect((await createShare(anonymous, ids.t3)).status).toBe(401);
      const days = await createShare(app, ids.t3, 2);
      expect(days.status).toBe(422);
      expect(((await days.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("expires_in_days");
    });

    it("a revoked link is gone (410) for the page and its downloads; an unknown one is 404", async () => {
      const share = (await (await createShare(app, ids.t3, 30)).json()) as ShareCreated;
      const shared = (await (await anonymous.request(`/api/share/${share.token}`)).json()) as SharedTicket;
      const fileUrl = shared.outputs.find((o) => o.download_url)!.download_url!;
      expect((await asViewer.request(`/api/work/tickets/${ids.t3}/shares/${share.id}`, { method: "DELETE" })).status).toBe(403);
      expect((await asMember.request(`/api/work/tickets/${ids.t3}/shares/${share.id}`, { method: "DELETE" })).status).toBe(204);
      expect((await anonymous.request(`/api/share/${share.token}`)).status).toBe(410);
      expect((await anonymous.request(fileUrl)).status).toBe(410);
      const listed = (await (await asViewer.request(`/api/work/tickets/${ids.t3}/shares`)).json()) as { items: ShareView[] };
      expect(listed.items.find((s) => s.id === share.id)?.state).toBe("revoked");
      expect((await app.request(`/api/work/tickets/${ids.t1}/shares/${share.id}`, { method: "DELETE" })).status).toBe(404);
      expect((await anonymous.request(`/api/share/wss_${"A".repeat(43)}`)).status).toBe(404);
      expect((await anonymous.request(`/api/share/anything`)).status).toBe(404);
    });

    it("expires after the days chosen (410), by the server's clock", async () => {
      const share = (await (await createShare(app, ids.t2, 1)).json()) as ShareCreated;
      const start = clock;
      try {
        clock = new Date(start.getTime() + 23 * HOUR);
        expect((await anonymous.request(`/api/share/${share.token}`)).status).toBe(200);
        clock = new Date(start.getTime() + 24 * HOUR + 1000);
        const gone = await anonymous.request(`/api/share/${share.token}`);
        expect(gone.status).toBe(410);
        expect(((await gone.json()) as { detail: string }).detail).toMatch(/expired/);
      } finally {
        clock = start;
      }
    });

    it("downloads only its own ticket's files, even through a validly signed link", async () => {
      const share = (await (await createShare(app, ids.t3)).json()) as ShareCreated;
      const foreign = signDownload(SECRET, { outputId: ids.d1, expiresAt: new Date(clock.getTime() + HOUR) });
      expect((await anonymous.request(`/api/share/${share.token}/files/${foreign}`)).status).toBe(404);
      expect((await anonymous.request(`/api/share/${share.token}/files/forged.sig`)).status).toBe(403);
    });

    it("leaks nothing of the project: no response reachable from the link names its ids, titles, context or people", async () => {
      const share = (await (await createShare(asMember, ids.t3)).json()) as ShareCreated;
      const bodies: string[] = [];
      const fetchText = async (path: string) => {
        const res = await anonymous.request(path);
        // The answer only (headers and body): the paths asked for below name the project on purpose.
        bodies.push(`${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${await res.clone().text()}`);
        return res;
      };
      const page = (await (await anonymous.request(`/api/share/${share.token}`)).json()) as SharedTicket;
      await fetchText(`/api/share/${share.token}`);
      for (const o of page.outputs) if (o.download_url) await fetchText(o.download_url);
      await fetchText(`/api/share/${share.token}/files/x.y`);
      await fetchText(`/api/share/${share.token}/nothing-here`);
      await fetchText("/api/auth/session");
      // The link reaches nothing else: the project's routes still want an account.
      for (const path of [`/api/projects/${projectId}`, `/api/projects/${projectId}/outputs`, `/api/work/tickets/${ids.t3}`]) {
        expect((await fetchText(path)).status).toBe(401);
      }
      const all = bodies.join("\n\n");
      const secrets = [
        projectId,
        otherProjectId,
        ids.t1,
        ids.t2,
        ids.t3,
        ids.t4,
        ids.o1,
        ids.o2,
        ids.o4,
        ids.o5,
        ids.d1,
        ids.context,
        "Halvorsen secret project",
        "Board notes (confidential)",
        "Hiring forecast",
        "Other project output",
        owner.email,
        member.email,
        viewer.email,
        owner.id,
        member.id,
        viewer.id,
      ];
      for (const s of secrets) expect(all, `leaked ${s}`).not.toContain(s);
      // What it does show is this ticket's own outputs.
      expect(all).toContain("Revenue grew 14 %.");
    });
  });
});
