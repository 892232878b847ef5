import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client";
import { appendDocumentUpdates } from "../../../db/document-store";
import { findUserByUsername } from "../../../db/queries/access";
import { listAudit, verifyAudit } from "../../../db/queries/audit";
import { insertDocumentVersion } from "../../../db/queries/document-versions";
import { documents, reports } from "../../../db/schema";
import { seedDemoWorkspace } from "../../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../../db/testing";
import type { Actor } from "../../domain/policies";
import type { VersionWritten } from "../document-gateway";
import { compareDocumentVersions, documentVersions, nameDocumentVersion, restoreDocumentVersion } from "./versions";

let t: TemporaryDatabase;
let db: Db;
let reportId: number;
let documentId: number;
let versionId: number;
const calls: string[] = [];
const doc = (...texts: string[]) => ({ type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });
const gateway = {
  read: async () => doc("第一段改了。", "第二段。", "第三段。"),
  readVersion: async () => doc("第一段。", "第二段。"),
  // The same texts with who wrote them: clientID 7 (drafter1), 11 (drafter2), 99 (never claimed).
  readAuthoredText: async (_d: number, v: number | null) =>
    v === null
      ? {
          text: "第一段改了。\n第二段。\n第三段。",
          runs: [
            { clientId: 7, length: 3 },
            { clientId: 11, length: 2 },
            { clientId: 7, length: 1 },
            { clientId: null, length: 1 },
            { clientId: 7, length: 4 },
            { clientId: null, length: 1 },
            { clientId: 11, length: 2 },
            { clientId: 99, length: 2 },
          ],
        }
      : { text: "第一段。\n第二段。", runs: [{ clientId: 7, length: 4 }, { clientId: null, length: 1 }, { clientId: 7, length: 4 }] },
  // Like the collaboration server: the caller's audit row goes in the transaction that writes the version.
  nameVersion: async (_d: number, name: string, _u: number, written?: VersionWritten) => {
    calls.push(`name ${name}`);
    db.transaction((tx) => written?.(tx, 99));
    return { id: 99 };
  },
  restoreVersion: async (_d: number, v: number, _u: number, written?: VersionWritten) => {
    calls.push(`restore ${v}`);
    db.transaction((tx) => written?.(tx, 100));
    return { id: 100 };
  },
};

beforeAll(async () => {
  t = createTemporaryDatabase("jianyan-versions-");
  db = t.db;
  await seedDemoWorkspace(db);
  reportId = db.select().from(reports).orderBy(reports.id).all()[0].id;
  documentId = db.select().from(documents).where(eq(documents.reportId, reportId)).get()!.id;
  versionId = insertDocumentVersion(db, { documentId, kind: "named", name: "征求意见稿", state: new Uint8Array([0, 0]), stateVector: new Uint8Array([0]) }).id;
});
afterAll(() => t.cleanup());

const as = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};

describe("document versions [R2]", () => {
  it("only drafters name and restore; everyone else is FORBIDDEN (403)", async () => {
    for (const who of ["reviewer1", "admin", "unit1", "viewer1"]) {
      await expect(restoreDocumentVersion(db, as(who), { reportId, documentId, versionId }, gateway)).rejects.toMatchObject({ code: "FORBIDDEN", rule: "R2" });
      await expect(nameDocumentVersion(db, as(who), { reportId, documentId, name: "定稿" }, gateway)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(calls).toEqual([]);
    await nameDocumentVersion(db, as("drafter1"), { reportId, documentId, name: " 送审稿 " }, gateway);
    await restoreDocumentVersion(db, as("drafter2"), { reportId, documentId, versionId }, gateway);
    expect(calls).toEqual(["name 送审稿", `restore ${versionId}`]);
    // Both are audited with who, which document and which versions; the refusals above left no row.
    const trail = listAudit(db, { limit: 100 }).filter((r) => r.action.startsWith("version.")).reverse();
    expect(trail.map((r) => [r.action, r.actorId, r.subjectType, r.subjectId, r.reportId])).toEqual([
      ["version.name", as("drafter1").userId, "document", String(documentId), reportId],
      ["version.restore", as("drafter2").userId, "document", String(documentId), reportId],
    ]);
    expect(JSON.parse(trail[0].details)).toEqual({ versionId: 99, name: "送审稿" });
    expect(JSON.parse(trail[1].details)).toEqual({ restoredFromId: versionId, restoredFrom: "征求意见稿", versionId: 100 });
    expect(verifyAudit(db).ok).toBe(true);
    await expect(restoreDocumentVersion(db, as("drafter2"), { reportId, documentId, versionId: 424242 }, gateway)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(listAudit(db, { action: "version.restore" })).toHaveLength(1);
    expect(documentVersions(db, as("viewer1"), reportId, documentId).canManage).toBe(false);
    expect(documentVersions(db, as("drafter1"), reportId, documentId).canManage).toBe(true);
  });

  it("compares a version with the current text, inline, naming who wrote each insertion", async () => {
    insertDocumentVersion(db, { documentId, kind: "auto", state: new Uint8Array([0, 0]), stateVector: new Uint8Array([1]), authors: [as("drafter2").userId] });
    appendDocumentUpdates(db, [
      { documentId, update: new Uint8Array([0, 0]), userId: as("drafter1").userId, clientIds: [7] },
      { documentId, update: new Uint8Array([0, 0]), userId: as("drafter2").userId, clientIds: [11] },
      // A later claim of an owned clientID changes nothing: the first one wins.
      { documentId, update: new Uint8Array([0, 0]), userId: as("drafter1").userId, clientIds: [11] },
    ]);
    const diff = await compareDocumentVersions(db, as("reviewer1"), { reportId, documentId, from: versionId, to: "current" }, gateway);
    expect(diff.lines.map((l) => l.kind)).toEqual(["change", "equal", "insert"]);
    expect(diff.lines[0].segments).toEqual([
      { op: "equal", text: "第一段" },
      { op: "insert", text: "改了", author: "李文稿" },
      { op: "equal", text: "。" },
    ]);
    expect(diff.lines[2].segments).toEqual([
      { op: "insert", text: "第三", author: "李文稿" },
      { op: "insert", text: "段。", author: null },
    ]);
    expect(diff).toMatchObject({ fromLabel: "征求意见稿", toLabel: "当前正文", pages: 1, authorNames: ["李文稿"], insertionAuthors: ["李文稿", null] });
  });
});
