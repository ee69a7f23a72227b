// Raw SQL in tests: `execute` returns a driver-shaped result; both drivers put rows in `.rows`.
import type { SQL } from "drizzle-orm";
import type { Executor } from "../../src/db/client.js";

export async function sqlRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
