// src/db — the schema (Drizzle), migrations, the connection (PGlite | PostgreSQL) with LISTEN, the
// data-directory lock. Imports only src/domain.
export * from "./client.js";
export * from "./migrate.js";
export * from "./lock.js";
export * as schema from "./schema.js";
