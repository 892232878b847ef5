/**
 * The events of a suggestion's history, as a tagged union. Commands write them through this type
 * and the timeline reads them through it, so a new kind of event is a compile error wherever it is
 * not yet handled. PURE.
 *
 * The history is append-only: rows written by an earlier version stay as they were. A row whose
 * type this version does not know is read as `unknown` (shown by its type), never dropped.
 */
import type { DecisionOutcome, DecisionReasonCode, SuggestionAction, SuggestionState } from "./suggestion-lifecycle";

/** The fields of a suggestion whose edits the history records. */
export type EditableField = "title" | "body" | "proposedWording" | "findingIds";
export type FieldChange = { before: unknown; after: unknown };

/** What a transition records besides its action: what the lifecycle rule asked for, and context. */
export type TransitionDetails = {
  /** return (and, on resubmit, the request answered) */
  request?: string | null;
  /** decide, resubmit */
  reply?: string;
  /** decline, withdraw, reopen, decide (not adopted / for reference / partly adopted) */
  reason?: string | null;
  reasonCode?: DecisionReasonCode | null;
  outcome?: DecisionOutcome;
  /** decline: not adopted because out of scope (不予受理) */
  declined?: true;
  /** merge */
  canonicalId?: number;
  canonicalCode?: string;
  /** reopen: the decision it replaced, kept in the history */
  previous?: {
    state: SuggestionState;
    outcome: string | null;
    reply: string | null;
    reasonCode: string | null;
    reason: string | null;
    decidedBy: number | null;
  };
  /** incorporate / unincorporate: the countermeasure section that carries (or carried) the reference */
  sectionId?: string;
};

export type SuggestionEvent =
  | {
      type: "created";
      toState: "draft";
      payload: { title: string; body: string; proposedWording: string | null; findingIds: number[] };
    }
  | { type: "content_edited"; payload: { changes: Partial<Record<EditableField, FieldChange>> } }
  | {
      type: "transition";
      fromState: SuggestionState;
      toState: SuggestionState;
      payload: { action: SuggestionAction } & TransitionDetails;
    }
  | { type: "assigned"; payload: { assigneeId: number | null; previousAssigneeId: number | null } }
  | { type: "comment"; payload: { commentId: number; excerpt: string; mentions: number[] } }
  /** On the canonical suggestion: another one was merged into it (its unit is credited here). */
  | { type: "merged_in"; payload: { suggestionId: number; code: string; unitId: number } }
  /** On a suggestion merged earlier: its canonical one was merged in turn, so it now points further. */
  | { type: "merge_repointed"; payload: { fromId: number; fromCode: string; canonicalId: number; canonicalCode: string } }
  /** An incorporated suggestion's reference now sits in another countermeasure section. */
  | { type: "incorporation_moved"; payload: { sectionId: string; previousSectionId: string | null } };

export type SuggestionEventType = SuggestionEvent["type"];

export const suggestionEventTypes = [
  "created",
  "content_edited",
  "transition",
  "assigned",
  "comment",
  "merged_in",
  "merge_repointed",
  "incorporation_moved",
] as const satisfies readonly SuggestionEventType[];

/** A stored event: its row as the database keeps it (type and payload untyped). */
export type StoredSuggestionEvent = { type: string; fromState: string | null; toState: string | null; payload: Record<string, unknown> };

/** What a reader gets: a known event, or an event of a type this version does not know. */
export type ReadSuggestionEvent = SuggestionEvent | { type: "unknown"; storedType: string };

function isKnownType(type: string): type is SuggestionEventType {
  return (suggestionEventTypes as readonly string[]).includes(type);
}

/**
 * Reads a stored row as the event it was written as. The writers are typed, so the payload of a
 * known type is taken as written.
 */
export function readSuggestionEvent(row: StoredSuggestionEvent): ReadSuggestionEvent {
  if (!isKnownType(row.type)) return { type: "unknown", storedType: row.type };
  return { type: row.type, fromState: row.fromState, toState: row.toState, payload: row.payload } as unknown as SuggestionEvent;
}

/** The from / to states of an event, for the stored row's columns. */
export function statesOf(event: SuggestionEvent): { fromState: SuggestionState | null; toState: SuggestionState | null } {
  switch (event.type) {
    case "created":
      return { fromState: null, toState: event.toState };
    case "transition":
      return { fromState: event.fromState, toState: event.toState };
    case "content_edited":
    case "assigned":
    case "comment":
    case "merged_in":
    case "merge_repointed":
    case "incorporation_moved":
      return { fromState: null, toState: null };
  }
}
