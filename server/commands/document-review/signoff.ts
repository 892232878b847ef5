/**
 * Section sign-off: a reviewer approves a countermeasure section, or requests changes with a
 * comment. The section's text and hash are computed here from the document as the server holds it
 * (through the document gateway), never taken from the client. The overview says, per section,
 * whether it is approved, 批准后已修改 (with the diff of the approved and the current text), or
 * waiting for changes.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { immediate, type Db, type DbOrTx } from "../../../db/client";
import { appendAudit } from "../../../db/queries/audit";
import { insertReportNotifications, insertSectionSignoff, listSectionSignoffs } from "../../../db/queries/document-review";
import { reportPeople } from "../../../db/queries/suggestions";
import { DomainError } from "../../domain/errors";
import { authorize, can, type Actor } from "../../domain/policies";
import { isPlaceholderSection, signableSections, signoffStateOf, type SectionSignoffState } from "../../domain/section-signoff";
import { diffLines, type DiffLine } from "../../domain/text-diff";
import { documentGateway, type DocumentGateway } from "../document-gateway";
import { actorOfPerson, loadDocumentAccess } from "../access";
import { parseInput } from "../validation";

type Reader = Pick<DocumentGateway, "read">;

export function sectionHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export const signOffSectionSchema = z
  .object({
    reportId: z.coerce.number().int().positive(),
    documentId: z.coerce.number().int().positive(),
    sectionId: z.string().min(1).max(100),
    decision: z.enum(["approved", "changes_requested"]),
    comment: z.string().trim().max(2000, "意见不能超过 2000 个字").optional(),
  })
  .refine((d) => d.decision === "approved" || (d.comment ?? "").length > 0, { path: ["comment"], message: "请写明需要修改的内容" });

export type SectionSignoffView = {
  id: string;
  title: string;
  state: SectionSignoffState["kind"];
  /** [R6] Only placeholder text so far: nothing to approve yet. */
  placeholder: boolean;
  latest: { decision: "approved" | "changes_requested"; reviewerName: string; at: string; comment: string | null } | null;
  /** When the section changed since its approval: approved → current text. */
  diff: DiffLine[] | null;
};

export type SignoffOverview = { sections: SectionSignoffView[]; approved: number; total: number; canSignOff: boolean };

export async function sectionSignoffOverview(
  db: DbOrTx,
  actor: Actor,
  reportId: number,
  documentId: number,
  gateway: Reader = documentGateway(),
): Promise<SignoffOverview> {
  const grant = loadDocumentAccess(db, actor, reportId, documentId);
  const sections = signableSections(await gateway.read(documentId));
  const rows = listSectionSignoffs(db, documentId);
  const views = sections.map((s): SectionSignoffView => {
    const latest = rows.find((r) => r.sectionId === s.id) ?? null;
    const state = signoffStateOf(latest, sectionHash(s.text));
    return {
      id: s.id,
      title: s.title,
      state: state.kind,
      placeholder: isPlaceholderSection(s),
      latest: latest
        ? { decision: latest.decision, reviewerName: latest.reviewerName, at: latest.createdAt.toISOString(), comment: latest.comment }
        : null,
      diff: state.kind === "changed_since_approval" && latest ? diffLines(latest.sectionText, s.text) : null,
    };
  });
  return {
    sections: views,
    approved: views.filter((v) => v.state === "approved").length,
    total: views.length,
    canSignOff: grant.abilities.signOff,
  };
}

export async function signOffSection(db: Db, actor: Actor, input: unknown, gateway: Reader = documentGateway()): Promise<{ id: number }> {
  const data = parseInput(signOffSectionSchema, input);
  const grant = loadDocumentAccess(db, actor, data.reportId, data.documentId);
  authorize({ on: "document", actor: grant.report.actor, document: grant.document, ability: "signOff" });
  const section = signableSections(await gateway.read(data.documentId)).find((s) => s.id === data.sectionId);
  if (!section) throw new DomainError("NOT_FOUND", "未找到该章节，可能已被删除或不再属于对策及建议部分");
  if (data.decision === "approved" && isPlaceholderSection(section))
    throw new DomainError("VALIDATION", "该节正文还是占位文字，没有可批准的内容；可以先要求修改", { rule: "R6" });
  return immediate(db, (tx) => {
    loadDocumentAccess(tx, actor, data.reportId, data.documentId);
    if (data.decision === "changes_requested") {
      // The drafting group (those who may change the text) hears what the reviewer wants changed.
      const people = reportPeople(tx, data.reportId);
      const reviewerName = people.find((p) => p.userId === actor.userId)?.displayName ?? "审核人";
      insertReportNotifications(
        tx,
        people
          .filter((p) => p.userId !== actor.userId && can({ on: "document", actor: actorOfPerson(data.reportId, p), document: grant.document, ability: "edit" }))
          .map((p) => ({
            userId: p.userId,
            reportId: data.reportId,
            kind: "document_changes_requested",
            payload: { text: `${reviewerName}要求修改章节「${section.title}」：${(data.comment ?? "").slice(0, 80)}`, excerpt: data.comment ?? "", actorName: reviewerName },
          })),
      );
    }
    const signoff = insertSectionSignoff(tx, {
      reportId: data.reportId,
      documentId: data.documentId,
      sectionId: section.id,
      sectionTitle: section.title,
      decision: data.decision,
      reviewerId: actor.userId,
      sectionText: section.text,
      sectionHash: sectionHash(section.text),
      comment: data.comment || null,
    });
    appendAudit(tx, {
      actorId: actor.userId,
      action: data.decision === "approved" ? "section.approve" : "section.request_changes",
      subjectType: "section",
      subjectId: section.id,
      reportId: data.reportId,
      details: { documentId: data.documentId, title: section.title, sectionHash: sectionHash(section.text), ...(data.comment ? { comment: data.comment } : {}) },
    });
    return signoff;
  });
}
