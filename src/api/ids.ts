// Ids from the URL: anything that is not a UUID cannot name a row, so it is a 404 like an unknown id
// (never a 500 from PostgreSQL's uuid parser, never a 422 that tells ids apart).
import { NotFoundError } from "../domain/errors.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function requireUuid(resource: string, value: string): string {
  if (!isUuid(value)) throw new NotFoundError(resource, value.slice(0, 80));
  return value.toLowerCase();
}
