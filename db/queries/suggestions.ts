/**
 * Data functions for suggestions. Every function takes a database or an open transaction, so the
 * use cases in server/commands/suggestions compose them inside one immediate transaction.
 * Nothing here decides who may do what: callers pass the scope the policy computed.
 */
import { suggestionScopeWhere } from "./reports";
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { SuggestionScope } from "../../server/domain/policies";
import type { ReportRole } from "../../server/domain/roles";
import { readSuggestionEvent, statesOf, type SuggestionEvent } from "../../server/domain/suggestion-events";
import type { SuggestionState } from "../../server/domain/suggestion-lifecycle";
import type { DbOrTx } from "../client";
import {
  comments,
  findings,
  findingSuggestionCounts,
  notifications,
  reportMembers,
  reports,
  suggestionEvents,
  suggestionFindings,
  suggestions,
  units,
  users,
  type Suggestion,
} from "../schema";
import { prepared } from "./prepared";
import { alias } from "drizzle-orm/sqlite-core";
import { snippetAround } from "../search-text";
import { containsWord, relevanceScore, searchPlan, suggestionsBigrams, suggestionsFts, type SearchPlan } from "./suggestion-search";

/** The queue's "pending" predicate, written exactly as in the partial indexes of migration 0001. */
export const PENDING_SQL = sql`${suggestions.state} in ('submitted','under_review')`;

// ---------------------------------------------------------------- single suggestion

export function findSuggestionRow(db: DbOrTx, reportId: number, suggestionId: number): Suggestion | undefined {
  if (!Number.isInteger(suggestionId)) return undefined;
  return prepared(db, "findSuggestionRow", (d) =>
    d
      .select()
      .from(suggestions)
      .where(and(eq(suggestions.id, sql.placeholder("id")), eq(suggestions.reportId, sql.placeholder("reportId"))))
      .prepare(),
  ).get({ id: suggestionId, reportId });
}

/** A person's display name by id, as a correlated subquery (no self-joins of users needed). */
const nameOf = (column: SQL | typeof suggestions.assigneeId) =>
  sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${column})`;

/** A suggestion with the names a page shows (unit, author, assignee, decider). */
export function findSuggestionDetail(db: DbOrTx, reportId: number, suggestionId: number) {
  if (!Number.isInteger(suggestionId)) return undefined;
  return db
    .select({
      suggestion: suggestions,
      unitName: units.name,
      authorName: nameOf(sql`${suggestions.authorId}`),
      assigneeName: nameOf(suggestions.assigneeId),
      deciderName: nameOf(sql`${suggestions.decidedBy}`),
    })
    .from(suggestions)
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(and(eq(suggestions.id, suggestionId), eq(suggestions.reportId, reportId)))
    .get();
}

export function findSuggestionIdByCode(db: DbOrTx, reportId: number, code: string): number | undefined {
  return db
    .select({ id: suggestions.id })
    .from(suggestions)
    .where(and(eq(suggestions.reportId, reportId), eq(suggestions.code, code.trim().toUpperCase())))
    .get()?.id;
}

export function findByClientRequest(db: DbOrTx, authorId: number, clientRequestId: string) {
  return db
    .select()
    .from(suggestions)
    .where(and(eq(suggestions.authorId, authorId), eq(suggestions.clientRequestId, clientRequestId)))
    .get();
}

/** Takes the next human code (JY-0001 …) of a report; call inside the creating transaction. */
export function takeSuggestionCode(db: DbOrTx, reportId: number): string {
  const row = db
    .update(reports)
    .set({ nextSuggestionSeq: sql`${reports.nextSuggestionSeq} + 1` })
    .where(eq(reports.id, reportId))
    .returning({ seq: reports.nextSuggestionSeq })
    .get();
  if (!row) throw new Error(`report ${reportId} not found`);
  return `JY-${String(row.seq - 1).padStart(4, "0")}`;
}

export function insertSuggestion(db: DbOrTx, values: typeof suggestions.$inferInsert): Suggestion {
  return db.insert(suggestions).values(values).returning().get();
}

/**
 * Writes a patch only if the row still has the version the caller read; bumps the version.
 * Returns the new row, or undefined when someone else wrote first (the caller raises CONFLICT).
 */
export function updateSuggestionIfVersion(
  db: DbOrTx,
  suggestionId: number,
  expectedVersion: number,
  patch: Partial<typeof suggestions.$inferInsert>,
): { version: number; updatedAt: Date } | undefined {
  const updatedAt = new Date();
  const keys = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => k !== "version" && k !== "updatedAt" && patch[k] !== undefined).sort();
  // No RETURNING: the caller knows the row it read. One prepared statement per set of columns.
  const update = prepared(db, `updateSuggestion:${keys.join(",")}`, (d) =>
    d
      .update(suggestions)
      // Raw placeholders: values are given in driver form below (dates as epoch milliseconds).
      .set({
        ...Object.fromEntries(keys.map((k) => [k, sql`${sql.placeholder(k)}`])),
        version: sql`${sql.placeholder("__version")}`,
        updatedAt: sql`${sql.placeholder("__updatedAt")}`,
      })
      .where(and(eq(suggestions.id, sql.placeholder("__id")), eq(suggestions.version, sql.placeholder("__expected"))))
      .prepare(),
  );
  const driverValue = (v: unknown) => (v instanceof Date ? v.getTime() : (v ?? null));
  const result = update.run({
    ...Object.fromEntries(keys.map((k) => [k, driverValue(patch[k])])),
    __version: expectedVersion + 1,
    __updatedAt: updatedAt.getTime(),
    __id: suggestionId,
    __expected: expectedVersion,
  });
  return result.changes === 1 ? { version: expectedVersion + 1, updatedAt } : undefined;
}

// ---------------------------------------------------------------- findings links

export function findingIdsOf(db: DbOrTx, suggestionId: number): number[] {
  return db
    .select({ id: suggestionFindings.findingId })
    .from(suggestionFindings)
    .where(eq(suggestionFindings.suggestionId, suggestionId))
    .orderBy(asc(suggestionFindings.findingId))
    .all()
    .map((r) => r.id);
}

export function findingsOfSuggestion(db: DbOrTx, suggestionId: number) {
  return db
    .select({ id: findings.id, kind: findings.kind, number: findings.number, title: findings.title })
    .from(suggestionFindings)
    .innerJoin(findings, eq(findings.id, suggestionFindings.findingId))
    .where(eq(suggestionFindings.suggestionId, suggestionId))
    .orderBy(asc(findings.kind), asc(findings.number))
    .all();
}

/** The ids among `ids` that are findings of this report. */
export function existingFindingIds(db: DbOrTx, reportId: number, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  return db
    .select({ id: findings.id })
    .from(findings)
    .where(and(eq(findings.reportId, reportId), inArray(findings.id, [...ids])))
    .all()
    .map((r) => r.id);
}

export function replaceFindingLinks(db: DbOrTx, suggestionId: number, findingIds: readonly number[]): void {
  const current = new Set(findingIdsOf(db, suggestionId));
  const next = new Set(findingIds);
  const removed = [...current].filter((id) => !next.has(id));
  if (removed.length)
    db.delete(suggestionFindings)
      .where(and(eq(suggestionFindings.suggestionId, suggestionId), inArray(suggestionFindings.findingId, removed)))
      .run();
  for (const id of next) if (!current.has(id)) db.insert(suggestionFindings).values({ suggestionId, findingId: id }).run();
}

export function reportFindings(db: DbOrTx, reportId: number) {
  return db
    .select({ id: findings.id, kind: findings.kind, number: findings.number, title: findings.title, summary: findings.summary })
    .from(findings)
    .where(eq(findings.reportId, reportId))
    .orderBy(sql`case ${findings.kind} when 'problem' then 0 when 'cause' then 1 when 'practice' then 2 else 3 end`, asc(findings.number))
    .all();
}

/** Suggestions per finding and state, from the trigger-kept counter table (all units, drafts included). */
export function findingCounts(db: DbOrTx, reportId: number) {
  return db
    .select({ findingId: findingSuggestionCounts.findingId, state: findingSuggestionCounts.state, n: findingSuggestionCounts.n })
    .from(findingSuggestionCounts)
    .innerJoin(findings, eq(findings.id, findingSuggestionCounts.findingId))
    .where(and(eq(findings.reportId, reportId), gt(findingSuggestionCounts.n, 0)))
    .all();
}

/** The same counts for one unit (what a submitter sees under `own_unit`). */
export function findingCountsForUnit(db: DbOrTx, reportId: number, unitId: number) {
  return db
    .select({ findingId: suggestionFindings.findingId, state: suggestions.state, n: sql<number>`count(*)` })
    .from(suggestions)
    .innerJoin(suggestionFindings, eq(suggestionFindings.suggestionId, suggestions.id))
    .where(and(eq(suggestions.reportId, reportId), eq(suggestions.unitId, unitId)))
    .groupBy(suggestionFindings.findingId, suggestions.state)
    .all();
}

// ---------------------------------------------------------------- events, comments

/** An event to append: whose and by whom, and the event itself (typed in the domain). */
export type SuggestionEventInput = { suggestionId: number; reportId: number; actorId: number | null } & SuggestionEvent;

export function insertEvent(db: DbOrTx, e: SuggestionEventInput): void {
  prepared(db, "insertEvent", (d) =>
    d
      .insert(suggestionEvents)
      .values({
        suggestionId: sql.placeholder("suggestionId"),
        reportId: sql.placeholder("reportId"),
        actorId: sql.placeholder("actorId"),
        type: sql.placeholder("type"),
        fromState: sql.placeholder("fromState"),
        toState: sql.placeholder("toState"),
        payload: sql.placeholder("payload"),
      })
      .prepare(),
  ).run({
    suggestionId: e.suggestionId,
    reportId: e.reportId,
    actorId: e.actorId,
    type: e.type,
    ...statesOf(e),
    payload: e.payload,
  });
}

/** A suggestion's history, oldest first, each row read as the event it was written as. */
export function listEvents(db: DbOrTx, suggestionId: number) {
  const rows = db
    .select({
      id: suggestionEvents.id,
      type: suggestionEvents.type,
      fromState: suggestionEvents.fromState,
      toState: suggestionEvents.toState,
      payload: suggestionEvents.payload,
      createdAt: suggestionEvents.createdAt,
      actorId: suggestionEvents.actorId,
      actorName: users.displayName,
    })
    .from(suggestionEvents)
    .leftJoin(users, eq(users.id, suggestionEvents.actorId))
    .where(eq(suggestionEvents.suggestionId, suggestionId))
    .orderBy(asc(suggestionEvents.id))
    .all();
  return rows.map(({ type, fromState, toState, payload, ...meta }) => ({ ...meta, ...readSuggestionEvent({ type, fromState, toState, payload }) }));
}

export function insertComment(db: DbOrTx, values: { reportId: number; suggestionId: number; authorId: number; body: string }) {
  return db.insert(comments).values(values).returning({ id: comments.id, createdAt: comments.createdAt }).get();
}

export function listSuggestionComments(db: DbOrTx, suggestionId: number) {
  return db
    .select({ id: comments.id, body: comments.body, createdAt: comments.createdAt, authorId: comments.authorId, authorName: users.displayName })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.suggestionId, suggestionId))
    .orderBy(asc(comments.id))
    .all();
}

// ---------------------------------------------------------------- merges

/** Suggestions merged into this one, with their units: the units credited on the canonical suggestion. */
export function mergedInto(db: DbOrTx, canonicalId: number) {
  return db
    .select({ id: suggestions.id, code: suggestions.code, title: suggestions.title, unitId: suggestions.unitId, unitName: units.name })
    .from(suggestions)
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(eq(suggestions.duplicateOfId, canonicalId))
    .orderBy(asc(suggestions.id))
    .all();
}

/** Units of the suggestions merged into this one. */
export function mergedUnitIds(db: DbOrTx, canonicalId: number): number[] {
  return prepared(db, "mergedUnitIds", (d) =>
    d.selectDistinct({ unitId: suggestions.unitId }).from(suggestions).where(eq(suggestions.duplicateOfId, sql.placeholder("id"))).prepare(),
  )
    .all({ id: canonicalId })
    .map((r) => r.unitId);
}

export function mergedIdsOf(db: DbOrTx, canonicalId: number): Suggestion[] {
  return db.select().from(suggestions).where(eq(suggestions.duplicateOfId, canonicalId)).all();
}

// ---------------------------------------------------------------- people

export type ReportPerson = { userId: number; username: string; displayName: string; role: ReportRole; unitId: number | null };

export function reportPeople(db: DbOrTx, reportId: number): ReportPerson[] {
  const members = db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: reportMembers.role,
      unitId: reportMembers.unitId,
    })
    .from(reportMembers)
    .innerJoin(users, eq(users.id, reportMembers.userId))
    .where(and(eq(reportMembers.reportId, reportId), isNull(users.disabledAt)))
    .all();
  const admins = db
    .select({ userId: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.disabledAt)))
    .all()
    .map((a) => ({ ...a, role: "admin" as const, unitId: null }));
  return [...members, ...admins];
}

export function displayNameOf(db: DbOrTx, userId: number): string {
  return (
    prepared(db, "displayNameOf", (d) =>
      d.select({ name: users.displayName }).from(users).where(eq(users.id, sql.placeholder("id"))).prepare(),
    ).get({ id: userId })?.name ?? ""
  );
}

export function unitSubmitterIds(db: DbOrTx, reportId: number, unitId: number): number[] {
  return prepared(db, "unitSubmitterIds", (d) =>
    d
      .select({ id: reportMembers.userId })
      .from(reportMembers)
      .innerJoin(users, eq(users.id, reportMembers.userId))
      .where(
        and(
          eq(reportMembers.reportId, sql.placeholder("reportId")),
          eq(reportMembers.role, "submitter"),
          eq(reportMembers.unitId, sql.placeholder("unitId")),
          isNull(users.disabledAt),
        ),
      )
      .prepare(),
  )
    .all({ reportId, unitId })
    .map((r) => r.id);
}

/**
 * The reviewers a suggestion of the report may be assigned to: members holding `reviewer` whose
 * account is not disabled. The assign commands check against this list and the forms offer it.
 */
export function assignableReviewers(db: DbOrTx, reportId: number): { id: number; name: string }[] {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(reportMembers)
    .innerJoin(users, eq(users.id, reportMembers.userId))
    .where(and(eq(reportMembers.reportId, reportId), eq(reportMembers.role, "reviewer"), isNull(users.disabledAt)))
    .all();
}

export function reportUnits(db: DbOrTx, reportId: number) {
  // Units that speak in this report: those of its submitters and those that already sent suggestions.
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(
      or(
        sql`${units.id} in (select ${reportMembers.unitId} from ${reportMembers} where ${reportMembers.reportId} = ${reportId})`,
        sql`exists (select 1 from ${suggestions} where ${suggestions.reportId} = ${reportId} and ${suggestions.unitId} = ${units.id})`,
      ),
    )
    .orderBy(asc(units.name))
    .all();
}

// ---------------------------------------------------------------- notifications

export type NotificationInput = {
  userId: number;
  reportId: number;
  suggestionId: number;
  kind: string;
  payload: Record<string, unknown>;
};

export function insertNotifications(db: DbOrTx, rows: NotificationInput[]): void {
  const insert = prepared(db, "insertNotification", (d) =>
    d
      .insert(notifications)
      .values({
        userId: sql.placeholder("userId"),
        reportId: sql.placeholder("reportId"),
        suggestionId: sql.placeholder("suggestionId"),
        kind: sql.placeholder("kind"),
        payload: sql.placeholder("payload"),
      })
      .prepare(),
  );
  for (const r of rows) insert.run(r);
}

export function listNotificationsWithLinks(db: DbOrTx, userId: number, limit: number) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      payload: notifications.payload,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      reportId: notifications.reportId,
      suggestionId: notifications.suggestionId,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id))
    .limit(limit)
    .all();
}

// ---------------------------------------------------------------- lists

/** The visibility scope as SQL; one implementation, in db/queries/reports.ts. */
export function scopeCondition(scope: SuggestionScope): SQL {
  return suggestionScopeWhere(scope);
}

export type SuggestionListFilter = {
  states?: SuggestionState[];
  unitId?: number;
  findingId?: number;
  assigneeId?: number | "none";
  /** Inclusive bounds on the creation time. */
  from?: Date;
  to?: Date;
  /** Full-text query (already validated: at least two characters per word). */
  q?: string;
};

/** `relevance` applies to a search only (ADR 044); without a query it is `newest`. */
export type SuggestionSort = "newest" | "oldest" | "relevance";

export type SuggestionListQuery = {
  reportId: number;
  scope: SuggestionScope;
  filter: SuggestionListFilter;
  sort: SuggestionSort;
  /** Keyset cursor: the id of the last row of the previous page. */
  after?: number;
  limit: number;
};

const listColumns = {
  id: suggestions.id,
  code: suggestions.code,
  title: suggestions.title,
  state: suggestions.state,
  unitId: suggestions.unitId,
  unitName: units.name,
  authorId: suggestions.authorId,
  assigneeId: suggestions.assigneeId,
  assigneeName: nameOf(suggestions.assigneeId),
  returnRequest: suggestions.returnRequest,
  decisionOutcome: suggestions.decisionOutcome,
  decisionReply: suggestions.decisionReply,
  decisionReason: suggestions.decisionReason,
  decisionReasonCode: suggestions.decisionReasonCode,
  duplicateOfId: suggestions.duplicateOfId,
  submittedAt: suggestions.submittedAt,
  createdAt: suggestions.createdAt,
  updatedAt: suggestions.updatedAt,
  version: suggestions.version,
};

export type SuggestionListRow = {
  id: number;
  code: string;
  title: string;
  state: SuggestionState;
  unitId: number;
  unitName: string;
  authorId: number;
  assigneeId: number | null;
  assigneeName: string | null;
  returnRequest: string | null;
  decisionOutcome: string | null;
  decisionReply: string | null;
  decisionReason: string | null;
  decisionReasonCode: string | null;
  duplicateOfId: number | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date | null;
  version: number;
};

export function listSuggestionConditions(q: Omit<SuggestionListQuery, "sort" | "after" | "limit">): SQL[] {
  const f = q.filter;
  const conds: SQL[] = [eq(suggestions.reportId, q.reportId), scopeCondition(q.scope)];
  if (f.states?.length) conds.push(f.states.length === 1 ? eq(suggestions.state, f.states[0]) : inArray(suggestions.state, f.states));
  if (f.unitId !== undefined) conds.push(eq(suggestions.unitId, f.unitId));
  if (f.assigneeId === "none") conds.push(isNull(suggestions.assigneeId));
  else if (f.assigneeId !== undefined) conds.push(eq(suggestions.assigneeId, f.assigneeId));
  if (f.findingId !== undefined)
    conds.push(
      sql`exists (select 1 from ${suggestionFindings} where ${suggestionFindings.suggestionId} = ${suggestions.id} and ${suggestionFindings.findingId} = ${f.findingId})`,
    );
  if (f.from) conds.push(gte(suggestions.createdAt, f.from));
  if (f.to) conds.push(lte(suggestions.createdAt, f.to));
  return conds;
}

const cursorRow = alias(suggestions, "cursor_row");

/**
 * The rows an index proposes for a search, and the checks that make them exactly the matches.
 * When the rows in question are one unit's (a submitter's own scope, or the unit filter), the
 * unit's rows are read through their index and every word checked in the text: bounded by the
 * unit's suggestions, where the index would walk every match in the report to find the unit's few.
 */
function searchSource(plan: SearchPlan, q: Omit<SuggestionListQuery, "sort" | "after" | "limit">) {
  const oneUnit = q.scope.kind === "own_unit" || q.filter.unitId !== undefined;
  if (oneUnit) return { fts: null, conds: plan.words.map((w) => containsWord(suggestions, w)) };
  const fts = plan.index === "bigrams" ? suggestionsBigrams : suggestionsFts;
  return {
    fts,
    conds: [sql`${fts} match ${plan.match}`, ...plan.verify.map((w) => containsWord(suggestions, w))],
  };
}

/**
 * One page of the suggestions the scope allows, keyset-paged by id: newest or oldest first, or, for
 * a search, by relevance (score, then newest); the cursor is the last row's id either way.
 */
export function listSuggestions(db: DbOrTx, q: SuggestionListQuery): { rows: SuggestionListRow[]; next: number | null } {
  const conds = listSuggestionConditions(q);
  const plan = q.filter.q ? searchPlan(q.filter.q) : null;
  if (q.filter.q && plan === null) return { rows: [], next: null };
  const sort: SuggestionSort = q.sort === "relevance" && !plan ? "newest" : q.sort;
  const source = plan ? searchSource(plan, q) : { fts: null, conds: [] };
  conds.push(...source.conds);
  const fts = source.fts;

  let order: SQL[];
  if (sort === "relevance") {
    const score = relevanceScore(suggestions, plan!.words);
    if (q.after !== undefined)
      conds.push(
        sql`(${score}, ${suggestions.id}) < (select ${relevanceScore(cursorRow, plan!.words)}, ${cursorRow.id} from ${suggestions} ${sql.identifier("cursor_row")} where ${cursorRow.id} = ${q.after})`,
      );
    order = [desc(score), desc(suggestions.id)];
  } else {
    if (q.after !== undefined) conds.push(sort === "newest" ? lt(suggestions.id, q.after) : gt(suggestions.id, q.after));
    // Through the FTS rowid, which FTS5 returns in order without sorting.
    const key = fts ? fts.rowid : suggestions.id;
    order = [sort === "newest" ? desc(key) : asc(key)];
  }
  const rows = (
    fts
      ? db
          .select(listColumns)
          .from(fts)
          .innerJoin(suggestions, eq(suggestions.id, fts.rowid))
          .innerJoin(units, eq(units.id, suggestions.unitId))
          .where(and(...conds))
          .orderBy(...order)
          .limit(q.limit + 1)
          .all()
      : db
          .select(listColumns)
          .from(suggestions)
          .innerJoin(units, eq(units.id, suggestions.unitId))
          .where(and(...conds))
          .orderBy(...order)
          .limit(q.limit + 1)
          .all()
  ) as SuggestionListRow[];
  const more = rows.length > q.limit;
  if (more) rows.pop();
  return { rows, next: more ? rows[rows.length - 1].id : null };
}

/** Counting a search stops here: the page shows "10,000+"; every row stays reachable by paging. */
export const SEARCH_COUNT_CAP = 10_000;

/** How many suggestions a search (or a filter) finds in the scope, exactly up to SEARCH_COUNT_CAP (then the cap + 1). */
export function countSuggestions(db: DbOrTx, q: Omit<SuggestionListQuery, "sort" | "after" | "limit">): number {
  const conds = listSuggestionConditions(q);
  const plan = q.filter.q ? searchPlan(q.filter.q) : null;
  if (q.filter.q && plan === null) return 0;
  const source = plan ? searchSource(plan, q) : { fts: null, conds: [] };
  const fts = source.fts;
  const capped = (
    fts
      ? db.select({ one: sql`1` }).from(fts).innerJoin(suggestions, eq(suggestions.id, fts.rowid))
      : db.select({ one: sql`1` }).from(suggestions)
  )
    .where(and(...conds, ...source.conds))
    .limit(SEARCH_COUNT_CAP + 1)
    .as("capped");
  return db.select({ n: sql<number>`count(*)` }).from(capped).get()?.n ?? 0;
}

/**
 * For a page of search results: an excerpt of the content (or else the proposed wording) around
 * the first matched word, for rows whose title alone does not show why they matched.
 */
export function searchSnippets(db: DbOrTx, suggestionIds: number[], words: readonly string[]): Map<number, string> {
  const out = new Map<number, string>();
  if (suggestionIds.length === 0 || words.length === 0) return out;
  const rows = db
    .select({ id: suggestions.id, body: suggestions.body, proposedWording: suggestions.proposedWording })
    .from(suggestions)
    .where(inArray(suggestions.id, suggestionIds))
    .all();
  for (const r of rows) {
    const snippet = snippetAround(r.body, words) ?? snippetAround(r.proposedWording, words);
    if (snippet) out.set(r.id, snippet);
  }
  return out;
}

export type CommentSearchRow = {
  id: number;
  body: string;
  createdAt: Date;
  authorName: string;
  suggestionId: number;
  suggestionCode: string;
  suggestionTitle: string;
};

/**
 * Comments on the suggestions the scope allows whose text holds every word, with LIKE's meaning
 * (instr on the ASCII-lower-cased body, ADR 044), newest first, keyset-paged by comment id. A scan
 * of the report's comments: bounded by how many there are, and exact.
 */
export function searchSuggestionComments(
  db: DbOrTx,
  q: { reportId: number; scope: SuggestionScope; words: readonly string[]; after?: number; limit: number },
): { rows: CommentSearchRow[]; next: number | null; total: number } {
  if (q.words.length === 0) return { rows: [], next: null, total: 0 };
  const conds = [
    eq(comments.reportId, q.reportId),
    ...listSuggestionConditions({ reportId: q.reportId, scope: q.scope, filter: {} }),
    ...q.words.map((w) => sql`instr(lower(${comments.body}), ${w}) > 0`),
  ];
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(comments)
      .innerJoin(suggestions, eq(suggestions.id, comments.suggestionId))
      .where(and(...conds))
      .get()?.n ?? 0;
  const rows = db
    .select({
      id: comments.id,
      body: comments.body,
      createdAt: comments.createdAt,
      authorName: users.displayName,
      suggestionId: suggestions.id,
      suggestionCode: suggestions.code,
      suggestionTitle: suggestions.title,
    })
    .from(comments)
    .innerJoin(suggestions, eq(suggestions.id, comments.suggestionId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(...conds, ...(q.after !== undefined ? [lt(comments.id, q.after)] : [])))
    .orderBy(desc(comments.id))
    .limit(q.limit + 1)
    .all();
  const more = rows.length > q.limit;
  if (more) rows.pop();
  return { rows, next: more ? rows[rows.length - 1].id : null, total };
}

/** The first characters of each suggestion's content, for exports. */
export function summariesOf(db: DbOrTx, suggestionIds: number[], length = 120): Map<number, string> {
  if (suggestionIds.length === 0) return new Map();
  const rows = db
    .select({ id: suggestions.id, summary: sql<string>`substr(${suggestions.body}, 1, ${length})` })
    .from(suggestions)
    .where(inArray(suggestions.id, suggestionIds))
    .all();
  return new Map(rows.map((r) => [r.id, r.summary]));
}

/** Findings of a page of suggestions, for the list's "对应问题" column. */
export function findingsOfMany(db: DbOrTx, suggestionIds: number[]) {
  if (suggestionIds.length === 0) return new Map<number, { kind: string; number: number; title: string }[]>();
  const rows = db
    .select({ suggestionId: suggestionFindings.suggestionId, kind: findings.kind, number: findings.number, title: findings.title })
    .from(suggestionFindings)
    .innerJoin(findings, eq(findings.id, suggestionFindings.findingId))
    .where(inArray(suggestionFindings.suggestionId, suggestionIds))
    .all();
  const out = new Map<number, { kind: string; number: number; title: string }[]>();
  for (const r of rows) {
    const list = out.get(r.suggestionId) ?? [];
    list.push({ kind: r.kind, number: r.number, title: r.title });
    out.set(r.suggestionId, list);
  }
  return out;
}

// ---------------------------------------------------------------- reviewer queue

export type QueueTab = "unassigned" | "mine" | "returned" | "overdue";

export function queueConditions(reportId: number, tab: QueueTab, userId: number, overdueBefore: Date): SQL[] {
  const base = eq(suggestions.reportId, reportId);
  switch (tab) {
    case "unassigned":
      return [base, isNull(suggestions.assigneeId), PENDING_SQL];
    case "mine":
      return [base, eq(suggestions.assigneeId, userId), PENDING_SQL];
    case "returned":
      return [base, eq(suggestions.state, "returned")];
    case "overdue":
      return [base, PENDING_SQL, lt(suggestions.submittedAt, overdueBefore)];
    default: {
      const exhaustive: never = tab;
      throw new Error(`unknown tab ${String(exhaustive)}`);
    }
  }
}

/** One page of a queue tab: oldest first (overdue: longest waiting first, in index order), keyset-paged. */
export function listQueue(
  db: DbOrTx,
  q: { reportId: number; tab: QueueTab; userId: number; overdueBefore: Date; after?: number; limit: number },
): { rows: SuggestionListRow[]; next: number | null } {
  const conds = queueConditions(q.reportId, q.tab, q.userId, q.overdueBefore);
  const bySubmission = q.tab === "overdue";
  if (q.after !== undefined)
    conds.push(
      bySubmission
        ? sql`(${suggestions.submittedAt}, ${suggestions.id}) > (select s2.submitted_at, s2.id from ${suggestions} s2 where s2.id = ${q.after})`
        : gt(suggestions.id, q.after),
    );
  const rows = db
    .select(listColumns)
    .from(suggestions)
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(and(...conds))
    .orderBy(...(bySubmission ? [asc(suggestions.submittedAt), asc(suggestions.id)] : [asc(suggestions.id)]))
    .limit(q.limit + 1)
    .all() as SuggestionListRow[];
  const more = rows.length > q.limit;
  if (more) rows.pop();
  return { rows, next: more ? rows[rows.length - 1].id : null };
}

/** Counting stops here: a tab badge shows "999+" rather than scanning a hundred thousand rows. */
export const QUEUE_COUNT_CAP = 1000;

export function countQueue(db: DbOrTx, reportId: number, tab: QueueTab, userId: number, overdueBefore: Date): number {
  const capped = db
    .select({ one: sql`1` })
    .from(suggestions)
    .where(and(...queueConditions(reportId, tab, userId, overdueBefore)))
    .limit(QUEUE_COUNT_CAP)
    .as("capped");
  return db.select({ n: sql<number>`count(*)` }).from(capped).get()?.n ?? 0;
}
