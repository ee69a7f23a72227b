// What the setup page and the administrator's new-account form check before asking the server, and
// the field-error state both keep: an error goes away as soon as its field is edited.
import { useState } from "react";

/** The contract's floor (src/domain/contract.ts Password); checked here first so the message comes at once. */
export const MIN_PASSWORD = 10;

export function accountFieldErrors(email: string, password: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!email.trim()) errors.email = "Email is required";
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = "Enter a valid email address";
  if (password.length < MIN_PASSWORD) errors.password = `At least ${MIN_PASSWORD} characters`;
  return errors;
}

export function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** An onChange for `field` that also clears its error. */
  const edit =
    (field: string, set: (value: string) => void) =>
    (value: string): void => {
      set(value);
      if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
    };
  return { errors, setErrors, edit };
}
