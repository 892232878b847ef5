/**
 * The one select over the report's units, findings or reviewers, for filters and assignment forms
 * alike: the leading choices (全部, 未指派, 取消指派 …), then one option per item, each named by the
 * one rule for its kind. Works in server and client components (no state of its own).
 */
import type { SelectHTMLAttributes } from "react";
import { Select } from "@/app/_components/ui/field";
import type { FindingKind } from "@/server/domain/roles";
import { messages } from "@/server/i18n/zh-CN";

/** `disabled`: a prompt such as 请选择审核人 that stands until a real choice is made. */
export type Choice = { value: string | number; label: string; disabled?: boolean };

/** A finding as its kind and number say it (问题2): in lists, tables and selects. */
export function findingLabel(f: { kind: string; number: number }): string {
  return `${messages.findingKindsShort[f.kind as FindingKind] ?? f.kind}${f.number}`;
}

export const unitChoices = (units: readonly { id: number; name: string }[]): Choice[] => units.map((u) => ({ value: u.id, label: u.name }));
export const reviewerChoices = (reviewers: readonly { id: number; name: string }[]): Choice[] => reviewers.map((r) => ({ value: r.id, label: r.name }));
export const findingChoices = (findings: readonly { id: number; kind: string; number: number; title: string }[]): Choice[] =>
  findings.map((f) => ({ value: f.id, label: `${findingLabel(f)} ${f.title}` }));

export function ChoiceSelect({
  choices,
  leading = [],
  trailing = [],
  invalid,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { choices: readonly Choice[]; leading?: readonly Choice[]; trailing?: readonly Choice[]; invalid?: boolean }) {
  return (
    <Select invalid={invalid} {...props}>
      {[...leading, ...choices, ...trailing].map((c) => (
        <option key={String(c.value)} value={c.value} disabled={c.disabled}>
          {c.label}
        </option>
      ))}
    </Select>
  );
}
