/**
 * Checks the rows of a bulk-onboarding file against the unit tree and the accounts already there
 * (ADR 075). Pure: the command hands in what the database holds; nothing is stored here. Every
 * problem is reported on its row, under `rows.<index>.<field>`, each message once.
 */
import { displayNameSchema, usernameSchema } from "../commands/account-rules";
import type { FieldErrors } from "../domain/errors";
import { allowedUnitParents, type MemberRole, type UnitKind } from "../domain/roles";
import { messages } from "../i18n/zh-CN";

/** The template's columns, in order; a file may order them as it likes. */
export const onboardingColumns = ["上级单位", "单位名称", "单位类型", "联络员用户名", "联络员姓名", "报告中的角色"] as const;
const requiredColumns = ["上级单位", "单位名称", "单位类型"] as const;
type Column = (typeof onboardingColumns)[number];

/** The unit kinds a file may create: the 工委 at the top is set up once, by hand. */
export const importableKinds = ["organ_committee", "general_branch", "branch"] as const satisfies readonly UnitKind[];
const importableRoles = ["submitter", "drafter", "reviewer", "viewer"] as const satisfies readonly MemberRole[];

const kindByLabel = new Map<string, UnitKind>(importableKinds.map((k) => [messages.unitKinds[k], k]));
const roleByLabel = new Map<string, MemberRole>(importableRoles.map((r) => [messages.roles[r], r]));
const listWords = (words: string[]) => (words.length < 2 ? words.join("") : `${words.slice(0, -1).join("、")}或${words[words.length - 1]}`);
export const KIND_MESSAGE = `单位类型只能是${listWords(importableKinds.map((k) => messages.unitKinds[k]))}`;
export const ROLE_MESSAGE = `报告中的角色只能是${listWords(importableRoles.map((r) => messages.roles[r]))}（不填即为基层单位联络员）`;

export type ExistingUnit = { id: number; name: string; kind: UnitKind; parentId: number | null };

export type PlannedRow = {
  /** The row's number in the file as a spreadsheet shows it (the header is row 1). */
  line: number;
  parentName: string;
  name: string;
  kind: UnitKind | null;
  /** Where the parent is: a unit already in the system, or another row of this file. */
  parent: { unitId: number } | { row: number } | null;
  liaison: { username: string; displayName: string; role: MemberRole } | null;
};

export type OnboardingPlan = {
  rows: PlannedRow[];
  /** `file` for the file as a whole, `rows.<index>.<field>` for one row. */
  errors: FieldErrors;
  errorCount: number;
};

export type PlanInput = { table: string[][]; units: readonly ExistingUnit[]; usernames: ReadonlySet<string> };

export function planOnboarding({ table, units, usernames }: PlanInput): OnboardingPlan {
  const errors: FieldErrors = {};
  let errorCount = 0;
  const add = (key: string, message: string) => {
    const list = (errors[key] ??= []);
    if (list.includes(message)) return;
    list.push(message);
    errorCount++;
  };
  const [header = [], ...body] = table;
  const at = new Map<Column, number>();
  header.forEach((title, index) => {
    const column = onboardingColumns.find((c) => c === title.replace(/\s+/g, "").replace(/[（(].*[)）]$/, ""));
    if (column && !at.has(column)) at.set(column, index);
  });
  const missing = requiredColumns.filter((c) => !at.has(c));
  if (missing.length > 0) {
    add("file", `第 1 行应是表头，缺少列：${missing.join("、")}（请使用下载的模板）`);
    return { rows: [], errors, errorCount };
  }
  if (body.length === 0) {
    add("file", "文件中没有单位：请从第 2 行起每行填写一个单位");
    return { rows: [], errors, errorCount };
  }
  const cell = (row: string[], column: Column) => {
    const index = at.get(column);
    return index === undefined ? "" : (row[index] ?? "").trim();
  };

  // First pass: the rows as written, and where each unit name and username first appears.
  const firstRowOfName = new Map<string, number>();
  const firstRowOfUsername = new Map<string, number>();
  const rows: PlannedRow[] = body.map((raw, index) => {
    const line = index + 2;
    const key = (field: string) => `rows.${index}.${field}`;
    const name = cell(raw, "单位名称");
    const kindLabel = cell(raw, "单位类型");
    const parentName = cell(raw, "上级单位");
    if (name.length < 2) add(key("name"), name ? "单位名称至少 2 个字" : "请填写单位名称");
    else if (name.length > 60) add(key("name"), "单位名称不能超过 60 个字");
    else if (firstRowOfName.has(name)) add(key("name"), `单位名称“${name}”与第 ${firstRowOfName.get(name)! + 2} 行重复`);
    else firstRowOfName.set(name, index);
    const kind = kindByLabel.get(kindLabel) ?? null;
    if (!kind) add(key("kind"), kindLabel ? `${KIND_MESSAGE}，不能是“${kindLabel}”` : KIND_MESSAGE);
    if (!parentName) add(key("parent"), "请填写上级单位");

    const username = cell(raw, "联络员用户名");
    const displayName = cell(raw, "联络员姓名");
    const roleLabel = cell(raw, "报告中的角色");
    let liaison: PlannedRow["liaison"] = null;
    if (username) {
      const parsedName = usernameSchema.safeParse(username);
      if (!parsedName.success) add(key("username"), parsedName.error.issues[0].message);
      else if (usernames.has(username.toLowerCase())) add(key("username"), `用户名“${username}”已存在`);
      else if (firstRowOfUsername.has(username.toLowerCase()))
        add(key("username"), `用户名“${username}”与第 ${firstRowOfUsername.get(username.toLowerCase())! + 2} 行重复`);
      else firstRowOfUsername.set(username.toLowerCase(), index);
      const parsedDisplay = displayNameSchema.safeParse(displayName);
      if (!parsedDisplay.success) add(key("displayName"), parsedDisplay.error.issues[0].message.replace("请填写姓名", "请填写联络员姓名"));
      const role = roleLabel ? roleByLabel.get(roleLabel) : "submitter";
      if (!role) add(key("role"), ROLE_MESSAGE);
      liaison = { username, displayName, role: role ?? "submitter" };
    } else if (displayName || roleLabel) add(key("username"), "填写了联络员姓名或角色，请同时填写联络员用户名");
    return { line, parentName, name, kind, parent: null, liaison };
  });

  // Second pass: each parent, in the file or in the system, and whether the kinds fit.
  const existingByName = new Map<string, ExistingUnit[]>();
  for (const u of units) existingByName.set(u.name, [...(existingByName.get(u.name) ?? []), u]);
  // A unit the system already has is an error on its row; other rows naming it mean the existing one.
  for (const [name, index] of firstRowOfName) {
    if (!existingByName.has(name)) continue;
    add(`rows.${index}.name`, `系统中已有单位“${name}”`);
    firstRowOfName.delete(name);
  }
  rows.forEach((row, index) => {
    const key = (field: string) => `rows.${index}.${field}`;
    if (!row.parentName) return;
    const inFile = firstRowOfName.get(row.parentName);
    const inSystem = existingByName.get(row.parentName) ?? [];
    let parentKind: UnitKind | null = null;
    if (inFile === index) add(key("parent"), "上级单位不能是本单位");
    else if (inFile !== undefined && inSystem.length === 0) {
      row.parent = { row: inFile };
      parentKind = rows[inFile].kind;
    } else if (inFile === undefined && inSystem.length === 1) {
      row.parent = { unitId: inSystem[0].id };
      parentKind = inSystem[0].kind;
    } else if (inFile === undefined && inSystem.length === 0)
      add(key("parent"), `找不到上级单位“${row.parentName}”：它既不在本文件中，也不在系统中`);
    else add(key("parent"), `上级单位“${row.parentName}”有重名，无法确定是哪一个；请先在系统中改名`);
    if (row.kind && parentKind && !allowedUnitParents[row.kind].includes(parentKind))
      add(key("parent"), `${messages.unitKinds[row.kind]}不能设在${messages.unitKinds[parentKind]}之下`);
  });
  return { rows, errors, errorCount };
}

/** The rows in an order that creates every parent before its children. */
export function creationOrder(rows: readonly PlannedRow[]): number[] {
  const depth = (index: number, seen = new Set<number>()): number => {
    const parent = rows[index].parent;
    if (!parent || !("row" in parent) || seen.has(index)) return 0;
    seen.add(index);
    return 1 + depth(parent.row, seen);
  };
  return rows.map((_, i) => i).sort((a, b) => depth(a) - depth(b) || a - b);
}
