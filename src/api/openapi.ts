// Helpers to declare routes once for both validation and the OpenAPI document.
import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { Problem } from "../domain/contract.js";
import { ProblemError, zodFieldErrors } from "./problem.js";

export type Api = OpenAPIHono;

/** A new router whose validation failures become problem+json with one entry per bad field. */
export function createRouter(): Api {
  return new OpenAPIHono({
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
  404: { description: "Not found", content: problemContent },
  422: { description: "Invalid input; `errors[]` names each bad field", content: problemContent },
} as const;

export const IdParam = z.object({ id: z.string().min(1).max(200) });
