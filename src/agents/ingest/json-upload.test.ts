import { describe, expect, it } from "vitest";
import { ValidationError } from "../../domain/errors.js";
import { analyseContextItem } from "./analyse.js";
import { UnsupportedMediaTypeError, extractContextText } from "./index.js";

const LIMITS = { maxBytes: 1024 * 1024 };

const file = (filename: string, content: string | Buffer, mime = "") => ({
  filename,
  mime,
  bytes: typeof content === "string" ? Buffer.from(content, "utf8") : content,
});

// A CRM's contact export: an envelope around the records, ids too long for a double, nested company
// and owner objects, a list of tags, a null, a pipe in a note, and a paging block after the data.
const CRM_EXPORT = `{
  "object": "contact",
  "exported_at": "2027-02-14T09:12:44Z",
  "results": [
    {
      "id": 90071992547409931,
      "name": "Ingrid Halvorsen",
      "company": { "name": "Halvorsen Marine AS", "country": "NO" },
      "owner": { "name": "Tomás Ruiz" },
      "tags": ["renewal", "vip"],
      "deal_value": 18250.5,
      "last_contacted": null,
      "note": "Wants quote | 3-year term"
    },
    {
      "id": 90071992547409932,
      "name": "Kwame Mensah",
      "company": { "name": "Accra Cold Chain Ltd", "country": "GH" },
      "owner": { "name": "Tomás Ruiz" },
      "tags": [],
      "deal_value": 4200,
      "last_contacted": "2027-01-30"
    }
  ],
  "paging": { "next": null, "total": 2 }
}`;

describe("an uploaded JSON export (.json)", () => {
  it("renders records with nested fields as a table, long ids intact, and the envelope's rest as code", async () => {
    const out = await extractContextText(file("crm-contacts.json", CRM_EXPORT), LIMITS);
    expect(out).toMatchObject({ kind: "json", mime: "application/json", title: "crm-contacts", filename: "crm-contacts.json" });
    const [table, rest] = out.body.split("\n\n");
    expect(table!.split("\n")).toEqual([
      "| id | name | company.name | company.country | owner.name | tags | deal_value | last_contacted | note |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      "| 90071992547409931 | Ingrid Halvorsen | Halvorsen Marine AS | NO | Tomás Ruiz | renewal, vip | 18250.5 |  | Wants quote \\| 3-year term |",
      "| 90071992547409932 | Kwame Mensah | Accra Cold Chain Ltd | GH | Tomás Ruiz |  | 4200 | 2027-01-30 |  |",
    ]);
    expect(rest).toMatch(/^```json\n\{\n {2}"object": "contact",\n {2}"exported_at": "2027-02-14T09:12:44Z",\n {2}"paging"/);

    const a = analyseContextItem({ title: out.title, body: out.body, mime: out.mime });
    const rows = a.blocks.find((b) => b.kind === "table")?.rows;
    expect(rows?.[1]?.slice(0, 3)).toEqual(["90071992547409931", "Ingrid Halvorsen", "Halvorsen Marine AS"]);
    expect(rows?.[1]?.at(-1)).toBe("Wants quote | 3-year term");
    expect(a.blocks.filter((b) => b.kind === "code")).toHaveLength(1);
    expect(a.blocks.flatMap((b) => b.sentences).filter((s) => /[{}"]/.test(s))).toEqual([]);
  });

  it("keeps records that hold lists of sub-records as a pretty-printed code block, read for no sentence", async () => {
    const minified = JSON.stringify([
      {
        order: "SO-1142",
        customer: "Brightwater Dental",
        lines: [
          { sku: "GLV-M", qty: 40 },
          { sku: "MSK-3", qty: 12 },
        ],
        total: 612.8,
      },
      { order: "SO-1143", customer: "Kestrel Gym", lines: [{ sku: "TWL-L", qty: 100 }], total: 389 },
    ]);
    const out = await extractContextText(file("orders.json", minified), LIMITS);
    expect(out.body.startsWith('```json\n[\n  {\n    "order": "SO-1142",')).toBe(true);
    expect(out.body.endsWith("\n```")).toBe(true);
    const a = analyseContextItem({ title: out.title, body: out.body, mime: out.mime });
    expect(a.blocks.map((b) => b.kind)).toEqual(["code"]);
    expect(a.figures).toEqual([]);
    expect(a.events).toEqual([]);
  });

  it("keeps a config-like object as code, in a fence longer than any backticks inside", async () => {
    const out = await extractContextText(file("settings.json", '{"greeting": "Use ```code``` fences", "retries": 3}'), LIMITS);
    expect(out.body).toBe('````json\n{\n  "greeting": "Use ```code``` fences",\n  "retries": 3\n}\n````');
  });

  it("reads JSON Lines (one record per line) as records", async () => {
    const lines = '{"sensor":"T-04","reading":21.5}\n{"sensor":"T-05","reading":19.75}\n';
    const out = await extractContextText(file("readings.json", lines), LIMITS);
    expect(out.body).toBe("| sensor | reading |\n| --- | --- |\n| T-04 | 21.5 |\n| T-05 | 19.75 |");
  });

  it("refuses invalid JSON with 422 on the file field", async () => {
    const broken = await extractContextText(file("broken.json", '{"name": "Ada", "tags": ["a", "b",],}'), LIMITS).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(ValidationError);
    expect(broken).toMatchObject({ status: 422 });
    expect((broken as ValidationError).errors[0]).toMatchObject({ field: "file" });
    expect((broken as Error).message).toMatch(/^The file is not valid JSON: /);
  });

  it("refuses a .json that is really a web page with 415", async () => {
    const page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    const out = await extractContextText(file("api-export.json", page, "application/json"), LIMITS).catch((e: unknown) => e);
    expect(out).toBeInstanceOf(UnsupportedMediaTypeError);
    expect((out as Error).message).toMatch(/reads as HTML/);
  });

  it("is typed by the client's mime when the name has no extension, and a UTF-8 BOM is dropped", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a": 1}]')]);
    const out = await extractContextText(file("export", bytes, "application/json; charset=utf-8"), LIMITS);
    expect(out).toMatchObject({ kind: "json", body: "| a |\n| --- |\n| 1 |" });
  });
});
