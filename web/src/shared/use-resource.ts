// Loading a thing for a page: loading → ready | error, with reload. Aborts the request when the page
// goes away so a late answer never paints a page the person already left.
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./api.js";

export type Resource<T> =
  | { state: "loading"; data: undefined; error: undefined }
  | { state: "ready"; data: T; error: undefined }
  | { state: "error"; data: undefined; error: ApiError };

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(0, { type: "about:blank", title: "Something went wrong", status: 0, detail: message });
}

export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): [Resource<T>, () => void, (update: (data: T) => T) => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: "loading", data: undefined, error: undefined });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setResource({ state: "loading", data: undefined, error: undefined });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResource({ state: "ready", data, error: undefined });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setResource({ state: "error", data: undefined, error: toApiError(err) });
      },
    );
    return () => controller.abort();
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const update = useCallback((fn: (data: T) => T) => {
    setResource((r) => (r.state === "ready" ? { state: "ready", data: fn(r.data), error: undefined } : r));
  }, []);
  return [resource, reload, update];
}
