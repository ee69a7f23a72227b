// The embedded database on its own thread (./client.ts, ./thread.ts): what drizzle and the rest of the
// code rely on of PGlite must hold across the thread boundary — rows and types, PostgreSQL's error
// fields, transactions that commit or roll back, a statement outside a transaction waiting for the
// open one, NOTIFY to listeners, bytea both ways — and a thread that dies fails its statements with
// a clear error instead of leaving them waiting.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedThread, type EmbeddedClient } from "./client.js";

describe("PGlite on its own thread", { timeout: 120_000 }, () => {
  let db: EmbeddedClient;
  beforeAll(async () => {
    db = await openEmbeddedThread();
    await db.exec("CREATE TABLE t (id int PRIMARY KEY, note text, at timestamptz DEFAULT now(), data bytea, doc jsonb)");
  });
  afterAll(async () => {
    await db.close();
  });

  it("answers queries with PGlite's rows, fields and types; drizzle's text parsers keep timestamps as text", async () => {
    await db.query("INSERT INTO t (id, note, data, doc) VALUES ($1, $2, $3, $4)", [1, "one", new Uint8Array([0, 1, 255]), { a: [1, 2] }]);
    const plain = await db.query<{ id: number; note: string; at: Date; data: Uint8Array; doc: unknown }>(
      "SELECT * FROM t WHERE id = $1",
      [1],
    );
    expect(plain.rows[0]).toMatchObject({ id: 1, note: "one", doc: { a: [1, 2] } });
    expect(plain.rows[0]!.at).toBeInstanceOf(Date);
    expect([...plain.rows[0]!.data]).toEqual([0, 1, 255]);
    expect(plain.fields.map((f) => f.name)).toEqual(["id", "note", "at", "data", "doc"]);
    const asText = await db.query<unknown[]>("SELECT at FROM t WHERE id = 1", [], {
      rowMode: "array",
      parsers: { 1184: (value: string) => value },
    });
    expect(typeof asText.rows[0]![0]).toBe("string");
  });

  it("carries PostgreSQL's error fields (code, constraint) to the caller", async () => {
    const err = await db.query("INSERT INTO t (id) VALUES (1)").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: "23505", constraint: "t_pkey" });
    expect((err as Error).message).toMatch(/duplicate key/);
  });

  it("commits a transaction, and rolls one back when its function throws", async () => {
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (id, note) VALUES (2, 'two')");
      await tx.query("UPDATE t SET note = 'two!' WHERE id = 2");
    });
    const boom = new Error("boom");
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t (id, note) VALUES (3, 'three')");
        throw boom;
      }),
    ).rejects.toBe(boom);
    const { rows } = await db.query<{ id: number; note: string }>("SELECT id, note FROM t WHERE id IN (2, 3) ORDER BY id");
    expect(rows).toEqual([{ id: 2, note: "two!" }]);
  });

  it("runs a statement outside a transaction after the open transaction ends, not inside it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = db.transaction(async (t) => {
      await t.query("INSERT INTO t (id, note) VALUES (4, 'in tx')");
      await held;
      throw new Error("roll back");
    });
    await new Promise((r) => setTimeout(r, 50));
    const outside = db.query<{ n: number }>("SELECT count(*)::int AS n FROM t WHERE id = 4");
    let answered = false;
    void outside.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false); // waiting for the transaction
    release();
    await expect(tx).rejects.toThrow("roll back");
    expect((await outside).rows[0]!.n).toBe(0); // and it never saw the rolled-back row
  });

  it("delivers NOTIFY to listeners, only after commit, and stops after unlisten", async () => {
    const got: string[] = [];
    const unlisten = await db.listen("embedded_test", (payload) => got.push(payload));
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_notify('embedded_test', 'a')");
      expect(got).toEqual([]);
    });
    await db.query("SELECT pg_notify('embedded_test', 'b')");
    for (let i = 0; i < 50 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(["a", "b"]);
    await unlisten();
    await db.query("SELECT pg_notify('embedded_test', 'c')");
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual(["a", "b"]);
  });

  it("runs a statement seen before as a named one with the same answers: types, errors, NOTIFY, transactions", async () => {
    await db.query("CREATE TABLE n (id int PRIMARY KEY, at timestamptz DEFAULT now(), doc jsonb, data bytea)");
    const insert = "INSERT INTO n (id, doc, data) VALUES ($1, $2, $3) RETURNING id, doc";
    for (let i = 1; i <= 3; i++) {
      const { rows } = await db.query<{ id: number; doc: unknown }>(insert, [i, { i }, new Uint8Array([i])]);
      expect(rows).toEqual([{ id: i, doc: { i } }]);
    }
    const select = "SELECT id, at, data FROM n WHERE id = $1";
    for (let i = 1; i <= 3; i++) {
      const plain = await db.query<{ id: number; at: Date; data: Uint8Array }>(select, [i]);
      expect(plain.rows[0]!.at).toBeInstanceOf(Date);
      expect([...plain.rows[0]!.data]).toEqual([i]);
      const asText = await db.query<unknown[]>(select, [i], { rowMode: "array", parsers: { 1184: (value: string) => value } });
      expect(asText.rows[0]![0]).toBe(i);
      expect(typeof asText.rows[0]![1]).toBe("string");
    }
    // The same failing text twice: the second, named, fails the same way and leaves the connection usable.
    for (let i = 0; i < 2; i++) await expect(db.query(insert, [1, null, null])).rejects.toMatchObject({ code: "23505" });
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM n")).rows[0]!.n).toBe(3);
    // NOTIFY through a repeated, parameterised statement (as the event log sends it).
    const got: string[] = [];
    const unlisten = await db.listen("named_test", (payload) => got.push(payload));
    for (const payload of ["x", "y", "z"]) await db.query("SELECT pg_notify($1, $2)", ["named_test", payload]);
    for (let i = 0; i < 50 && got.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(["x", "y", "z"]);
    await unlisten();
    // Named statements inside a transaction roll back with it.
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [10, null, null]);
        await tx.query(insert, [11, null, null]);
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM n")).rows[0]!.n).toBe(3);
    // A table altered under a named statement: the statement is planned again, not refused.
    await db.query("ALTER TABLE n ADD COLUMN extra text DEFAULT 'e'");
    await db.query("ALTER TABLE n ALTER COLUMN id TYPE bigint");
    const after = await db.query<{ id: number }>(select, [2]);
    expect(after.rows[0]!.id).toBe(2);
  });

  it("refuses a query option it cannot carry rather than ignoring it", async () => {
    await expect(db.query("SELECT 1", [], { paramTypes: [23] })).rejects.toThrow(/paramTypes/);
  });
});

describe("the thread's life", { timeout: 120_000 }, () => {
  it("keeps a data directory's rows across close and reopen", async () => {
    const dir = await mkdtemp(join(tmpdir(), "embedded-thread-"));
    try {
      const first = await openEmbeddedThread({ dir });
      await first.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
      await first.close();
      expect(first.closed).toBe(true);
      await expect(first.query("SELECT 1")).rejects.toThrow(/closed/);
      const second = await openEmbeddedThread({ dir });
      expect((await second.query<{ v: string }>("SELECT v FROM kept")).rows).toEqual([{ v: "still here" }]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("fails pending and later statements with a clear error when the thread dies, and reports it", async () => {
    const crashing = new URL("./crash-thread.fixture.ts", import.meta.url);
    const errors: Error[] = [];
    const db = await openEmbeddedThread({ threadFile: crashing, onError: (err) => errors.push(err) });
    // The fixture's thread exits when it is asked this statement.
    await expect(db.query("SELECT 'crash'")).rejects.toThrow(/embedded database thread exited/);
    await expect(db.query("SELECT 1")).rejects.toThrow(/embedded database thread exited/);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/embedded database thread exited \(code 3\)/)]);
    expect(db.closed).toBe(true);
  });
});
