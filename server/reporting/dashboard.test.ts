import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { findUserByUsername } from "../../db/queries/access";
import { reports } from "../../db/schema";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import type { Actor } from "../domain/policies";
import { buildDashboard, median, weekStart, localDate } from "./dashboard";
import { loadDashboard } from "./dashboard-query";

let t: TemporaryDatabase;
let db: Db;
let reportId: number;
const as = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};

beforeAll(async () => {
  t = createTemporaryDatabase("jianyan-dashboard-");
  db = t.db;
  await seedDemoWorkspace(db);
  reportId = db.select().from(reports).orderBy(reports.id).all()[0].id;
});
afterAll(() => t.cleanup());

const sum = (bars: { value: number }[]) => bars.reduce((n, b) => n + b.value, 0);

describe("dashboard", () => {
  it("counts what a reviewer may see (no drafts), with list queries on every bar", () => {
    const { dashboard } = loadDashboard(db, as("reviewer1"), reportId);
    expect(dashboard.total).toBe(6);
    expect(dashboard.byState.map((b) => [b.label, b.value, b.query])).toEqual([
      ["已提交", 1, "state=submitted"],
      ["审核中", 1, "state=under_review"],
      ["退回补充", 1, "state=returned"],
      ["采纳", 1, "state=adopted"],
      ["不予采纳", 1, "state=not_adopted"],
      ["留作参考", 1, "state=for_reference"],
    ]);
    expect(sum(dashboard.byUnit)).toBe(6);
    expect(dashboard.byUnit.every((b) => /^unit=\d+$/.test(b.query))).toBe(true);
    const problem4 = dashboard.byFinding.find((b) => b.label.startsWith("问题4 "))!;
    expect(problem4.value).toBe(2);
    expect(dashboard.byFinding.find((b) => b.label.startsWith("原因3 "))!.value).toBe(0);
    expect(sum(dashboard.byWeek)).toBe(6);
    expect(dashboard.byWeek.every((b) => /^from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/.test(b.query))).toBe(true);
    // The demo decides each suggestion one day after it was submitted.
    expect(dashboard.decision).toEqual({ medianDays: 1, decided: 3 });
  });

  it("counts only the unit's own suggestions for a unit contact, and nothing for a viewer of an own-unit report", () => {
    const unit1 = loadDashboard(db, as("unit1"), reportId).dashboard;
    expect(unit1.total).toBe(4);
    expect(unit1.byUnit.map((b) => b.label)).toEqual(["市财政局预算处党支部"]);
    expect(unit1.byState.map((b) => b.query)).toContain("state=draft");
    expect(loadDashboard(db, as("viewer1"), reportId).dashboard.total).toBe(0);
    const other = db.select().from(reports).orderBy(reports.id).all()[1].id;
    expect(() => loadDashboard(db, as("unit1"), other)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });

  it("buckets by Monday-to-Sunday weeks in China time, keeps empty weeks, ranks the top units", () => {
    // 2026-11-29 is a Sunday; 23:30 on Sunday in Beijing is still that week.
    const sundayNight = Date.parse("2026-11-29T23:30:00+08:00");
    expect(localDate(weekStart(sundayNight))).toBe("2026-11-23");
    expect(localDate(weekStart(Date.parse("2026-11-30T00:10:00+08:00")))).toBe("2026-11-30");
    // Another deployment zone (TZ) moves the boundary with it: 00:10 Monday in Beijing is still Sunday in Berlin.
    expect(localDate(weekStart(Date.parse("2026-11-30T00:10:00+08:00"), "Europe/Berlin"), "Europe/Berlin")).toBe("2026-11-23");
    const at = (iso: string, unitId: number) => ({ id: 1, state: "submitted" as const, unitId, unitName: `单位${unitId}`, createdAt: new Date(iso), submittedAt: null, decidedAt: null });
    const d = buildDashboard([at("2026-11-02T10:00:00+08:00", 1), at("2026-11-20T10:00:00+08:00", 2), at("2026-11-21T10:00:00+08:00", 2), at("2026-11-21T11:00:00+08:00", 3)], [], { topUnits: 2 });
    expect(d.byWeek.map((b) => [b.query, b.value])).toEqual([
      ["from=2026-11-02&to=2026-11-08", 1],
      ["from=2026-11-09&to=2026-11-15", 0],
      ["from=2026-11-16&to=2026-11-22", 3],
    ]);
    expect(d.byUnit.map((b) => [b.label, b.value])).toEqual([["单位2", 2], ["单位1", 1]]);
    expect(d.otherUnits).toEqual({ units: 1, value: 1 });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
