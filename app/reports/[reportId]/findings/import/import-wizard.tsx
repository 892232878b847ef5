"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { countRowErrors, rowErrorsFromFieldErrors, rowErrorsOf, type RowErrors } from "@/app/_lib/row-errors";
import { Button } from "@/app/_components/ui/button";
import { FormError } from "@/app/_components/ui/field";
import { Badge, Card } from "@/app/_components/ui/layout";
import { RowErrorMessages, RowErrorSummary } from "@/app/_components/ui/row-errors";
import { findingKinds, type FindingKind } from "@/server/domain/roles";
import { importFindingSchema } from "@/server/import/import-schema";
import { messages } from "@/server/i18n/zh-CN";
import { confirmImportAction, previewImportAction, type ImportPreview } from "./actions";

type EditableFinding = ImportPreview["findings"][number] & { include: boolean };

type Step =
  | { kind: "choose"; error?: string }
  | { kind: "preview"; preview: ImportPreview; findings: EditableFinding[]; error?: string; serverErrors?: ReadonlyMap<number, RowErrors> }
  | { kind: "done"; findings: number; blocks: number };

export function ImportWizard({ reportId }: { reportId: number }) {
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [pending, startTransition] = useTransition();
  const base = `/reports/${reportId}`;

  switch (step.kind) {
    case "choose":
      return (
        <Card>
          <form noValidate
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              data.set("reportId", String(reportId));
              startTransition(async () => {
                const result = await previewImportAction(data);
                if (result.ok)
                  setStep({ kind: "preview", preview: result.data, findings: result.data.findings.map((f) => ({ ...f, include: true })) });
                else setStep({ kind: "choose", error: result.message });
              });
            }}
          >
            <FormError message={step.error} />
            <div className="space-y-1">
              <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">
                报告文件
              </label>
              <input
                id="import-file"
                name="file"
                type="file"
                accept=".txt,.md,.markdown,.docx,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
                required
              />
              <p className="text-xs text-slate-500">网页上复制的文字也可以：保存为 .txt 后上传，换行断句、页码残留和网站尾部内容会被自动清理。</p>
            </div>
            <Button type="submit" disabled={pending}>
              {pending ? "正在解析…" : "解析文件"}
            </Button>
          </form>
        </Card>
      );
    case "preview": {
      const { preview, findings } = step;
      const headings = preview.blocks.filter((b) => b.type === "heading").length;
      const includedIndexes = findings.flatMap((f, i) => (f.include ? [i] : []));
      const included = includedIndexes.map((i) => findings[i]);
      // The rules are checked here as the drafter edits, and again by the server; a server error
      // on a row stays until that row is edited.
      const checked = rowErrorsOf(included, importFindingSchema);
      const rowErrors = new Map<number, RowErrors>();
      for (const [n, errors] of checked) rowErrors.set(includedIndexes[n], errors);
      for (const [i, errors] of step.serverErrors ?? []) if (findings[i]?.include && !rowErrors.has(i)) rowErrors.set(i, errors);
      const errorRows = [...rowErrors.keys()].sort((a, b) => a - b);
      const jumpToFirstError = () => {
        const first = errorRows[0];
        if (first === undefined) return;
        const field = Object.keys(rowErrors.get(first) ?? {})[0] === "kind" ? "kind" : "title";
        const element = document.getElementById(`import-finding-${first}-${field}`);
        element?.scrollIntoView({ block: "center" });
        element?.focus();
      };
      const update = (index: number, change: Partial<EditableFinding>) => {
        const serverErrors = new Map(step.serverErrors ?? []);
        serverErrors.delete(index);
        setStep({ ...step, serverErrors, findings: findings.map((f, i) => (i === index ? { ...f, ...change } : f)) });
      };
      return (
        <div className="space-y-6">
          <div role="status" className="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900">
            已解析《{preview.fileName}》：{headings} 个标题、{preview.blocks.length - headings} 段正文、{findings.length} 条调研发现；
            共 {preview.stats.bodyCharacters} 字，清理页面残留 {preview.stats.debrisLines} 行、网站附加内容 {preview.stats.boilerplateLines} 行、重复标题{" "}
            {preview.stats.duplicateTitleLines} 行。确认导入后，正文将替换为下面的内容，所有在线的起草组成员会立即看到。
          </div>
          <FormError message={step.error} />
          <Card title={`调研发现（将导入 ${included.length} 条）`}>
            <div className="mb-3 empty:hidden">
              <RowErrorSummary rows={errorRows.length} messages={countRowErrors(rowErrors)} onJump={jumpToFirstError} />
            </div>
            {findings.length === 0 ? (
              <p className="text-sm text-slate-600">没有识别出调研发现；仍可只导入正文。</p>
            ) : (
              <ul className="space-y-3">
                {findings.map((f, i) => (
                  <li
                    key={i}
                    className={`rounded border p-3 ${rowErrors.has(i) ? "border-red-300 bg-red-50/40" : f.include ? "border-slate-200" : "border-dashed border-slate-200 opacity-60"}`}
                  >
                    <div className="flex flex-wrap items-center gap-2">
                      <label className="flex items-center gap-1 text-sm">
                        <input type="checkbox" checked={f.include} onChange={(e) => update(i, { include: e.target.checked })} aria-label={`导入第 ${i + 1} 条`} />
                        导入
                      </label>
                      <select
                        id={`import-finding-${i}-kind`}
                        aria-label={`第 ${i + 1} 条的类别`}
                        aria-invalid={rowErrors.get(i)?.kind ? true : undefined}
                        value={f.kind}
                        onChange={(e) => update(i, { kind: e.target.value as FindingKind })}
                        className="h-8 rounded border border-slate-300 bg-white px-2 text-sm"
                      >
                        {findingKinds.map((k) => (
                          <option key={k} value={k}>
                            {messages.findingKinds[k]}
                          </option>
                        ))}
                      </select>
                      <input
                        id={`import-finding-${i}-title`}
                        aria-label={`第 ${i + 1} 条的标题`}
                        aria-invalid={rowErrors.has(i) || undefined}
                        aria-describedby={rowErrors.has(i) ? `import-finding-${i}-errors` : undefined}
                        value={f.title}
                        onChange={(e) => update(i, { title: e.target.value })}
                        className="h-8 min-w-0 flex-1 basis-full rounded border border-slate-300 px-2 text-sm aria-[invalid=true]:border-red-500 sm:basis-0"
                      />
                    </div>
                    <RowErrorMessages id={`import-finding-${i}-errors`} rowNumber={i + 1} errors={rowErrors.get(i)} />
                    {f.evidence ? <p className="mt-1 text-xs text-slate-500">数据：{f.evidence}</p> : null}
                    <p className="mt-1 line-clamp-2 text-xs text-slate-600">{f.summary}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="正文结构">
            <ol className="max-h-96 space-y-1 overflow-y-auto text-sm">
              {preview.blocks.map((b, i) =>
                b.type === "heading" ? (
                  <li key={i} className={`font-medium ${b.level === 1 ? "text-base" : b.level === 2 ? "pl-2" : "pl-4"}`}>
                    {b.text} {b.level === 2 && "part" in b && b.part === "countermeasures" ? <Badge tone="green">对策及建议</Badge> : null}
                  </li>
                ) : (
                  <li key={i} className="pl-6 text-slate-600">
                    <span className="line-clamp-1">{b.text}</span>
                  </li>
                ),
              )}
            </ol>
          </Card>
          <div className="flex flex-wrap gap-2">
            <Button
              disabled={pending}
              onClick={() => {
                if (errorRows.length > 0) return jumpToFirstError();
                startTransition(async () => {
                  const result = await confirmImportAction(reportId, {
                    blocks: preview.blocks.map((b) => (b.type === "heading" ? { type: b.type, level: b.level, text: b.text } : b)),
                    findings: included.map(({ kind, title, summary, evidence }) => ({ kind, title, summary, evidence })),
                  });
                  if (result.ok) return setStep({ kind: "done", findings: result.data.findingsCreated, blocks: result.data.blocksWritten });
                  // The server numbers the rows it was sent (only the included ones): map them back.
                  const serverErrors = new Map<number, RowErrors>();
                  for (const [n, errors] of rowErrorsFromFieldErrors(result.fieldErrors, "findings")) serverErrors.set(includedIndexes[n] ?? n, errors);
                  const rowless = Object.entries(result.fieldErrors ?? {}).filter(([path]) => !/^findings\.\d+/.test(path));
                  const error = serverErrors.size > 0 && rowless.length === 0 ? undefined : rowless.length > 0 ? rowless.flatMap(([, m]) => m).join("；") : result.message;
                  setStep({ ...step, error, serverErrors });
                });
              }}
            >
              {pending ? "正在导入…" : "确认导入"}
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setStep({ kind: "choose" })}>
              重新选择文件
            </Button>
          </div>
        </div>
      );
    }
    case "done":
      return (
        <Card>
          <p role="status" className="text-sm text-green-800">
            导入完成：新增 {step.findings} 条调研发现，正文共 {step.blocks} 段。
          </p>
          <div className="mt-3 flex gap-4 text-sm">
            <Link href={`${base}/document`} className="font-medium text-blue-700 hover:underline">
              打开正文
            </Link>
            <Link href={`${base}/findings`} className="font-medium text-blue-700 hover:underline">
              查看调研发现
            </Link>
          </div>
        </Card>
      );
    default: {
      const exhaustive: never = step;
      return exhaustive;
    }
  }
}
