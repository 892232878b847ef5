import { describe, expect, it } from "vitest";
import { readSuggestionEvent, statesOf, suggestionEventTypes, type SuggestionEvent } from "./suggestion-events";

describe("suggestion events", () => {
  it("read back as the event they were written as", () => {
    const written: SuggestionEvent = {
      type: "transition",
      fromState: "under_review",
      toState: "returned",
      payload: { action: "return", request: "请补充数据来源" },
    };
    const stored = { type: written.type, ...statesOf(written), payload: written.payload };
    expect(readSuggestionEvent(stored)).toEqual(written);
  });

  it("store states only for the events that change them", () => {
    expect(statesOf({ type: "created", toState: "draft", payload: { title: "t", body: "b", proposedWording: null, findingIds: [1] } })).toEqual({ fromState: null, toState: "draft" });
    expect(statesOf({ type: "assigned", payload: { assigneeId: 3, previousAssigneeId: null } })).toEqual({ fromState: null, toState: null });
  });

  it("keep a row of a type this version does not know, by its type", () => {
    expect(readSuggestionEvent({ type: "retired_kind", fromState: null, toState: null, payload: {} })).toEqual({ type: "unknown", storedType: "retired_kind" });
    for (const type of suggestionEventTypes) expect(readSuggestionEvent({ type, fromState: null, toState: null, payload: {} }).type).toBe(type);
  });
});
