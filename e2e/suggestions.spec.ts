/**
 * The suggestion journey: unit1 submits on problem 2 → reviewer1 claims and returns it → unit1
 * supplements and resubmits → reviewer1 adopts with a reply → unit1 sees the decision and a
 * notification; unit2 can neither list nor open unit1's suggestion.
 */
import { expect, openDemoReport, pageAs, test } from "./fixtures";

test("a suggestion goes from a unit through review to a decision, and stays out of other units' sight", async ({ browser }) => {
  const title = `组织生活会前公示议题（${Date.now().toString(36)}）`;

  // unit1 writes and submits, linked to problem 2.
  const unit1 = await pageAs(browser, "unit1");
  const reportPath = await openDemoReport(unit1);
  await unit1.goto(`${reportPath}/suggestions`);
  await unit1.getByRole("link", { name: "提出意见建议" }).click();
  await unit1.getByLabel("标题").fill(title);
  await unit1.getByLabel("建议内容").fill("建议支部在召开组织生活会前一周公示议题，会后由党员简短评议。");
  await unit1.getByRole("button", { name: "提交" }).click();
  await expect(unit1.getByText("请至少关联一项调研发现")).toBeVisible();
  await unit1.getByLabel(/组织生活重形式、轻实效/).check();
  await unit1.getByRole("button", { name: "提交" }).click();
  await expect(unit1).toHaveURL(/\/suggestions\/\d+$/);
  await expect(unit1.getByRole("heading", { name: title })).toBeVisible();
  await expect(unit1.getByText("已提交", { exact: true }).first()).toBeVisible();
  const suggestionUrl = new URL(unit1.url()).pathname;

  // reviewer1 claims it and returns it with a request.
  const reviewer = await pageAs(browser, "reviewer1");
  await reviewer.goto(`${reportPath}/review`);
  await expect(reviewer.getByRole("link", { name: title })).toBeVisible();
  await reviewer.getByRole("link", { name: title }).click();
  await reviewer.getByRole("button", { name: "认领并审核" }).click();
  await expect(reviewer.getByText("审核中", { exact: true }).first()).toBeVisible();
  const returnForm = reviewer.getByRole("form", { name: "退回补充" });
  await returnForm.getByRole("button", { name: "退回" }).click();
  await expect(returnForm.getByText("请说明需要补充的内容").first()).toBeVisible();
  await returnForm.getByLabel("需要单位补充的内容").fill("请补充公示的渠道和评议结果如何运用。");
  await returnForm.getByRole("button", { name: "退回" }).click();
  await expect(reviewer.getByRole("status").filter({ hasText: "退回补充：请补充公示的渠道" })).toBeVisible();

  // unit1 sees what is expected, supplements the content and resubmits with a reply.
  await unit1.goto(`${reportPath}/suggestions`);
  await expect(unit1.getByRole("row").filter({ hasText: title })).toContainText("退回补充：请补充公示的渠道");
  await unit1.goto(suggestionUrl);
  await unit1.getByRole("link", { name: "修改内容" }).click();
  await unit1.getByLabel("建议内容").fill("建议支部在召开组织生活会前一周通过支部公告栏和工作群公示议题；会后由党员评议，结果纳入支部年度考核。");
  await unit1.getByRole("button", { name: "保存修改" }).click();
  await expect(unit1).toHaveURL(new RegExp(`${suggestionUrl}$`));
  const resubmit = unit1.getByRole("form", { name: "补充后重新提交" });
  await resubmit.getByLabel("对补充要求的答复").fill("已补充公示渠道和评议结果的运用。");
  await resubmit.getByRole("button", { name: "重新提交" }).click();
  await expect(unit1.getByText("审核中", { exact: true }).first()).toBeVisible();
  await expect(unit1.getByRole("heading", { name: "修改记录" })).toBeVisible();

  // reviewer1 adopts it with a reply.
  await reviewer.goto(suggestionUrl);
  const decide = reviewer.getByRole("form", { name: "作出决定" });
  await decide.getByLabel("采纳", { exact: true }).check();
  await decide.getByLabel("给单位的答复（必填）").fill("采纳。将写入对策第二部分“提高组织生活质量”。");
  await decide.getByRole("button", { name: "确认决定" }).click();
  const confirmDecision = () => reviewer.getByRole("alertdialog", { name: "确认作出决定？" }).getByRole("button", { name: "确认决定" }).click();
  // A decision is held a few seconds, and 撤销 takes it back with nothing stored.
  await confirmDecision();
  const held = reviewer.getByTestId("held-submission");
  await expect(held).toContainText("秒后提交决定");
  await expect(held.getByRole("button", { name: "撤销" })).toBeFocused();
  await held.getByRole("button", { name: "撤销" }).click();
  await expect(held).toHaveCount(0);
  await reviewer.reload();
  await expect(reviewer.getByRole("heading", { name: "处理结果" })).toHaveCount(0);
  // A missing reply is said at once, before any waiting.
  await decide.getByLabel("采纳", { exact: true }).check();
  await decide.getByRole("button", { name: "确认决定" }).click();
  await confirmDecision();
  await expect(decide.getByText("请填写给单位的答复").first()).toBeVisible();
  await expect(held).toHaveCount(0);
  await decide.getByLabel("给单位的答复（必填）").fill("采纳。将写入对策第二部分“提高组织生活质量”。");
  await decide.getByRole("button", { name: "确认决定" }).click();
  await confirmDecision();
  // Left alone, it is sent when the window ends.
  await expect(held).toHaveCount(0, { timeout: 15_000 });
  await expect(reviewer.getByRole("heading", { name: "处理结果" })).toBeVisible();

  // unit1 sees the decision and a notification.
  await unit1.goto(suggestionUrl);
  const decision = unit1.locator("section").filter({ has: unit1.getByRole("heading", { name: "处理结果" }) });
  await expect(decision).toContainText("结果：采纳");
  await expect(decision).toContainText("采纳。将写入对策第二部分");
  await expect(unit1.getByRole("list", { name: "办理记录" })).toContainText("作出决定");
  await unit1.goto("/notifications");
  await expect(unit1.getByRole("link", { name: new RegExp(`${title.slice(0, 8)}.*采纳`) }).first()).toBeVisible();

  // unit2 can neither list nor open it.
  const unit2 = await pageAs(browser, "unit2");
  await unit2.goto(`${reportPath}/suggestions`);
  await expect(unit2.getByRole("heading", { name: "意见建议" })).toBeVisible();
  await expect(unit2.getByText(title)).toHaveCount(0);
  await unit2.goto(`${reportPath}/suggestions?q=${encodeURIComponent("组织生活会前")}`);
  await expect(unit2.getByText(title)).toHaveCount(0);
  const response = await unit2.goto(suggestionUrl);
  expect(response?.status()).toBe(404);
  const exported = await unit2.request.get(`/api${reportPath}/suggestions/export?format=csv`);
  expect(exported.status()).toBe(403);
});

test("search marks the matched words, shows the count, sorts by relevance and explains a one-character query", async ({ browser }) => {
  const reviewer = await pageAs(browser, "reviewer1");
  const reportPath = await openDemoReport(reviewer);
  await reviewer.goto(`${reportPath}/suggestions`);
  await reviewer.getByLabel("搜索").fill("经费");
  await reviewer.getByRole("button", { name: "筛选" }).click();
  await expect(reviewer).toHaveURL(/q=%E7%BB%8F%E8%B4%B9/);
  await expect(reviewer.getByTestId("search-count")).toHaveText(/^找到 [1-9]\d* 条意见建议/);
  const link = reviewer.getByRole("link", { name: "设立基层党组织活动专项经费" });
  await expect(link).toBeVisible();
  await expect(link.locator("mark")).toHaveText(["经费"]);
  // The excerpt of the content shows the match too, as text.
  await expect(reviewer.getByRole("table").locator("p mark").first()).toHaveText("经费");
  await expect(reviewer.getByRole("heading", { name: "评论中的匹配" })).toBeVisible();
  await expect(reviewer.getByTestId("comment-search-count")).toHaveText(/^找到 \d+ 条评论$/);

  await reviewer.getByRole("link", { name: "按相关度排序" }).click();
  await expect(reviewer).toHaveURL(/sort=relevance/);
  await expect(reviewer.getByLabel("排序")).toHaveValue("relevance");
  await expect(link.locator("mark")).toHaveText(["经费"]);

  await reviewer.getByLabel("搜索").fill("费");
  await reviewer.getByRole("button", { name: "筛选" }).click();
  await expect(reviewer.getByRole("alert").filter({ hasText: "只有 1 个字" })).toHaveText("“费”只有 1 个字：请至少输入 2 个字再搜索，如“经费”“党支部”。");
  await expect(reviewer.getByLabel("搜索")).toHaveAttribute("aria-invalid", "true");
});
