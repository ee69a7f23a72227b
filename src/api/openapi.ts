// Helpers to declare routes once for both validation and the OpenAPI document.
import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { Problem } from "../domain/contract.js";
import type { AppEnv } from "./env.js";
import { ProblemError, zodFieldErrors } from "./problem.js";

export type Api = OpenAPIHono<AppEnv>;

/** A new router whose validation failures become problem+json with one entry per bad field. */
export function createRouter(): Api {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === "json" ? "" : result.target === "query" ? "query" : result.target;
        throw new ProblemError(422, "Invalid request", "The request does not match the API contract.", zodFieldErrors(result.error, where));
      }
    },
  });
}

export const problemContent = { "application/problem+json": { schema: Problem } };

export const errorResponses = {
  400: { description: "Malformed request (e.g. invalid JSON)", content: problemContent },
  401: { description: "Not signed in: no valid session cookie or bearer token", content: problemContent },
  403: { description: "Signed in, but the role in this project does not allow it", content: problemContent },
  404: { description: "Not found, or not visible to the caller", content: problemContent },
  422: { description: "Invalid input; `errors[]` names each bad field", content: problemContent },
} as const;

export const IdParam = z.object({ id: z.string().min(1).max(200) });
