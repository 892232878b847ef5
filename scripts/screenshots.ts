/**
 * Screenshots of the pages people use, at 1280 px and 390 px, for looking at the UI and for
 * before/after comparisons in review: `npm run screenshots -- <out-dir> [base-url]`. Needs a
 * running demo server (npm start) and Chromium; writes <page>-<width>.jpg (the first screen of each page).
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const out = process.argv[2] ?? "screenshots";
const base = process.argv[3] ?? "http://127.0.0.1:3000";
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type Shot = { name: string; user: string; path: string; prepare?: (page: Page) => Promise<void> };

const shots: Shot[] = [
  { name: "document", user: "reviewer1", path: "/reports/1/document", prepare: async (p) => void (await p.getByText("已连接").waitFor()) },
  { name: "suggestion", user: "reviewer2", path: "/reports/1/suggestions/2" },
  { name: "review-queue", user: "reviewer1", path: "/reports/1/review?tab=overdue" },
  { name: "suggestions", user: "unit1", path: "/reports/1/suggestions" },
  { name: "notifications", user: "unit1", path: "/notifications" },
  { name: "ledger", user: "reviewer1", path: "/reports/1/ledger" },
  { name: "admin-users", user: "admin", path: "/admin/users" },
  { name: "admin-audit", user: "admin", path: "/admin/audit" },
  { name: "empty-document", user: "drafter2", path: "/reports/2/document", prepare: async (p) => void (await p.getByText("已连接").waitFor()) },
];

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath });
  try {
    for (const width of [1280, 390]) {
      for (const shot of shots) {
        const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } });
        const page = await context.newPage();
        await page.goto(`${base}/login`);
        await page.getByLabel("用户名").fill(shot.user);
        await page.getByLabel("密码").fill("jianyan-demo");
        await page.getByRole("button", { name: "登录" }).click();
        await page.waitForURL((u) => !u.pathname.startsWith("/login"));
        await page.goto(`${base}${shot.path}`);
        await page.waitForLoadState("load");
        await shot.prepare?.(page).catch(() => {});
        await page.waitForTimeout(500);
        const file = path.join(out, `${shot.name}-${width}.jpg`);
        await page.screenshot({ path: file, type: "jpeg", quality: 70 });
        console.log(file);
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

void main();
