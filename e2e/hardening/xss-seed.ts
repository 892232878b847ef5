/**
 * Puts the corpus into every text field of the suggestion workflow, the findings and the
 * administration, through the same commands the pages' server actions call (one Node process
 * writes while the server serves; SQLite's WAL lets both work on the file).
 */
import type { Db } from "../../db/client";
import { createUser } from "../../server/commands/accounts";
import { createFinding } from "../../server/commands/findings";
import { createReport, setMember } from "../../server/commands/reports";
import {
  addSuggestionComment,
  claimSuggestion,
  createSuggestionDraft,
  decideSuggestion,
  declineSuggestion,
  resubmitSuggestion,
  returnSuggestion,
  withdrawSuggestion,
} from "../../server/commands/suggestions";
import { createUnit } from "../../server/commands/units";
import type { Actor } from "../../server/domain/policies";
import type Database from "better-sqlite3";
import { bundles, type Payload } from "./xss-payloads";

export type Demo = {
  reportId: number;
  secondReportId: number;
  documentId: number;
  problemFindingId: number;
  users: Record<"admin" | "drafter1" | "reviewer1" | "unit1", Actor>;
  unit1UnitId: number;
  organCommitteeId: number;
};

export function demoIds(sqlite: Database.Database): Demo {
  const one = <T>(sql: string, ...args: unknown[]) => sqlite.prepare(sql).get(...args) as T;
  const reportId = one<{ id: number }>("select id from reports where title like '市直机关基层党组织建设状况调研%'").id;
  const secondReportId = one<{ id: number }>("select id from reports where title like '%述职评议%'").id;
  const user = (username: string): Actor => {
    const row = one<{ id: number; is_admin: number }>("select id, is_admin from users where username = ?", username);
    return { userId: row.id, isAdmin: row.is_admin === 1 };
  };
  const unit1 = user("unit1");
  const unit1UnitId = one<{ unit_id: number }>("select unit_id from report_members where report_id = ? and user_id = ?", reportId, unit1.userId).unit_id;
  return {
    reportId,
    secondReportId,
    documentId: one<{ id: number }>("select id from documents where report_id = ? order by id limit 1", reportId).id,
    problemFindingId: one<{ id: number }>("select id from findings where report_id = ? and kind = 'problem' order by number limit 1", reportId).id,
    users: { admin: user("admin"), drafter1: user("drafter1"), reviewer1: user("reviewer1"), unit1 },
    unit1UnitId,
    organCommitteeId: one<{ parent_id: number }>("select parent_id from units where id = ?", unit1UnitId).parent_id,
  };
}

/** A value for a field of `min`..`max` characters: the payload itself, or a plain stand-in. */
export const within = (p: Payload, min: number, max: number, standIn: string) => (p.text.length >= min && p.text.length <= max ? p.text : standIn);

export type SeededSuggestion = {
  id: number;
  payload: Payload;
  /** Field → the text that went in (only the fields that carry the payload). */
  fields: Record<string, string>;
};

/**
 * Per payload, three suggestions from unit1:
 *  A: title / body / proposed wording; comments with @mentions both ways; claimed, returned for
 *     supplement, resubmitted with a reply, decided 部分采纳 with reply and reason;
 * and per bundle of payloads (joined up to 2000 characters): B withdrawn with the bundle as its
 * reason, C declined (不予受理) with it as the reason.
 */
export function seedSuggestions(db: Db, demo: Demo, payloads: Payload[]): SeededSuggestion[] {
  const { unit1, reviewer1 } = demo.users;
  const reportId = demo.reportId;
  const out: SeededSuggestion[] = [];
  for (const p of payloads) {
    const fits = (max: number) => p.text.length <= max;
    const title = within(p, 2, 80, `意见建议${p.n}`);
    const base = { reportId, findingIds: [demo.problemFindingId], submit: true };
    // A
    const a = createSuggestionDraft(db, unit1, { ...base, title, body: p.text, proposedWording: fits(2000) ? p.text : "" });
    const fieldsA: Record<string, string> = { "suggestion body": p.text };
    if (title === p.text) fieldsA["suggestion title"] = p.text;
    if (fits(2000)) fieldsA["proposed wording"] = p.text;
    let version = a.version;
    if (fits(1990)) {
      addSuggestionComment(db, unit1, { reportId, suggestionId: a.id, body: `@赵审核 ${p.text}` });
      addSuggestionComment(db, reviewer1, { reportId, suggestionId: a.id, body: `@孙联络 ${p.text}` });
      fieldsA["comment with @mention (unit)"] = `@赵审核 ${p.text}`;
      fieldsA["comment with @mention (reviewer)"] = `@孙联络 ${p.text}`;
    }
    const text = fits(2000) ? p.text : `补充说明${p.n}`;
    version = claimSuggestion(db, reviewer1, { reportId, suggestionId: a.id, expectedVersion: version }).version;
    version = returnSuggestion(db, reviewer1, { reportId, suggestionId: a.id, expectedVersion: version, request: text }).version;
    version = resubmitSuggestion(db, unit1, { reportId, suggestionId: a.id, expectedVersion: version, reply: text }).version;
    version = decideSuggestion(db, reviewer1, { reportId, suggestionId: a.id, expectedVersion: version, outcome: "partially_adopted", reply: text, reason: text }).version;
    if (fits(2000)) {
      fieldsA["return-for-supplement request"] = text;
      fieldsA["resubmission reply"] = text;
      fieldsA["decision reply"] = text;
      fieldsA["decision reason"] = text;
    }
    out.push({ id: a.id, payload: p, fields: fieldsA });
  }
  // B and C: the reasons carry bundles of payloads (the page shows one reason per suggestion).
  for (const b of bundles(payloads, 2000)) {
    const first = b.payloads[0];
    const withdrawn = createSuggestionDraft(db, unit1, { reportId, findingIds: [demo.problemFindingId], submit: true, title: `撤回的意见${first.n}`, body: `撤回前的内容${first.n}` });
    withdrawSuggestion(db, unit1, { reportId, suggestionId: withdrawn.id, expectedVersion: withdrawn.version, reason: b.text });
    const declined = createSuggestionDraft(db, unit1, { reportId, findingIds: [demo.problemFindingId], submit: true, title: `不予受理的意见${first.n}`, body: `内容${first.n}` });
    declineSuggestion(db, reviewer1, { reportId, suggestionId: declined.id, expectedVersion: declined.version, reason: b.text });
    for (const p of b.payloads) {
      out.push({ id: withdrawn.id, payload: p, fields: { "withdraw reason": b.text } });
      out.push({ id: declined.id, payload: p, fields: { "decline reason": b.text } });
    }
  }
  return out;
}

export type SeededFinding = { id: number; payload: Payload; fields: Record<string, string> };

export function seedFindings(db: Db, demo: Demo, payloads: Payload[]): SeededFinding[] {
  return payloads.map((p) => {
    const title = within(p, 2, 120, `调研发现${p.n}`);
    const evidence = p.text.length <= 2000 ? p.text : "";
    const summary = p.text.slice(0, 4000);
    const { id } = createFinding(db, demo.users.drafter1, demo.reportId, { kind: "problem", title, summary, evidence });
    const fields: Record<string, string> = { "finding summary": summary };
    if (title === p.text) fields["finding title"] = p.text;
    if (evidence) fields["finding evidence"] = p.text;
    return { id, payload: p, fields };
  });
}

export type SeededAdmin = { reports: { id: number; payload: Payload }[]; units: Payload[]; users: { id: number; payload: Payload; username: string }[]; suggestionIds: number[] };

/**
 * Reports titled with payloads, units named with payloads, and accounts whose display names are
 * payloads; each such account joins the demo report as the liaison of a payload-named unit and
 * submits a suggestion there, so the names show in the report's lists and timelines too.
 */
export async function seedAdministration(db: Db, demo: Demo, payloads: Payload[]): Promise<SeededAdmin> {
  const { admin } = demo.users;
  const reports = payloads
    .filter((p) => p.text.length >= 4 && p.text.length <= 80)
    .map((p) => ({ id: createReport(db, admin, { title: p.text, description: p.text.slice(0, 500) }).id, payload: p }));
  const unitPayloads = payloads.filter((p) => p.text.length >= 2 && p.text.length <= 60);
  const unitIds = unitPayloads.map((p) => createUnit(db, admin, { name: p.text, kind: "branch", parentId: demo.organCommitteeId }).id);
  const users: SeededAdmin["users"] = [];
  const suggestionIds: number[] = [];
  const named = payloads.filter((p) => p.text.length <= 40);
  for (const [i, p] of named.entries()) {
    const username = `xss-user-${p.n}`;
    const { id } = await createUser(db, admin, { username, displayName: p.text, password: "jianyan-demo" });
    const unitId = unitIds.length ? unitIds[i % unitIds.length] : demo.unit1UnitId;
    setMember(db, admin, demo.reportId, { userId: id, role: "submitter", unitId });
    const actor = { userId: id, isAdmin: false };
    const s = createSuggestionDraft(db, actor, { reportId: demo.reportId, title: `单位来稿${p.n}`, body: `来自单位的建议${p.n}`, findingIds: [demo.problemFindingId], submit: true });
    addSuggestionComment(db, actor, { reportId: demo.reportId, suggestionId: s.id, body: `@赵审核 请审核${p.n}` });
    suggestionIds.push(s.id);
    users.push({ id, payload: p, username });
  }
  return { reports, units: unitPayloads, users, suggestionIds };
}
