/**
 * Versions of the report document for pages and route handlers: list, name a milestone, view one
 * read-only, compare two (or one with the current text), restore (drafters only [R2]; everyone else
 * FORBIDDEN → 403 whatever the UI shows). The Yjs work happens in server/collab behind the gateway.
 */
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { documentClientOwners } from "../../../db/document-store";
import { appendAudit } from "../../../db/queries/audit";
import { findDocumentVersion, listDocumentVersions, type VersionListItem } from "../../../db/queries/document-versions";
import { reportPeople } from "../../../db/queries/suggestions";
import { DomainError } from "../../domain/errors";
import { authorize, type Actor } from "../../domain/policies";
import { blockLines, type JsonNode } from "../../domain/document-sections";
import { attributeInsertions, insertionAuthors } from "../../domain/diff-authorship";
import { diffLines, pageOfDiff, type DiffPage } from "../../domain/text-diff";
import { documentHistory, type DocumentGateway, type DocumentHistoryGateway, type DocumentNode } from "../document-gateway";
import { loadDocumentAccess } from "../access";
import { parseInput } from "../validation";

type Gateway = Pick<DocumentGateway, "read"> & DocumentHistoryGateway;

export { MILESTONE_NAMES } from "./version-names";

const id = z.coerce.number().int().positive();
export const nameVersionSchema = z.object({
  reportId: id,
  documentId: id,
  name: z.string().trim().min(1, "请填写版本名称").max(40, "版本名称不能超过 40 个字"),
});
export const restoreVersionSchema = z.object({ reportId: id, documentId: id, versionId: id });
export const compareVersionsSchema = z.object({
  reportId: id,
  documentId: id,
  from: id,
  /** A version id, or "current" for the document as it is now. */
  to: z.union([z.literal("current"), id]),
  page: z.coerce.number().int().positive().max(100_000).default(1),
});

export function versionLabel(v: Pick<VersionListItem, "kind" | "name" | "id">): string {
  switch (v.kind) {
    case "named":
      return v.name ?? `版本 ${v.id}`;
    case "restore":
      return `恢复（版本 ${v.id}）`;
    case "auto":
      return `自动保存（版本 ${v.id}）`;
    default: {
      const exhaustive: never = v.kind;
      return String(exhaustive);
    }
  }
}

export type VersionView = VersionListItem & { authorNames: string[] };

function nameAuthors(db: DbOrTx, reportId: number, versions: VersionListItem[]): VersionView[] {
  const names = new Map(reportPeople(db, reportId).map((p) => [p.userId, p.displayName]));
  return versions.map((v) => ({ ...v, authorNames: (v.authors ?? []).map((id) => names.get(id) ?? "（已移出报告的成员）") }));
}

export function documentVersions(db: DbOrTx, actor: Actor, reportId: number, documentId: number) {
  const grant = loadDocumentAccess(db, actor, reportId, documentId);
  return { versions: nameAuthors(db, reportId, listDocumentVersions(db, documentId)), canManage: grant.abilities.manageVersions };
}

function requireManage(db: DbOrTx, actor: Actor, reportId: number, documentId: number): void {
  const grant = loadDocumentAccess(db, actor, reportId, documentId);
  authorize({ on: "document", actor: grant.report.actor, document: grant.document, ability: "manageVersions" });
}

export async function nameDocumentVersion(db: DbOrTx, actor: Actor, input: unknown, gateway: Gateway = documentHistory()): Promise<{ id: number }> {
  const data = parseInput(nameVersionSchema, input);
  requireManage(db, actor, data.reportId, data.documentId);
  // The collaboration server writes the version; its audit row goes in the same transaction.
  return gateway.nameVersion(data.documentId, data.name, actor.userId, (tx, versionId) =>
    appendAudit(tx, { actorId: actor.userId, action: "version.name", subjectType: "document", subjectId: data.documentId, reportId: data.reportId, details: { versionId, name: data.name } }),
  );
}

export async function restoreDocumentVersion(db: DbOrTx, actor: Actor, input: unknown, gateway: Gateway = documentHistory()): Promise<{ id: number }> {
  const data = parseInput(restoreVersionSchema, input);
  requireManage(db, actor, data.reportId, data.documentId);
  const source = findDocumentVersion(db, data.documentId, data.versionId);
  if (!source) throw new DomainError("NOT_FOUND", "未找到该版本");
  return gateway.restoreVersion(data.documentId, data.versionId, actor.userId, (tx, versionId) =>
    appendAudit(tx, {
      actorId: actor.userId,
      action: "version.restore",
      subjectType: "document",
      subjectId: data.documentId,
      reportId: data.reportId,
      details: { restoredFromId: data.versionId, restoredFrom: versionLabel(source), versionId },
    }),
  );
}

export async function viewDocumentVersion(
  db: DbOrTx,
  actor: Actor,
  reportId: number,
  documentId: number,
  versionId: number,
  gateway: Gateway = documentHistory(),
): Promise<{ version: VersionListItem; content: DocumentNode; canManage: boolean }> {
  const grant = loadDocumentAccess(db, actor, reportId, documentId);
  const version = findDocumentVersion(db, documentId, versionId);
  if (!version) throw new DomainError("NOT_FOUND", "未找到该版本");
  return { version, content: await gateway.readVersion(documentId, versionId), canManage: grant.abilities.manageVersions };
}

/** The text of a document, one line per block. */
export function documentText(doc: DocumentNode): string {
  return (doc.content ?? []).flatMap((b) => blockLines(b as JsonNode)).join("\n");
}

export async function compareDocumentVersions(
  db: DbOrTx,
  actor: Actor,
  input: unknown,
  gateway: Gateway = documentHistory(),
): Promise<DiffPage & { fromLabel: string; toLabel: string; authorNames: string[]; insertionAuthors: (string | null)[] }> {
  const data = parseInput(compareVersionsSchema, input);
  loadDocumentAccess(db, actor, data.reportId, data.documentId);
  const from = findDocumentVersion(db, data.documentId, data.from);
  const to = data.to === "current" ? null : findDocumentVersion(db, data.documentId, data.to);
  if (!from || (data.to !== "current" && !to)) throw new DomainError("NOT_FOUND", "未找到该版本");
  const before = await gateway.readAuthoredText(data.documentId, from.id);
  const after = await gateway.readAuthoredText(data.documentId, to ? to.id : null);
  // Who wrote each insertion: the clientID of its characters → the user who first sent it.
  const names = new Map(reportPeople(db, data.reportId).map((p) => [p.userId, p.displayName]));
  const owners = documentClientOwners(db, data.documentId);
  const authorOf = (clientId: number) => {
    const userId = owners.get(clientId);
    return userId === undefined ? null : (names.get(userId) ?? "（已移出报告的成员）");
  };
  const lines = attributeInsertions(diffLines(before.text, after.text), after, authorOf);
  // Who changed the text in between (deletions included): the authors recorded by the versions after `from` up to `to`.
  const [low, high] = to && to.id < from.id ? [to.id, from.id] : [from.id, to ? to.id : Number.MAX_SAFE_INTEGER];
  const between = nameAuthors(db, data.reportId, listDocumentVersions(db, data.documentId, 10_000).filter((v) => v.id > low && v.id <= high));
  const authorNames = [...new Set(between.flatMap((v) => v.authorNames))];
  return {
    ...pageOfDiff(lines, data.page),
    fromLabel: versionLabel(from),
    toLabel: to ? versionLabel(to) : "当前正文",
    authorNames,
    insertionAuthors: insertionAuthors(lines),
  };
}
