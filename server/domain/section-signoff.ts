/**
 * Sections of the report that reviewers sign off, and what their sign-off shows now. PURE.
 *
 * [R3] A section here is an outline section (document-sections.ts): a heading and its content up to
 *      the next heading of the same or a higher level.
 * [R4] The signed-off sections are the countermeasure sections: the level-3 headings inside the
 *      对策及建议 part (a level-2 heading whose text starts with "三、" or contains 对策 or 建议,
 *      up to the next heading of level 1 or 2); when that part has no level-3 heading, the part itself.
 * [R5] A section's text is its blocks' text, one line each (list items and table cells are blocks).
 *      An approval records that text; any change to it marks the approval 批准后已修改; changes
 *      elsewhere do not touch it.
 * [R6] A section whose body is empty or still only placeholder text (（待起草组补充）, 待补充, ……)
 *      cannot be approved — there is nothing to approve yet; changes may still be requested.
 */
import { blockLines, opensCountermeasurePart, outlineSectionsOf, type JsonNode, type OutlineSection } from "./document-sections";

/** A document node as the sign-off reads it: ProseMirror JSON. */
export type SignoffNode = JsonNode;
export { blockLines };

/** [R4] The countermeasure sections that reviewers sign off, in document order. */
export function signableSections(doc: JsonNode): OutlineSection[] {
  const all = outlineSectionsOf(doc);
  const result: OutlineSection[] = [];
  let part: OutlineSection | null = null;
  let children = 0;
  const closePart = () => {
    if (part && children === 0) result.push(part);
    part = null;
    children = 0;
  };
  for (const s of all) {
    if (s.level <= 2) {
      closePart();
      if (s.level === 2 && opensCountermeasurePart(s.title)) part = s;
    } else if (part && s.level === 3) {
      result.push(s);
      children++;
    }
  }
  closePart();
  return result;
}

export type SignoffDecision = "approved" | "changes_requested";
export type SectionSignoffState =
  | { kind: "unsigned" }
  | { kind: "approved" }
  | { kind: "changed_since_approval" }
  | { kind: "changes_requested" };

/** What the latest sign-off of a section means now, given the section's current hash. */
export function signoffStateOf(latest: { decision: SignoffDecision; sectionHash: string } | null, currentHash: string): SectionSignoffState {
  if (!latest) return { kind: "unsigned" };
  switch (latest.decision) {
    case "approved":
      return latest.sectionHash === currentHash ? { kind: "approved" } : { kind: "changed_since_approval" };
    case "changes_requested":
      return { kind: "changes_requested" };
    default: {
      const exhaustive: never = latest.decision;
      throw new Error(`unknown decision ${String(exhaustive)}`);
    }
  }
}

/** [R6] One line of placeholder text, as drafters leave it in a section they have not written yet. */
const PLACEHOLDER_LINE = /^[\s（(【\[]*(?:待.{0,12}(?:补充|完善|起草|撰写|填写|修改)|此处.{0,12}(?:补充|填写|撰写)|内容待定|TODO|TBD|略|…+|\.{3,}|X{2,})[\s）)】\]。.!！]*$/iu;

/** [R6] True when a section (its text's first line is the heading) has nothing to approve yet. */
export function isPlaceholderSection(section: { text: string }): boolean {
  const body = section.text.split("\n").slice(1).map((line) => line.trim()).filter(Boolean);
  return body.every((line) => PLACEHOLDER_LINE.test(line));
}
