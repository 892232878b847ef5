/**
 * Bulk onboarding (ADR 075): the administrator brings the unit tree and the liaison accounts in
 * from one file. `previewOnboarding` reads and checks it and stores nothing; `confirmOnboarding`
 * checks it again against the database as it is then and creates everything in ONE transaction —
 * units (parents first), accounts with random first passwords that must be changed at first
 * sign-in, and, when a report is chosen, their memberships (submitters with their unit) — with
 * one audit row. The first passwords are returned once and stored only as hashes.
 */
import { randomInt } from "node:crypto";
import { immediate, type Db, type DbOrTx } from "../../db/client";
import { appendAudit } from "../../db/queries/audit";
import { reportMembers, units, users } from "../../db/schema";
import { hashPassword } from "../auth/password";
import { DomainError } from "../domain/errors";
import { authorize, type Actor } from "../domain/policies";
import type { MemberRole } from "../domain/roles";
import { ONBOARDING_LIMITS, type OnboardingTable } from "../import/onboarding-table";
import { UPLOAD_LIMITS, uploadRefusals } from "../import/upload-limits";
import { workerRunner } from "../workers/run-in-worker";
import { creationOrder, planOnboarding, type OnboardingPlan } from "../import/onboarding-plan";
import { loadReportAccess } from "./access";

export type OnboardingFile = { fileName: string; bytes: Uint8Array };

export type CreatedAccount = {
  username: string;
  displayName: string;
  unitName: string;
  role: MemberRole;
  /** Shown once on the result page; the database keeps only its hash. */
  password: string;
};

export type OnboardingResult = {
  unitsCreated: number;
  accounts: CreatedAccount[];
  report: { id: number; title: string } | null;
};

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
export function firstPassword(length = 12): string {
  let out = "";
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

function planAgainst(db: DbOrTx, table: string[][]): OnboardingPlan {
  const existingUnits = db.select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId }).from(units).all();
  const usernames = new Set(db.select({ username: users.username }).from(users).all().map((u) => u.username.toLowerCase()));
  return planOnboarding({ table, units: existingUnits, usernames });
}

/**
 * The upload is read in a fresh worker thread with the uploads' memory and time limits (an .xlsx
 * is untrusted); the event loop never parses it. A file over the size limit never gets that far.
 */
async function readTable(file: OnboardingFile): Promise<OnboardingTable> {
  if (file.bytes.byteLength > ONBOARDING_LIMITS.maxBytes)
    throw new DomainError("VALIDATION", "文件超过 1 MB，请分成几个文件导入", { rule: "ONBOARDING_TOO_LARGE", fieldErrors: { file: ["文件超过 1 MB，请分成几个文件导入"] } });
  return workerRunner().run(
    "readOnboardingTable",
    { fileName: file.fileName, bytes: file.bytes.slice() },
    UPLOAD_LIMITS,
    { timeout: () => uploadRefusals.timeout(UPLOAD_LIMITS), memory: uploadRefusals.tooComplex, busy: uploadRefusals.busy },
  );
}

function authorizeOnboarding(actor: Actor): void {
  authorize({ on: "system", actor, ability: "onboardInBulk" });
}

/** Reads and checks the file; stores nothing. */
export async function previewOnboarding(db: Db, actor: Actor, file: OnboardingFile): Promise<OnboardingPlan> {
  authorizeOnboarding(actor);
  const { rows } = await readTable(file);
  return planAgainst(db, rows);
}

function refuseWithRows(plan: OnboardingPlan): never {
  throw new DomainError("VALIDATION", `文件中有 ${plan.errorCount} 处问题，没有导入任何内容；请改正后重新上传`, { fieldErrors: plan.errors });
}

export async function confirmOnboarding(
  db: Db,
  actor: Actor,
  file: OnboardingFile,
  options: { reportId: number | null },
): Promise<OnboardingResult> {
  authorizeOnboarding(actor);
  const report = options.reportId === null ? null : loadReportAccess(db, actor, options.reportId);
  if (report) authorize({ on: "report", actor: report.actor, ability: "manageMembers" });
  const { rows: table } = await readTable(file);
  const first = planAgainst(db, table);
  if (first.errorCount > 0) refuseWithRows(first);
  // Hashing is slow and asynchronous: done before the transaction, which then runs at once.
  const liaisons = first.rows.flatMap((r) => (r.liaison ? [r.liaison.username] : []));
  const passwords = new Map(liaisons.map((u) => [u, firstPassword()]));
  const hashes = new Map<string, string>();
  for (const [username, password] of passwords) hashes.set(username, await hashPassword(password));

  return immediate(db, (tx) => {
    // Checked again inside the transaction: someone may have added a unit or an account meanwhile.
    const plan = planAgainst(tx, table);
    if (plan.errorCount > 0) refuseWithRows(plan);
    const unitIds = new Map<number, number>();
    for (const index of creationOrder(plan.rows)) {
      const row = plan.rows[index];
      const parentId = row.parent === null ? null : "unitId" in row.parent ? row.parent.unitId : unitIds.get(row.parent.row)!;
      const created = tx.insert(units).values({ name: row.name, kind: row.kind!, parentId }).returning({ id: units.id }).get();
      unitIds.set(index, created.id);
    }
    const accounts: CreatedAccount[] = [];
    plan.rows.forEach((row, index) => {
      if (!row.liaison) return;
      const password = passwords.get(row.liaison.username);
      const passwordHash = hashes.get(row.liaison.username);
      if (!password || !passwordHash) throw new DomainError("CONFLICT", "文件在检查期间发生了变化，请重新上传");
      const user = tx
        .insert(users)
        .values({ username: row.liaison.username, displayName: row.liaison.displayName, passwordHash, mustChangePassword: true })
        .returning({ id: users.id })
        .get();
      if (report) {
        const unitId = row.liaison.role === "submitter" ? unitIds.get(index)! : null;
        tx.insert(reportMembers).values({ reportId: report.report.id, userId: user.id, role: row.liaison.role, unitId }).run();
      }
      accounts.push({ username: row.liaison.username, displayName: row.liaison.displayName, unitName: row.name, role: row.liaison.role, password });
    });
    appendAudit(tx, {
      actorId: actor.userId,
      action: "onboarding.import",
      subjectType: report ? "report" : null,
      subjectId: report ? report.report.id : null,
      reportId: report?.report.id ?? null,
      details: { fileName: file.fileName.slice(0, 120), unitsCreated: unitIds.size, accountsCreated: accounts.length, membersAdded: report ? accounts.length : 0 },
    });
    return { unitsCreated: unitIds.size, accounts, report: report ? { id: report.report.id, title: report.report.title } : null };
  });
}
