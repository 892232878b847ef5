"use client";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field, FormError } from "@/app/_components/ui/field";
import { MentionTextarea, type Mentionable } from "@/app/_components/ui/mention-textarea";
import { submitKeepingValues } from "./use-form-action";
import { addCommentAction } from "../actions";
import type { ActionResult } from "@/server/domain/errors";

/** A comment with @mentions (by username or name), completed among those who may see the suggestion. */
export function CommentForm({ reportId, suggestionId, mentionable }: { reportId: number; suggestionId: number; mentionable: Mentionable[] }) {
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
        hint={mentionable.length ? "输入 @ 可提及能看到这条建议的人" : undefined}
      >
        <MentionTextarea id="comment-body" name="body" rows={3} maxLength={2000} invalid={!!errors.body} mentionable={mentionable} />
      </Field>
      <FormError message={state && !state.ok && !errors.body ? state.message : null} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "正在发表…" : "发表评论"}
      </Button>
    </form>
  );
}
