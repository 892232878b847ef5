/**
 * The XSS corpus (fault and abuse suite): classic filter-evasion payloads in every field a person
 * types and in the report text itself, read back on every page that shows them, in Chromium with
 * the Content-Security-Policy bypassed (so the check is the app's escaping, not the CSP net).
 * A payload that runs leaves a dialog, `window.__xss` or a request to a foreign host; payload
 * markup that became live DOM counts too. Both fail the test.
 *
 * Short form (npm test): a sample of the corpus; long form (HARDENING_SCALE=long): all of it.
 * Formula neutralisation of the CSV / .xlsx exports is unit-tested in
 * app/api/reports/[reportId]/suggestions/export/table-file.test.ts and
 * server/reporting/ledger-files.test.ts; here the real download is checked.
 */
import type { Page } from "@playwright/test";
import * as Y from "yjs";
import { toBase64 } from "lib0/buffer";
import { addDocumentComment, replyToDocumentComment } from "../../server/commands/document-review/comments";
import { createSuggestionDraft } from "../../server/commands/suggestions";
import { packageParts, sheetCells } from "../../server/reporting/testing";
import { reportHardening, scaled } from "../../server/testing/hardening-report";
import { SESSION_COOKIE } from "../../server/auth/session-token";
import { expect, test } from "../fixtures";
import { XssGuard } from "./xss-guard";
import { bundles, corpus, fitting, formulaPayloads, sample, urlPayloads, type Payload } from "./xss-payloads";
import { demoIds, seedAdministration, seedFindings, seedSuggestions, type Demo } from "./xss-seed";
import { openYClient, startXssServer, type XssServer } from "./xss-server";

test.describe.configure({ mode: "serial" });

const payloads: Payload[] = scaled(0, 1) ? corpus : sample(6);

let server: XssServer;
let guard: XssGuard;
let demo: Demo;
/** "payload|place" pairs that were entered and read back. */
const tried = new Set<string>();
const triedAt = (p: Payload, place: string) => tried.add(`${p.n}|${place}`);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startXssServer();
  guard = new XssGuard(server.origin);
  demo = demoIds(server.sqlite);
});

test.afterAll(async () => {
  const executed = guard ? guard.executed.length : 0;
  const markup = guard ? guard.markup.length : 0;
  reportHardening({
    check: "XSS corpus in Chromium",
    tried: tried.size,
    triedUnit: "payload × place",
    failed: executed,
    failedUnit: "executed",
    notes: `${payloads.length} of ${corpus.length} payloads; ${markup} live markup found; CSP bypassed`,
  });
  if (executed || markup) console.log(guard.summary());
  await guard?.close();
  await server?.stop();
});

// ---------------------------------------------------------------- helpers

const squash = (s: string) => s.replace(/\s+/g, "");

/** The rendered text of the page (what a reader sees, not the RSC payload in script tags). */
async function shownText(page: Page): Promise<string> {
  return squash(await page.evaluate(() => document.body.innerText));
}

/** Opens `url`, waits for `texts` to show as text, then inspects the page for anything that ran. */
async function visit(page: Page, url: string, place: string, texts: string[] = [], worstStatus = 399): Promise<void> {
  const t0 = Date.now();
  const response = await page.goto(url);
  if (process.env.XSS_DEBUG) console.log(`${Date.now() - t0}ms ${place} ${url.slice(0, 80)}`);
  expect(response?.status() ?? 0, `${place}: ${url}`).toBeLessThanOrEqual(worstStatus);
  await page.waitForLoadState("load");
  for (const text of texts) await expect.poll(() => shownText(page), { message: `${place}: ${text.slice(0, 60)} is shown as text` }).toContain(squash(text));
  await guard.inspect(page, place);
}

function assertClean(): void {
  expect(guard.executed, `payloads ran:\n${guard.summary()}`).toEqual([]);
  expect(guard.markup, `payload markup became live DOM:\n${guard.summary()}`).toEqual([]);
}

/** Follows 下一页 links from `url`, inspecting each page (at most `max` pages). */
async function visitPaged(page: Page, url: string, place: string, max = 20): Promise<void> {
  await visit(page, url, place);
  for (let i = 1; i < max; i++) {
    const next = page.getByRole("link", { name: "下一页" });
    if ((await next.count()) === 0) return;
    const href = await next.first().getAttribute("href");
    if (!href) return;
    await visit(page, href, `${place} p.${i + 1}`);
  }
}

// ---------------------------------------------------------------- the guard itself

test("the guard sees a payload that runs, and markup that went live", async ({ browser }) => {
  const probe = new XssGuard(server.origin);
  try {
    const page = await probe.anonymousPage(browser);
    await page.goto("/login");
    // What the app must never do: put a payload into the DOM as markup.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML("beforeend", '<img src=x onerror="alert(7001)"><img src="https://xss.invalid/7002"><a href="javascript:alert(7003)">x</a>');
      (window as unknown as { __xss: number }).__xss = 7004;
    });
    await expect.poll(() => probe.executed.map((t) => t.kind).sort()).toEqual(["dialog", "foreign request"]);
    await probe.inspect(page, "probe");
    expect(probe.executed.map((t) => t.kind)).toContain("window.__xss");
    expect(probe.markup.map((t) => t.detail).join("\n")).toMatch(/onerror on <img>[\s\S]*src="https:\/\/xss\.invalid\/7002"[\s\S]*href="javascript:alert\(7003\)"/);
  } finally {
    await probe.close();
  }
});

// ---------------------------------------------------------------- records

test("every text field of suggestions, findings and administration, on every page that shows it", async ({ browser }) => {
  test.setTimeout(scaled(120_000, 1_200_000));
  const seeded = seedSuggestions(server.db, demo, payloads);
  const findings = seedFindings(server.db, demo, payloads);
  const admin = await seedAdministration(server.db, demo, payloads);
  const base = `/reports/${demo.reportId}`;
  // Each suggestion page once, with every text it must show.
  const pages = new Map<number, { texts: Set<string>; pairs: [Payload, string][] }>();
  for (const s of seeded) {
    const entry = pages.get(s.id) ?? { texts: new Set<string>(), pairs: [] };
    for (const [place, text] of Object.entries(s.fields)) {
      entry.texts.add(text);
      entry.pairs.push([s.payload, place]);
    }
    pages.set(s.id, entry);
  }

  // The unit that wrote them: list, each suggestion with its timeline, notifications.
  const unit1 = await guard.pageAs(browser, "unit1");
  if (scaled(0, 1)) await visit(unit1, base, "report overview (unit)");
  await visitPaged(unit1, `${base}/suggestions`, "suggestion list (unit)", scaled(1, 20));
  for (const [id, entry] of pages) {
    await visit(unit1, `${base}/suggestions/${id}`, "suggestion page (unit)", [...entry.texts]);
    for (const [p, place] of entry.pairs) triedAt(p, place);
  }
  // Notifications name the suggestion by its title (newest first: the last titled one is on top).
  const titled = seeded.filter((s) => s.fields["suggestion title"]);
  await visit(unit1, "/notifications", "notifications (unit)", titled.length ? [titled[titled.length - 1].fields["suggestion title"]] : []);
  for (const s of titled) triedAt(s.payload, "notification text");
  assertClean();

  // The reviewer: queue, a suggestion, ledger, coverage, statistics, findings, units.
  const reviewer = await guard.pageAs(browser, "reviewer1");
  for (const tab of scaled(0, 1) ? ["unassigned", "mine", "returned", "overdue"] : ["unassigned"]) await visitPaged(reviewer, `${base}/review?tab=${tab}`, `review queue ${tab}`, scaled(1, 20));
  for (const [id] of [...pages].slice(0, scaled(0, 1000))) await visit(reviewer, `${base}/suggestions/${id}`, "suggestion page (reviewer)");
  for (const id of admin.suggestionIds.slice(0, scaled(1, 1000))) await visit(reviewer, `${base}/suggestions/${id}`, "suggestion of a payload-named unit and person");
  if (scaled(0, 1)) await visitPaged(reviewer, `${base}/suggestions`, "suggestion list (reviewer)");
  await visit(reviewer, `${base}/ledger`, "adoption ledger");
  await visit(reviewer, `${base}/coverage`, "coverage");
  await visit(reviewer, `${base}/dashboard`, "dashboard");
  await visit(reviewer, `${base}/units`, "units of the report");
  const findingTitles = findings.filter((f) => f.fields["finding title"]);
  await visit(reviewer, `${base}/findings`, "findings list", findingTitles.map((f) => f.fields["finding title"]));
  for (const f of findingTitles) triedAt(f.payload, "finding title");
  for (const f of findings.slice(0, scaled(1, 1000))) {
    await visit(reviewer, `${base}/findings/${f.id}`, "finding page", Object.values(f.fields));
    for (const place of Object.keys(f.fields)) triedAt(f.payload, place);
  }
  await visit(reviewer, "/notifications", "notifications (reviewer)");
  assertClean();

  // The administrator: reports, units, accounts, members, audit trail; the payload-titled reports.
  const adminPage = await guard.pageAs(browser, "admin");
  await visit(adminPage, "/reports", "report list (admin)", admin.reports.map((r) => r.payload.text));
  await visit(adminPage, "/admin/reports", "admin reports", admin.reports.map((r) => r.payload.text));
  for (const r of admin.reports) triedAt(r.payload, "report title");
  for (const r of admin.reports.slice(0, scaled(1, 1000))) {
    await visit(adminPage, `/reports/${r.id}`, "payload-titled report overview", [r.payload.text]);
    await visit(adminPage, `/admin/reports/${r.id}`, "payload-titled report settings");
    triedAt(r.payload, "report description");
  }
  await visit(adminPage, `/admin/reports/${demo.reportId}`, "demo report members", admin.users.map((u) => u.payload.text));
  await visit(adminPage, "/admin/units", "admin units", admin.units.map((p) => p.text));
  for (const p of admin.units) triedAt(p, "unit name");
  await visit(adminPage, "/admin/users", "admin accounts", admin.users.map((u) => u.payload.text));
  for (const u of admin.users) triedAt(u.payload, "user display name");
  await visitPaged(adminPage, "/admin/audit", "audit trail", scaled(1, 40));
  assertClean();
});

// ---------------------------------------------------------------- the report text

/** One paragraph element holding `text`, optionally formatted (a Yjs text attribute is a mark). */
function paragraph(text: string, format?: Record<string, unknown>): Y.XmlElement {
  const el = new Y.XmlElement("paragraph");
  const t = new Y.XmlText();
  t.insert(0, text, format);
  el.insert(0, [t]);
  return el;
}

test("the report text: marks, attributes and nodes the editor never writes, in the editor, versions, diff and exports", async ({ browser }) => {
  test.setTimeout(scaled(150_000, 900_000));
  const base = `/reports/${demo.reportId}`;
  const drafter = await guard.pageAs(browser, "drafter1");
  const cookie = (await drafter.context().cookies()).find((c) => c.name === SESSION_COOKIE)!;
  const client = await openYClient(server.origin, demo.documentId, `${SESSION_COOKIE}=${cookie.value}`);

  // A suggestion with a payload title to reference from the text (its chip shows the title).
  const refTarget = createSuggestionDraft(server.db, demo.users.unit1, {
    reportId: demo.reportId,
    title: "<img src=x onerror=alert(900)>引用",
    body: "被引用的建议",
    findingIds: [demo.problemFindingId],
    submit: true,
  });

  const textPayloads = payloads;
  // Script and data URLs only: a link to another site that a reader clicks is not a payload running.
  const hrefs = payloads.slice(0, scaled(2, 9)).flatMap((p) => urlPayloads(p.n).filter((u) => !u.includes("xss.invalid")));
  const nodePayloads = payloads.slice(0, scaled(4, 40));
  const headingPayloads = fitting(payloads, 80).slice(0, scaled(3, 8));
  client.doc.transact(() => {
    const blocks: (Y.XmlElement | Y.XmlText)[] = [];
    // Countermeasure sections titled with payloads (the sign-off panel and coverage list them).
    for (const [i, p] of headingPayloads.entries()) {
      const heading = new Y.XmlElement("heading");
      const title = new Y.XmlText();
      title.insert(0, `对策${i + 1}：${p.text}`);
      heading.setAttribute("level", 3 as unknown as string);
      heading.setAttribute("id", i === 0 ? p.text : `xss-section-${p.n}`);
      heading.setAttribute("respondsTo", p.text);
      heading.setAttribute("onclick", `alert(${p.n})`);
      heading.insert(0, [title]);
      blocks.push(heading);
    }
    // The payloads as text.
    for (const p of textPayloads) blocks.push(paragraph(`正文${p.n}：${p.text}`));
    // Link marks with script and data URLs; marks with handler attributes.
    for (const [i, href] of hrefs.entries()) blocks.push(paragraph(`链接${i + 1}`, { link: { href, target: "_blank", rel: null, class: null } }));
    for (const p of nodePayloads.slice(0, 4)) blocks.push(paragraph(`加粗${p.n}`, { bold: { onclick: `alert(${p.n})` }, italic: { style: `background:url(javascript:alert(${p.n}))` } }));
    for (const p of nodePayloads) {
      // Paragraphs carrying handler and style attributes.
      const el = paragraph(`属性${p.n}`);
      el.setAttribute("onclick", `alert(${p.n})`);
      el.setAttribute("onerror", `window.__xss=${p.n}`);
      el.setAttribute("style", `background:url(https://xss.invalid/${p.n})`);
      el.setAttribute("class", p.text);
      blocks.push(el);
      // Elements of unknown names, as blocks and inside a paragraph.
      const script = new Y.XmlElement("script");
      const code = new Y.XmlText();
      code.insert(0, `alert(${p.n})`);
      script.insert(0, [code]);
      const iframe = new Y.XmlElement("iframe");
      iframe.setAttribute("src", `javascript:alert(${p.n})`);
      iframe.setAttribute("srcdoc", `<script>parent.__xss=${p.n}</script>`);
      const img = new Y.XmlElement("img");
      img.setAttribute("src", `https://xss.invalid/${p.n}`);
      img.setAttribute("onerror", `alert(${p.n})`);
      const wrapper = new Y.XmlElement("paragraph");
      const before = new Y.XmlText();
      before.insert(0, `未知节点${p.n}`);
      const inlineImg = new Y.XmlElement("img");
      inlineImg.setAttribute("src", "x");
      inlineImg.setAttribute("onerror", `alert(${p.n})`);
      wrapper.insert(0, [before, inlineImg]);
      blocks.push(script, iframe, img, wrapper);
      // Suggestion references with payload attributes (and one real id with a payload code).
      const refs = new Y.XmlElement("paragraph");
      const lead = new Y.XmlText();
      lead.insert(0, `引用${p.n}`);
      const badRef = new Y.XmlElement("suggestionRef");
      badRef.setAttribute("suggestionId", p.text);
      badRef.setAttribute("code", p.text);
      const realRef = new Y.XmlElement("suggestionRef");
      realRef.setAttribute("suggestionId", String(refTarget.id) as string);
      realRef.setAttribute("code", p.text);
      realRef.setAttribute("href", `javascript:alert(${p.n})`);
      refs.insert(0, [lead, badRef, realRef]);
      blocks.push(refs);
    }
    client.fragment.insert(client.fragment.length, blocks as Y.XmlElement[]);
  });
  for (const p of textPayloads) triedAt(p, "document text");
  for (const p of payloads.slice(0, scaled(2, 9))) triedAt(p, "document link href");
  for (const p of nodePayloads) {
    triedAt(p, "document element attributes");
    triedAt(p, "document unknown nodes");
    triedAt(p, "document suggestion-reference attributes");
  }
  for (const p of headingPayloads) triedAt(p, "document heading (section title, respondsTo, id)");

  // Anchored comments and replies on the injected text, through the commands the panel calls.
  const commentPayloads = fitting(payloads, 1990).slice(0, scaled(6, 200));
  const anchorText = (client.fragment.get(client.fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
  const anchor = (i: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(anchorText, i)));
  for (const p of commentPayloads) {
    const thread = addDocumentComment(server.db, demo.users.reviewer1, {
      reportId: demo.reportId,
      documentId: demo.documentId,
      anchorStart: anchor(0),
      anchorEnd: anchor(2),
      quote: p.text,
      body: `@王起草 ${p.text}`,
    });
    replyToDocumentComment(server.db, demo.users.drafter1, { reportId: demo.reportId, commentId: thread.id, body: `@赵审核 ${p.text}` });
  }
  client.destroy();

  // The drafter's editor.
  const firstText = `正文${textPayloads[0].n}：${textPayloads[0].text}`;
  await visit(drafter, `${base}/document`, "document page (drafter)");
  await expect(drafter.getByTestId("connection-state")).toHaveText("已连接");
  await expect.poll(() => shownText(drafter), { timeout: 20_000 }).toContain(squash(firstText));
  await guard.inspect(drafter, "document editor (drafter)");

  // The reviewer: the same text, the comment threads and the sign-off panel.
  const reviewer = await guard.pageAs(browser, "reviewer1");
  await visit(reviewer, `${base}/document`, "document page (reviewer)");
  await expect.poll(() => shownText(reviewer), { timeout: 20_000 }).toContain(squash(firstText));
  for (const p of commentPayloads.slice(0, 3)) await expect.poll(() => shownText(reviewer)).toContain(squash(p.text.slice(0, 200)));
  for (const p of commentPayloads) {
    triedAt(p, "document comment");
    triedAt(p, "document comment reply");
  }
  // Clicking the injected links must not run anything.
  const links = reviewer.locator(".ProseMirror a:not([data-suggestion-ref])");
  if (process.env.XSS_DEBUG) console.log(`${await links.count()} links in the editor`);
  for (let i = 0; i < Math.min(await links.count(), scaled(8, 100)); i++) {
    await links.nth(i).click({ modifiers: [], force: true, timeout: 2_000 }).catch(() => {});
    if (!reviewer.url().endsWith(`${base}/document`)) await reviewer.goto(`${base}/document`);
  }
  await guard.inspect(reviewer, "document editor (reviewer, after clicks)");
  assertClean();

  // Section sign-off comments (the panel shows the latest per section): bundles of payloads.
  const signoffBundles = bundles(payloads, 2000).slice(0, scaled(1, 100));
  for (const b of signoffBundles) {
    await reviewer.goto(`${base}/document`);
    await reviewer.getByTestId("signoff-panel").locator("summary").click();
    const panel = reviewer.getByTestId("signoff-panel");
    // The payload-titled sections are listed by their titles, as text.
    for (const [i, p] of headingPayloads.entries()) await expect(panel).toContainText(`对策${i + 1}：${p.text}`);
    const section = reviewer.getByTestId("signoff-section").last();
    await section.getByRole("button", { name: "要求修改" }).click();
    await section.getByLabel("需要修改的内容").fill(b.text);
    await section.getByRole("button", { name: "提交修改意见" }).click();
    await expect.poll(() => shownText(reviewer), { timeout: 15_000 }).toContain(squash(b.text.slice(0, 300)));
    await guard.inspect(reviewer, "section sign-off comment");
    for (const p of b.payloads) triedAt(p, "section sign-off comment");
  }
  await visitPaged(drafter, "/notifications", "notifications (drafter: mentions, change requests)");
  await visitPaged(reviewer, "/notifications", "notifications (reviewer: mentions)");

  // Named versions (payload names), the versions list, a version's view and the diff.
  const versionNames = fitting(payloads, 40).slice(0, scaled(3, 60));
  await drafter.goto(`${base}/document/versions`);
  for (const p of versionNames) {
    await drafter.getByLabel("版本名称").fill(p.text);
    await drafter.getByRole("button", { name: "保存版本" }).click();
    await expect.poll(() => shownText(drafter), { message: `version ${p.text} saved and listed` }).toContain(squash(`命名版本${p.text}`));
    triedAt(p, "version name");
  }
  await visit(drafter, `${base}/document/versions`, "versions list", versionNames.map((p) => p.text));
  const versionLinks = await drafter.locator(`a[href*="/document/versions/"]`).evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  expect(versionLinks.length).toBeGreaterThan(0);
  const oldest = versionLinks[versionLinks.length - 1].match(/versions\/(\d+)/)![1];
  await visit(reviewer, versionLinks[0], "version view", [firstText]);
  await visit(reviewer, `${base}/document/versions?from=${oldest}&to=current`, "version diff");
  await visit(reviewer, `${base}/coverage`, "coverage (payload sections)");
  await visit(reviewer, `${base}/findings/${demo.problemFindingId}`, "finding with responding sections");
  assertClean();

  // Exports: Markdown keeps every payload as text (no live links, images or HTML); .docx has no script links.
  const md = await reviewer.request.get(`/api${base}/export?format=md`);
  expect(md.status()).toBe(200);
  const markdown = await md.text();
  expect(markdown, "no Markdown link or image to a script or data URL").not.toMatch(/(?<!\\)\]\(\s*(?:javascript|vbscript|data):/i);
  expect(markdown, "no raw HTML tag from a payload").not.toMatch(/(?<!\\)<\/?(?:script|img|svg|iframe|a|object|embed|meta|style|link|base|body|div|details|input|form|button|video|audio|marquee|math|noscript|template|x)\b/i);
  expect(markdown).toContain("正文");
  const docx = await reviewer.request.get(`/api${base}/export?format=docx`);
  expect(docx.status()).toBe(200);
  const files = packageParts(await docx.body());
  const rels = [...files.entries()].filter(([name]) => name.endsWith(".rels")).map(([, data]) => data.toString("utf8")).join("\n");
  expect(rels, "no relationship targets a script, data or foreign URL").not.toMatch(/Target="\s*(?:javascript|vbscript|data):|xss\.invalid/i);
  const documentXml = files.get("word/document.xml")!.toString("utf8");
  expect(documentXml).not.toMatch(/<(?:script|img|iframe)\b/i);
  expect(documentXml).not.toContain("w:hyperlink");
  for (const p of textPayloads) {
    triedAt(p, "Markdown export");
    triedAt(p, ".docx export");
  }
});

// ---------------------------------------------------------------- URLs

test("search boxes, filters and the sign-in callback in URLs", async ({ browser }) => {
  test.setTimeout(scaled(90_000, 900_000));
  const base = `/reports/${demo.reportId}`;
  const reviewer = await guard.pageAs(browser, "reviewer1");
  const adminPage = await guard.pageAs(browser, "admin");
  // URLs stay under 2,000 characters: a longer request line is refused before the app sees it.
  const inUrls = fitting(payloads, 600);
  for (const p of inUrls.slice(0, scaled(2, 1000))) {
    await visit(reviewer, `${base}/suggestions?q=${encodeURIComponent(p.text)}`, "suggestion search box");
    // The search box shows what was searched for, as its value.
    if (p.text.length <= 100) await expect(reviewer.locator('input[name="q"]').first()).toHaveValue(p.text);
    triedAt(p, "suggestion search box");
  }
  // Every other filter parameter at once, per page (unknown values are ignored or refused, never run).
  for (const p of inUrls.slice(0, scaled(1, 24))) {
    const v = encodeURIComponent(p.text);
    await visit(reviewer, `${base}/suggestions?state=${v}&unit=${v}&finding=${v}&assignee=${v}&from=${v}&to=${v}&sort=${v}`, "suggestion filters", [], 499);
    await visit(reviewer, `${base}/review?tab=${v}&after=${v}`, "review queue filters", [], 499);
    await visit(reviewer, `${base}/ledger?group=${v}&unit=${v}&finding=${v}&outcome=${v}`, "ledger filters", [], 499);
    await visit(reviewer, `${base}/document/versions?from=${v}&to=${v}&page=${v}`, "version comparison parameters", [], 499);
    await visit(adminPage, `/admin/audit?action=${v}&actor=${v}&from=${v}&to=${v}&before=${v}`, "audit filters", [], 499);
    for (const place of ["suggestion filters", "review queue filters", "ledger filters", "version comparison parameters", "audit filters"]) triedAt(p, place);
  }
  assertClean();

  // The sign-in page's callbackUrl: a script URL never becomes the place we land.
  const page = await guard.anonymousPage(browser);
  const context = page.context();
  for (const p of payloads.slice(0, scaled(1, 3))) {
    const callbacks = urlPayloads(p.n);
    // Short form: a script, a data and a foreign-host URL; long form: all of them.
    for (const callback of scaled(0, 1) ? callbacks : callbacks.filter((_, i) => [0, 4, 8].includes(i))) {
      await context.clearCookies();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callback)}`);
      await page.getByLabel("用户名").fill("viewer1");
      await page.getByLabel("密码").fill("jianyan-demo");
      await page.getByRole("button", { name: "登录" }).click();
      // Signed in, on a page of the app (a script, data or foreign URL is never followed).
      await expect(page).toHaveURL(/\/reports$/);
      await page.waitForLoadState("load");
      await guard.inspect(page, "sign-in callbackUrl");
    }
    triedAt(p, "sign-in callbackUrl");
  }
  await context.close();
  assertClean();
});

// ---------------------------------------------------------------- import preview

test("the import preview of a .txt full of payloads", async ({ browser }) => {
  test.setTimeout(scaled(60_000, 300_000));
  const drafter = await guard.pageAs(browser, "drafter2");
  // A sentence end splits an item into title and text: payloads without one stay whole.
  const imported = fitting(payloads, 110, 2)
    .filter((p) => !/[。！？!?\n]/.test(p.text))
    .slice(0, scaled(8, 200));
  const lines = ["述职评议调研报告", "", "一、基本情况", "", `本次调研覆盖各支部。${imported[0].text}。`, "", "二、存在的问题", ""];
  imported.forEach((p, i) => lines.push(`${i + 1}. ${p.text}。问题说明${p.n}：${p.text}。`, ""));
  lines.push("三、对策及建议", "", `建议：${imported[0].text}。`);
  await drafter.goto(`/reports/${demo.secondReportId}/findings/import`);
  await drafter.getByLabel("报告文件").setInputFiles({ name: "payloads.txt", mimeType: "text/plain", buffer: Buffer.from(lines.join("\n"), "utf8") });
  await drafter.getByRole("button", { name: "解析文件" }).click();
  await expect(drafter.getByRole("main").getByRole("status")).toContainText("条调研发现");
  await guard.inspect(drafter, "import preview");
  const titles = await drafter.locator("main input, main textarea").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const shown = await shownText(drafter);
  for (const p of imported) {
    // Each payload is in the preview as text: a title field's value or the previewed text.
    expect(titles.some((t) => t.includes(p.text)) || shown.includes(squash(p.text)), `${p.text} in the preview`).toBe(true);
    triedAt(p, "import preview");
  }
  await drafter.getByRole("button", { name: "确认导入" }).click();
  await expect(drafter.getByText(/导入完成/)).toBeVisible();
  await visit(drafter, `/reports/${demo.secondReportId}/findings`, "imported findings");
  await visit(drafter, `/reports/${demo.secondReportId}/document`, "imported document");
  await expect(drafter.locator(".ProseMirror")).toContainText("对策及建议");
  await guard.inspect(drafter, "imported document");
  assertClean();
});

// ---------------------------------------------------------------- spreadsheet exports

/** The cells of a CSV (every field quoted, as the export writes it). */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  const re = /"((?:[^"]|"")*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) cells.push(m[1].replaceAll('""', '"'));
  return cells;
}

test("the suggestion exports keep formula payloads as text", async ({ browser }) => {
  const base = `/reports/${demo.reportId}`;
  for (const [i, formula] of formulaPayloads.entries())
    createSuggestionDraft(server.db, demo.users.unit1, { reportId: demo.reportId, title: formula, body: `${formula} 公式${i}`, findingIds: [demo.problemFindingId], submit: true });
  const reviewer = await guard.pageAs(browser, "reviewer1");
  await visit(reviewer, `${base}/suggestions?q=${encodeURIComponent("公式")}`, "suggestion list with formulas");
  const csv = await reviewer.request.get(`/api${base}/suggestions/export?format=csv`);
  expect(csv.status()).toBe(200);
  const cells = csvCells((await csv.text()).replace(/^\ufeff/, ""));
  for (const formula of formulaPayloads) {
    const titleCells = cells.filter((c) => c.replace(/^'/, "") === formula);
    expect(titleCells.length, `the title ${formula} is in the CSV`).toBeGreaterThan(0);
    for (const c of titleCells) expect(c, "a formula cell starts with the neutralising apostrophe").toBe(`'${formula}`);
    const bodyCells = cells.filter((c) => c.replace(/^'/, "").startsWith(`${formula} 公式`));
    for (const c of bodyCells) expect(c.startsWith("'")).toBe(true);
  }
  // No cell of the whole file starts like a formula.
  for (const c of cells) expect(c, `cell ${c.slice(0, 40)}`).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);

  const xlsx = await reviewer.request.get(`/api${base}/suggestions/export?format=xlsx`);
  expect(xlsx.status()).toBe(200);
  const xlsxBytes = await xlsx.body();
  const sheet = packageParts(xlsxBytes).get("xl/worksheets/sheet1.xml")!.toString("utf8");
  expect(sheet, "no formula element in the sheet").not.toMatch(/<f[\s>]/);
  const { cells: xlsxCells } = await sheetCells(xlsxBytes);
  for (const formula of formulaPayloads) {
    const found = xlsxCells.filter((c) => c.text === formula);
    expect(found.length, `${formula} is a cell of the sheet`).toBeGreaterThan(0);
    // Text, never a formula, in the Text format (@) so that editing it in Excel keeps it text.
    for (const c of found) expect(c).toMatchObject({ type: "string", numFmt: "@" });
  }
  assertClean();
});
