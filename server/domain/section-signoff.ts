/**
 * Sections of the report that reviewers sign off, and what their sign-off shows now. PURE.
 *
 * [R3] A section is a heading and its content up to the next heading of the same or a higher level.
 * [R4] The signed-off sections are the countermeasure sections: the level-3 headings inside the
 *      对策及建议 part (a level-2 heading whose text starts with "三、" or contains 对策 or 建议,
 *      up to the next heading of level 1 or 2); when that part has no level-3 heading, the part itself.
 * [R5] A section's text is its blocks' text, one line each (list items and table cells are blocks).
 *      An approval records that text; any change to it marks the approval 批准后已修改; changes
 *      elsewhere do not touch it.
 */

export type SignoffNode = { type: string; attrs?: Record<string, unknown>; content?: SignoffNode[]; text?: string };
export type ReportSection = { id: string; title: string; level: number; text: string };

/** The text lines of a block: one per textblock, nested blocks flattened in order. */
export function blockLines(node: SignoffNode): string[] {
  const children = node.content ?? [];
  if (node.text !== undefined) return [node.text];
  const inline = children.length > 0 && children.every((c) => c.text !== undefined || !(c.content?.length) || c.type === "hardBreak");
  if (inline || children.length === 0) return [children.map((c) => c.text ?? "").join("")];
  return children.flatMap(blockLines);
}

function headingLevel(node: SignoffNode): number {
  return Number(node.attrs?.level) || 1;
}

function titleOf(node: SignoffNode): string {
  return blockLines(node).join("").trim();
}

function opensCountermeasurePart(title: string): boolean {
  return title.startsWith("三、") || title.includes("对策") || title.includes("建议");
}

/** [R3] Every section of a document (top-level headings with a stable id), with its text. */
export function sectionsOf(doc: SignoffNode): ReportSection[] {
  const blocks = doc.content ?? [];
  const out: ReportSection[] = [];
  blocks.forEach((block, i) => {
    if (block.type !== "heading") return;
    const id = block.attrs?.id;
    if (typeof id !== "string" || !id) return;
    const level = headingLevel(block);
    const lines: string[] = [];
    for (let j = i; j < blocks.length; j++) {
      const b = blocks[j];
      if (j > i && b.type === "heading" && headingLevel(b) <= level) break;
      lines.push(...blockLines(b));
    }
    out.push({ id, title: titleOf(block), level, text: lines.join("\n") });
  });
  return out;
}

/** [R4] The countermeasure sections that reviewers sign off, in document order. */
export function signableSections(doc: SignoffNode): ReportSection[] {
  const all = sectionsOf(doc);
  const result: ReportSection[] = [];
  let part: ReportSection | null = null;
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
