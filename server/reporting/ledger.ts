/**
 * The adoption ledger (意见建议采纳情况汇总表) as rows of text, shaped from the ledger data:
 * 序号, 提出单位, 建议摘要, 对应问题, 处理结果, 理由说明 / 纳入章节 — grouped by finding or by unit.
 * Pure: the page, the .docx / .xlsx files and the report's appendix all print these rows.
 */
import type { LedgerData, LedgerOutcome, LedgerSuggestionRow } from "../../db/queries/ledger";
import type { DecisionReasonCode, SuggestionState } from "../domain/suggestion-lifecycle";
import { messages } from "../i18n/zh-CN";
import type { FindingKind } from "../domain/roles";

export type LedgerGrouping = "finding" | "unit";

export type LedgerRow = {
  seq: number;
  suggestionId: number;
  code: string;
  title: string;
  /** The content, shortened for a table cell. */
  excerpt: string;
  /** The suggestion's own unit first, then the units of suggestions merged into it. */
  units: string[];
  findings: string[];
  outcome: Exclude<LedgerOutcome, "incorporated">;
  incorporated: boolean;
  /** 处理结果 as printed, e.g. "采纳（已纳入报告）". */
  outcomeText: string;
  /** Reason and reply lines (理由说明). */
  explanation: string[];
  /** 纳入章节: the heading text of the section that carries an incorporated suggestion. */
  section: string | null;
};

export type LedgerGroup = { key: string; title: string; rows: LedgerRow[] };

export type Ledger = { grouping: LedgerGrouping; groups: LedgerGroup[]; total: number };

/** Heading id → heading text, or null when the document could not be read. */
export type SectionTitles = ReadonlyMap<string, string> | null;

const EXCERPT_CHARS = 60;

export function shorten(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : flat;
}

export function findingText(f: { kind: string; number: number; title: string }): string {
  const kind = messages.findingKindsShort[f.kind as FindingKind] ?? f.kind;
  return `${kind}${f.number} ${f.title}`;
}

function findingGroupTitle(f: { kind: string; number: number; title: string }): string {
  const kind = messages.findingKinds[f.kind as FindingKind] ?? f.kind;
  return `${kind} ${f.number}. ${f.title}`;
}

const outcomeWord = (o: string | null | undefined): string =>
  o && o in messages.ledger.outcomes ? messages.ledger.outcomes[o as LedgerOutcome] : "";

function decidedOutcomeOf(s: { state: SuggestionState; decisionOutcome: string | null }): Exclude<LedgerOutcome, "incorporated" | "merged"> {
  switch (s.state) {
    case "adopted":
    case "partially_adopted":
    case "not_adopted":
    case "for_reference":
      return s.state;
    default:
      // incorporated keeps the decision it was incorporated with
      return s.decisionOutcome === "partially_adopted" ? "partially_adopted" : "adopted";
  }
}

function reasonLines(s: LedgerSuggestionRow): string[] {
  const lines: string[] = [];
  const code = s.decisionReasonCode as DecisionReasonCode | null;
  const label = code && code in messages.reasonCodes ? messages.reasonCodes[code] : null;
  const reason = s.decisionReason?.trim() || null;
  const reply = s.decisionReply?.trim() || null;
  if (label || reason) lines.push(label && reason ? `${label}：${reason}` : (label ?? reason!));
  if (reply && reply !== reason) lines.push(reply);
  return lines;
}

/** Shapes the ledger data into numbered, grouped rows of text. */
export function shapeLedger(
  data: LedgerData,
  options: { grouping: LedgerGrouping; sections: SectionTitles; findingId?: number },
): Ledger {
  const rows = data.suggestions.map((s): { row: Omit<LedgerRow, "seq">; groupKey: string; groupTitle: string; order: string } => {
    const findings = data.findingsBySuggestion.get(s.id) ?? [];
    const units = [s.unitName];
    for (const m of data.mergedUnitsByCanonical.get(s.id) ?? []) if (!units.includes(m.unitName)) units.push(m.unitName);

    let outcome: LedgerRow["outcome"];
    let outcomeText: string;
    let explanation: string[];
    let section: string | null = null;
    if (s.state === "merged") {
      const canonical = s.duplicateOfId !== null ? data.canonicals.get(s.duplicateOfId) : undefined;
      outcome = "merged";
      outcomeText = messages.ledger.outcomes.merged;
      const canonicalDecision = canonical ? canonicalOutcomeText(canonical) : "";
      explanation = canonical
        ? [`${messages.ledger.mergedInto} ${canonical.code}「${shorten(canonical.title, 30)}」${canonicalDecision ? `，${canonicalDecision}` : ""}`]
        : [messages.ledger.mergedInto];
    } else {
      outcome = decidedOutcomeOf(s);
      outcomeText = outcomeWord(outcome);
      explanation = reasonLines(s);
      if (s.state === "incorporated") {
        outcomeText = `${outcomeText}（${messages.ledger.outcomes.incorporated}）`;
        const sectionId = data.sectionIdBySuggestion.get(s.id);
        section =
          options.sections === null
            ? messages.ledger.documentUnavailable
            : ((sectionId && options.sections.get(sectionId)) || messages.ledger.sectionMissing);
      }
    }

    let groupKey: string;
    let groupTitle: string;
    let order: string;
    if (options.grouping === "finding") {
      const primary = findings.find((f) => f.id === options.findingId) ?? findings[0];
      groupKey = primary ? `f${primary.id}` : "f0";
      groupTitle = primary ? findingGroupTitle(primary) : messages.ledger.noFinding;
      const kindOrder = primary ? { problem: 0, cause: 1, practice: 2, fact: 3 }[primary.kind as FindingKind] ?? 4 : 9;
      order = primary ? `${kindOrder}-${String(primary.number).padStart(6, "0")}` : "9";
    } else {
      groupKey = `u${s.unitId}`;
      groupTitle = s.unitName;
      order = s.unitName;
    }

    return {
      row: {
        suggestionId: s.id,
        code: s.code,
        title: s.title,
        excerpt: shorten(s.body),
        units,
        findings: findings.map(findingText),
        outcome,
        incorporated: s.state === "incorporated",
        outcomeText,
        explanation,
        section,
      },
      groupKey,
      groupTitle,
      order,
    };
  });

  const groups = new Map<string, { title: string; order: string; rows: Omit<LedgerRow, "seq">[] }>();
  for (const r of rows) {
    const g = groups.get(r.groupKey) ?? { title: r.groupTitle, order: r.order, rows: [] };
    g.rows.push(r.row);
    groups.set(r.groupKey, g);
  }
  const collator = new Intl.Collator("zh-Hans-CN");
  const sorted = [...groups.entries()].sort(([, a], [, b]) =>
    options.grouping === "finding" ? (a.order < b.order ? -1 : a.order > b.order ? 1 : 0) : collator.compare(a.order, b.order),
  );
  let seq = 0;
  return {
    grouping: options.grouping,
    total: rows.length,
    groups: sorted.map(([key, g]) => ({ key, title: g.title, rows: g.rows.map((row) => ({ ...row, seq: ++seq })) })),
  };
}

function canonicalOutcomeText(c: { state: SuggestionState; decisionOutcome: string | null }): string {
  switch (c.state) {
    case "adopted":
    case "partially_adopted":
    case "not_adopted":
    case "for_reference":
      return outcomeWord(c.state);
    case "incorporated":
      return `${outcomeWord(c.decisionOutcome === "partially_adopted" ? "partially_adopted" : "adopted")}（${messages.ledger.outcomes.incorporated}）`;
    default:
      return messages.suggestionStates[c.state];
  }
}

/** The text of the 理由说明 / 纳入章节 column: reasons and reply, then the section. */
export function explanationText(row: LedgerRow): string {
  return [...row.explanation, ...(row.section ? [`${messages.ledger.sectionPrefix}${row.section}`] : [])].join("\n");
}

/** The six printed columns of a row, as the files write them. */
export function ledgerCells(row: LedgerRow): [string, string, string, string, string, string] {
  return [
    String(row.seq),
    row.units.join("、"),
    `${row.code} ${row.title}${row.excerpt ? `\n${row.excerpt}` : ""}`,
    row.findings.join("\n"),
    row.outcomeText,
    explanationText(row),
  ];
}

// ---------------------------------------------------------------- document headings

type Node = { type: string; attrs?: Record<string, unknown>; content?: Node[]; text?: string };

function plainText(node: Node): string {
  if (node.text !== undefined) return node.text;
  return (node.content ?? []).map(plainText).join("");
}

/** Every heading of a ProseMirror JSON document: id → text. */
export function sectionTitlesOf(doc: Node): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (n: Node) => {
    if (n.type === "heading" && typeof n.attrs?.id === "string" && n.attrs.id) out.set(n.attrs.id, plainText(n).trim());
    for (const c of n.content ?? []) visit(c);
  };
  visit(doc);
  return out;
}
