// HTTP byte ranges for downloads (RFC 9110 §14): one `bytes=` range — first-last, first-, or -suffix —
// checked against the file's size. Several ranges at once are answered with the whole file (allowed,
// and no client of ours asks for multipart/byteranges); an `If-Range` that names another version
// also gets the whole file, so a resumed download never splices two versions.
export type RangeAnswer = { kind: "whole" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

const ONE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function chooseRange(rangeHeader: string | null, ifRange: string | null, size: number, etag: string): RangeAnswer {
  if (!rangeHeader) return { kind: "whole" };
  // If-Range with a date is not a validator we hand out (no Last-Modified): treat it as a mismatch.
  if (ifRange !== null && ifRange.trim() !== etag) return { kind: "whole" };
  const match = ONE_RANGE.exec(rangeHeader.trim());
  if (!match) return { kind: "whole" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "whole" };
  if (first === "") {
    // The last N bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== "" && Number(last) < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end };
}
