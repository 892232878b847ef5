"use client";

import { useRef, useState, useTransition } from "react";
import { ConfirmSubmitButton } from "@/app/_components/ui/confirm-dialog";
import { Button } from "@/app/_components/ui/button";
import { Field, FormError, FormNotice, Select } from "@/app/_components/ui/field";
import { Card, DataTable, Td } from "@/app/_components/ui/layout";
import { RowErrorMessages, RowErrorSummary } from "@/app/_components/ui/row-errors";
import { countRowErrors, rowErrorsFromFieldErrors } from "@/app/_lib/row-errors";
import type { OnboardingResult } from "@/server/commands/onboarding";
import { messages } from "@/server/i18n/zh-CN";
import { confirmOnboardingAction, previewOnboardingAction, type OnboardingPreview } from "./actions";

/** One cell of the accounts .csv: quoted when it holds a comma, a quote or a line break. */
const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function OnboardingImport({ reports }: { reports: { id: number; title: string }[] }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<OnboardingPreview | null>(null);
  const [result, setResult] = useState<OnboardingResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reportId, setReportId] = useState(reports[0] ? String(reports[0].id) : "");
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const firstError = useRef<HTMLTableRowElement | null>(null);

  const rowErrors = rowErrorsFromFieldErrors(preview?.errors, "rows");
  const firstRowWithError = rowErrors.keys().next().value;

  function check(selected: File) {
    setFile(selected);
    setPreview(null);
    setError(null);
    setFileError(null);
    const data = new FormData();
    data.set("file", selected);
    startTransition(async () => {
      const answer = await previewOnboardingAction(data);
      if (answer.ok) setPreview(answer.data);
      else setFileError(answer.fieldErrors?.file?.[0] ?? answer.message);
    });
  }

  function confirm() {
    if (!file) return;
    const data = new FormData();
    data.set("file", file);
    data.set("reportId", reportId);
    setError(null);
    startTransition(async () => {
      const answer = await confirmOnboardingAction(data);
      if (answer.ok) {
        setResult(answer.data);
        setPreview(null);
        setFile(null);
      } else if (answer.fieldErrors && Object.keys(answer.fieldErrors).some((k) => k.startsWith("rows."))) {
        // Someone changed the units or accounts since the preview: show the rows again.
        setPreview((p) => (p ? { ...p, errors: answer.fieldErrors ?? {}, errorCount: countRowErrors(rowErrorsFromFieldErrors(answer.fieldErrors, "rows")) } : p));
        setError(answer.message);
      } else setError(answer.message);
    });
  }

  if (result) {
    const lines = [
      ["用户名", "姓名", "单位", "报告中的角色", "初始密码"],
      ...result.accounts.map((a) => [a.username, a.displayName, a.unitName, messages.roles[a.role], a.password]),
    ];
    const csv = `\uFEFF${lines.map((l) => l.map(csvCell).join(",")).join("\r\n")}\r\n`;
    const download = () => {
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "联络员初始密码.csv";
      a.click();
      URL.revokeObjectURL(url);
    };
    const copy = async () => {
      await navigator.clipboard.writeText(lines.map((l) => l.join("\t")).join("\n"));
      setCopied(true);
    };
    return (
      <Card title="导入完成">
        <div className="space-y-4">
          <FormNotice
            message={`已创建 ${result.unitsCreated} 个单位、${result.accounts.length} 个账号${result.report ? `，并加入报告《${result.report.title}》` : ""}。`}
          />
          <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
            初始密码只显示这一次，离开本页后无法再查看：请现在复制或下载，分别交给各位联络员。对方首次登录时须改成自己的密码。
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={download}>
              下载账号和初始密码（.csv）
            </Button>
            <Button variant="secondary" onClick={() => void copy()}>
              {copied ? "已复制" : "复制全部"}
            </Button>
            <Button variant="ghost" onClick={() => setResult(null)}>
              再导入一个文件
            </Button>
          </div>
          <DataTable head={["用户名", "姓名", "单位", "报告中的角色", "初始密码"]} caption="已创建的账号">
            {result.accounts.map((a) => (
              <tr key={a.username}>
                <Td>{a.username}</Td>
                <Td>{a.displayName}</Td>
                <Td>{a.unitName}</Td>
                <Td>{messages.roles[a.role]}</Td>
                <Td>
                  <code className="select-all font-mono" data-testid={`password-${a.username}`}>
                    {a.password}
                  </code>
                </Td>
              </tr>
            ))}
          </DataTable>
        </div>
      </Card>
    );
  }

  return (
    <>
      <Card title="2. 上传填好的文件">
        <div className="space-y-3">
          <Field id="onboarding-file" label="文件（.xlsx 或 .csv，不超过 1 MB）" errors={fileError ? [fileError] : undefined}>
            <input
              id="onboarding-file"
              type="file"
              accept=".xlsx,.csv"
              aria-invalid={fileError ? true : undefined}
              className="block w-full text-sm"
              onChange={(e) => {
                const selected = e.target.files?.[0];
                if (selected) check(selected);
                e.target.value = "";
              }}
            />
          </Field>
          {pending && !preview ? <p className="text-sm text-slate-600">正在检查文件…</p> : null}
        </div>
      </Card>
      {preview ? (
        <Card title={`3. 预览：${preview.fileName}（${preview.rows.length} 行）`}>
          <div className="space-y-4">
            {preview.errors.file ? <FormError message={preview.errors.file.join("；")} /> : null}
            <RowErrorSummary
              rows={rowErrors.size}
              messages={preview.errorCount}
              onJump={() => firstError.current?.scrollIntoView({ block: "center" })}
            />
            {rowErrors.size > 0 ? <p className="text-sm text-slate-600">请在文件中改正后重新上传；在此之前不会导入任何内容。</p> : null}
            {preview.rows.length > 0 ? (
              <DataTable head={["行", "上级单位", "单位名称", "单位类型", "联络员用户名", "联络员姓名", "报告中的角色", "检查结果"]} caption="导入预览">
                {preview.rows.map((row, index) => {
                  const errors = rowErrors.get(index);
                  return (
                    <tr key={row.line} ref={index === firstRowWithError ? firstError : undefined} className={errors ? "bg-red-50" : ""}>
                      <Td>{row.line}</Td>
                      <Td>{row.parentName}</Td>
                      <Td>{row.name}</Td>
                      <Td>{row.kind}</Td>
                      <Td>{row.username}</Td>
                      <Td>{row.displayName}</Td>
                      <Td>{row.role}</Td>
                      <Td className="whitespace-normal">
                        {errors ? <RowErrorMessages id={`row-error-${index}`} rowNumber={row.line} errors={errors} noun="行" /> : <span className="text-green-700">可以导入</span>}
                      </Td>
                    </tr>
                  );
                })}
              </DataTable>
            ) : null}
            {preview.errorCount === 0 ? (
              <form
                className="flex flex-wrap items-end gap-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  confirm();
                }}
              >
                <Field id="onboarding-report" label="把账号加入报告（基层单位联络员随其单位）">
                  <Select id="onboarding-report" value={reportId} onChange={(e) => setReportId(e.target.value)}>
                    <option value="">不加入报告</option>
                    {reports.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.title}
                      </option>
                    ))}
                  </Select>
                </Field>
                <ConfirmSubmitButton
                  variant="primary"
                  size="md"
                  disabled={pending}
                  confirmation={{
                    title: "确认导入？",
                    description: `将创建 ${preview.rows.length} 个单位和 ${preview.rows.filter((r) => r.username).length} 个账号${reportId ? "，并加入所选报告" : ""}。导入后不能撤销。`,
                    confirmLabel: "导入",
                  }}
                >
                  {pending ? "正在导入…" : "确认导入"}
                </ConfirmSubmitButton>
              </form>
            ) : null}
            <FormError message={error} />
          </div>
        </Card>
      ) : null}
    </>
  );
}
