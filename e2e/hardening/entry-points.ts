/**
 * The authorization matrix: every entry point of the app (pages, route handlers, server actions,
 * the collaboration socket) × every demo role, with the outcome the policy promises for the role's
 * own data, another unit's data, another report's data and guessed ids. The Playwright spec
 * `authorization-matrix.spec.ts` is generated from this one table; `entryPointFiles` lets it check
 * that no page, route handler or action file of app/ is missing here.
 *
 * Demo workspace (db/seed/demo.ts): report 1 has every demo account (unit1 = 市财政局预算处党支部,
 * unit2 = 市教育局基础教育处党支部, visibility `own_unit`); report 2 has only drafter2 and reviewer2.
 * Suggestions of report 1: unit1 → adopted, submitted, draft, for_reference; unit2 → under_review,
 * returned, not_adopted. The spec adds the fixtures in `Ids` (versions, comments, a finding of
 * report 2, a throwaway account) through the app itself before the matrix runs.
 */
import type { ActionArg } from "./matrix-client";

export const roles = ["admin", "drafter", "reviewer", "unitA", "unitB", "viewer", "anon"] as const;
export type Role = (typeof roles)[number];
export type SignedInRole = Exclude<Role, "anon">;

/** The demo account playing each role (unitA's unit owns the "own" suggestions below). */
export const accountOf: Record<SignedInRole, string> = {
  admin: "admin",
  drafter: "drafter1",
  reviewer: "reviewer1",
  unitA: "unit1",
  unitB: "unit2",
  viewer: "viewer1",
};

export type Ids = {
  r1: number;
  r2: number;
  doc1: number;
  doc2: number;
  user: Record<string, number>;
  /** A throwaway account the administrator's allowed probes act on. */
  probeUser: number;
  /** Suggestions of report 1 by unit and state, and their current versions. */
  s: { aAdopted: number; aSubmitted: number; aDraft: number; bUnderReview: number; bReturned: number };
  version: Record<number, number>;
  /** First "fact" finding of report 1 (moving it up changes nothing), and a finding of report 2. */
  findingR1: number;
  findingR1Fields: { kind: string; title: string; summary: string; evidence: string };
  findingR2: number;
  versionR1: number;
  versionR2: number;
  commentR1: number;
  commentR2: number;
};

/** Titles the visibility rule keeps from other units (own_unit) and drafts from everyone but their unit. */
export const titles = {
  aSubmitted: "党员人数较多的党总支配备专职副书记",
  aDraft: "党建与业务同谋划、同考核",
  bReturned: "建立支部书记党建述职制度",
  bUnderReview: "设立基层党组织活动专项经费",
};

export type Scope = "own" | "other unit" | "other report" | "guessed id" | "public";
export type Expect = Record<Role, string>;

/** Expected outcomes in role order: admin, drafter, reviewer, unitA, unitB, viewer, anon. */
export function row(admin: unknown, drafter: unknown, reviewer: unknown, unitA: unknown, unitB: unknown, viewer: unknown, anon: unknown): Expect {
  return { admin: String(admin), drafter: String(drafter), reviewer: String(reviewer), unitA: String(unitA), unitB: String(unitB), viewer: String(viewer), anon: String(anon) };
}
const all = (o: unknown, anon: unknown): Expect => row(o, o, o, o, o, o, anon);

/** Texts a role's answer must not contain (what the visibility rule hides from it). */
export type Hidden = Partial<Record<Role, string[]>>;
const suggestionListHidden: Hidden = {
  admin: [titles.aDraft],
  drafter: [titles.aDraft],
  reviewer: [titles.aDraft],
  unitA: [titles.bReturned, titles.bUnderReview],
  unitB: [titles.aSubmitted, titles.aDraft],
  viewer: [titles.aSubmitted, titles.aDraft, titles.bReturned],
};

export type PageCase = { scope: Scope; path: (ids: Ids) => string; expect: Expect; hidden?: Hidden };
export type RouteCase = PageCase & {
  method: "GET" | "POST";
  /** a refused call must change nothing */
  writes?: boolean;
  /** an event stream: only its status and first bytes are read */
  stream?: boolean;
};
export type ActionCase = {
  scope: Scope;
  note?: string;
  /** Arguments per role. Allowed roles get a probe that passes authorization but changes nothing where possible. */
  args: (ids: Ids, role: Role) => ActionArg[];
  expect: Expect;
  hidden?: Hidden;
};
export type PageEntry = { kind: "page"; file: string; cases: PageCase[] };
export type RouteEntry = { kind: "route"; file: string; cases: RouteCase[] };
export type ActionEntry = { kind: "action"; file: string; name: string; page: (ids: Ids) => string; cases: ActionCase[] };
export type SocketCase = { scope: Scope; documentId: (ids: Ids) => number | string; expect: Expect; readOnly?: Record<Role, boolean> };
export type SocketEntry = { kind: "socket"; file: string; cases: SocketCase[] };
export type EntryPoint = PageEntry | RouteEntry | ActionEntry | SocketEntry;

const R1 = (ids: Ids) => `/reports/${ids.r1}`;
const R2 = (ids: Ids) => `/reports/${ids.r2}`;
const STALE = 999_999;
const form = (fields: Record<string, string | number | boolean>) => ({ form: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) });
const fresh = (ids: Ids, s: number) => ids.version[s];
/** Allowed roles send a stale version: authorized, then refused with CONFLICT, nothing written. */
const versionFor = (ids: Ids, s: number, role: Role, allowed: Role[]) => (allowed.includes(role) ? STALE : fresh(ids, s));
const anchor = "AQdkZWZhdWx0AA=="; // a Yjs relative position at the start of the "default" fragment

// ------------------------------------------------------------------ pages
/** Pages of one report, for report 1 (everyone a member) and report 2 (only the administrator of the roles). */
function reportPage(file: string, sub: string, r1: Expect, extra: Partial<PageCase> = {}): PageEntry {
  const r2 = row(r1.admin, 404, 404, 404, 404, 404, "login");
  return {
    kind: "page",
    file,
    cases: [
      { scope: "own", path: (ids) => `${R1(ids)}${sub}`, expect: r1, ...extra },
      { scope: "other report", path: (ids) => `${R2(ids)}${sub}`, expect: r2 },
    ],
  };
}
const members = all(200, "login");
const staffOnly = row(200, 200, 200, 403, 403, 403, "login");
const adminOnly = row(200, 403, 403, 403, 403, 403, "login");

export const pages: PageEntry[] = [
  { kind: "page", file: "app/(auth)/login/page.tsx", cases: [{ scope: "public", path: () => "/login", expect: all("redirect:/reports", 200) }] },
  { kind: "page", file: "app/page.tsx", cases: [{ scope: "public", path: () => "/", expect: all("redirect:/reports", "redirect:/reports") }] },
  { kind: "page", file: "app/reports/page.tsx", cases: [{ scope: "own", path: () => "/reports", expect: members }] },
  { kind: "page", file: "app/notifications/page.tsx", cases: [{ scope: "own", path: () => "/notifications", expect: members }] },
  { kind: "page", file: "app/admin/page.tsx", cases: [{ scope: "own", path: () => "/admin", expect: adminOnly }] },
  { kind: "page", file: "app/admin/audit/page.tsx", cases: [{ scope: "own", path: () => "/admin/audit", expect: adminOnly }] },
  // The benchmark's bare editor exists only when the server runs with JIANYAN_BENCH=1 (never in tests).
  { kind: "page", file: "app/bench/bare/page.tsx", cases: [{ scope: "public", path: () => "/bench/bare", expect: all(404, 404) }] },
  { kind: "page", file: "app/admin/reports/page.tsx", cases: [{ scope: "own", path: () => "/admin/reports", expect: adminOnly }] },
  { kind: "page", file: "app/admin/units/page.tsx", cases: [{ scope: "own", path: () => "/admin/units", expect: adminOnly }] },
  { kind: "page", file: "app/admin/users/page.tsx", cases: [{ scope: "own", path: () => "/admin/users", expect: adminOnly }] },
  { kind: "page", file: "app/admin/import/page.tsx", cases: [{ scope: "own", path: () => "/admin/import", expect: adminOnly }] },
  // Signed in with a password of one's own: nothing to change here, on to the reports.
  { kind: "page", file: "app/(auth)/change-password/page.tsx", cases: [{ scope: "public", path: () => "/change-password", expect: all("redirect:/reports", "login") }] },
  {
    kind: "page",
    file: "app/admin/reports/[reportId]/page.tsx",
    cases: [
      { scope: "own", path: (ids) => `/admin/reports/${ids.r1}`, expect: adminOnly },
      { scope: "guessed id", path: () => "/admin/reports/987654", expect: row(404, 403, 403, 403, 403, 403, "login") },
    ],
  },
  {
    kind: "page",
    file: "app/reports/[reportId]/page.tsx",
    cases: [
      ...reportPage("", "", members).cases,
      { scope: "guessed id", path: () => "/reports/987654", expect: all(404, "login") },
      { scope: "guessed id", path: () => "/reports/1abc", expect: all(404, "login") },
    ],
  },
  // Coverage answers 404 (not 403) to units and readers: the page maps every refusal to notFound().
  reportPage("app/reports/[reportId]/coverage/page.tsx", "/coverage", staffOnly),
  reportPage("app/reports/[reportId]/dashboard/page.tsx", "/dashboard", members),
  reportPage("app/reports/[reportId]/document/page.tsx", "/document", members),
  reportPage("app/reports/[reportId]/document/versions/page.tsx", "/document/versions", members),
  {
    kind: "page",
    file: "app/reports/[reportId]/document/versions/[versionId]/page.tsx",
    cases: [
      { scope: "own", path: (ids) => `${R1(ids)}/document/versions/${ids.versionR1}`, expect: members },
      { scope: "other report", path: (ids) => `${R2(ids)}/document/versions/${ids.versionR2}`, expect: row(200, 404, 404, 404, 404, 404, "login") },
      // A version of another report's document, guessed through one's own report.
      { scope: "guessed id", path: (ids) => `${R1(ids)}/document/versions/${ids.versionR2}`, expect: all(404, "login") },
      { scope: "guessed id", path: (ids) => `${R2(ids)}/document/versions/${ids.versionR1}`, expect: all(404, "login") },
    ],
  },
  reportPage("app/reports/[reportId]/findings/page.tsx", "/findings", members),
  {
    kind: "page",
    file: "app/reports/[reportId]/findings/[findingId]/page.tsx",
    cases: [
      { scope: "own", path: (ids) => `${R1(ids)}/findings/${ids.findingR1}`, expect: members },
      { scope: "other report", path: (ids) => `${R2(ids)}/findings/${ids.findingR2}`, expect: row(200, 404, 404, 404, 404, 404, "login") },
      { scope: "guessed id", path: (ids) => `${R1(ids)}/findings/${ids.findingR2}`, expect: all(404, "login") },
      { scope: "guessed id", path: (ids) => `${R1(ids)}/findings/987654`, expect: all(404, "login") },
    ],
  },
  // Importing replaces the text: drafters only (the administrator comments, it does not write the text).
  reportPage("app/reports/[reportId]/findings/import/page.tsx", "/findings/import", row(403, 200, 403, 403, 403, 403, "login")),
  reportPage("app/reports/[reportId]/ledger/page.tsx", "/ledger", staffOnly),
  reportPage("app/reports/[reportId]/review/page.tsx", "/review", row(200, 403, 200, 403, 403, 403, "login")),
  reportPage("app/reports/[reportId]/suggestions/page.tsx", "/suggestions", members, { hidden: suggestionListHidden }),
  reportPage("app/reports/[reportId]/suggestions/new/page.tsx", "/suggestions/new", row(403, 403, 403, 200, 200, 403, "login")),
  {
    kind: "page",
    file: "app/reports/[reportId]/suggestions/[suggestionId]/page.tsx",
    cases: [
      { scope: "own", path: (ids) => `${R1(ids)}/suggestions/${ids.s.aSubmitted}`, expect: row(200, 200, 200, 200, 404, 404, "login") },
      { scope: "other unit", path: (ids) => `${R1(ids)}/suggestions/${ids.s.bReturned}`, expect: row(200, 200, 200, 404, 200, 404, "login") },
      { scope: "own", path: (ids) => `${R1(ids)}/suggestions/${ids.s.aDraft}`, expect: row(404, 404, 404, 200, 404, 404, "login") },
      { scope: "other report", path: (ids) => `${R2(ids)}/suggestions/${ids.s.aSubmitted}`, expect: all(404, "login") },
      { scope: "guessed id", path: (ids) => `${R1(ids)}/suggestions/987654`, expect: all(404, "login") },
    ],
  },
  {
    kind: "page",
    file: "app/reports/[reportId]/suggestions/[suggestionId]/edit/page.tsx",
    cases: [
      { scope: "own", path: (ids) => `${R1(ids)}/suggestions/${ids.s.aDraft}/edit`, expect: row(404, 404, 404, 200, 404, 404, "login") },
      { scope: "other unit", path: (ids) => `${R1(ids)}/suggestions/${ids.s.bReturned}/edit`, expect: row(403, 403, 403, 404, 200, 404, "login") },
      { scope: "own", path: (ids) => `${R1(ids)}/suggestions/${ids.s.aSubmitted}/edit`, expect: row(403, 403, 403, 403, 404, 404, "login") },
      { scope: "other report", path: (ids) => `${R2(ids)}/suggestions/${ids.s.aDraft}/edit`, expect: all(404, "login") },
    ],
  },
  reportPage("app/reports/[reportId]/units/page.tsx", "/units", members),
];

// ------------------------------------------------------------------ route handlers
const api = (ids: Ids, r: "r1" | "r2") => `/api/reports/${ids[r]}`;
function reportRoute(file: string, sub: string, r1: Expect, extra: Partial<RouteCase> = {}): RouteEntry {
  return {
    kind: "route",
    file,
    cases: [
      { scope: "own", method: "GET", path: (ids) => `${api(ids, "r1")}${sub}`, expect: r1, ...extra },
      { scope: "other report", method: "GET", path: (ids) => `${api(ids, "r2")}${sub}`, expect: row(r1.admin, 404, 404, 404, 404, 404, 401) },
      { scope: "guessed id", method: "GET", path: () => `/api/reports/987654${sub}`, expect: all(404, 401) },
    ],
  };
}

export const routes: RouteEntry[] = [
  { kind: "route", file: "app/api/health/route.ts", cases: [{ scope: "public", method: "GET", path: () => "/api/health", expect: all(200, 200) }] },
  // Metrics answer the machine itself (these requests come from loopback); web.spec checks a forwarded client gets 404.
  { kind: "route", file: "app/api/metrics/route.ts", cases: [{ scope: "public", method: "GET", path: () => "/api/metrics", expect: all(200, 200) }] },
  { kind: "route", file: "app/api/auth/[...nextauth]/route.ts", cases: [{ scope: "public", method: "GET", path: () => "/api/auth/session", expect: all(200, 200) }] },
  reportRoute("app/api/reports/[reportId]/export/route.ts", "/export?format=md", row(200, 200, 200, 200, 200, 200, 401)),
  {
    kind: "route",
    file: "app/admin/import/template/route.ts",
    cases: [
      { scope: "public", method: "GET", path: () => "/admin/import/template?format=csv", expect: row(200, 403, 403, 403, 403, 403, 401) },
      { scope: "public", method: "GET", path: () => "/admin/import/template?format=xlsx", expect: row(200, 403, 403, 403, 403, 403, 401) },
    ],
  },
  {
    kind: "route",
    file: "app/api/reports/[reportId]/export/route.ts",
    cases: [{ scope: "own", method: "GET", path: (ids) => `${api(ids, "r1")}/export?format=md&ledger=1`, expect: row(200, 200, 200, 403, 403, 403, 401) }],
  },
  reportRoute("app/api/reports/[reportId]/ledger/[format]/route.ts", "/ledger/xlsx", row(200, 200, 200, 403, 403, 403, 401)),
  reportRoute("app/api/reports/[reportId]/suggestion-refs/findings/route.ts", "/suggestion-refs/findings", row(200, 200, 200, 200, 200, 200, 401)),
  {
    kind: "route",
    file: "app/api/reports/[reportId]/suggestion-refs/route.ts",
    cases: [
      // Chips: anyone who reads the text; a suggestion the reader may not see comes back unavailable, without its title.
      {
        scope: "other unit",
        method: "GET",
        path: (ids) => `${api(ids, "r1")}/suggestion-refs?ids=${ids.s.aSubmitted},${ids.s.aDraft},${ids.s.bReturned}`,
        expect: row(200, 200, 200, 200, 200, 200, 401),
        hidden: suggestionListHidden,
      },
      { scope: "other report", method: "GET", path: (ids) => `${api(ids, "r2")}/suggestion-refs?ids=${ids.s.aSubmitted}`, expect: row(200, 404, 404, 404, 404, 404, 401), hidden: { admin: [titles.aSubmitted] } },
      // The `#` picker searches for editors only.
      { scope: "own", method: "GET", path: (ids) => `${api(ids, "r1")}/suggestion-refs?q=${encodeURIComponent("党")}`, expect: row(403, 200, 403, 403, 403, 403, 401), hidden: { drafter: [titles.aDraft] } },
    ],
  },
  reportRoute("app/api/reports/[reportId]/suggestions/export/route.ts", "/suggestions/export?format=csv", row(200, 200, 200, 403, 403, 403, 401), { hidden: suggestionListHidden }),
  {
    kind: "route",
    file: "app/api/reports/[reportId]/document/review-events/route.ts",
    cases: [
      // The review panels' event stream: anyone who reads the report text listens; nobody else.
      { scope: "own", method: "GET", stream: true, path: (ids) => `${api(ids, "r1")}/document/review-events`, expect: row(200, 200, 200, 200, 200, 200, 401) },
      { scope: "other report", method: "GET", stream: true, path: (ids) => `${api(ids, "r2")}/document/review-events`, expect: row(200, 404, 404, 404, 404, 404, 401) },
      { scope: "guessed id", method: "GET", stream: true, path: () => "/api/reports/987654/document/review-events", expect: all(404, 401) },
    ],
  },
  {
    kind: "route",
    file: "app/api/reports/[reportId]/document/versions/[versionId]/restore/route.ts",
    cases: [
      // Only drafters restore; the drafter's own restore (of a version equal to the current text) is the allowed cell.
      { scope: "own", method: "POST", writes: true, path: (ids) => `${api(ids, "r1")}/document/versions/${ids.versionR1}/restore`, expect: row(403, 200, 403, 403, 403, 403, 401) },
      { scope: "other report", method: "POST", writes: true, path: (ids) => `${api(ids, "r2")}/document/versions/${ids.versionR2}/restore`, expect: row(403, 404, 404, 404, 404, 404, 401) },
      // Another document's version through one's own report: 404 for the drafter; everyone else may not restore at all (403 for any id).
      { scope: "guessed id", method: "POST", writes: true, path: (ids) => `${api(ids, "r1")}/document/versions/${ids.versionR2}/restore`, expect: row(403, 404, 403, 403, 403, 403, 401) },
    ],
  },
];

// ------------------------------------------------------------------ server actions
const A = {
  login: "app/(auth)/login/actions.ts",
  signOut: "app/_lib/sign-out-actions.ts",
  admin: "app/admin/actions.ts",
  notifications: "app/notifications/page.tsx",
  notificationSettings: "app/notifications/actions.ts",
  comments: "app/reports/[reportId]/document/comment-actions.ts",
  signoff: "app/reports/[reportId]/document/signoff-actions.ts",
  versions: "app/reports/[reportId]/document/versions/actions.ts",
  findings: "app/reports/[reportId]/findings/actions.ts",
  importing: "app/reports/[reportId]/findings/import/actions.ts",
  onboarding: "app/admin/import/actions.ts",
  changePassword: "app/(auth)/change-password/actions.ts",
  review: "app/reports/[reportId]/review/actions.ts",
  suggestions: "app/reports/[reportId]/suggestions/actions.ts",
};
const adminAllowed = (ok: string) => row(ok, "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login");
const isAdmin = (role: Role) => role === "admin";

export const actions: ActionEntry[] = [
  {
    kind: "action",
    file: A.login,
    name: "loginAction",
    page: () => "/login",
    // The form's own validation answers; nobody is signed in or out by an empty form.
    cases: [{ scope: "public", args: () => [{}, form({ username: "", password: "" })], expect: all("ok", "ok") }],
  },
  {
    kind: "action",
    file: A.signOut,
    name: "signOutAction",
    page: () => "/reports",
    cases: [{ scope: "own", note: "run on a copy of the session", args: () => [], expect: all("login", "login") }],
  },
  {
    kind: "action",
    file: A.signOut,
    name: "signOutEverywhereAction",
    page: () => "/reports",
    // Signed in, it ends every session of the account: only the visitor's cell runs here (foundation.spec covers the rest).
    cases: [{ scope: "own", args: () => [], expect: row("skip", "skip", "skip", "skip", "skip", "skip", "login") }],
  },
  {
    kind: "action",
    file: A.admin,
    name: "createUserAction",
    page: () => "/admin/users",
    cases: [
      {
        scope: "public",
        args: (_ids, role) => [null, form(isAdmin(role) ? { username: "", displayName: "", password: "" } : { username: "matrix-intruder", displayName: "越权账号", password: "matrix-pass-123" })],
        expect: adminAllowed("VALIDATION"),
      },
    ],
  },
  {
    kind: "action",
    file: A.onboarding,
    name: "previewOnboardingAction",
    page: () => "/admin/import",
    // Checking a file stores nothing; only the administrator may.
    cases: [{ scope: "public", args: () => [{ form: { file: { name: "units.csv", mimeType: "text/csv", buffer: Buffer.from("上级单位,单位名称,单位类型,联络员用户名,联络员姓名,报告中的角色\n矩阵机关党委,矩阵党支部,党支部,,,\n") } } }], expect: adminAllowed("ok") }],
  },
  {
    kind: "action",
    file: A.onboarding,
    name: "confirmOnboardingAction",
    page: () => "/admin/import",
    // The administrator's probe is a file with a wrong row: refused on its rows, nothing created.
    cases: [{ scope: "public", args: () => [{ form: { reportId: "", file: { name: "units.csv", mimeType: "text/csv", buffer: Buffer.from("上级单位,单位名称,单位类型,联络员用户名,联络员姓名,报告中的角色\n不存在的单位,矩阵党支部,党小组,matrix-liaison,矩阵,\n") } } }], expect: adminAllowed("VALIDATION") }],
  },
  {
    kind: "action",
    file: A.changePassword,
    name: "changePasswordAction",
    page: () => "/change-password",
    // Everyone signed in may set their own password; the probe's two entries differ, so nothing changes.
    cases: [{ scope: "own", args: () => [null, form({ password: "matrix-new-pass", confirm: "matrix-other-pass" })], expect: all("VALIDATION", "login") }],
  },
  {
    kind: "action",
    file: A.admin,
    name: "setUserDisabledAction",
    page: () => "/admin/users",
    cases: [{ scope: "public", args: (ids, role) => [null, form({ userId: isAdmin(role) ? ids.probeUser : ids.user.reviewer2, disabled: !isAdmin(role) })], expect: adminAllowed("ok") }],
  },
  {
    kind: "action",
    file: A.admin,
    name: "resetPasswordAction",
    page: () => "/admin/users",
    cases: [
      {
        scope: "public",
        args: (ids, role) => [null, form(isAdmin(role) ? { userId: ids.probeUser, password: "x" } : { userId: ids.user.reviewer2, password: "matrix-pass-456" })],
        expect: adminAllowed("VALIDATION"),
      },
    ],
  },
  {
    kind: "action",
    file: A.admin,
    name: "signOutUserEverywhereAction",
    page: () => "/admin/users",
    cases: [{ scope: "public", args: (ids, role) => [null, form({ userId: isAdmin(role) ? ids.probeUser : ids.user.reviewer2 })], expect: adminAllowed("ok") }],
  },
  {
    kind: "action",
    file: A.admin,
    name: "createUnitAction",
    page: () => "/admin/units",
    cases: [{ scope: "public", args: (_ids, role) => [null, form({ name: isAdmin(role) ? "" : "越权单位", kind: "branch", parentId: "" })], expect: adminAllowed("VALIDATION") }],
  },
  {
    kind: "action",
    file: A.admin,
    name: "createReportAction",
    page: () => "/admin/reports",
    cases: [{ scope: "public", args: (_ids, role) => [null, form({ title: isAdmin(role) ? "" : "越权报告", description: "" })], expect: adminAllowed("VALIDATION") }],
  },
  {
    kind: "action",
    file: A.admin,
    name: "updateReportSettingsAction",
    page: (ids) => `/admin/reports/${ids.r1}`,
    cases: [
      {
        scope: "own",
        args: (ids, role) => [null, form({ reportId: ids.r1, suggestionVisibility: isAdmin(role) ? "nobody" : "all", reviewOverdueDays: 3 })],
        expect: adminAllowed("VALIDATION"),
      },
      {
        scope: "other report",
        args: (ids, role) => [null, form({ reportId: ids.r2, suggestionVisibility: isAdmin(role) ? "nobody" : "all", reviewOverdueDays: 3 })],
        expect: row("VALIDATION", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login"),
      },
    ],
  },
  {
    kind: "action",
    file: A.admin,
    name: "setMemberAction",
    page: (ids) => `/admin/reports/${ids.r1}`,
    cases: [
      // Promote oneself (or the probe account) to drafter: only the administrator's probe (on report 2) goes through.
      { scope: "own", args: (ids, role) => [null, form(isAdmin(role) ? { reportId: ids.r2, userId: ids.probeUser, role: "viewer", unitId: "" } : { reportId: ids.r1, userId: ids.user.viewer1, role: "drafter", unitId: "" })], expect: adminAllowed("ok") },
      { scope: "other report", args: (ids) => [null, form({ reportId: ids.r2, userId: ids.user.drafter1, role: "drafter", unitId: "" })], expect: row("skip", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.admin,
    name: "removeMemberAction",
    page: (ids) => `/admin/reports/${ids.r1}`,
    cases: [{ scope: "own", args: (ids, role) => [null, form(isAdmin(role) ? { reportId: ids.r2, userId: ids.probeUser } : { reportId: ids.r1, userId: ids.user.viewer1 })], expect: adminAllowed("ok") }],
  },
  {
    kind: "action",
    file: A.admin,
    name: "setUserEmailAction",
    page: () => "/admin/users",
    // The administrator's probe is an invalid address (nothing written); the others try to set reviewer2's.
    cases: [{ scope: "public", args: (ids, role) => [null, form({ userId: isAdmin(role) ? ids.probeUser : ids.user.reviewer2, email: isAdmin(role) ? "不是邮箱" : "matrix@example.cn" })], expect: adminAllowed("VALIDATION") }],
  },
  {
    kind: "action",
    file: A.admin,
    name: "setReportWebhookAction",
    page: (ids) => `/admin/reports/${ids.r1}`,
    cases: [
      {
        scope: "own",
        args: (ids, role) => [null, form({ reportId: ids.r1, webhookUrl: isAdmin(role) ? "ftp://example.cn/hook" : "https://example.cn/hook", webhookSecret: "" })],
        expect: adminAllowed("VALIDATION"),
      },
      {
        scope: "other report",
        args: (ids, role) => [null, form({ reportId: ids.r2, webhookUrl: isAdmin(role) ? "ftp://example.cn/hook" : "https://example.cn/hook", webhookSecret: "" })],
        expect: row("VALIDATION", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login"),
      },
    ],
  },
  {
    kind: "action",
    file: A.notificationSettings,
    name: "updateNotificationSettingsAction",
    page: () => "/notifications",
    // One's own settings: everyone signed in may; the probe's address is invalid, so nothing is written.
    cases: [{ scope: "own", args: () => [null, form({ email: "不是邮箱", emailNotifications: "immediate" })], expect: all("VALIDATION", "login") }],
  },
  {
    kind: "action",
    file: A.notifications,
    name: "$$RSC_SERVER_ACTION_0",
    page: () => "/notifications",
    // Marks the caller's own notifications read: everyone signed in may.
    cases: [{ scope: "own", args: () => [], expect: all("ok", "login") }],
  },
  {
    kind: "action",
    file: A.suggestions,
    name: "markNotificationsReadAction",
    page: (ids) => `${R1(ids)}/suggestions`,
    // Exported but imported by no page or component, so the build gives it no action id and it cannot
    // be called over HTTP ("not built"). If it is ever wired up: guessed ids of other people's
    // notifications must be accepted without touching them (the spec checks that when it is "ok").
    cases: [{ scope: "guessed id", args: () => [{ ids: Array.from({ length: 60 }, (_, i) => i + 1) }], expect: all("not built", "not built") }],
  },
  {
    kind: "action",
    file: A.comments,
    name: "listDocumentThreadsAction",
    page: (ids) => `${R1(ids)}/document`,
    cases: [
      { scope: "own", args: (ids) => [{ reportId: ids.r1, documentId: ids.doc1 }], expect: all("ok", "login") },
      { scope: "other report", args: (ids) => [{ reportId: ids.r2, documentId: ids.doc2 }], expect: row("ok", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
      { scope: "guessed id", args: (ids) => [{ reportId: ids.r1, documentId: ids.doc2 }], expect: all("NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.comments,
    name: "addDocumentCommentAction",
    page: (ids) => `${R1(ids)}/document`,
    cases: [
      {
        scope: "own",
        args: (ids) => [{ reportId: ids.r1, documentId: ids.doc1, anchorStart: anchor, anchorEnd: anchor, quote: "矩阵", body: "权限矩阵的评论" }],
        expect: row("ok", "ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login"),
      },
      {
        scope: "other report",
        args: (ids) => [{ reportId: ids.r2, documentId: ids.doc2, anchorStart: anchor, anchorEnd: anchor, quote: "矩阵", body: "越权评论" }],
        expect: row("ok", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login"),
      },
      {
        scope: "guessed id",
        args: (ids) => [{ reportId: ids.r1, documentId: ids.doc2, anchorStart: anchor, anchorEnd: anchor, quote: "矩阵", body: "越权评论" }],
        expect: all("NOT_FOUND", "login"),
      },
    ],
  },
  {
    kind: "action",
    file: A.comments,
    name: "replyDocumentCommentAction",
    page: (ids) => `${R1(ids)}/document`,
    cases: [
      { scope: "own", args: (ids) => [{ reportId: ids.r1, commentId: ids.commentR1, body: "矩阵回复" }], expect: row("ok", "ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
      { scope: "other report", args: (ids) => [{ reportId: ids.r2, commentId: ids.commentR2, body: "越权回复" }], expect: row("ok", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
      { scope: "guessed id", args: (ids) => [{ reportId: ids.r1, commentId: ids.commentR2, body: "越权回复" }], expect: all("NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.comments,
    name: "resolveDocumentCommentAction",
    page: (ids) => `${R1(ids)}/document`,
    cases: [
      { scope: "own", args: (ids) => [{ reportId: ids.r1, commentId: ids.commentR1, resolved: true }], expect: row("ok", "ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
      { scope: "guessed id", args: (ids) => [{ reportId: ids.r1, commentId: ids.commentR2, resolved: true }], expect: all("NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.signoff,
    name: "signoffOverviewAction",
    page: (ids) => `${R1(ids)}/document`,
    cases: [
      { scope: "own", args: (ids) => [{ reportId: ids.r1, documentId: ids.doc1 }], expect: all("ok", "login") },
      { scope: "other report", args: (ids) => [{ reportId: ids.r2, documentId: ids.doc2 }], expect: row("ok", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.signoff,
    name: "signOffSectionAction",
    page: (ids) => `${R1(ids)}/document`,
    // Reviewers only [R1]; the reviewer's probe names a section that does not exist.
    cases: [
      {
        scope: "own",
        args: (ids) => [{ reportId: ids.r1, documentId: ids.doc1, sectionId: "no-such-section", decision: "approved" }],
        expect: row("FORBIDDEN", "FORBIDDEN", "NOT_FOUND", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login"),
      },
      { scope: "other report", args: (ids) => [{ reportId: ids.r2, documentId: ids.doc2, sectionId: "no-such-section", decision: "approved" }], expect: row("FORBIDDEN", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.versions,
    name: "nameVersionAction",
    page: (ids) => `${R1(ids)}/document/versions`,
    cases: [
      { scope: "own", args: (ids) => [null, form({ reportId: ids.r1, documentId: ids.doc1, name: "矩阵-命名" })], expect: row("FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
      { scope: "other report", args: (ids) => [null, form({ reportId: ids.r2, documentId: ids.doc2, name: "越权版本" })], expect: row("FORBIDDEN", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.versions,
    name: "restoreVersionAction",
    page: (ids) => `${R1(ids)}/document/versions`,
    cases: [
      { scope: "own", args: (ids) => [null, form({ reportId: ids.r1, documentId: ids.doc1, versionId: ids.versionR1 })], expect: row("FORBIDDEN", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
      { scope: "guessed id", args: (ids) => [null, form({ reportId: ids.r1, documentId: ids.doc1, versionId: ids.versionR2 })], expect: row("FORBIDDEN", "NOT_FOUND", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
      { scope: "other report", args: (ids) => [null, form({ reportId: ids.r2, documentId: ids.doc2, versionId: ids.versionR2 })], expect: row("FORBIDDEN", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.findings,
    name: "updateFindingAction",
    page: (ids) => `${R1(ids)}/findings`,
    // Allowed roles save the finding unchanged.
    cases: [
      { scope: "own", args: (ids) => [null, form({ reportId: ids.r1, findingId: ids.findingR1, ...ids.findingR1Fields, ...{} })], expect: row("ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
      { scope: "guessed id", args: (ids) => [null, form({ reportId: ids.r1, findingId: ids.findingR2, kind: "fact", title: "越权修改", summary: "", evidence: "" })], expect: row("NOT_FOUND", "NOT_FOUND", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
      { scope: "other report", args: (ids) => [null, form({ reportId: ids.r2, findingId: ids.findingR2, kind: "fact", title: "越权修改", summary: "", evidence: "" })], expect: row("skip", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.findings,
    name: "moveFindingAction",
    page: (ids) => `${R1(ids)}/findings`,
    // The first finding moved up stays where it is.
    cases: [{ scope: "own", args: (ids) => [null, form({ reportId: ids.r1, findingId: ids.findingR1, direction: "up" })], expect: row("ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") }],
  },
  {
    kind: "action",
    file: A.findings,
    name: "createFindingAction",
    page: (ids) => `${R1(ids)}/findings`,
    // Allowed roles are probed on report 2 / with an invalid kind, so report 1 keeps its findings.
    cases: [
      {
        scope: "own",
        args: (ids, role) => [null, form({ reportId: ids.r1, kind: role === "admin" || role === "drafter" ? "nonsense" : "fact", title: "越权发现", summary: "" })],
        expect: row("VALIDATION", "VALIDATION", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login"),
        note: "validation runs before authorization here, so the allowed roles' invalid probe only shows the refusal is not an authorization one",
      },
      { scope: "other report", args: (ids) => [null, form({ reportId: ids.r2, kind: "fact", title: "越权发现", summary: "" })], expect: row("skip", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.findings,
    name: "deleteFindingAction",
    page: (ids) => `${R1(ids)}/findings`,
    cases: [
      { scope: "own", args: (ids) => [null, form({ reportId: ids.r1, findingId: ids.findingR1 })], expect: row("skip", "skip", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
      { scope: "guessed id", args: (ids) => [null, form({ reportId: ids.r1, findingId: ids.findingR2 })], expect: row("NOT_FOUND", "NOT_FOUND", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login") },
    ],
  },
  {
    kind: "action",
    file: A.importing,
    name: "previewImportAction",
    page: (ids) => `${R1(ids)}/findings/import`,
    // Reading an upload saves nothing; anyone who manages findings may preview.
    cases: [
      {
        scope: "own",
        args: (ids) => [{ form: { reportId: String(ids.r1), file: { name: "报告.txt", mimeType: "text/plain", buffer: Buffer.from("调研报告\n\n一、基本情况\n\n矩阵正文。\n") } } }],
        expect: row("ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login"),
      },
    ],
  },
  {
    kind: "action",
    file: A.importing,
    name: "confirmImportAction",
    page: (ids) => `${R1(ids)}/findings/import`,
    // A real import replaces report 1's text: the drafter's cell is import.spec's.
    cases: [
      {
        scope: "own",
        args: (ids) => [ids.r1, { blocks: [{ type: "paragraph", text: "越权导入的正文" }], findings: [{ kind: "fact", title: "越权导入", summary: "", evidence: "" }] }],
        expect: row("FORBIDDEN", "skip", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "login"),
      },
      {
        scope: "other report",
        args: (ids) => [ids.r2, { blocks: [{ type: "paragraph", text: "越权导入的正文" }], findings: [] }],
        expect: row("FORBIDDEN", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login"),
      },
    ],
  },
  {
    kind: "action",
    file: A.review,
    name: "bulkAssignAction",
    page: (ids) => `${R1(ids)}/review`,
    // Unassign unit B's suggestion under review; the reviewer's probe carries a stale version.
    cases: [
      {
        scope: "other unit",
        args: (ids, role) => [null, form({ reportId: ids.r1, assigneeId: "", items: `${ids.s.bUnderReview}:${versionFor(ids, ids.s.bUnderReview, role, ["reviewer"])}` })],
        expect: row("FORBIDDEN", "FORBIDDEN", "CONFLICT", "NOT_FOUND", "FORBIDDEN", "NOT_FOUND", "login"),
      },
    ],
  },
  {
    kind: "action",
    file: A.suggestions,
    name: "suggestionTransitionAction",
    page: (ids) => `${R1(ids)}/suggestions/${ids.s.aSubmitted}`,
    cases: [
      {
        scope: "own",
        note: "claim unit A's submitted suggestion",
        args: (ids, role) => [null, form({ intent: "claim", reportId: ids.r1, suggestionId: ids.s.aSubmitted, expectedVersion: versionFor(ids, ids.s.aSubmitted, role, ["reviewer"]) })],
        expect: row("FORBIDDEN", "FORBIDDEN", "CONFLICT", "FORBIDDEN", "NOT_FOUND", "NOT_FOUND", "login"),
      },
      {
        scope: "own",
        note: "withdraw unit A's submitted suggestion",
        args: (ids, role) => [null, form({ intent: "withdraw", reportId: ids.r1, suggestionId: ids.s.aSubmitted, expectedVersion: versionFor(ids, ids.s.aSubmitted, role, ["unitA"]), reason: "撤回" })],
        expect: row("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "CONFLICT", "NOT_FOUND", "NOT_FOUND", "login"),
      },
      {
        scope: "other unit",
        note: "decide unit B's suggestion under review",
        args: (ids, role) => [
          null,
          form({ intent: "decide", reportId: ids.r1, suggestionId: ids.s.bUnderReview, expectedVersion: versionFor(ids, ids.s.bUnderReview, role, ["reviewer"]), outcome: "adopted", reply: "越权决定：采纳。", reasonCode: "", reason: "" }),
        ],
        expect: row("FORBIDDEN", "FORBIDDEN", "CONFLICT", "NOT_FOUND", "FORBIDDEN", "NOT_FOUND", "login"),
      },
      {
        scope: "other unit",
        note: "resubmit unit B's returned suggestion",
        args: (ids, role) => [null, form({ intent: "resubmit", reportId: ids.r1, suggestionId: ids.s.bReturned, expectedVersion: versionFor(ids, ids.s.bReturned, role, ["unitB"]), reply: "越权补充说明" })],
        expect: row("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "NOT_FOUND", "login"),
      },
      {
        scope: "own",
        note: "reopen unit A's adopted suggestion (administrator only)",
        args: (ids, role) => [null, form({ intent: "reopen", reportId: ids.r1, suggestionId: ids.s.aAdopted, expectedVersion: versionFor(ids, ids.s.aAdopted, role, ["admin"]), reason: "越权重新打开" })],
        expect: row("CONFLICT", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "NOT_FOUND", "NOT_FOUND", "login"),
      },
      {
        scope: "own",
        note: "submit unit A's draft",
        args: (ids, role) => [null, form({ intent: "submit", reportId: ids.r1, suggestionId: ids.s.aDraft, expectedVersion: versionFor(ids, ids.s.aDraft, role, ["unitA"]) })],
        expect: row("NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "CONFLICT", "NOT_FOUND", "NOT_FOUND", "login"),
      },
      {
        scope: "other report",
        note: "a suggestion of report 1 addressed through report 2",
        args: (ids) => [null, form({ intent: "claim", reportId: ids.r2, suggestionId: ids.s.aSubmitted, expectedVersion: fresh(ids, ids.s.aSubmitted) })],
        expect: all("NOT_FOUND", "login"),
      },
    ],
  },
  {
    kind: "action",
    file: A.suggestions,
    name: "saveSuggestionAction",
    page: (ids) => `${R1(ids)}/suggestions/new`,
    cases: [
      {
        scope: "own",
        note: "edit unit A's draft",
        args: (ids, role) => [
          null,
          form({ intent: "draft", reportId: ids.r1, suggestionId: ids.s.aDraft, expectedVersion: versionFor(ids, ids.s.aDraft, role, ["unitA"]), title: "越权修改的标题", body: "越权修改的正文内容。", proposedWording: "" }),
        ],
        expect: row("NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "CONFLICT", "NOT_FOUND", "NOT_FOUND", "login"),
      },
      {
        scope: "other unit",
        note: "edit unit B's returned suggestion",
        args: (ids, role) => [
          null,
          form({ intent: "draft", reportId: ids.r1, suggestionId: ids.s.bReturned, expectedVersion: versionFor(ids, ids.s.bReturned, role, ["unitB"]), title: "越权修改的标题", body: "越权修改的正文内容。", proposedWording: "" }),
        ],
        expect: row("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "NOT_FOUND", "login"),
      },
      {
        scope: "own",
        note: "a new suggestion: units only (their probe is left empty and refused by validation)",
        args: (ids, role) => [null, form({ intent: "draft", reportId: ids.r1, title: role === "unitA" || role === "unitB" ? "" : "越权新建的建议", body: "越权新建的建议正文。", proposedWording: "" })],
        expect: row("FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "VALIDATION", "VALIDATION", "FORBIDDEN", "login"),
      },
      {
        scope: "other report",
        args: (ids) => [null, form({ intent: "draft", reportId: ids.r2, title: "越权新建的建议", body: "越权新建的建议正文。", proposedWording: "" })],
        expect: row("FORBIDDEN", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "login"),
      },
    ],
  },
  {
    kind: "action",
    file: A.suggestions,
    name: "addCommentAction",
    page: (ids) => `${R1(ids)}/suggestions/${ids.s.aSubmitted}`,
    cases: [
      { scope: "own", args: (ids) => [null, form({ reportId: ids.r1, suggestionId: ids.s.aSubmitted, body: "权限矩阵的留言" })], expect: row("ok", "ok", "ok", "ok", "NOT_FOUND", "NOT_FOUND", "login") },
      { scope: "own", args: (ids) => [null, form({ reportId: ids.r1, suggestionId: ids.s.aDraft, body: "越权留言" })], expect: row("NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "skip", "NOT_FOUND", "NOT_FOUND", "login") },
      { scope: "other report", args: (ids) => [null, form({ reportId: ids.r2, suggestionId: ids.s.aSubmitted, body: "越权留言" })], expect: all("NOT_FOUND", "login") },
    ],
  },
  {
    kind: "action",
    file: A.suggestions,
    name: "findSimilarAction",
    page: (ids) => `${R1(ids)}/suggestions/new`,
    // Similar suggestions: only what the caller may already see.
    cases: [
      { scope: "other unit", args: (ids) => [{ reportId: ids.r1, text: "党总支配备专职副书记 党建述职制度 党建与业务同谋划" }], expect: all("ok", "login"), hidden: suggestionListHidden },
      { scope: "other report", args: (ids) => [{ reportId: ids.r2, text: "党总支配备专职副书记" }], expect: all("ok", "login"), hidden: { admin: [titles.aSubmitted], drafter: [titles.aSubmitted], unitA: [titles.aSubmitted] } },
    ],
  },
];

// ------------------------------------------------------------------ the collaboration socket
const readOnlyExceptDrafter: Record<Role, boolean> = { admin: true, drafter: false, reviewer: true, unitA: true, unitB: true, viewer: true, anon: true };
export const sockets: SocketEntry[] = [
  {
    kind: "socket",
    file: "server/collab/collab-server.ts",
    cases: [
      // Everyone in the report connects; only the drafting group may change the text.
      { scope: "own", documentId: (ids) => ids.doc1, expect: row(101, 101, 101, 101, 101, 101, 401), readOnly: readOnlyExceptDrafter },
      { scope: "other report", documentId: (ids) => ids.doc2, expect: row(101, 403, 403, 403, 403, 403, 401) },
      { scope: "guessed id", documentId: () => 987654, expect: row(403, 403, 403, 403, 403, 403, 401) },
      { scope: "guessed id", documentId: () => "0", expect: row(404, 404, 404, 404, 404, 404, 404) },
    ],
  },
];

export const entryPoints: EntryPoint[] = [...pages, ...routes, ...actions, ...sockets];

/** Files of app/ every one of which must appear in the table. */
export function entryPointFiles(): Set<string> {
  return new Set(entryPoints.map((e) => e.file));
}
