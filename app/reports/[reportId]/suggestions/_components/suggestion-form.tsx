"use client";
/** New / edit form: title, content, proposed wording, linked findings; similar suggestions shown before submitting. */
import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field, FormError, Input, Textarea } from "@/app/_components/ui/field";
import { formLevelMessage, submitKeepingValues } from "./use-form-action";
import { findSimilarAction, saveSuggestionAction, type SaveResult, type SimilarItem } from "../actions";

export type FindingOption = { id: number; kind: string; kindLabel: string; number: number; title: string };

type Props = {
  reportId: number;
  findings: FindingOption[];
  initial?: { id: number; version: number; title: string; body: string; proposedWording: string; findingIds: number[]; state: string };
  stateLabels: Record<string, string>;
};

export function SuggestionForm({ reportId, findings, initial, stateLabels }: Props) {
  const [state, formAction, pending] = useActionState<SaveResult | null, FormData>(saveSuggestionAction, null);
  // One id per form: a double click or a retried request creates one suggestion.
  const [requestId] = useState(() => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`));
  const [similar, setSimilar] = useState<SimilarItem[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const returned = initial?.state === "returned";

  function lookForSimilar() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const form = formRef.current;
      const value = (name: string) => (form?.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? "";
      const text = `${value("title")} ${value("body")}`.trim();
      if ([...text].length < 4) return setSimilar([]);
      setSimilar(await findSimilarAction({ reportId, text, excludeId: initial?.id }));
    }, 400);
  }
  useEffect(() => {
    if (initial) lookForSimilar();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const groups = ["problem", "cause", "practice", "fact"]
    .map((kind) => findings.filter((f) => f.kind === kind))
    .filter((g) => g.length > 0);

  return (
    <form ref={formRef} onSubmit={submitKeepingValues(formAction)} className="space-y-5" noValidate>
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="clientRequestId" value={requestId} />
      {initial ? (
        <>
          <input type="hidden" name="suggestionId" value={initial.id} />
          <input type="hidden" name="expectedVersion" value={initial.version} />
        </>
      ) : null}
      <FormError message={formLevelMessage(state)} />

      <Field id="title" label="标题" errors={errors.title} hint="一句话概括建议，不超过 80 个字">
        <Input id="title" name="title" defaultValue={initial?.title} maxLength={80} required invalid={!!errors.title} onChange={lookForSimilar} />
      </Field>
      <Field id="body" label="建议内容" errors={errors.body} hint="写清楚建议做什么、怎么做、由谁做">
        <Textarea id="body" name="body" defaultValue={initial?.body} rows={8} maxLength={5000} invalid={!!errors.body} onChange={lookForSimilar} />
      </Field>
      <Field id="proposedWording" label="建议写入报告的表述（可选）" errors={errors.proposedWording}>
        <Textarea id="proposedWording" name="proposedWording" defaultValue={initial?.proposedWording} rows={3} maxLength={2000} invalid={!!errors.proposedWording} />
      </Field>

      <fieldset aria-describedby={errors.findingIds ? "findingIds-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">对应的调研发现（至少选一项）</legend>
        <div className="mt-2 space-y-3">
          {groups.map((group) => (
            <div key={group[0].kind}>
              <p className="text-xs font-medium text-slate-500">{group[0].kindLabel}</p>
              <ul className="mt-1 space-y-1">
                {group.map((f) => (
                  <li key={f.id}>
                    <label className="flex items-start gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                      <input type="checkbox" name="findingIds" value={f.id} defaultChecked={initial?.findingIds.includes(f.id)} className="mt-1 h-4 w-4" />
                      <span>
                        <span className="text-slate-500">
                          {f.kindLabel} {f.number}.
                        </span>{" "}
                        {f.title}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        {errors.findingIds?.map((e) => (
          <p key={e} id="findingIds-error" role="alert" className="mt-1 text-sm text-red-600">
            {e}
          </p>
        ))}
      </fieldset>

      {similar.length > 0 ? (
        <section aria-live="polite" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
          <h2 className="font-medium text-amber-900">已有相似的意见建议</h2>
          <p className="text-amber-800">如果意思相同，可以在原建议下评论表示支持，不必重复提交。</p>
          <ul className="mt-2 space-y-1">
            {similar.map((s) => (
              <li key={s.id}>
                <Link href={`/reports/${reportId}/suggestions/${s.id}`} target="_blank" className="text-blue-700 hover:underline">
                  {s.code} {s.title}
                </Link>
                <span className="text-slate-600">
                  {" "}
                  · {s.unitName} · {stateLabels[s.state] ?? s.state}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="flex flex-wrap gap-2">
        {returned ? (
          <Button type="submit" name="intent" value="draft" disabled={pending}>
            保存修改
          </Button>
        ) : (
          <>
            <Button type="submit" name="intent" value="submit" disabled={pending}>
              {pending ? "正在提交…" : "提交"}
            </Button>
            <Button type="submit" name="intent" value="draft" variant="secondary" disabled={pending}>
              保存草稿
            </Button>
          </>
        )}
      </div>
    </form>
  );
}
