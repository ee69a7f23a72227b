// Why an upload was refused. Each class carries the HTTP status the API answers with, so the mapping
// lives next to the rule; EmptyContentError is a ValidationError (422 with a field error on "file").
import { DomainError, ValidationError } from "../../domain/errors.js";

/** 415: an extension or type we do not read, or content that is not what the extension claims. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
}

/** 413: the upload (or the text extracted from it) is over the limit. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  constructor(
    message: string,
    readonly limitBytes: number,
    readonly actualBytes: number,
  ) {
    super(message);
  }
}

/** 422: nothing to keep — an empty or whitespace-only file, or a PDF without a text layer. */
export class EmptyContentError extends ValidationError {
  readonly status = 422;
  constructor(message: string) {
    super(message, [{ field: "file", message }]);
  }
}

/** 422: the file is of the type it claims but broken (a .json that does not parse). */
export class InvalidContentError extends ValidationError {
  readonly status = 422;
  constructor(message: string) {
    super(message, [{ field: "file", message }]);
  }
}
