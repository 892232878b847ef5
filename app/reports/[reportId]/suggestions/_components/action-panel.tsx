"use client";
/**
 * The actions this viewer may take on this suggestion. Which ones appear is decided on the server
 * (policy + lifecycle table) and passed in; this component only renders a form for each.
 */
import { startTransition, useActionState, useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { decisionOutcomes, decisionProblems, missingOutcomeMessage, type DecisionOutcome, type DecisionReasonCode } from "@/server/domain/suggestion-lifecycle";
import { Button } from "@/app/_components/ui/button";
import { ConfirmSubmitButton, type Confirmation } from "@/app/_components/ui/confirm-dialog";
import { ChoiceSelect, reviewerChoices } from "@/app/_components/choice-select";
import { Field, FormError, FormNotice, Select, Textarea } from "@/app/_components/ui/field";
import { formLevelMessage, submitKeepingValues } from "./use-form-action";
import { suggestionTransitionAction, type TransitionResult } from "../actions";

type Labels = {
  actions: Record<string, string>;
  outcomes: Record<string, string>;
  reasonCodes: Record<string, string>;
};

type Props = {
  reportId: number;
  suggestionId: number;
  version: number;
  actions: string[];
  canClaim: boolean;
  canAssign: boolean;
  assigneeId: number | null;
  reviewers: { id: number; name: string }[];
  labels: Labels;
};

/** One message for the form: the field's own when there is one, else a pointer to the marked fields. */
const summaryOf = (errors: Record<string, string[]>) => {
  const all = Object.values(errors).flat();
  return all.length === 1 ? all[0] : "输入有误，请检查标红的字段";
};

/** Long enough to notice a wrong choice, short enough not to wait on. */
const DECISION_UNDO_SECONDS = 8;

/** The decision's missing fields, by the lifecycle's own rules, before the undo window starts. */
function decisionFieldErrors(data: FormData): Record<string, string[]> | null {
  const outcome = data.get("outcome");
  if (!decisionOutcomes.includes(outcome as DecisionOutcome)) return { outcome: [missingOutcomeMessage] };
  const text = (name: string) => String(data.get(name) ?? "");
  const problems = decisionProblems({
    outcome: outcome as DecisionOutcome,
    reply: text("reply"),
    reason: text("reason"),
    reasonCode: (text("reasonCode") || null) as DecisionReasonCode | null,
  });
  if (problems.length === 0) return null;
  const errors: Record<string, string[]> = {};
  for (const [, message, field] of problems) (errors[field] ??= []).push(message);
  return errors;
}

/**
 * A submission held back for a few seconds so that its sender can take it back (a decision
 * reaches the unit and the ledger at once). Nothing is stored while it is held; leaving the page
 * sends it at once (and closing the tab asks first), so a confirmed decision is never lost.
 */
function useHeldSubmission(seconds: number, dispatch: (data: FormData) => void) {
  const [held, setHeld] = useState<{ data: FormData; until: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const heldRef = useRef(held);
  heldRef.current = held;
  const send = useCallback(
    (data: FormData) => {
      // At once, not at the next render: an unmount in between must not send it a second time.
      heldRef.current = null;
      setHeld(null);
      startTransition(() => dispatch(data));
    },
    [dispatch],
  );
  useEffect(() => {
    if (!held) return;
    const tick = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= held.until) send(held.data);
    }, 250);
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => {
      clearInterval(tick);
      window.removeEventListener("beforeunload", warn);
    };
  }, [held, send]);
  // Navigating away inside the app unmounts the form: the held decision goes out then.
  useEffect(() => () => void (heldRef.current && suggestionTransitionAction(null, heldRef.current.data)), []);
  return {
    remaining: held ? Math.max(0, Math.ceil((held.until - now) / 1000)) : null,
    start: (data: FormData) => {
      setNow(Date.now());
      setHeld({ data, until: Date.now() + seconds * 1000 });
    },
    undo: () => {
      heldRef.current = null;
      setHeld(null);
    },
    now: () => held && send(held.data),
  };
}

function HoldNotice({ remaining, onUndo, onNow, label }: { remaining: number; onUndo: () => void; onNow: () => void; label: string }) {
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => undo.current?.focus(), []);
  return (
    <div role="status" data-testid="held-submission" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <span>{remaining} 秒后提交决定，在此之前可以撤销。</span>
      <Button ref={undo} size="sm" variant="secondary" onClick={onUndo}>
        撤销
      </Button>
      <Button size="sm" variant="ghost" onClick={onNow}>
        立即{label}
      </Button>
    </div>
  );
}

function ActionForm({
  intent,
  title,
  submitLabel,
  variant = "primary",
  hidden,
  children,
  fieldErrorsKey,
  collapsed = false,
  description,
  confirm,
  hold,
}: {
  intent: string;
  title?: string;
  submitLabel: string;
  variant?: "primary" | "secondary" | "danger";
  hidden: { reportId: number; suggestionId: number; version: number };
  children?: (errors: Record<string, string[]>, idPrefix: string) => React.ReactNode;
  fieldErrorsKey?: string;
  /** Less common actions fold away behind their title (a <details>, keyboard-operable). */
  collapsed?: boolean;
  /** One line under the title: what the action does. */
  description?: string;
  /** A final action asks first, in the app's own dialog. */
  confirm?: Confirmation;
  /** Held for a few seconds after confirming, with 撤销, before it is sent; `check` finds missing fields first. */
  hold?: { seconds: number; check: (data: FormData) => Record<string, string[]> | null };
}) {
  const [state, action, pending] = useActionState<TransitionResult | null, FormData>(suggestionTransitionAction, null);
  const idPrefix = useId();
  const held = useHeldSubmission(hold?.seconds ?? 0, action);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]> | null>(null);
  const errors = localErrors ?? (state && !state.ok ? (state.fieldErrors ?? {}) : {});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (!hold) return submitKeepingValues(action)(event);
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const problems = hold.check(data);
    setLocalErrors(problems);
    if (!problems) held.start(data);
  };
  const conflict = state && !state.ok && state.code === "CONFLICT";
  const form = (
    <form noValidate onSubmit={submit} className="space-y-3" aria-label={title ?? submitLabel} data-intent={fieldErrorsKey ?? intent}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="reportId" value={hidden.reportId} />
      <input type="hidden" name="suggestionId" value={hidden.suggestionId} />
      <input type="hidden" name="expectedVersion" value={hidden.version} />
      {title && !collapsed ? <h3 className="text-sm font-semibold text-slate-800">{title}</h3> : null}
      {description ? <p className="text-xs text-slate-600">{description}</p> : null}
      {children?.(errors, idPrefix)}
      {state && !state.ok && !localErrors ? (
        <div className="space-y-1">
          <FormError message={formLevelMessage(state)} />
          {conflict ? (
            <button type="button" className="text-sm text-blue-700 underline" onClick={() => window.location.reload()}>
              刷新页面
            </button>
          ) : null}
        </div>
      ) : null}
      {state?.ok ? <FormNotice message="已完成" /> : null}
      {localErrors ? <FormError message={formLevelMessage({ ok: false, message: summaryOf(localErrors), fieldErrors: localErrors })} /> : null}
      {held.remaining !== null ? (
        <HoldNotice remaining={held.remaining} onUndo={held.undo} onNow={held.now} label={submitLabel} />
      ) : confirm ? (
        <ConfirmSubmitButton confirmation={confirm} variant={variant} size="md" disabled={pending}>
          {pending ? "正在处理…" : submitLabel}
        </ConfirmSubmitButton>
      ) : (
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? "正在处理…" : submitLabel}
        </Button>
      )}
    </form>
  );
  if (!collapsed) return form;
  return (
    <details open={!!state && !state.ok} className="group">
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">{title ?? submitLabel}</summary>
      <div className="mt-3">{form}</div>
    </details>
  );
}

function Reason({ name, label, errors, idPrefix, rows = 3, hint }: { name: string; label: string; errors: Record<string, string[]>; idPrefix: string; rows?: number; hint?: string }) {
  const id = `${idPrefix}-${name}`;
  return (
    <Field id={id} label={label} errors={errors[name]} hint={hint}>
      <Textarea id={id} name={name} rows={rows} maxLength={2000} invalid={!!errors[name]} />
    </Field>
  );
}

export function ActionPanel({ reportId, suggestionId, version, actions, canClaim, canAssign, assigneeId, reviewers, labels }: Props) {
  const hidden = { reportId, suggestionId, version };
  const has = (a: string) => actions.includes(a);
  const sections: React.ReactNode[] = [];

  // One way to start a review: 认领并审核 accepts the suggestion and makes it yours. 受理 alone is
  // offered only where claiming is not (it is already yours).
  if (canClaim)
    sections.push(
      <ActionForm key="claim" intent="claim" title="开始审核" description="受理这条建议并由你审核：状态变为审核中，审核人记为你。" submitLabel="认领并审核" hidden={hidden} />,
    );
  if (has("submit")) sections.push(<ActionForm key="submit" intent="submit" submitLabel="提交" hidden={hidden} />);
  if (has("triage") && !canClaim) sections.push(<ActionForm key="triage" intent="triage" submitLabel={labels.actions.triage} variant="secondary" hidden={hidden} />);
  if (has("decide"))
    sections.push(
      <ActionForm
        key="decide"
        intent="decide"
        title="作出决定"
        submitLabel="确认决定"
        hidden={hidden}
        confirm={{ title: "确认作出决定？", description: "决定和答复将通知提交单位，并计入采纳情况汇总表。", confirmLabel: "确认决定" }}
        hold={{ seconds: DECISION_UNDO_SECONDS, check: decisionFieldErrors }}
      >
        {(errors, p) => (
          <>
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">处理结果</legend>
              <div className="mt-1 flex flex-wrap gap-3">
                {Object.entries(labels.outcomes).map(([value, label]) => (
                  <label key={value} className="flex items-center gap-1.5 text-sm">
                    <input type="radio" name="outcome" value={value} className="h-4 w-4" />
                    {label}
                  </label>
                ))}
              </div>
              {errors.outcome?.map((e) => (
                <p key={e} role="alert" className="text-sm text-red-600">
                  {e}
                </p>
              ))}
            </fieldset>
            <Reason name="reply" label="给单位的答复（必填）" errors={errors} idPrefix={p} />
            <Field id={`${p}-reasonCode`} label="理由类别（不予采纳、留作参考时必选）" errors={errors.reasonCode}>
              <Select id={`${p}-reasonCode`} name="reasonCode" defaultValue="" invalid={!!errors.reasonCode}>
                <option value="">—</option>
                {Object.entries(labels.reasonCodes).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            <Reason name="reason" label="理由说明（部分采纳时写明采纳了哪些、其余为何不采纳）" errors={errors} idPrefix={p} />
          </>
        )}
      </ActionForm>,
    );
  if (has("return"))
    sections.push(
      <ActionForm key="return" intent="return" title="退回补充" submitLabel="退回" variant="secondary" hidden={hidden}>
        {(errors, p) => <Reason name="request" label="需要单位补充的内容" errors={errors} idPrefix={p} />}
      </ActionForm>,
    );
  if (has("resubmit"))
    sections.push(
      <ActionForm key="resubmit" intent="resubmit" title="补充后重新提交" submitLabel="重新提交" hidden={hidden}>
        {(errors, p) => <Reason name="reply" label="对补充要求的答复" errors={errors} idPrefix={p} hint="如需修改建议内容，请先点“修改内容”" />}
      </ActionForm>,
    );
  if (has("merge"))
    sections.push(
      <ActionForm
        key="merge"
        intent="merge"
        collapsed
        title="合并到另一条建议"
        submitLabel="合并"
        variant="secondary"
        hidden={hidden}
        confirm={{ title: "确认合并？", description: "这条建议将并入所填编号的建议，由那一条继续审核。", confirmLabel: "合并" }}
      >
        {(errors, p) => (
          <Field id={`${p}-canonical`} label="合并到（填写编号，如 JY-0002）" errors={errors.canonicalId ?? errors.canonical}>
            <input
              id={`${p}-canonical`}
              name="canonical"
              className="block h-10 w-full rounded-md border border-slate-300 px-3 text-sm"
              placeholder="JY-0000"
              aria-invalid={!!(errors.canonicalId ?? errors.canonical) || undefined}
            />
          </Field>
        )}
      </ActionForm>,
    );
  if (has("decline"))
    sections.push(
      <ActionForm
        key="decline"
        intent="decline"
        collapsed
        title="不予受理"
        submitLabel="不予受理"
        variant="danger"
        hidden={hidden}
        confirm={{ title: "确认不予受理？", description: "这条建议将不再审核，理由将通知提交单位。", confirmLabel: "不予受理" }}
      >
        {(errors, p) => <Reason name="reason" label="理由（如不在本次调研范围）" errors={errors} idPrefix={p} />}
      </ActionForm>,
    );
  if (has("withdraw"))
    sections.push(
      <ActionForm
        key="withdraw"
        intent="withdraw"
        collapsed
        title="撤回"
        submitLabel="撤回"
        variant="danger"
        hidden={hidden}
        confirm={{ title: "确认撤回这条建议？", description: "撤回后不再审核；如需再提，请重新提交。", confirmLabel: "撤回" }}
      >
        {(errors, p) => <Reason name="reason" label="撤回理由" errors={errors} idPrefix={p} rows={2} />}
      </ActionForm>,
    );
  if (has("reopen"))
    sections.push(
      <ActionForm key="reopen" intent="reopen" collapsed title="重新审核" submitLabel="重新审核" variant="secondary" hidden={hidden}>
        {(errors, p) => <Reason name="reason" label="重新审核的理由（原决定保留在记录中）" errors={errors} idPrefix={p} />}
      </ActionForm>,
    );
  if (canAssign)
    sections.push(
      <ActionForm key="assign" intent="assign" collapsed title="指派审核人" submitLabel="指派" variant="secondary" hidden={hidden}>
        {(errors, p) => (
          <Field id={`${p}-assignee`} label="审核人" errors={errors.assigneeId}>
            <ChoiceSelect id={`${p}-assignee`} name="assigneeId" defaultValue={assigneeId ?? ""} leading={[{ value: "", label: "不指派" }]} choices={reviewerChoices(reviewers)} />
          </Field>
        )}
      </ActionForm>,
    );

  if (sections.length === 0) return null;
  return (
    <div className="space-y-5 divide-y divide-slate-100 [&>*+*]:pt-5">
      {sections}
    </div>
  );
}
