import { expect, openDemoReport, pageAs, signIn, test, type DemoUser } from "./fixtures";

test("a signed-out visitor is sent to sign-in", async ({ page }) => {
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "登录建言" })).toBeVisible();
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password and an unknown user get the same error, and the name stays filled in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("viewer1");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("用户名或密码错误");
  await expect(page.getByLabel("用户名")).toHaveValue("viewer1");
  await page.getByLabel("用户名").fill("no-such-user");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("用户名或密码错误");
  await page.getByLabel("密码").fill("");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("请输入密码")).toBeVisible();
});

type Expectation = { reports: number; tabs: string[]; hiddenTabs: string[]; badge: string; admin: boolean };

const staffTabs = ["采纳汇总", "覆盖情况", "统计", "单位"];
const roles: Record<DemoUser, Expectation> = {
  admin: { reports: 2, tabs: ["概览", "正文", "调研发现", "意见建议", "审核队列", ...staffTabs, "管理"], hiddenTabs: [], badge: "管理员", admin: true },
  drafter1: { reports: 1, tabs: ["概览", "正文", "调研发现", "意见建议", ...staffTabs], hiddenTabs: ["审核队列", "管理"], badge: "起草组成员", admin: false },
  drafter2: { reports: 2, tabs: ["概览", "正文", "调研发现", "意见建议", ...staffTabs], hiddenTabs: ["审核队列", "管理"], badge: "起草组成员", admin: false },
  reviewer1: { reports: 1, tabs: ["概览", "正文", "调研发现", "意见建议", "审核队列", ...staffTabs], hiddenTabs: ["管理"], badge: "审核人", admin: false },
  reviewer2: { reports: 2, tabs: ["概览", "正文", "调研发现", "意见建议", "审核队列", ...staffTabs], hiddenTabs: ["管理"], badge: "审核人", admin: false },
  unit1: { reports: 1, tabs: ["概览", "正文", "调研发现", "意见建议", "统计", "单位"], hiddenTabs: ["审核队列", "采纳汇总", "覆盖情况", "管理"], badge: "基层单位联络员", admin: false },
  unit2: { reports: 1, tabs: ["概览", "正文", "调研发现", "意见建议", "统计", "单位"], hiddenTabs: ["审核队列", "采纳汇总", "覆盖情况", "管理"], badge: "基层单位联络员", admin: false },
  viewer1: { reports: 1, tabs: ["概览", "正文", "调研发现", "意见建议", "统计", "单位"], hiddenTabs: ["审核队列", "采纳汇总", "覆盖情况", "管理"], badge: "只读", admin: false },
};

for (const [user, expected] of Object.entries(roles) as [DemoUser, Expectation][]) {
  test(`${user} signs in and sees what the role allows`, async ({ page }) => {
    await signIn(page, user);
    await expect(page.locator("main li a")).toHaveCount(expected.reports);
    const header = page.getByRole("navigation", { name: "主导航" });
    await expect(header.getByRole("link", { name: "管理" })).toHaveCount(expected.admin ? 1 : 0);

    await openDemoReport(page);
    await expect(page.locator("h1 + span").first()).toHaveText(expected.badge);
    const tabs = page.getByRole("navigation", { name: "报告导航" });
    await expect(tabs.getByRole("link")).toHaveText(expected.tabs);
    for (const hidden of expected.hiddenTabs) await expect(tabs.getByRole("link", { name: hidden })).toHaveCount(0);

    const members = page.getByRole("heading", { name: /^成员（/ });
    await expect(members).toHaveCount(["unit1", "unit2", "viewer1"].includes(user) ? 0 : 1);

    const admin = await page.goto("/admin/users");
    expect(admin?.status()).toBe(expected.admin ? 200 : 403);
  });
}

test("a report the user does not belong to answers 404, not 403", async ({ page }) => {
  await signIn(page, "drafter2");
  await page.getByRole("link", { name: /述职评议/ }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const path = new URL(page.url()).pathname;
  await page.context().clearCookies();
  await signIn(page, "drafter1");
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  expect((await page.goto("/reports/999999"))?.status()).toBe(404);
  expect((await page.goto("/reports/abc"))?.status()).toBe(404);
});

test("a unit contact sees its own unit and no member list", async ({ page }) => {
  await signIn(page, "unit1");
  await openDemoReport(page);
  await expect(page.getByText("市财政局预算处党支部").first()).toBeVisible();
});

test("an administrator creates an account, the person signs in, and a disabled account is refused at once", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  await page.getByLabel("用户名").fill("x");
  await page.getByLabel("姓名").fill("临时联络员");
  await page.getByLabel("初始密码").fill("short");
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page.getByText("用户名至少 2 个字符")).toBeVisible();
  await expect(page.getByText("密码至少 8 位", { exact: true })).toBeVisible();
  await expect(page.getByLabel("姓名")).toHaveValue("临时联络员");

  await page.getByLabel("用户名").fill("temp1");
  await page.getByLabel("初始密码").fill("temporary-pass");
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page.getByText("已创建账号 temp1")).toBeVisible();

  const other = await browser.newContext();
  const tempPage = await other.newPage();
  // The password the administrator chose works once: the person sets their own before anything else.
  await tempPage.goto("/login");
  await tempPage.getByLabel("用户名").fill("temp1");
  await tempPage.getByLabel("密码").fill("temporary-pass");
  await tempPage.getByRole("button", { name: "登录" }).click();
  await expect(tempPage).toHaveURL(/\/change-password$/);
  await tempPage.goto("/reports");
  await expect(tempPage).toHaveURL(/\/change-password$/);
  await tempPage.getByLabel("新密码").fill("temp1-own-pass");
  await tempPage.getByLabel("再输入一次").fill("temp1-own-pass");
  await tempPage.getByRole("button", { name: "设置新密码并继续" }).click();
  await expect(tempPage).toHaveURL(/\/reports$/);
  await expect(tempPage.getByText("您还没有参与任何报告")).toBeVisible();

  // Disabling asks first, in the app's dialog; cancelling changes nothing.
  await page.getByRole("button", { name: "停用 temp1" }).click();
  const dialog = page.getByRole("alertdialog", { name: "停用账号 temp1？" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "停用 temp1" })).toBeVisible();
  await page.getByRole("button", { name: "停用 temp1" }).click();
  await dialog.getByRole("button", { name: "停用" }).click();
  await expect(page.getByRole("button", { name: "启用 temp1" })).toBeVisible();

  await tempPage.reload();
  await expect(tempPage).toHaveURL(/\/login/);
  await tempPage.getByLabel("用户名").fill("temp1");
  await tempPage.getByLabel("密码").fill("temp1-own-pass");
  await tempPage.getByRole("button", { name: "登录" }).click();
  await expect(tempPage.getByRole("main").getByRole("alert")).toHaveText("该账号已停用，请联系管理员");
  await other.close();
});

test("an administrator adds a member to a report, and the member sees it", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/admin/reports");
  await page.getByRole("row", { name: /述职评议/ }).getByRole("link", { name: "成员与设置" }).click();
  await page.getByLabel("账号", { exact: true }).selectOption({ label: "吴阅读（viewer1）" });
  await page.getByLabel("角色").selectOption({ label: "基层单位联络员" });
  await page.getByRole("button", { name: "保存成员" }).click();
  await expect(page.getByText("基层单位联络员必须选择所属单位")).toBeVisible();
  await page.getByLabel("角色").selectOption({ label: "只读" });
  await page.getByRole("button", { name: "保存成员" }).click();
  await expect(page.getByText("成员已保存")).toBeVisible();
  await expect(page.getByRole("row", { name: /viewer1/ })).toContainText("只读");

  const viewer = await pageAs(browser, "viewer1");
  await expect(viewer.getByRole("link", { name: /述职评议/ })).toBeVisible();
  await viewer.context().close();

  const stale = await page.context().newPage();
  await stale.goto(page.url());
  await page.getByRole("button", { name: "移除 viewer1" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "移除" }).click();
  await expect(page.getByRole("row", { name: /viewer1/ })).toHaveCount(0);
  // A second tab still lists viewer1: removing again is refused in words next to the button, not with an error page.
  await stale.getByRole("button", { name: "移除 viewer1" }).click();
  await stale.getByRole("alertdialog").getByRole("button", { name: "移除" }).click();
  await expect(stale.getByRole("row", { name: /viewer1/ }).getByRole("alert")).toHaveText("该账号不是本报告成员");
  await stale.close();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "reviewer1");
  await page.getByRole("button", { name: /账号菜单/ }).click();
  await page.getByRole("menuitem", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/login/);
});

test("the administrator reads the audit trail: sign-ins and failures are there and the chain is intact", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("reviewer2");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await signIn(page, "admin");
  await page.goto("/admin/audit?action=auth.sign_in_failed");
  await expect(page.getByRole("status")).toContainText("哈希链完整");
  await expect(page.getByRole("row", { name: /登录失败.*reviewer2|钱把关.*登录失败|登录失败/ }).first()).toContainText("原因：密码错误");
  expect((await page.goto("/admin/audit"))?.status()).toBe(200);
  await page.context().clearCookies();
  await signIn(page, "drafter1");
  expect((await page.goto("/admin/audit"))?.status()).toBe(403);
});

test("the administrator finds accounts by name, unit, role and state, page by page, from the admin navigation", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin");
  const adminNav = page.getByRole("navigation", { name: "管理导航" });
  await adminNav.getByRole("link", { name: "账号" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(adminNav.getByRole("link", { name: "账号" })).toHaveAttribute("aria-current", "page");
  const list = page.getByRole("table", { name: "账号列表" });

  const search = page.getByRole("search", { name: "查找账号" });
  await search.getByLabel("关键词").fill("孙联");
  await search.getByRole("button", { name: "查找" }).click();
  await expect(list.getByRole("row")).toHaveCount(2); // the header and unit1
  await expect(list).toContainText("基层单位联络员（市财政局预算处党支部）");

  await page.goto("/admin/users");
  await search.getByLabel("单位").selectOption({ label: "市教育局基础教育处党支部" });
  await search.getByRole("button", { name: "查找" }).click();
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(list).toContainText("unit2");

  await page.goto("/admin/users?role=reviewer");
  await expect(list.getByRole("row")).toHaveCount(3);
  await page.goto("/admin/users?q=nobody-by-that-name");
  await expect(page.getByText("没有符合条件的账号")).toBeVisible();
  await page.getByRole("link", { name: "清除筛选" }).click();
  await expect(page.getByText("共 ", { exact: false }).first()).toBeVisible();
  // A drafter sees no admin navigation and is refused.
  await page.context().clearCookies();
  await signIn(page, "drafter1");
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  await expect(page.getByRole("navigation", { name: "管理导航" })).toHaveCount(0);
});
