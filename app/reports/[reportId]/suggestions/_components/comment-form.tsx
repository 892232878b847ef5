"use client";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field, FormError, Textarea } from "@/app/_components/ui/field";
import { submitKeepingValues } from "./use-form-action";
import { addCommentAction } from "../actions";
import type { ActionResult } from "@/server/domain/errors";

/** A comment with @mentions (by username or name). */
export function CommentForm({ reportId, suggestionId, mentionable }: { reportId: number; suggestionId: number; mentionable: { username: string; name: string }[] }) {
  const [state, action, pending] = useActionState<ActionResult<{ id: number }> | null, FormData>(addCommentAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form noValidate ref={formRef} onSubmit={submitKeepingValues(action)} className="space-y-2">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="suggestionId" value={suggestionId} />
      <Field
        id="comment-body"
        label="发表评论"
        errors={errors.body}
        hint={mentionable.length ? `可用 @ 提及：${mentionable.slice(0, 8).map((m) => `@${m.name}`).join(" ")}${mentionable.length > 8 ? " …" : ""}` : undefined}
      >
        <Textarea id="comment-body" name="body" rows={3} maxLength={2000} invalid={!!errors.body} />
      </Field>
      <FormError message={state && !state.ok && !errors.body ? state.message : null} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "正在发表…" : "发表评论"}
      </Button>
    </form>
  );
}
