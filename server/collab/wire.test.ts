import { describe, expect, it } from "vitest";
import { contrastRatio, labelTextColourOn, presenceColourOf, presenceColourPattern, presencePalette } from "./wire";

describe("presence colours", () => {
  it("gives every user a #rrggbb colour from the palette", () => {
    for (let id = 1; id <= 200; id++) {
      const colour = presenceColourOf(id);
      expect(colour).toMatch(presenceColourPattern);
      expect(presencePalette).toContain(colour);
    }
  });

  it("writes every caret name readably on its colour (contrast ≥ 4.5:1)", () => {
    for (const colour of [...presencePalette, "#64748b"]) {
      expect(contrastRatio(labelTextColourOn(colour), colour), colour).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("picks dark text on a light colour and white on a dark one", () => {
    expect(labelTextColourOn("#ffd43b")).toBe("#0f172a");
    expect(labelTextColourOn("#1864ab")).toBe("#ffffff");
  });
});
