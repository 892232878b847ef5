/**
 * Web checks of the fault and abuse suite: cross-site posts to server actions and state-changing
 * route handlers, cross-origin WebSocket upgrades, the session cookie's attributes over HTTP and
 * behind an HTTPS proxy (and HSTS only then), and sign-in throttling by account and address.
 * Every check is counted; one report line at the end, then the test fails on any failed check.
 */
import { expect, request, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { reportHardening } from "../../server/testing/hardening-report";
import { messages } from "../../server/i18n/zh-CN";
import {
  actionId,
  baseURL,
  callAction,
  changedTables,
  closeDb,
  cookieHeaderOf,
  db,
  fingerprint,
  openSocket,
  port,
  signedInContext,
  signInFrom,
  signInWith,
} from "./matrix-client";

test.describe.configure({ mode: "serial" });

const results: { check: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail = ""): void {
  results.push({ check: name, ok, detail });
}
const failures = () => results.filter((r) => !r.ok).map((r) => `${r.check}${r.detail ? `: ${r.detail}` : ""}`);

const EVIL = "https://evil.example";
const contexts: APIRequestContext[] = [];
async function session(username: string, options: Parameters<typeof signedInContext>[1] = {}): Promise<APIRequestContext> {
  const c = await signedInContext(username, options);
  contexts.push(c);
  return c;
}

const one = <T>(sql: string, ...params: unknown[]): T => db().prepare(sql).get(...params) as T;
const reportId = () => one<{ id: number }>("select id from reports where title = ?", "市直机关基层党组织建设状况调研").id;

test.afterAll(async () => {
  reportHardening({
    check: "web: CSRF, upgrades, cookies, throttling",
    tried: results.length,
    triedUnit: "checks",
    failed: failures().length,
    failedUnit: "failures",
    notes: failures().join(" | ").slice(0, 500) || undefined,
  });
  for (const c of contexts) await c.dispose();
  closeDb();
});

test("cross-site posts to server actions and to the restore route are refused and change nothing", async () => {
  const before = failures().length;
  const r1 = reportId();
  const suggestion = one<{ id: number }>("select id from suggestions where report_id = ? and title = ?", r1, "党员人数较多的党总支配备专职副书记").id;
  const reviewer = await session("reviewer1");
  const admin = await session("admin");
  const addComment = actionId("app/reports/[reportId]/suggestions/actions.ts", "addCommentAction");
  const createUnit = actionId("app/admin/actions.ts", "createUnitAction");
  const commentArgs = (body: string) => [null, { form: { reportId: String(r1), suggestionId: String(suggestion), body } }];

  const foreign: [string, Record<string, string>][] = [
    ["foreign Origin", { Origin: EVIL }],
    ["foreign Origin, Sec-Fetch-Site cross-site", { Origin: EVIL, "Sec-Fetch-Site": "cross-site" }],
    ["sibling subdomain Origin, Sec-Fetch-Site same-site", { Origin: `http://evil.localhost:${port}`, "Sec-Fetch-Site": "same-site" }],
    ["opaque Origin (sandboxed frame)", { Origin: "null" }],
    ["another port of the same host", { Origin: `http://localhost:${port + 1}` }],
  ];
  for (const [label, headers] of foreign) {
    const snapshot = fingerprint();
    const comment = await callAction(reviewer, `/reports/${r1}/suggestions/${suggestion}`, addComment, commentArgs(`跨站留言 ${label}`), headers);
    const unit = await callAction(admin, "/admin/units", createUnit, [null, { form: { name: `跨站单位 ${label}`, kind: "branch", parentId: "" } }], headers);
    const changed = changedTables(snapshot, fingerprint());
    check(`action addComment, ${label}: refused`, comment.outcome === "threw", comment.outcome);
    check(`action createUnit, ${label}: refused`, unit.outcome === "threw", unit.outcome);
    check(`actions, ${label}: nothing changed`, changed.length === 0, changed.join(","));
  }
  // The same call from the app's own page goes through: the refusals above are about the origin.
  const own = await callAction(reviewer, `/reports/${r1}/suggestions/${suggestion}`, addComment, commentArgs("同源留言"), { Origin: baseURL, "Sec-Fetch-Site": "same-origin" });
  check("action addComment from the app's own origin: accepted", own.outcome === "ok", own.outcome);

  // The restore route (drafters only) — a restore that would succeed from the app itself.
  const drafter = await session("drafter1");
  const doc1 = one<{ id: number }>("select id from documents where report_id = ? order by id", r1).id;
  const named = await callAction(drafter, `/reports/${r1}/document/versions`, actionId("app/reports/[reportId]/document/versions/actions.ts", "nameVersionAction"), [
    null,
    { form: { reportId: String(r1), documentId: String(doc1), name: "跨站检查" } },
  ]);
  check("fixture: drafter names a version", named.outcome === "ok", named.outcome);
  const versionId = one<{ id: number }>("select id from document_versions where name = ? order by id desc", "跨站检查").id;
  const restorePath = `/api/reports/${r1}/document/versions/${versionId}/restore`;
  const restores = () => one<{ n: number }>("select count(*) as n from document_versions where kind = 'restore' and restored_from_id = ?", versionId).n;
  for (const [label, headers] of [...foreign, ["Sec-Fetch-Site cross-site without Origin", { "Sec-Fetch-Site": "cross-site" }] as [string, Record<string, string>]]) {
    const response = await drafter.post(restorePath, { headers, maxRedirects: 0 });
    check(`route restore, ${label}: refused with 403`, response.status() === 403, String(response.status()));
    check(`route restore, ${label}: nothing restored`, restores() === 0, String(restores()));
  }
  const accepted = await drafter.post(restorePath, { headers: { Origin: baseURL, "Sec-Fetch-Site": "same-origin" }, maxRedirects: 0 });
  check("route restore from the app's own origin: accepted", accepted.status() === 200 && restores() === 1, `${accepted.status()} ${restores()}`);

  // Auth.js's own POST endpoints carry their CSRF token: a cross-site post without it signs nobody in or out.
  const anon = await request.newContext({ baseURL });
  contexts.push(anon);
  const login = await anon.post("/api/auth/callback/credentials", {
    headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" },
    form: { username: "viewer1", password: "jianyan-demo", callbackUrl: "/reports" },
    maxRedirects: 0,
  });
  check("cross-site sign-in post (login CSRF): no session cookie", !sessionCookieOf(login), setCookies(login).join(" / ").slice(0, 200));
  const signout = await reviewer.post("/api/auth/signout", { headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" }, form: { callbackUrl: "/login" }, maxRedirects: 0 });
  const cleared = setCookies(signout).some((c) => /authjs\.session-token=;|authjs\.session-token=(?:[^;]*);.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c));
  check("cross-site sign-out post: the session cookie is not cleared", !cleared, setCookies(signout).join(" / ").slice(0, 200));
  expect(failures().slice(before)).toEqual([]);
});

test("cross-origin WebSocket upgrades are refused even with a valid session", async () => {
  const before = failures().length;
  const drafter = await session("drafter1");
  const cookie = { Cookie: await cookieHeaderOf(drafter) };
  const doc1 = one<{ id: number }>("select id from documents where report_id = ? order by id", reportId()).id;
  for (const [label, origin] of [
    ["foreign Origin", EVIL],
    ["another port", `http://localhost:${port + 1}`],
    ["sibling subdomain", `http://evil.localhost:${port}`],
    ["no Origin", ""],
  ] as const) {
    const probe = await openSocket(doc1, cookie, origin);
    probe.ws?.close();
    check(`upgrade, ${label}: refused with 403`, probe.status === 403, String(probe.status));
  }
  const own = await openSocket(doc1, cookie, baseURL);
  own.ws?.close();
  check("upgrade from the app's own origin: accepted", own.status === 101, String(own.status));
  expect(failures().slice(before)).toEqual([]);
});

function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);
}
function sessionCookieOf(response: APIResponse): string | undefined {
  return setCookies(response).find((c) => /^(__Secure-)?authjs\.session-token=[^;]+/.test(c));
}

test("the session cookie is HttpOnly and SameSite=Lax; behind HTTPS it is __Secure- and Secure, and only then HSTS", async () => {
  const before = failures().length;
  for (const https of [false, true]) {
    const label = https ? "via HTTPS proxy" : "plain HTTP";
    const headers: Record<string, string> = https ? { "X-Forwarded-Proto": "https" } : {};
    const context = await request.newContext({ baseURL, extraHTTPHeaders: headers });
    contexts.push(context);
    const response = await signInWith(context, "viewer1", "jianyan-demo");
    const cookie = sessionCookieOf(response) ?? "";
    check(`${label}: a session cookie is set`, cookie !== "", setCookies(response).join(" / ").slice(0, 200));
    check(`${label}: HttpOnly`, /;\s*HttpOnly/i.test(cookie), cookie.replace(/=[^;]+/, "=…"));
    check(`${label}: SameSite=Lax or Strict`, /;\s*SameSite=(Lax|Strict)/i.test(cookie), cookie.replace(/=[^;]+/, "=…"));
    check(`${label}: ${https ? "__Secure- prefix and Secure" : "no Secure flag, no prefix"}`, https ? cookie.startsWith("__Secure-") && /;\s*Secure/i.test(cookie) : !cookie.startsWith("__Secure-") && !/;\s*Secure/i.test(cookie), cookie.replace(/=[^;]+/, "=…"));
    for (const c of setCookies(response).filter((v) => /authjs\./.test(v)))
      check(`${label}: Auth.js cookie ${c.split("=")[0]} is HttpOnly`, /;\s*HttpOnly/i.test(c), c.replace(/=[^;]+/, "=…"));
    // The session works with that cookie, on pages and on the collaboration socket.
    const page = await context.get("/reports", { maxRedirects: 0 });
    check(`${label}: signed-in page answers 200`, page.status() === 200, String(page.status()));
    const hsts = page.headers()["strict-transport-security"];
    check(`${label}: ${https ? "HSTS sent" : "no HSTS"}`, https ? /max-age=\d{7,}/.test(hsts ?? "") : hsts === undefined, String(hsts));
    const doc1 = one<{ id: number }>("select id from documents where report_id = ? order by id", reportId()).id;
    const socket = await openSocket(doc1, { Cookie: await cookieHeaderOf(context) });
    socket.ws?.close();
    check(`${label}: the socket accepts the session cookie`, socket.status === 101, String(socket.status));
  }
  expect(failures().slice(before)).toEqual([]);
});

test("sign-in throttling refuses in Chinese after the limit, yet the user still signs in from another address", async ({ browser }) => {
  const before = failures().length;
  const admin = await session("admin");
  const username = "throttle-probe";
  const password = "throttle-probe-123";
  const created = await callAction(admin, "/admin/users", actionId("app/admin/actions.ts", "createUserAction"), [null, { form: { username, displayName: "限流探针", password } }]);
  check("fixture: account created", created.outcome === "ok", created.outcome);
  const login = actionId("app/(auth)/login/actions.ts", "loginAction");
  const attempt = (c: APIRequestContext, pw: string) => callAction(c, "/login", login, [{}, { form: { username, password: pw } }]);

  // The attacker is this machine's usual address (127.0.0.1), where the browser below comes from too.
  const attacker = await request.newContext({ baseURL });
  contexts.push(attacker);
  const limit = Number(process.env.LOGIN_MAX_PER_ACCOUNT ?? 5);
  for (let i = 0; i < limit; i++) {
    const { body } = await attempt(attacker, `wrong-${i}`);
    check(`wrong password ${i + 1}: the usual answer`, body.includes(messages.auth.invalid), body.slice(-200));
  }
  const blocked = await attempt(attacker, password);
  check("after the limit, even the right password is refused from that address", blocked.outcome === "ok" && blocked.body.includes(messages.auth.throttled), `${blocked.outcome} ${blocked.body.slice(-200)}`);

  // What the person at that address sees on the real form.
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  const shown = await page
    .getByText(messages.auth.throttled)
    .waitFor({ timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  check("the login form shows the throttled message in Chinese", shown && new URL(page.url()).pathname === "/login", page.url());
  await context.close();

  // The real user at another address is not locked out by those failures.
  const user = await signInFrom("127.0.0.4", username, password);
  check(
    "the user signs in from another address at once",
    user.cookies.some((c) => /^authjs\.session-token=[^;]+/.test(c)) && new URL(user.location).pathname === "/reports",
    user.location,
  );
  // Still refused where the failures came from (the limit holds there).
  const again = await signInFrom("127.0.0.1", username, password);
  check("still refused at the attacker's address", /code=throttled/.test(again.location), again.location);
  // An unknown name is throttled the same way (the answer does not reveal which accounts exist).
  for (let i = 0; i < limit; i++) await signInFrom("127.0.0.5", "no-such-user", `x-${i}`);
  const unknown = await signInFrom("127.0.0.5", "no-such-user", "x");
  check("an unknown name is throttled the same way", /code=throttled/.test(unknown.location), unknown.location);
  expect(failures().slice(before)).toEqual([]);
});

test("metrics are not served to a client forwarded by a proxy", async () => {
  const before = failures().length;
  const anon = await request.newContext({ baseURL });
  contexts.push(anon);
  const forwarded = await anon.get("/api/metrics", { headers: { "X-Forwarded-For": "203.0.113.9" } });
  check("metrics for a forwarded client: 404", forwarded.status() === 404, String(forwarded.status()));
  const local = await anon.get("/api/metrics");
  check("metrics for the machine itself: 200", local.status() === 200, String(local.status()));
  expect(failures().slice(before)).toEqual([]);
});
