/**
 * Writing the report together: two drafters co-edit and see each other's named carets, an
 * offline writer's edits merge when it comes back, a viewer cannot change the text, and the
 * text survives the server being killed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, openDemoReport, test, type DemoUser } from "./fixtures";

/** The editor's text without the other writers' caret labels (rendered inside .ProseMirror). */
async function editorText(page: Page): Promise<string> {
  return page.locator(".ProseMirror").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    return copy.textContent ?? "";
  });
}

async function openDocument(page: Page): Promise<void> {
  const base = await openDemoReport(page);
  await page.goto(`${base}/document`);
  await expect(page.locator(".ProseMirror")).toBeVisible();
}

async function signInAt(page: Page, baseURL: string, username: DemoUser): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/reports$/);
}

async function writerAt(browser: Browser, username: DemoUser, baseURL?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await signInAt(page, baseURL ?? "", username);
  await openDocument(page);
  await expect(page.getByTestId("connection-state")).toHaveText("已连接");
  return { context, page };
}

/** Puts the caret at the end of the document and types. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator(".ProseMirror").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

test("two drafters co-edit and see each other's named carets", async ({ browser }) => {
  const a = await writerAt(browser, "drafter1");
  const b = await writerAt(browser, "drafter2");
  await typeAtEnd(a.page, "甲：建立健全基层党组织工作台账。");
  await expect.poll(() => editorText(b.page)).toContain("甲：建立健全基层党组织工作台账。");
  await typeAtEnd(b.page, "乙：完善考核评价机制。");
  await expect.poll(() => editorText(a.page)).toContain("乙：完善考核评价机制。");
  // Carets carry the names the server stamped from the sessions.
  await expect(a.page.locator(".collaboration-carets__label", { hasText: "李文稿" })).toBeVisible();
  await expect(b.page.locator(".collaboration-carets__label", { hasText: "王起草" })).toBeVisible();
  await expect(a.page.getByTestId("presence-bar")).toContainText("李文稿");
  await a.context.close();
  await b.context.close();
});

test("edits made offline merge on reconnect, both ways", async ({ browser }) => {
  const a = await writerAt(browser, "drafter1");
  const b = await writerAt(browser, "drafter2");
  await a.context.setOffline(true);
  await expect(a.page.getByTestId("connection-state")).toHaveText("离线—修改保存在本地");
  await typeAtEnd(a.page, "离线时写下的建议。");
  await typeAtEnd(b.page, "在线时写下的建议。");
  await expect.poll(() => editorText(a.page)).not.toContain("在线时写下的建议。");
  await a.context.setOffline(false);
  await expect(a.page.getByTestId("connection-state")).toHaveText("已连接", { timeout: 20_000 });
  for (const page of [a.page, b.page]) {
    await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain("离线时写下的建议。");
    await expect.poll(() => editorText(page)).toContain("在线时写下的建议。");
  }
  await a.context.close();
  await b.context.close();
});

test("a viewer reads along but cannot type", async ({ browser }) => {
  const drafter = await writerAt(browser, "drafter1");
  const viewer = await writerAt(browser, "viewer1");
  await expect(viewer.page.getByTestId("read-only")).toHaveText("只读");
  await expect(viewer.page.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
  await expect(viewer.page.getByRole("toolbar", { name: "编辑工具栏" })).toHaveCount(0);
  // Compare only once the viewer shows the synced document, not the empty editor before sync.
  await expect.poll(() => editorText(viewer.page)).toContain("对策及建议");
  await expect.poll(async () => (await editorText(viewer.page)) === (await editorText(drafter.page))).toBe(true);
  const before = await editorText(viewer.page);
  await viewer.page.locator(".ProseMirror").click();
  await viewer.page.keyboard.type("只读用户试图修改");
  await expect.poll(() => editorText(viewer.page)).toBe(before);
  await typeAtEnd(drafter.page, "起草组的新段落。");
  await expect.poll(() => editorText(viewer.page)).toContain("起草组的新段落。");
  expect(await editorText(drafter.page)).not.toContain("只读用户试图修改");
  await drafter.context.close();
  await viewer.context.close();
});

// ---------------------------------------------------------------- its own server, killed and restarted

const restartPort = Number(process.env.E2E_RESTART_PORT ?? 3198);
const restartDataDir = path.join(os.tmpdir(), `jianyan-e2e-restart-${restartPort}`);

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: String(restartPort), DATA_DIR: restartDataDir, JIANYAN_SKIP_BUILD: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("已启动")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out.slice(-2000)}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

test("the text survives the server being killed and restarted", async ({ browser }) => {
  test.setTimeout(120_000);
  fs.rmSync(restartDataDir, { recursive: true, force: true });
  const baseURL = `http://localhost:${restartPort}`;
  let server = await startServer();
  try {
    const a = await writerAt(browser, "drafter1", baseURL);
    const b = await writerAt(browser, "drafter2", baseURL);
    await typeAtEnd(a.page, "重启之前写下的这一句。");
    // The moment another writer has it, it is in the database.
    await expect.poll(() => editorText(b.page)).toContain("重启之前写下的这一句。");
    await kill9(server);
    await expect(a.page.getByTestId("connection-state")).not.toHaveText("已连接");
    server = await startServer();
    await expect(a.page.getByTestId("connection-state")).toHaveText("已连接", { timeout: 30_000 });
    await a.context.close();
    await b.context.close();
    // A fresh browser (nothing kept locally) gets the text from the server.
    const c = await writerAt(browser, "drafter2", baseURL);
    await expect.poll(() => editorText(c.page)).toContain("重启之前写下的这一句。");
    await c.context.close();
  } finally {
    await kill9(server);
    fs.rmSync(restartDataDir, { recursive: true, force: true });
  }
});
