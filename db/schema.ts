/**
 * The data model. Schema → relations → inferred types, in that order.
 * Ids are integers: authorization, not obscurity, keeps another report's rows out of reach
 * (a row the actor may not see answers 404 everywhere).
 */
import { relations, sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import { deliveryChannels, deliveryStatuses, emailNotificationModes } from "../server/domain/deliveries";
import { findingKinds, memberRoles, reportVisibilities, unitKinds } from "../server/domain/roles";
import { suggestionStates } from "../server/domain/suggestion-lifecycle";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

// ---------------------------------------------------------------- people and units

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  /** System administrator: creates reports, units and accounts; holds `admin` on every report. */
  isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
  /** Bumped by "sign out everywhere", a password reset or disabling: older sessions stop working. */
  sessionVersion: integer("session_version").notNull().default(1),
  disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
  /**
   * Set when someone other than the person chose the password (import, the admin's create-account
   * form, a password reset): until they set their own, a signed-in session reaches only the
   * change-password page (ADR 075).
   */
  mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
  /** Where notifications are e-mailed (the person or an administrator sets it). */
  email: text("email"),
  /** `off`, each notification at once (`immediate`), or one mail a day (`daily`; decision 070). */
  emailNotifications: text("email_notifications", { enum: emailNotificationModes }).notNull().default("off"),
  /** The newest notification already sent in a daily digest. */
  digestThroughNotificationId: integer("digest_through_notification_id").notNull().default(0),
  /** The day (YYYY-MM-DD in TZ) the last daily digest was made for this person. */
  lastDigestDay: text("last_digest_day"),
  createdAt: createdAt(),
});

/**
 * One-time invitation links (ADR 075): only the SHA-256 of the token is stored, so the table
 * alone cannot sign anyone in. A link works once (`used_at`) and until `expires_at`.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_hash_uq").on(t.tokenHash), index("invitations_user_idx").on(t.userId)],
);

export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind", { enum: unitKinds }).notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => units.id),
    createdAt: createdAt(),
  },
  (t) => [index("units_parent_idx").on(t.parentId), uniqueIndex("units_parent_name_uq").on(t.parentId, t.name)],
);

// ---------------------------------------------------------------- reports

export const reports = sqliteTable("reports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  /** Who may see other units' suggestions: submitters see only their unit's (`own_unit`) or all submitted ones. */
  suggestionVisibility: text("suggestion_visibility", { enum: reportVisibilities }).notNull().default("own_unit"),
  /** A suggestion waiting longer than this in review counts as overdue in the reviewers' queue. */
  reviewOverdueDays: integer("review_overdue_days").notNull().default(7),
  /** Next number for the human suggestion code (JY-0001 …). */
  nextSuggestionSeq: integer("next_suggestion_seq").notNull().default(1),
  createdBy: integer("created_by").references(() => users.id),
  /** The group robot (企业微信 / 钉钉) told of new suggestions and decisions; null: none. */
  webhookUrl: text("webhook_url"),
  /** Signs each webhook body (HMAC-SHA256); kept on the server, never shown again. */
  webhookSecret: text("webhook_secret"),
  createdAt: createdAt(),
});

export const reportMembers = sqliteTable(
  "report_members",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: memberRoles }).notNull(),
    /** Required for submitters: the unit they speak for in this report. */
    unitId: integer("unit_id").references(() => units.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.userId] }), index("report_members_user_idx").on(t.userId)],
);

// ---------------------------------------------------------------- findings

export const findings = sqliteTable(
  "findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: findingKinds }).notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    evidence: text("evidence").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("findings_report_kind_number_uq").on(t.reportId, t.kind, t.number)],
);

// ---------------------------------------------------------------- suggestions

export const suggestions = sqliteTable(
  "suggestions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    /** Human code shown everywhere, e.g. JY-0042; unique within its report. */
    code: text("code").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    proposedWording: text("proposed_wording").notNull().default(""),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    state: text("state", { enum: suggestionStates }).notNull().default("draft"),
    assigneeId: integer("assignee_id").references(() => users.id),
    /** What the reviewer asked the unit to supplement (state `returned`). */
    returnRequest: text("return_request"),
    decisionOutcome: text("decision_outcome"),
    decisionReasonCode: text("decision_reason_code"),
    decisionReason: text("decision_reason"),
    decisionReply: text("decision_reply"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    /** Set when merged: the canonical suggestion this one was merged into. */
    duplicateOfId: integer("duplicate_of_id").references((): AnySQLiteColumn => suggestions.id),
    /** Optimistic concurrency: every write bumps it; a stale write is a conflict. */
    version: integer("version").notNull().default(1),
    /** Makes a retried or double-clicked create idempotent. */
    clientRequestId: text("client_request_id"),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("suggestions_report_code_uq").on(t.reportId, t.code),
    uniqueIndex("suggestions_request_uq").on(t.authorId, t.clientRequestId),
    index("suggestions_report_state_idx").on(t.reportId, t.state, t.id),
    index("suggestions_report_unit_idx").on(t.reportId, t.unitId, t.id),
    index("suggestions_assignee_idx").on(t.reportId, t.assigneeId, t.state),
    index("suggestions_duplicate_of_idx").on(t.duplicateOfId),
    // The reviewers' queue: pending = submitted or under review. Queries repeat this exact
    // predicate (see PENDING_SQL in db/queries/suggestions.ts) so SQLite can use the partial indexes.
    index("suggestions_pending_assignee_idx")
      .on(t.reportId, t.assigneeId, t.id)
      .where(sql`state in ('submitted','under_review')`),
    index("suggestions_pending_submitted_idx")
      .on(t.reportId, t.submittedAt, t.id)
      .where(sql`state in ('submitted','under_review')`),
  ],
);

export const suggestionFindings = sqliteTable(
  "suggestion_findings",
  {
    suggestionId: integer("suggestion_id")
      .notNull()
      .references(() => suggestions.id, { onDelete: "cascade" }),
    findingId: integer("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.suggestionId, t.findingId] }),
    index("suggestion_findings_finding_idx").on(t.findingId, t.suggestionId),
  ],
);

/**
 * How many suggestions answer each finding, per state. Kept by triggers (migration
 * 0002_suggestion_search) on suggestion_findings and on suggestions.state, so the findings page
 * reads a dozen rows instead of counting a million.
 */
export const findingSuggestionCounts = sqliteTable(
  "finding_suggestion_counts",
  {
    findingId: integer("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    state: text("state", { enum: suggestionStates }).notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.state] })],
);

/** Append-only history of a suggestion: transitions, edits, assignments, merges, comments. Never updated. */
export const suggestionEvents = sqliteTable(
  "suggestion_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    suggestionId: integer("suggestion_id")
      .notNull()
      .references(() => suggestions.id, { onDelete: "cascade" }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id),
    type: text("type").notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("suggestion_events_suggestion_idx").on(t.suggestionId, t.id)],
);

// ---------------------------------------------------------------- comments and notifications

export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    /** A comment belongs to a suggestion, or to a range of the report document. */
    suggestionId: integer("suggestion_id").references(() => suggestions.id, { onDelete: "cascade" }),
    documentId: integer("document_id").references(() => documents.id, { onDelete: "cascade" }),
    /** Yjs relative positions (base64) of the anchored range, so it follows concurrent edits. */
    anchorStart: text("anchor_start"),
    anchorEnd: text("anchor_end"),
    quote: text("quote"),
    parentId: integer("parent_id").references((): AnySQLiteColumn => comments.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedBy: integer("resolved_by").references(() => users.id),
    createdAt: createdAt(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("comments_suggestion_idx").on(t.suggestionId, t.id), index("comments_document_idx").on(t.documentId, t.id)],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reportId: integer("report_id").references(() => reports.id, { onDelete: "cascade" }),
    suggestionId: integer("suggestion_id").references(() => suggestions.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.id)],
);

/**
 * The outbox: every e-mail and webhook call, written in the transaction of the change that caused
 * it and sent afterwards by the delivery worker with retries (decision 070).
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channel: text("channel", { enum: deliveryChannels }).notNull(),
    /** An e-mail address or a webhook URL, as it was when the delivery was written. */
    target: text("target").notNull(),
    reportId: integer("report_id").references(() => reports.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** What to send: `{ subject, text }` for a mail, the JSON body for a webhook. */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: deliveryStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("deliveries_due_idx").on(t.status, t.nextAttemptAt)],
);

// ---------------------------------------------------------------- collaborative documents

export const documents = sqliteTable("documents", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  reportId: integer("report_id")
    .notNull()
    .references(() => reports.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  /** Yjs state (an update encoding the whole document) as of `snapshotThroughUpdateId`. */
  snapshot: blob("snapshot", { mode: "buffer" }),
  /** Every logged update with an id up to this one is contained in `snapshot`. */
  snapshotThroughUpdateId: integer("snapshot_through_update_id").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

/** The Yjs update log: appended before an update is broadcast; folded into the snapshot by compaction. */
export const documentUpdates = sqliteTable(
  "document_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    update: blob("update", { mode: "buffer" }).notNull(),
    userId: integer("user_id"),
    createdAt: createdAt(),
  },
  (t) => [index("document_updates_doc_idx").on(t.documentId, t.id)],
);

/**
 * Who owns a Yjs clientID in a document: the user whose session first sent structs of it (the
 * server's own changes for a user use a fresh clientID each time). Yjs stamps every inserted
 * character with its clientID, so this map is what lets a version diff say who wrote what.
 * First claim wins; rows are never updated.
 */
export const documentClients = sqliteTable(
  "document_clients",
  {
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    clientId: integer("client_id").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    firstSeenAt: integer("first_seen_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.clientId] })],
);

/**
 * Sign-off of a section of the report by a reviewer: approve, or request changes with a comment.
 * Append-only: the latest row of a section is its state; re-approval adds a row. The text and its
 * hash are computed on the server from the document, for that section only.
 */
export const sectionSignoffs = sqliteTable(
  "section_signoffs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    /** The heading's stable id. */
    sectionId: text("section_id").notNull(),
    sectionTitle: text("section_title").notNull(),
    decision: text("decision", { enum: ["approved", "changes_requested"] }).notNull(),
    reviewerId: integer("reviewer_id")
      .notNull()
      .references(() => users.id),
    /** The section's text (heading and content) when it was signed off, and its SHA-256. */
    sectionText: text("section_text").notNull(),
    sectionHash: text("section_hash").notNull(),
    comment: text("comment"),
    createdAt: createdAt(),
  },
  (t) => [index("section_signoffs_doc_idx").on(t.documentId, t.sectionId, t.id)],
);

/**
 * Versions of a document: automatic snapshots taken while people edit (deduplicated by state
 * vector), named milestones, and the marks left by restores. Never rewritten.
 */
export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["auto", "named", "restore"] }).notNull(),
    name: text("name"),
    /** The whole document as one Yjs update, and its state vector (the deduplication key). */
    state: blob("state", { mode: "buffer" }).notNull(),
    stateVector: blob("state_vector", { mode: "buffer" }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
    /** For a restore: the version that was restored. */
    restoredFromId: integer("restored_from_id").references((): AnySQLiteColumn => documentVersions.id),
    /** Who changed the document since the previous version (user ids), when known. */
    authors: text("authors", { mode: "json" }).$type<number[]>(),
    createdAt: createdAt(),
  },
  (t) => [index("document_versions_doc_idx").on(t.documentId, t.id)],
);

// ---------------------------------------------------------------- relations

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(reportMembers),
}));

export const unitsRelations = relations(units, ({ one, many }) => ({
  parent: one(units, { fields: [units.parentId], references: [units.id], relationName: "unit_tree" }),
  children: many(units, { relationName: "unit_tree" }),
}));

export const reportsRelations = relations(reports, ({ many }) => ({
  members: many(reportMembers),
  findings: many(findings),
  suggestions: many(suggestions),
  documents: many(documents),
}));

export const reportMembersRelations = relations(reportMembers, ({ one }) => ({
  report: one(reports, { fields: [reportMembers.reportId], references: [reports.id] }),
  user: one(users, { fields: [reportMembers.userId], references: [users.id] }),
  unit: one(units, { fields: [reportMembers.unitId], references: [units.id] }),
}));

export const findingsRelations = relations(findings, ({ one, many }) => ({
  report: one(reports, { fields: [findings.reportId], references: [reports.id] }),
  suggestionLinks: many(suggestionFindings),
}));

export const suggestionsRelations = relations(suggestions, ({ one, many }) => ({
  report: one(reports, { fields: [suggestions.reportId], references: [reports.id] }),
  unit: one(units, { fields: [suggestions.unitId], references: [units.id] }),
  author: one(users, { fields: [suggestions.authorId], references: [users.id], relationName: "suggestion_author" }),
  assignee: one(users, { fields: [suggestions.assigneeId], references: [users.id], relationName: "suggestion_assignee" }),
  duplicateOf: one(suggestions, { fields: [suggestions.duplicateOfId], references: [suggestions.id], relationName: "merge" }),
  mergedIn: many(suggestions, { relationName: "merge" }),
  findingLinks: many(suggestionFindings),
  events: many(suggestionEvents),
  comments: many(comments),
}));

export const suggestionFindingsRelations = relations(suggestionFindings, ({ one }) => ({
  suggestion: one(suggestions, { fields: [suggestionFindings.suggestionId], references: [suggestions.id] }),
  finding: one(findings, { fields: [suggestionFindings.findingId], references: [findings.id] }),
}));

export const suggestionEventsRelations = relations(suggestionEvents, ({ one }) => ({
  suggestion: one(suggestions, { fields: [suggestionEvents.suggestionId], references: [suggestions.id] }),
  actor: one(users, { fields: [suggestionEvents.actorId], references: [users.id] }),
}));

export const commentsRelations = relations(comments, ({ one }) => ({
  suggestion: one(suggestions, { fields: [comments.suggestionId], references: [suggestions.id] }),
  author: one(users, { fields: [comments.authorId], references: [users.id] }),
}));

export const documentsRelations = relations(documents, ({ one }) => ({
  report: one(reports, { fields: [documents.reportId], references: [reports.id] }),
}));

// ---------------------------------------------------------------- inferred types

export type User = typeof users.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Unit = typeof units.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type ReportMember = typeof reportMembers.$inferSelect;
export type Finding = typeof findings.$inferSelect;
export type Suggestion = typeof suggestions.$inferSelect;
export type SuggestionEvent = typeof suggestionEvents.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;

// ---------------------------------------------------------------- audit trail

/**
 * Append-only audit trail: sign-ins, failed sign-ins, role changes, transitions, decisions,
 * sign-offs, restores. Triggers refuse UPDATE and DELETE; each row carries the hash of the
 * previous one, so a change made with a raw SQLite session shows up in `npm run audit:verify`.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: integer("actor_id"),
    /** What the actor typed or was called at the time (kept even if the account changes later). */
    actorName: text("actor_name"),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    reportId: integer("report_id"),
    address: text("address"),
    details: text("details").notNull().default("{}"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_action_idx").on(t.action, t.id), index("audit_log_actor_idx").on(t.actorId, t.id)],
);

export type AuditRow = typeof auditLog.$inferSelect;
