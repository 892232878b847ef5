import { describe, expect, it } from "vitest";
import { mentionCandidates, mentionQueryAt } from "./mentions";

const people = [
  { username: "drafter1", name: "王起草" },
  { username: "drafter2", name: "李文稿" },
  { username: "reviewer1", name: "赵审核" },
  { username: "wangli", name: "汪丽" },
];

describe("completing @mentions", () => {
  it("finds the @word right before the caret, at the start or after a space only", () => {
    expect(mentionQueryAt("请 @王", 4)).toEqual({ start: 2, query: "王" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("a@b.cn", 6)).toBeNull(); // an e-mail address is not a mention
    expect(mentionQueryAt("@王起草 已改", 7)).toBeNull(); // the caret is past the mention
    expect(mentionQueryAt("请 @王 看看", 4)).toEqual({ start: 2, query: "王" }); // caret in the middle
  });

  it("offers names or usernames containing the query, those starting with it first", () => {
    expect(mentionCandidates(people, "王").map((p) => p.username)).toEqual(["drafter1"]);
    expect(mentionCandidates(people, "draft").map((p) => p.name)).toEqual(["李文稿", "王起草"]);
    expect(mentionCandidates(people, "WANG").map((p) => p.username)).toEqual(["wangli"]);
    expect(mentionCandidates(people, "").length).toBe(4);
    expect(mentionCandidates(people, "不存在")).toEqual([]);
  });
});
