/**
 * Reviewing the report text: a reviewer comments on a sentence while a drafter edits the paragraph
 * and the comment stays on its sentence; a reviewer approves sections, a drafter changes one, it
 * shows 批准后已修改 with the diff while the others stay approved; a drafter restores a named
 * version and the other drafter sees it live; a reviewer's raw change on the socket is refused.
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { expect, openDemoReport, pageAs, test, type DemoUser } from "./fixtures";

const SENTENCE = "书记每季度至少参加一次所在支部组织生活";
const PARAGRAPH_START = "把党建述职评议结果";

async function editorText(page: Page): Promise<string> {
  return page.locator(".ProseMirror").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    return copy.textContent ?? "";
  });
}

async function openDocumentAs(browser: Browser, username: DemoUser): Promise<{ page: Page; context: BrowserContext; base: string }> {
  const page = await pageAs(browser, username);
  const base = await openDemoReport(page);
  await page.goto(`${base}/document`);
  await expect(page.locator(".ProseMirror")).toBeVisible();
  await expect(page.getByTestId("connection-state")).toHaveText("已连接");
  await expect.poll(() => editorText(page)).toContain(PARAGRAPH_START);
  return { page, context: page.context(), base };
}

/**
 * Selects `text` inside the editor as a person would with the mouse (collapsed: a caret before or
 * after it). The text may cross several DOM text nodes (comment highlights split them).
 */
async function selectText(page: Page, text: string, caret?: "before" | "after"): Promise<void> {
  await page.locator(".ProseMirror").evaluate(
    (root, [wanted, where]) => {
      if ((root as HTMLElement).isContentEditable) (root as HTMLElement).focus();
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => ((n.parentElement?.closest(".collaboration-carets__caret") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT)),
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const all = nodes.map((n) => n.data).join("");
      const start = all.indexOf(wanted!);
      if (start < 0) throw new Error(`text not found: ${wanted}`);
      const at = (offset: number, preferNext: boolean): [Text, number] => {
        let base = 0;
        for (const n of nodes) {
          const end = base + n.data.length;
          if (offset < end || (offset === end && !preferNext)) return [n, offset - base];
          base = end;
        }
        const last = nodes[nodes.length - 1];
        return [last, last.data.length];
      };
      const from = where === "after" ? start + wanted!.length : start;
      const to = where === "before" ? start : start + wanted!.length;
      const range = document.createRange();
      range.setStart(...at(from, true));
      range.setEnd(...at(to, false));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [text, caret ?? null] as const,
  );
}

/** Types `text` right before or after `anchor` (a text of one paragraph). */
async function typeAt(page: Page, anchor: string, where: "before" | "after", text: string): Promise<void> {
  await selectText(page, anchor, where);
  await page.waitForTimeout(50);
  await page.keyboard.type(text);
}

test("a reviewer's comment stays on its sentence while a drafter edits the paragraph", async ({ browser }) => {
  const reviewer = await openDocumentAs(browser, "reviewer1");
  const drafter = await openDocumentAs(browser, "drafter1");
  await expect(reviewer.page.getByTestId("read-only")).toBeVisible();

  await selectText(reviewer.page, SENTENCE);
  await reviewer.page.getByTestId("comment-selection").click();
  // The drafter edits the same paragraph while the comment is being written.
  await typeAt(drafter.page, PARAGRAPH_START, "before", "（修订）");
  await expect.poll(() => editorText(reviewer.page)).toContain("（修订）把党建");
  await reviewer.page.getByTestId("new-comment-body").fill("请说明“每季度”的依据<b>@drafter1</b>");
  await reviewer.page.getByRole("button", { name: "发表评论" }).click();

  const highlight = (page: Page) => page.locator(".ProseMirror .jianyan-comment");
  await expect(highlight(reviewer.page)).toHaveText(SENTENCE);
  await typeAt(drafter.page, "支部组织生活。", "after", "每半年开展一次专题调研。");
  await typeAt(drafter.page, "（修订）", "before", "另外，");
  await expect.poll(() => editorText(reviewer.page)).toContain("每半年开展一次专题调研。");
  await expect(highlight(reviewer.page)).toHaveText(SENTENCE);
  // The drafter sees the thread too (listed and highlighted), the text shown as text.
  await expect(highlight(drafter.page)).toHaveText(SENTENCE, { timeout: 20_000 });
  const thread = drafter.page.getByTestId("comment-thread").filter({ hasText: "每季度" });
  await expect(thread.getByTestId("comment-body")).toHaveText("请说明“每季度”的依据<b>@drafter1</b>");
  await expect(thread).toHaveAttribute("data-state", "open");

  // Reply, resolve and reopen.
  await thread.getByRole("button", { name: "回复" }).click();
  await drafter.page.getByTestId("reply-body").fill("依据党支部工作条例");
  // The form's own button, inside this thread (other threads have 回复 buttons too).
  await thread.getByRole("button", { name: "回复", exact: true }).last().click();
  // The reply is stored and shown (as a comment of the thread, not just the text still in the box).
  await expect(thread.getByTestId("comment-body")).toContainText(["依据党支部工作条例"]);
  // The reviewer's panel gets the reply pushed, without reloading (well before the 30 s safety refresh).
  await expect(reviewer.page.getByTestId("comment-thread").filter({ hasText: "每季度" }).getByTestId("comment-body")).toContainText(["依据党支部工作条例"]);
  // The same search as the suggestion list, over the threads: matched words marked, the count shown.
  const search = reviewer.page.getByLabel("搜索评论");
  await search.fill("工作条例");
  await expect(reviewer.page.getByTestId("thread-search-count")).toHaveText(/^\d+ 条评论中找到 1 条$/);
  await expect(reviewer.page.getByTestId("comment-thread").filter({ hasText: "每季度" }).locator("mark")).toHaveText(["工作条例"]);
  await search.fill("条");
  await expect(reviewer.page.getByTestId("comment-panel").getByRole("alert")).toContainText("只有 1 个字");
  await search.fill("没有这个词语");
  await expect(reviewer.page.getByTestId("comment-panel")).toContainText("没有符合搜索的评论");
  await search.fill("");
  await thread.getByRole("button", { name: "解决" }).click();
  await expect(highlight(drafter.page)).toHaveCount(0);
  await drafter.page.getByRole("tab", { name: /已解决/ }).click();
  await drafter.page.getByTestId("comment-thread").filter({ hasText: "每季度" }).getByRole("button", { name: "重新打开" }).click();
  await drafter.page.getByRole("tab", { name: /未解决/ }).click();
  await expect(highlight(drafter.page)).toHaveText(SENTENCE);

  // Deleting the commented text detaches the thread; it keeps its quote.
  await selectText(drafter.page, SENTENCE);
  await drafter.page.keyboard.press("Delete");
  const detached = reviewer.page.getByTestId("comment-thread").filter({ hasText: "每季度" });
  await expect(detached).toHaveAttribute("data-state", "detached");
  // The group says it once; the card itself repeats nothing.
  await expect(reviewer.page.getByRole("region", { name: "已脱离原文" }).getByTestId("comment-thread").filter({ hasText: "每季度" })).toBeVisible();
  await expect(reviewer.page.getByText("已脱离原文", { exact: true })).toHaveCount(1);
  await expect(detached.getByTestId("comment-quote")).toHaveText(SENTENCE);
  // The @mention reached drafter1.
  await drafter.page.goto("/notifications");
  await expect(drafter.page.getByText("赵审核在报告正文的评论中提到了你").first()).toBeVisible();
  await reviewer.context.close();
  await drafter.context.close();
});

test("an approved section changed by a drafter shows 批准后已修改 with the diff; other sections stay approved", async ({ browser }) => {
  const reviewer = await openDocumentAs(browser, "reviewer1");
  const drafter = await openDocumentAs(browser, "drafter1");
  const panel = reviewer.page.getByTestId("signoff-panel");
  await panel.locator("summary").click();
  await expect(reviewer.page.getByTestId("signoff-count")).toHaveText("已批准 0 / 4 节");
  const section = (page: Page, title: string) => page.getByTestId("signoff-section").filter({ hasText: title });
  await section(reviewer.page, "（一）").getByRole("button", { name: "批准" }).click();
  await section(reviewer.page, "（三）").getByRole("button", { name: "批准" }).click();
  await expect(reviewer.page.getByTestId("signoff-count")).toHaveText("已批准 2 / 4 节");
  // The report header follows the panel, without a reload, on both open pages.
  await expect(reviewer.page.getByTestId("header-signoff")).toHaveText("已批准 2 / 4 节");
  await expect(drafter.page.getByTestId("header-signoff")).toHaveText("已批准 2 / 4 节");
  // A drafter may not sign off.
  await drafter.page.getByTestId("signoff-panel").locator("summary").click();
  await expect(section(drafter.page, "（一）").getByRole("button", { name: "批准" })).toHaveCount(0);
  // The drafter's open page learns of the approvals as they happen.
  await expect(section(drafter.page, "（三）")).toHaveAttribute("data-state", "approved");

  await typeAt(drafter.page, "每半年开展一次专题调研。", "after", "并列入年度述职。");
  await expect(section(reviewer.page, "（一）")).toHaveAttribute("data-state", "changed_since_approval", { timeout: 15_000 });
  await expect(section(reviewer.page, "（一）").getByTestId("signoff-state")).toHaveText("批准后已修改");
  await expect(section(reviewer.page, "（一）").getByTestId("signoff-diff").locator("ins")).toHaveText("并列入年度述职。");
  await expect(section(reviewer.page, "（三）")).toHaveAttribute("data-state", "approved");
  await expect(reviewer.page.getByTestId("signoff-count")).toHaveText("已批准 1 / 4 节");
  await expect(reviewer.page.getByTestId("header-signoff")).toHaveText("已批准 1 / 4 节 · 有修改");

  // Re-approval.
  await section(reviewer.page, "（一）").getByRole("button", { name: "重新批准" }).click();
  await expect(section(reviewer.page, "（一）")).toHaveAttribute("data-state", "approved");
  await expect(reviewer.page.getByTestId("signoff-count")).toHaveText("已批准 2 / 4 节");
  await expect(reviewer.page.getByTestId("header-signoff")).toHaveText("已批准 2 / 4 节");
  // After a reload the server renders the same figure.
  await reviewer.page.reload();
  await expect(reviewer.page.getByTestId("header-signoff")).toHaveText("已批准 2 / 4 节");
  await reviewer.context.close();
  await drafter.context.close();
});

test("drafter1 restores 征求意见稿 and drafter2 sees it live; others are refused with 403", async ({ browser }) => {
  const drafter1 = await openDocumentAs(browser, "drafter1");
  const drafter2 = await openDocumentAs(browser, "drafter2");
  await drafter1.page.getByRole("link", { name: "版本历史" }).click();
  await drafter1.page.getByLabel("版本名称").fill("征求意见稿");
  await drafter1.page.getByRole("button", { name: "保存版本" }).click();
  await expect(drafter1.page.getByText("已保存版本")).toBeVisible();
  const milestone = drafter1.page.getByTestId("version-row").filter({ hasText: "征求意见稿" });
  await expect(milestone).toHaveAttribute("data-kind", "named");

  // drafter2 keeps writing after the milestone.
  await typeAt(drafter2.page, PARAGRAPH_START, "before", "【送审前补充】");
  await expect.poll(() => editorText(drafter2.page)).toContain("【送审前补充】");

  // The difference shows in the comparison with the current text.
  await drafter1.page.reload();
  await drafter1.page.getByTestId("version-row").filter({ hasText: "征求意见稿" }).getByRole("link", { name: "与当前对比" }).click();
  await expect(drafter1.page.getByTestId("version-diff").locator("ins")).toContainText(["【送审前补充】"]);
  // Who wrote what: the insertion carries its author, and the legend names every author.
  await expect(drafter1.page.getByTestId("version-diff").locator('ins[data-author="李文稿"]')).toContainText("【送审前补充】");
  await expect(drafter1.page.getByTestId("insertion-authors")).toHaveText(/新增内容的作者：\s*李文稿$/);

  // A reviewer cannot restore, whatever the UI shows.
  const reviewer = await pageAs(browser, "reviewer1");
  const versionUrl = await drafter1.page.getByTestId("version-row").filter({ hasText: "征求意见稿" }).getByRole("link", { name: "查看" }).getAttribute("href");
  const versionId = versionUrl!.split("/").pop();
  const refused = await reviewer.request.post(`/api${drafter1.base}/document/versions/${versionId}/restore`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe("FORBIDDEN");
  await reviewer.goto(versionUrl!);
  await expect(reviewer.getByTestId("version-content")).toContainText("把党建述职评议结果");
  await expect(reviewer.getByRole("button", { name: "恢复此版本" })).toHaveCount(0);
  await reviewer.context().close();

  await drafter1.page.goto(versionUrl!);
  await expect(drafter1.page.getByTestId("version-content")).not.toContainText("【送审前补充】");
  await drafter1.page.getByRole("button", { name: "恢复此版本" }).click();
  await drafter1.page.getByRole("alertdialog", { name: /把正文恢复为「征求意见稿」/ }).getByRole("button", { name: "恢复" }).click();
  await expect(drafter1.page.getByText("已恢复")).toBeVisible();
  // drafter2 sees it live, without reloading.
  await expect.poll(() => editorText(drafter2.page), { timeout: 15_000 }).not.toContain("【送审前补充】");
  await expect.poll(() => editorText(drafter2.page)).toContain(PARAGRAPH_START);
  // History is kept: the state before the restore and the restore itself are versions.
  await drafter1.page.goto(`${drafter1.base}/document/versions`);
  await expect(drafter1.page.getByTestId("version-row").first()).toHaveAttribute("data-kind", "restore");
  await expect(drafter1.page.getByTestId("version-row").first().getByTestId("version-authors")).toHaveText("修改人：王起草");
  // "恢复自版本 N" names a number the list shows, and leads to that row.
  await expect(drafter1.page.getByTestId("version-row").filter({ hasText: "征求意见稿" }).first()).toContainText(`版本 ${versionId}`);
  await drafter1.page.getByTestId("version-row").first().getByRole("link", { name: `恢复自版本 ${versionId}` }).click();
  await expect(drafter1.page).toHaveURL(new RegExp(`#version-${versionId}$`));
  // The state just before the restore was kept, with who had changed it since 征求意见稿.
  await expect(drafter1.page.getByTestId("version-row").nth(1)).toHaveAttribute("data-kind", "auto");
  await expect(drafter1.page.getByTestId("version-row").nth(1).getByTestId("version-authors")).toHaveText("修改人：李文稿");
  await drafter1.context.close();
  await drafter2.context.close();
});

test("a raw WebSocket message from reviewer1 that tries to change the text is refused", async ({ browser }) => {
  const reviewer = await openDocumentAs(browser, "reviewer1");
  const drafter = await openDocumentAs(browser, "drafter1");
  const documentId = await reviewer.page.getByTestId("comment-panel").getAttribute("data-document-id");

  // A y-websocket "update" message inserting a paragraph at the start of the document.
  const evil = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("审核人篡改的文字")]);
  evil.getXmlFragment("default").insert(0, [paragraph]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 2); // update
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(evil));
  const frame = Array.from(encoding.toUint8Array(encoder));

  const answer = await reviewer.page.evaluate(
    ({ documentId, frame }) =>
      new Promise<{ opened: boolean; readOnlyNotice: boolean }>((resolve) => {
        const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab/${documentId}`);
        ws.binaryType = "arraybuffer";
        let opened = false;
        let readOnlyNotice = false;
        ws.onmessage = (event) => {
          const bytes = new Uint8Array(event.data as ArrayBuffer);
          if (bytes[0] === 2 && new TextDecoder().decode(bytes).includes("read-only")) readOnlyNotice = true;
        };
        ws.onopen = () => {
          opened = true;
          ws.send(new Uint8Array(frame));
          setTimeout(() => {
            ws.close();
            resolve({ opened, readOnlyNotice });
          }, 1500);
        };
        ws.onerror = () => resolve({ opened, readOnlyNotice });
      }),
    { documentId, frame },
  );
  expect(answer.opened).toBe(true);
  expect(answer.readOnlyNotice).toBe(true);
  await drafter.page.waitForTimeout(500);
  expect(await editorText(drafter.page)).not.toContain("审核人篡改的文字");
  await drafter.page.reload();
  await expect.poll(() => editorText(drafter.page)).toContain(PARAGRAPH_START);
  expect(await editorText(drafter.page)).not.toContain("审核人篡改的文字");
  await reviewer.context.close();
  await drafter.context.close();
});
