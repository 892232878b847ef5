/**
 * Derives from a live Y.Doc which suggestions are referenced in which section, and records the
 * outcome as the server-performed incorporate / un-incorporate transitions.
 *
 *   - Never on the hot path: an update only marks the document dirty and arms a timer; the pass
 *     runs `delayMs` after the last update (at the latest `maxWaitMs` after the first one not yet
 *     derived), and once more when the room unloads.
 *   - Idempotent: the pass compares what the document says with the database and writes only the
 *     differences; the last derived set is kept per document, so a pass whose set did not change
 *     (most typing) reads and writes nothing.
 *   - A periodic re-check compares the same set with the database again (no walk when nothing
 *     changed), so a suggestion adopted after it was referenced is incorporated too.
 *   - References to suggestions of another report, or to ones not adopted, change nothing.
 */
import * as Y from "yjs";
import type { Db } from "../../db/client";
import { findDocument } from "../../db/queries/access";
import { incorporationCandidates, lastIncorporationSection, recordedIncorporationSections } from "../../db/queries/suggestion-refs";
import { recordIncorporationSection } from "../commands/suggestion-references";
import { setSuggestionIncorporation } from "../commands/suggestions/incorporation";
import {
  countermeasureReferences,
  parseSuggestionId,
  RESPONDS_TO_ATTRIBUTE,
  SectionTracker,
  SUGGESTION_REF_NODE,
  type DocumentReferences,
  type SectionInfo,
} from "../domain/document-sections";
import type { ObservedRoom, RoomObserver } from "./room-observer";
import { DOCUMENT_FRAGMENT } from "./wire";

export type ReferenceDerivationOptions = {
  /** Quiet time after the last update before a pass. */
  delayMs: number;
  /** Longest a document stays underived while updates keep coming. */
  maxWaitMs: number;
  /** How often loaded documents are compared with the database again (0: never). */
  recheckMs: number;
  /**
   * Transitions written in one go by a scheduled pass; more are written in later turns of the
   * event loop, so a mass change (say, a pasted list of 2,000 references) never blocks the room.
   */
  transitionsPerSlice?: number;
};

function textOf(type: Y.XmlElement | Y.XmlText): string {
  if (type instanceof Y.XmlText) {
    let text = "";
    for (const op of type.toDelta() as { insert: unknown }[]) if (typeof op.insert === "string") text += op.insert;
    return text;
  }
  return type
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : ""))
    .join("");
}

/** Every section and suggestion reference of a Y.Doc in the shape the editor writes (fragment `default`). */
export function referencesOfYDoc(doc: Y.Doc, field = DOCUMENT_FRAGMENT): DocumentReferences {
  const tracker = new SectionTracker();
  const sections: SectionInfo[] = [];
  const references: DocumentReferences["references"] = [];
  const visit = (type: Y.XmlElement | Y.XmlFragment) => {
    for (const child of type.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const name = child.nodeName;
      if (name === "heading") {
        sections.push(
          tracker.enter({
            level: child.getAttribute("level"),
            title: textOf(child),
            id: child.getAttribute("id"),
            respondsTo: child.getAttribute(RESPONDS_TO_ATTRIBUTE),
          }),
        );
        // A reference inside the heading's own text belongs to that section.
        visit(child);
      } else if (name === SUGGESTION_REF_NODE) {
        const suggestionId = parseSuggestionId(child.getAttribute("suggestionId") as unknown);
        if (suggestionId !== null) references.push({ suggestionId, section: tracker.current, ordinal: references.length });
      } else {
        visit(child);
      }
    }
  };
  visit(doc.getXmlFragment(field));
  return { sections, references };
}

type Watched = {
  documentId: number;
  reportId: number;
  doc: Y.Doc;
  onUpdate: () => void;
  dirty: boolean;
  firstDirtyAt: number;
  lastUpdateAt: number;
  timer: NodeJS.Timeout | null;
};

export type PassResult =
  | { kind: "unchanged" }
  | { kind: "applied"; incorporated: number[]; unincorporated: number[]; moved: number[]; failed: number[]; more: boolean };

function sameSet(a: ReadonlyMap<number, string>, b: ReadonlyMap<number, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Attached to every room (room-observer.ts): follows a document from its load to its unload. */
export class ReferenceDerivation implements RoomObserver {
  private readonly watched = new Map<number, Watched>();
  /** Per document: the last derived set (suggestion → section) that the database was brought in line with. */
  private readonly derived = new Map<number, Map<number, string>>();
  private readonly recheckTimer: NodeJS.Timeout | null = null;
  readonly stats = { passes: 0, skipped: 0, transitions: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: ReferenceDerivationOptions,
    private readonly log: (message: string) => void,
  ) {
    if (options.recheckMs > 0) {
      this.recheckTimer = setInterval(() => this.recheckAll(), options.recheckMs);
      this.recheckTimer.unref();
    }
  }

  loaded(room: ObservedRoom): void {
    this.watch(room.documentId, room.doc);
  }

  beforeUnload(room: ObservedRoom): void {
    this.release(room.documentId);
  }

  /** Starts following a loaded room's document; the first pass compares it with the database. */
  watch(documentId: number, doc: Y.Doc): void {
    this.unwatch(documentId);
    const document = findDocument(this.db, documentId);
    if (!document) return;
    const w: Watched = {
      documentId,
      reportId: document.reportId,
      doc,
      dirty: true,
      firstDirtyAt: Date.now(),
      lastUpdateAt: Date.now(),
      timer: null,
      onUpdate: () => {
        const now = Date.now();
        if (!w.dirty) {
          w.dirty = true;
          w.firstDirtyAt = now;
        }
        w.lastUpdateAt = now;
        if (!w.timer) this.arm(w, this.options.delayMs);
      },
    };
    doc.on("update", w.onUpdate);
    this.watched.set(documentId, w);
    // Loading is a reason to compare: the database may have changed while the room was closed.
    this.derived.delete(documentId);
    this.arm(w, this.options.delayMs);
  }

  private arm(w: Watched, ms: number): void {
    w.timer = setTimeout(() => {
      w.timer = null;
      if (this.watched.get(w.documentId) !== w || !w.dirty) return;
      const now = Date.now();
      const quietFor = now - w.lastUpdateAt;
      const waitedFor = now - w.firstDirtyAt;
      if (quietFor < this.options.delayMs && waitedFor < this.options.maxWaitMs) {
        this.arm(w, Math.min(this.options.delayMs - quietFor, this.options.maxWaitMs - waitedFor));
        return;
      }
      this.runPass(w);
    }, Math.max(0, ms));
    w.timer.unref();
  }

  private runPass(w: Watched, complete = false): PassResult | null {
    w.dirty = false;
    try {
      const result = this.pass(w.documentId, w.reportId, w.doc, false, complete ? Infinity : (this.options.transitionsPerSlice ?? 10));
      if (result.kind === "applied" && result.more) {
        // The rest in the next turn (a new edit meanwhile is derived with it).
        setImmediate(() => {
          if (this.watched.get(w.documentId) === w && !w.timer) this.runPass(w);
        });
      }
      return result;
    } catch (error) {
      this.log(`reference derivation for document ${w.documentId} failed: ${String(error)}`);
      // Try again with the next update or re-check.
      this.derived.delete(w.documentId);
      return null;
    }
  }

  /**
   * One pass: the document's countermeasure references against the database. Writes only the
   * differences; nothing at all when the derived set equals the last one (unless `force`).
   */
  pass(documentId: number, reportId: number, doc: Y.Doc, force = false, budget = Infinity): PassResult {
    this.stats.passes++;
    const wanted = countermeasureReferences(referencesOfYDoc(doc).references);
    const previous = this.derived.get(documentId);
    if (!force && previous && sameSet(previous, wanted)) {
      this.stats.skipped++;
      return { kind: "unchanged" };
    }
    const result = this.reconcile(reportId, wanted, previous, budget);
    if (result.failed.length === 0 && !result.more) this.derived.set(documentId, wanted);
    else this.derived.delete(documentId);
    return result;
  }

  private reconcile(reportId: number, wanted: ReadonlyMap<number, string>, previous: ReadonlyMap<number, string> | undefined, budget = Infinity) {
    const result = { kind: "applied" as const, incorporated: [] as number[], unincorporated: [] as number[], moved: [] as number[], failed: [] as number[], more: false };
    let written = 0;
    let recorded: Map<number, string> | null = null;
    for (const candidate of incorporationCandidates(this.db, reportId)) {
      const sectionId = wanted.get(candidate.id);
      const incorporate = sectionId !== undefined;
      if (incorporate && candidate.state === "incorporated") {
        // Still incorporated: record it when its reference now sits in another section.
        recorded ??= recordedIncorporationSections(this.db, reportId);
        if (recorded.get(candidate.id) === sectionId.slice(0, 100)) continue;
        if (written >= budget) {
          result.more = true;
          break;
        }
        written++;
        try {
          if (recordIncorporationSection(this.db, { reportId, suggestionId: candidate.id, sectionId: sectionId.slice(0, 100) }).changed) result.moved.push(candidate.id);
        } catch (error) {
          this.log(`section of suggestion ${candidate.id} not recorded: ${String(error)}`);
          result.failed.push(candidate.id);
        }
        continue;
      }
      if (incorporate === (candidate.state === "incorporated")) continue;
      if (written >= budget) {
        result.more = true;
        break;
      }
      written++;
      const recordedSection = sectionId ?? previous?.get(candidate.id) ?? lastIncorporationSection(this.db, candidate.id) ?? "unknown";
      try {
        const { changed } = setSuggestionIncorporation(this.db, {
          reportId,
          suggestionId: candidate.id,
          incorporated: incorporate,
          sectionId: recordedSection.slice(0, 100),
        });
        if (changed) {
          this.stats.transitions++;
          (incorporate ? result.incorporated : result.unincorporated).push(candidate.id);
        }
      } catch (error) {
        // A concurrent decision (e.g. a reopen) may have moved it on: the next pass looks again.
        this.log(`incorporation of suggestion ${candidate.id} not recorded: ${String(error)}`);
        result.failed.push(candidate.id);
      }
    }
    return result;
  }

  /** Compares every loaded document with the database again (walks only the ones changed since). */
  recheckAll(): void {
    for (const w of this.watched.values()) {
      if (w.dirty) continue; // its own pass is coming
      const wanted = this.derived.get(w.documentId);
      try {
        if (wanted) {
          const result = this.reconcile(w.reportId, wanted, wanted, this.options.transitionsPerSlice ?? 10);
          if (result.failed.length > 0 || result.more) this.derived.delete(w.documentId);
        } else this.pass(w.documentId, w.reportId, w.doc, true, this.options.transitionsPerSlice ?? 10);
      } catch (error) {
        this.log(`reference re-check for document ${w.documentId} failed: ${String(error)}`);
      }
    }
  }

  /** The section each suggestion was last derived to be incorporated in (diagnostics, tests). */
  lastDerived(documentId: number): ReadonlyMap<number, string> | undefined {
    return this.derived.get(documentId);
  }

  /** Runs a pending pass now (the room is unloading) and stops following the document. */
  release(documentId: number): void {
    const w = this.watched.get(documentId);
    if (!w) return;
    if (w.timer) clearTimeout(w.timer);
    w.timer = null;
    // Unloading: the whole pass now (the room's document is about to go).
    if (w.dirty || !this.derived.has(documentId)) this.runPass(w, true);
    this.unwatch(documentId);
    this.derived.delete(documentId);
  }

  /** Runs every pending pass now (tests, shutdown). */
  flushAll(): void {
    for (const w of [...this.watched.values()]) {
      if (w.timer) clearTimeout(w.timer);
      w.timer = null;
      if (w.dirty || !this.derived.has(w.documentId)) this.runPass(w, true);
    }
  }

  private unwatch(documentId: number): void {
    const w = this.watched.get(documentId);
    if (!w) return;
    if (w.timer) clearTimeout(w.timer);
    w.doc.off("update", w.onUpdate);
    this.watched.delete(documentId);
  }

  dispose(): void {
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    for (const id of [...this.watched.keys()]) this.release(id);
  }
}
