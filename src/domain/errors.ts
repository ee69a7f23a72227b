// Errors the domain speaks in. The API maps each to one problem+json status; nothing else decides.

export interface FieldError {
  /** A JSON-pointer-like path: "parameters/topic", "project_id". */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or the caller may not know it exists (both are 404). */
export class NotFoundError extends DomainError {
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} not found`);
  }
}

/** Input broke a rule; one entry per bad field (422). */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
  }
}

/** The current state forbids the action (409). */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly currentStatus?: string,
  ) {
    super(message);
  }
}

/** The caller may see the thing but not do this to it, e.g. a viewer submitting work (403). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}
