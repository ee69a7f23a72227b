// Test fixture (./client.test.ts): the real database thread, which exits with code 3 when it is
// asked `SELECT 'crash'` — a thread dying under a statement, as a WebAssembly abort would end it.
import { parentPort } from "node:worker_threads";
import "./thread.js";

parentPort?.on("message", (req: { sql?: string }) => {
  if (req.sql === "SELECT 'crash'") process.exit(3);
});
