/**
 * A comment on a suggestion, with @mentions. A mention names a member of the report by username or
 * display name (@reviewer1, @赵审核); only people who may see the suggestion are notified.
 * Comments do not change the suggestion, so they never conflict with a decision.
 */
import { z } from "zod";
import { immediate, type Db } from "../../../db/client";
import { insertComment, insertEvent, reportPeople, unitSubmitterIds, type ReportPerson } from "../../../db/queries/suggestions";
import { canViewSuggestion, type Actor } from "../../domain/policies";
import { actorOfPerson } from "../access";
import { parseInput } from "../validation";
import { loadVisibleSuggestion, notifyUsers } from "./shared";

export const addCommentSchema = z.object({
  reportId: z.coerce.number().int().positive(),
  suggestionId: z.coerce.number().int().positive(),
  body: z.string().trim().min(1, "请填写评论内容").max(2000, "评论不能超过 2000 个字"),
});

/** The people a text mentions: at each "@", the longest username or display name that follows. */
export function findMentions(body: string, people: ReportPerson[]): ReportPerson[] {
  const names = people
    .flatMap((p) => [
      { name: p.username.toLowerCase(), person: p },
      { name: p.displayName.toLowerCase(), person: p },
    ])
    .filter((n) => n.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLowerCase();
  const found = new Map<number, ReportPerson>();
  for (let i = lower.indexOf("@"); i !== -1; i = lower.indexOf("@", i + 1)) {
    const hit = names.find((n) => lower.startsWith(n.name, i + 1));
    if (hit) found.set(hit.person.userId, hit.person);
  }
  return [...found.values()];
}

export function addSuggestionComment(db: Db, actor: Actor, input: unknown): { id: number; mentioned: number[] } {
  const data = parseInput(addCommentSchema, input);
  return immediate(db, (tx) => {
    const { access, suggestion: s, subject } = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId, "comment");
    const comment = insertComment(tx, { reportId: s.reportId, suggestionId: s.id, authorId: actor.userId, body: data.body });
    const mentioned = findMentions(data.body, reportPeople(tx, s.reportId)).filter((p) => {
      return canViewSuggestion(actorOfPerson(s.reportId, p), access.context, subject);
    });
    const mentionedIds = mentioned.map((p) => p.userId).filter((id) => id !== actor.userId);
    insertEvent(tx, {
      suggestionId: s.id,
      reportId: s.reportId,
      actorId: actor.userId,
      type: "comment",
      payload: { commentId: comment.id, excerpt: data.body.slice(0, 120), mentions: mentionedIds },
    });
    const excerpt = data.body.slice(0, 80);
    notifyUsers(tx, mentionedIds, s, actor.userId, "mention", { excerpt });
    // The unit's submitters and the assignee hear about every comment; those mentioned already got a mention.
    const skip = new Set(mentionedIds);
    const others = [...unitSubmitterIds(tx, s.reportId, s.unitId), ...(s.assigneeId ? [s.assigneeId] : [])].filter((id) => !skip.has(id));
    notifyUsers(tx, others, s, actor.userId, "comment", { excerpt });
    return { id: comment.id, mentioned: mentionedIds };
  });
}
