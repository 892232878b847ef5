/** The reviewers' queue: unassigned · assigned to me · returned (waiting for the unit) · overdue. */
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { countQueue, findingsOfMany, listQueue, type QueueTab } from "../../../db/queries/suggestions";
import { authorize, type Actor } from "../../domain/policies";
import { loadReportAccess } from "../access";
import { parseInput } from "../validation";

export const queueTabs = ["unassigned", "mine", "returned", "overdue"] as const satisfies readonly QueueTab[];

export const queueSchema = z.object({
  reportId: z.coerce.number().int().positive(),
  tab: z.enum(queueTabs).catch("unassigned"),
  // A cursor from the address bar that is not one starts at the first page, as an unknown tab does.
  after: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()).catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(30),
});

export function reviewerQueue(db: DbOrTx, actor: Actor, input: unknown, now = new Date()) {
  const data = parseInput(queueSchema, input);
  const access = loadReportAccess(db, actor, data.reportId);
  authorize({ on: "report", actor: access.actor, ability: "reviewSuggestions" });
  const overdueBefore = new Date(now.getTime() - access.report.reviewOverdueDays * 86_400_000);
  const page = listQueue(db, { reportId: data.reportId, tab: data.tab, userId: actor.userId, overdueBefore, after: data.after, limit: data.limit });
  const counts = Object.fromEntries(queueTabs.map((t) => [t, countQueue(db, data.reportId, t, actor.userId, overdueBefore)])) as Record<QueueTab, number>;
  const findingsBy = findingsOfMany(db, page.rows.map((r) => r.id));
  return {
    access,
    tab: data.tab,
    counts,
    overdueDays: access.report.reviewOverdueDays,
    rows: page.rows.map((r) => ({ ...r, findings: findingsBy.get(r.id) ?? [] })),
    next: page.next,
  };
}
