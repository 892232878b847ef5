import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDateTimeSeconds, formatFileDate, formatOfficialDate, isTimeZone, startOfDay } from "./time";

describe("times in the deployment's zone, one format", () => {
  const instant = new Date("2026-12-03T17:05:09Z"); // 01:05 on 4 December in Beijing

  it("formats in the given zone, not the machine's", () => {
    expect(formatDateTime(instant, "Asia/Shanghai")).toBe("2026-12-04 01:05");
    expect(formatDateTime(instant, "UTC")).toBe("2026-12-03 17:05");
    expect(formatDateTimeSeconds(instant, "Asia/Shanghai")).toBe("2026-12-04 01:05:09");
    expect(formatDate(instant, "Asia/Shanghai")).toBe("2026-12-04");
    expect(formatOfficialDate(instant, "Asia/Shanghai")).toBe("2026年12月4日");
    expect(formatFileDate(instant, "Asia/Shanghai")).toBe("20261204");
    expect(formatDateTime(null)).toBe("—");
  });

  it("midnight is 00, never 24", () => {
    expect(formatDateTime(new Date("2026-12-03T16:00:00Z"), "Asia/Shanghai")).toBe("2026-12-04 00:00");
  });

  it("a typed day starts at that zone's midnight", () => {
    expect(startOfDay("2026-12-04", "Asia/Shanghai").toISOString()).toBe("2026-12-03T16:00:00.000Z");
    expect(startOfDay("2026-07-01", "Europe/Berlin").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(startOfDay("2026-12-04", "UTC").toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });

  it("knows a zone from a typo", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("Asia/Shanghia")).toBe(false);
  });
});
