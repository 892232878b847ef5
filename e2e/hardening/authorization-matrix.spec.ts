/**
 * The authorization matrix, generated from e2e/hardening/entry-points.ts: every page, route handler,
 * server action and the collaboration socket × every demo role × own data / another unit's /
 * another report's / guessed ids. Requests go out as each role's session (request contexts, no
 * browser); every refused write is checked against a fingerprint of the database (read-only).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import * as Y from "yjs";
import { reportHardening } from "../../server/testing/hardening-report";
import { encodeUpdate } from "../../server/collab/protocol";
import {
  accountOf,
  actions,
  entryPointFiles,
  pages,
  roles,
  routes,
  sockets,
  titles,
  type Hidden,
  type Ids,
  type Role,
  type SignedInRole,
} from "./entry-points";
import {
  actionId,
  baseURL,
  builtActionId,
  callAction,
  changedTables,
  closeDb,
  cookieHeaderOf,
  db,
  fingerprint,
  openSocket,
  pageOutcome,
  signedInContext,
  sleep,
  waitFor,
  type SocketProbe,
} from "./matrix-client";

// Each test walks a whole table of cells (every page, route or action × every role): the bound is
// for the table, not for one request.
test.describe.configure({ timeout: 240_000 });

test.describe.configure({ mode: "serial" });

const contexts = {} as Record<Role, APIRequestContext>;
let drafter2: APIRequestContext;
let reviewer2: APIRequestContext;
let ids: Ids;
const tally = { cells: 0, wrong: [] as string[], skipped: 0 };
const started = Date.now();

/** One cell checked; MATRIX_DUMP=file writes every cell (role, expected, actual) for reading the whole matrix. */
function record(cell: string, expected: string, actual: string, extra: string[] = []): void {
  if (process.env.MATRIX_DUMP) fs.appendFileSync(process.env.MATRIX_DUMP, `${cell}\t${expected}\t${actual}\t${extra.join(",")}\n`);
  tally.cells += 1;
  const problems = [...(expected === actual ? [] : [`expected ${expected}, got ${actual}`]), ...extra];
  if (problems.length > 0) tally.wrong.push(`${cell}: ${problems.join("; ")}`);
}

function leaks(body: string, hidden: Hidden | undefined, role: Role): string[] {
  return (hidden?.[role] ?? []).filter((text) => body.includes(text)).map((text) => `shows hidden “${text}”`);
}

async function ok(result: Promise<{ outcome: string; body: string }>, what: string): Promise<string> {
  const r = await result;
  if (r.outcome !== "ok") throw new Error(`fixture ${what}: ${r.outcome} ${r.body.slice(-300)}`);
  return r.body;
}

const one = <T>(sql: string, ...params: unknown[]): T => db().prepare(sql).get(...params) as T;

function loadIds(): Ids {
  const r1 = one<{ id: number }>("select id from reports where title = ?", "市直机关基层党组织建设状况调研").id;
  const r2 = one<{ id: number }>("select id from reports where title = ?", "2026年度机关党建述职评议").id;
  const user = Object.fromEntries((db().prepare("select id, username from users").all() as { id: number; username: string }[]).map((u) => [u.username, u.id]));
  const sid = (title: string) => one<{ id: number }>("select id from suggestions where report_id = ? and title = ?", r1, title).id;
  const finding = one<{ id: number; kind: string; title: string; summary: string; evidence: string }>(
    "select id, kind, title, summary, evidence from findings where report_id = ? and kind = 'fact' and number = 1",
    r1,
  );
  return {
    r1,
    r2,
    doc1: one<{ id: number }>("select id from documents where report_id = ? order by id", r1).id,
    doc2: one<{ id: number }>("select id from documents where report_id = ? order by id", r2).id,
    user,
    probeUser: user["matrix-probe"],
    s: {
      aAdopted: sid("组织生活会议题提前公示、会后评议"),
      aSubmitted: sid(titles.aSubmitted),
      aDraft: sid(titles.aDraft),
      bUnderReview: sid(titles.bUnderReview),
      bReturned: sid(titles.bReturned),
    },
    version: Object.fromEntries((db().prepare("select id, version from suggestions").all() as { id: number; version: number }[]).map((s) => [s.id, s.version])),
    findingR1: finding.id,
    findingR1Fields: { kind: finding.kind, title: finding.title, summary: finding.summary, evidence: finding.evidence },
    findingR2: one<{ id: number }>("select id from findings where report_id = ? and title = ?", r2, "矩阵-另一报告的发现").id,
    versionR1: one<{ id: number }>("select id from document_versions where name = ?", "矩阵-正文").id,
    versionR2: one<{ id: number }>("select id from document_versions where name = ?", "矩阵-述职").id,
    commentR1: one<{ id: number }>("select id from comments where body = ?", "矩阵-正文评论").id,
    commentR2: one<{ id: number }>("select id from comments where body = ?", "矩阵-述职评论").id,
  };
}

test.beforeAll(async () => {
  for (const role of roles) contexts[role] = role === "anon" ? await request.newContext({ baseURL }) : await signedInContext(accountOf[role]);
  drafter2 = await signedInContext("drafter2");
  reviewer2 = await signedInContext("reviewer2");

  // Fixtures, made through the app by the people allowed to make them.
  const r1 = one<{ id: number }>("select id from reports where title = ?", "市直机关基层党组织建设状况调研").id;
  const r2 = one<{ id: number }>("select id from reports where title = ?", "2026年度机关党建述职评议").id;
  const doc1 = one<{ id: number }>("select id from documents where report_id = ? order by id", r1).id;
  const doc2 = one<{ id: number }>("select id from documents where report_id = ? order by id", r2).id;
  const anchor = "AQdkZWZhdWx0AA==";
  await ok(
    callAction(contexts.admin, "/admin/users", actionId("app/admin/actions.ts", "createUserAction"), [
      null,
      { form: { username: "matrix-probe", displayName: "矩阵探针", password: "matrix-probe-123" } },
    ]),
    "probe account",
  );
  await ok(
    callAction(drafter2, `/reports/${r2}/findings`, actionId("app/reports/[reportId]/findings/actions.ts", "createFindingAction"), [
      null,
      { form: { reportId: String(r2), kind: "problem", title: "矩阵-另一报告的发现", summary: "只属于第二份报告。" } },
    ]),
    "finding of report 2",
  );
  const nameVersion = actionId("app/reports/[reportId]/document/versions/actions.ts", "nameVersionAction");
  await ok(callAction(contexts.drafter, `/reports/${r1}/document/versions`, nameVersion, [null, { form: { reportId: String(r1), documentId: String(doc1), name: "矩阵-正文" } }]), "version 1");
  await ok(callAction(drafter2, `/reports/${r2}/document/versions`, nameVersion, [null, { form: { reportId: String(r2), documentId: String(doc2), name: "矩阵-述职" } }]), "version 2");
  const addComment = actionId("app/reports/[reportId]/document/comment-actions.ts", "addDocumentCommentAction");
  await ok(
    callAction(contexts.reviewer, `/reports/${r1}/document`, addComment, [{ reportId: r1, documentId: doc1, anchorStart: anchor, anchorEnd: anchor, quote: "矩阵", body: "矩阵-正文评论" }]),
    "comment 1",
  );
  await ok(
    callAction(reviewer2, `/reports/${r2}/document`, addComment, [{ reportId: r2, documentId: doc2, anchorStart: anchor, anchorEnd: anchor, quote: "矩阵", body: "矩阵-述职评论" }]),
    "comment 2",
  );
  ids = loadIds();
});

test.afterAll(async () => {
  // Report 2 starts without findings and import.spec relies on that: take the fixture away again.
  if (ids)
    await callAction(drafter2, `/reports/${ids.r2}/findings`, actionId("app/reports/[reportId]/findings/actions.ts", "deleteFindingAction"), [
      null,
      { form: { reportId: String(ids.r2), findingId: String(ids.findingR2) } },
    ]);
  reportHardening({
    check: "authorization matrix",
    tried: tally.cells,
    triedUnit: "cells",
    failed: tally.wrong.length,
    failedUnit: "wrong",
    notes: `${tally.skipped} cells skipped (covered elsewhere); ${Math.round((Date.now() - started) / 1000)} s`,
  });
  for (const c of [...Object.values(contexts), drafter2, reviewer2]) await c?.dispose();
  closeDb();
});

test("the table lists every page, route handler and server action of app/", () => {
  const listed = entryPointFiles();
  const files = execFileSync("find", ["app", "-name", "page.tsx", "-o", "-name", "route.ts", "-o", "-name", "*.ts", "-o", "-name", "*.tsx"], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .filter((f) => /\/(page\.tsx|route\.ts)$/.test(f) || /^\s*["']use server["']/m.test(fs.readFileSync(f, "utf8")));
  const missing = files.filter((f) => !listed.has(f) && !f.endsWith("/layout.tsx"));
  expect(missing).toEqual([]);

  // Every server action of the build is a row of the table.
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string; filename: string }> };
  const inTable = new Set(actions.map((a) => `${a.file}#${a.name}`));
  const unlisted = Object.values(manifest.node)
    .map((e) => `${e.filename}#${e.exportedName}`)
    .filter((key) => !inTable.has(key));
  expect(unlisted).toEqual([]);
});

test("pages answer each role as the policy says", async () => {
  const before = tally.wrong.length;
  for (const entry of pages)
    for (const c of entry.cases) {
      const path = c.path(ids);
      for (const role of roles) {
        const { outcome, body } = await pageOutcome(contexts[role], path);
        record(`page ${path} · ${role} (${c.scope})`, c.expect[role], outcome, leaks(body, c.hidden, role));
      }
    }
  expect(tally.wrong.slice(before)).toEqual([]);
});

/** An event stream's status for a role: the headers and first event arrive, then the stream is dropped. */
async function streamStatus(role: Role, path: string): Promise<number> {
  const abort = new AbortController();
  const cookie: Record<string, string> = role === "anon" ? {} : { Cookie: await cookieHeaderOf(contexts[role]) };
  const response = await fetch(`${baseURL}${path}`, { headers: cookie, redirect: "manual", signal: abort.signal });
  try {
    if (response.ok) {
      const first = await response.body!.getReader().read();
      if (!new TextDecoder().decode(first.value).startsWith("retry:")) return -1;
    }
    return response.status;
  } finally {
    abort.abort();
  }
}

test("route handlers answer each role as the policy says, and refused writes change nothing", async () => {
  const before = tally.wrong.length;
  for (const entry of routes)
    for (const c of entry.cases) {
      const path = c.path(ids);
      for (const role of roles) {
        const refused = !c.expect[role].startsWith("2");
        const snapshot = c.writes && refused ? fingerprint() : null;
        if (c.stream) {
          const status = await streamStatus(role, path);
          record(`${c.method} ${path} · ${role} (${c.scope})`, c.expect[role], String(status), []);
          continue;
        }
        const response = c.method === "GET" ? await contexts[role].get(path, { maxRedirects: 0 }) : await contexts[role].post(path, { maxRedirects: 0 });
        const body = response.ok() ? await response.text() : "";
        const changed = snapshot ? changedTables(snapshot, fingerprint()).map((t) => `changed ${t}`) : [];
        record(`${c.method} ${path} · ${role} (${c.scope})`, c.expect[role], String(response.status()), [...leaks(body, c.hidden, role), ...changed]);
      }
    }
  expect(tally.wrong.slice(before)).toEqual([]);
});

test("server actions called over HTTP refuse what the policy refuses, and a refusal changes nothing", async () => {
  const before = tally.wrong.length;
  for (const entry of actions) {
    const id = builtActionId(entry.file, entry.name);
    for (const c of entry.cases)
      for (const role of roles) {
        const expected = c.expect[role];
        if (expected === "skip") {
          tally.skipped += 1;
          continue;
        }
        if (id === null || expected === "not built") {
          record(`action ${entry.name} · ${role}`, expected, id === null ? "not built" : "built");
          continue;
        }
        // Versions move as allowed probes and other specs act: read them fresh.
        ids.version = Object.fromEntries((db().prepare("select id, version from suggestions").all() as { id: number; version: number }[]).map((s) => [s.id, s.version]));
        const page = entry.page(ids);
        const refused = expected !== "ok";
        const snapshot = refused ? fingerprint() : null;
        const own = entry.name === "markNotificationsReadAction" ? othersNotifications(role) : null;
        // Signing out answers with a cleared cookie: use a copy of the session.
        const signOut = entry.name === "signOutAction";
        const context = signOut ? await request.newContext({ baseURL, storageState: await contexts[role].storageState() }) : contexts[role];
        const result = await callAction(context, page, id, c.args(ids, role));
        if (signOut) await context.dispose();
        const extra = [...leaks(result.body, c.hidden, role)];
        if (snapshot) extra.push(...changedTables(snapshot, fingerprint()).map((t) => `changed ${t}`));
        if (own !== null && othersNotifications(role) !== own) extra.push("changed other people's notifications");
        record(`action ${entry.name}${c.note ? ` (${c.note})` : ""} · ${role} (${c.scope})`, expected, result.outcome, extra);
      }
  }
  expect(tally.wrong.slice(before)).toEqual([]);
});

function othersNotifications(role: Role): string {
  const me = role === "anon" ? -1 : ids.user[accountOf[role]];
  return JSON.stringify(db().prepare("select id, read_at from notifications where user_id <> ? order by id").all(me));
}

// ------------------------------------------------------------------ the socket
function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("matrix-probe").insert(0, text);
  return encodeUpdate(Y.encodeStateAsUpdate(doc));
}

function stored(documentId: number, text: string): boolean {
  const row = db().prepare("select count(*) as n from document_updates where document_id = ? and instr(\"update\", ?) > 0").get(documentId, Buffer.from(text, "utf8")) as { n: number };
  return row.n > 0;
}

const isSyncUpdate = (f: Uint8Array) => f[0] === 0 && f[1] === 2;
const isDenied = (f: Uint8Array) => f[0] === 2;

async function cookieOf(role: Role): Promise<Record<string, string>> {
  return role === "anon" ? {} : { Cookie: await cookieHeaderOf(contexts[role]) };
}

test("the collaboration socket admits each role as the policy says, and read-only roles cannot change the text", async () => {
  const before = tally.wrong.length;
  const observer = await openSocket(ids.doc1, await cookieOf("drafter"));
  expect(observer.status).toBe(101);
  try {
    for (const entry of sockets)
      for (const c of entry.cases)
        for (const role of roles) {
          const documentId = c.documentId(ids);
          const probe: SocketProbe = await openSocket(documentId, await cookieOf(role));
          const extra: string[] = [];
          if (probe.ws && c.readOnly?.[role]) {
            // Wait for the server's first sync message, then try to write.
            await waitFor(() => probe.frames.length > 0, 5000);
            const text = `矩阵越权写入-${role}-${Date.now()}`;
            const seenBefore = observer.frames.length;
            probe.ws.send(textUpdate(text));
            if (!(await waitFor(() => probe.frames.some(isDenied), 3000))) extra.push("no permission-denied answer");
            await sleep(300);
            if (observer.frames.slice(seenBefore).some(isSyncUpdate)) extra.push("update reached another client");
            if (stored(Number(documentId), text)) extra.push("update stored");
          }
          probe.ws?.close();
          record(`socket /collab/${documentId} · ${role} (${c.scope})`, c.expect[role], String(probe.status), extra);
        }
  } finally {
    observer.ws?.close();
  }
  expect(tally.wrong.slice(before)).toEqual([]);
});

test("a drafter demoted by the administrator while connected cannot write any more", async () => {
  const before = tally.wrong.length;
  const setMember = actionId("app/admin/actions.ts", "setMemberAction");
  const drafter2Id = ids.user.drafter2;
  const socket = await openSocket(ids.doc2, { Cookie: await cookieHeaderOf(drafter2) });
  expect(socket.status).toBe(101);
  try {
    await waitFor(() => socket.frames.length > 0, 5000);
    const first = `矩阵-降级前-${Date.now()}`;
    socket.ws!.send(textUpdate(first));
    record("socket demotion · drafter writes before", "stored", (await waitFor(() => stored(ids.doc2, first), 5000)) ? "stored" : "not stored");

    const demoted = await callAction(contexts.admin, `/admin/reports/${ids.r2}`, setMember, [null, { form: { reportId: String(ids.r2), userId: String(drafter2Id), role: "viewer", unitId: "" } }]);
    record("socket demotion · administrator demotes", "ok", demoted.outcome);
    // The open socket learns it is read-only within a few seconds (notice, or a close asking to reconnect).
    const told = await waitFor(() => socket.frames.some(isDenied) || socket.ws!.readyState !== socket.ws!.OPEN, 5000);
    record("socket demotion · socket told within 5 s", "told", told ? "told" : "not told");
    const second = `矩阵-降级后-${Date.now()}`;
    if (socket.ws!.readyState === socket.ws!.OPEN) socket.ws!.send(textUpdate(second));
    await sleep(1500);
    record("socket demotion · update after demotion", "not stored", stored(ids.doc2, second) ? "stored" : "not stored");
  } finally {
    socket.ws?.close();
    await callAction(contexts.admin, `/admin/reports/${ids.r2}`, setMember, [null, { form: { reportId: String(ids.r2), userId: String(drafter2Id), role: "drafter", unitId: "" } }]);
  }
  expect(tally.wrong.slice(before)).toEqual([]);
});

test("every cell of the table was checked or knowingly skipped", () => {
  const cases = [...pages, ...routes, ...actions, ...sockets].reduce((n, e) => n + e.cases.length, 0);
  const demotionSteps = 4;
  expect(tally.cells + tally.skipped).toBe(cases * roles.length + demotionSteps);
});
