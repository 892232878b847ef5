import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export type AxeViolation = { rule: string; impact: string; targets: string[] };

/** The page's serious and critical axe violations (WCAG rules), with where they are. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact ?? "", targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}
