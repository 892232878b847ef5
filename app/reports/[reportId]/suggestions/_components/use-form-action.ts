"use client";
import { startTransition, type FormEvent } from "react";

/**
 * Submits a form to a server action without React's automatic reset of uncontrolled fields, so a
 * refused submission keeps what the person typed. The clicked button's name/value is included.
 */
export function submitKeepingValues(dispatch: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(formData));
  };
}

export { formLevelMessage } from "@/app/_lib/form-message";
