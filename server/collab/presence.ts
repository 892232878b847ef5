/**
 * Presence (y-protocols awareness) kept by the server for one room.
 *
 * Every awareness entry belongs to the connection that first announced its clientID. A connection
 * may only set or clear the entries it owns; touching another connection's entry is a violation
 * (the caller closes that socket). The `user` field of every state is replaced with the identity
 * the server holds for the connection, so nobody can appear as someone else. Pure data: no sockets.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { PresenceUser } from "./identity";

export type PresenceOwner = { sessionId: number; user: PresenceUser };

type Entry = {
  clientId: number;
  clock: number;
  /** The stamped state as JSON, or null once the client left. */
  json: string | null;
  owner: PresenceOwner;
  /** The owner left; the entry stays a while as a tombstone so echoes of its removal are recognised. */
  departed: boolean;
};

const TOMBSTONE_MS = 60_000;
/** A client reconnecting in a loop leaves a tombstone per connection; past this the oldest go early. */
const MAX_TOMBSTONES = 10_000;

/**
 * `maxStateBytes` bounds each client's state, not the message: a y-websocket client answers a
 * presence query with every state it knows, so an honest message grows with the room.
 */
export type PresenceLimits = { maxStateBytes: number; maxClientsPerConnection: number };

export type PresenceResult =
  | { kind: "changed"; update: Uint8Array }
  | { kind: "unchanged" }
  | { kind: "violation"; reason: string };

type DecodedEntry = { clientId: number; clock: number; state: unknown; oversized?: true };

/** Decodes a y-websocket awareness update; a state over `maxStateBytes` is kept unparsed (`oversized`). */
function decodeAwarenessUpdate(update: Uint8Array, maxStateBytes: number): DecodedEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: DecodedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    // Not parsed when too large (a state is a caret, a selection and a name); refused only if it
    // would be taken: echoes of states the server stamped itself may exceed the bound a little.
    if (json.length > maxStateBytes) entries.push({ clientId, clock, state: {}, oversized: true });
    else entries.push({ clientId, clock, state: JSON.parse(json) });
  }
  if (decoder.pos !== update.length) throw new Error("trailing bytes");
  return entries;
}

function encodeEntries(entries: readonly { clientId: number; clock: number; json: string | null }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json ?? "null");
  }
  return encoding.toUint8Array(encoder);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class RoomPresence {
  private readonly entries = new Map<number, Entry>();
  /**
   * Live clientIDs per connection, so that a message or a departure costs what that connection
   * owns, not what the room has seen: departures leave tombstones, and a client reconnecting in a
   * loop would otherwise make every other connection's presence slower.
   */
  private readonly ownedBySession = new Map<number, Set<number>>();
  /** Departed clientIDs in the order they left (the oldest expire first). */
  private readonly tombstones = new Map<number, number>();

  constructor(
    private readonly limits: PresenceLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Applies a connection's awareness update; returns the stamped update to broadcast.
   *
   * The y-websocket client re-sends every awareness change it receives, other clients' included,
   * with their clocks unchanged. Such echoes (a clock not newer than the one held) are ignored;
   * only a newer clock for another live connection's clientID is a violation.
   */
  receive(owner: PresenceOwner, update: Uint8Array): PresenceResult {
    let decoded: DecodedEntry[];
    try {
      decoded = decodeAwarenessUpdate(update, this.limits.maxStateBytes);
    } catch {
      return { kind: "violation", reason: "malformed awareness update" };
    }
    // Check everything before changing anything: a message is accepted whole or not at all.
    const accepted: DecodedEntry[] = [];
    let owned = this.ownedBySession.get(owner.sessionId)?.size ?? 0;
    for (const entry of decoded) {
      if (entry.state !== null && !isPlainObject(entry.state)) return { kind: "violation", reason: "awareness state is not an object" };
      const existing = this.entries.get(entry.clientId);
      if (!existing) {
        if (entry.state === null) continue; // removing what is not there: an echo of a departure
        owned++;
        if (owned > this.limits.maxClientsPerConnection) return { kind: "violation", reason: "too many awareness clientIDs" };
        accepted.push(entry);
        continue;
      }
      const newer = entry.clock > existing.clock || (entry.clock === existing.clock && entry.state === null && existing.json !== null);
      if (!newer) continue; // stale or an echo
      const someoneElses = existing.owner.sessionId !== owner.sessionId;
      // A client drops a state it has not heard of for 30 s (a background tab renews late) and
      // re-sends that removal at the same clock: an echo, not a claim on someone else's entry.
      if (someoneElses && !existing.departed && entry.state === null && entry.clock === existing.clock) continue;
      if (someoneElses) {
        // Another live connection's entry: only the same person (reconnecting before the old socket
        // is noticed gone) may take it over. A departed connection's entry is free.
        if (!existing.departed && existing.owner.user.id !== owner.user.id) {
          return { kind: "violation", reason: `clientID ${entry.clientId} belongs to another connection` };
        }
        owned++;
        if (owned > this.limits.maxClientsPerConnection) return { kind: "violation", reason: "too many awareness clientIDs" };
      }
      accepted.push(entry);
    }
    if (accepted.some((entry) => entry.oversized)) return { kind: "violation", reason: "awareness state too large" };
    const changed: Entry[] = [];
    for (const entry of accepted) {
      const json = entry.state === null ? null : JSON.stringify({ ...(entry.state as Record<string, unknown>), user: owner.user });
      const next: Entry = { clientId: entry.clientId, clock: entry.clock, json, owner, departed: false };
      const previous = this.entries.get(entry.clientId);
      if (previous && !previous.departed) this.ownedBySession.get(previous.owner.sessionId)?.delete(entry.clientId);
      this.tombstones.delete(entry.clientId);
      this.entries.set(entry.clientId, next);
      let own = this.ownedBySession.get(owner.sessionId);
      if (!own) this.ownedBySession.set(owner.sessionId, (own = new Set()));
      own.add(entry.clientId);
      changed.push(next);
    }
    if (changed.length === 0) return { kind: "unchanged" };
    return { kind: "changed", update: encodeEntries(changed) };
  }

  /** Marks a departed connection's entries removed; returns the removal update to broadcast, if any. */
  removeOwner(sessionId: number): Uint8Array | null {
    const now = this.now();
    this.expireTombstones(now);
    const own = this.ownedBySession.get(sessionId);
    if (!own) return null;
    this.ownedBySession.delete(sessionId);
    const removed: Entry[] = [];
    for (const clientId of own) {
      const entry = this.entries.get(clientId);
      if (!entry || entry.departed) continue;
      const tombstone: Entry = { ...entry, clock: entry.json !== null ? entry.clock + 1 : entry.clock, json: null, departed: true };
      this.entries.set(clientId, tombstone);
      this.tombstones.set(clientId, now);
      if (entry.json !== null) removed.push(tombstone);
    }
    return removed.length > 0 ? encodeEntries(removed) : null;
  }

  private expireTombstones(now: number): void {
    for (const [clientId, removedAt] of this.tombstones) {
      if (now - removedAt <= TOMBSTONE_MS && this.tombstones.size <= MAX_TOMBSTONES) break;
      this.tombstones.delete(clientId);
      this.entries.delete(clientId);
    }
  }

  /** Every present state, for a connection that just joined or asked. */
  encodeAll(): Uint8Array | null {
    const present: Entry[] = [];
    for (const own of this.ownedBySession.values()) {
      for (const clientId of own) {
        const entry = this.entries.get(clientId);
        if (entry && entry.json !== null) present.push(entry);
      }
    }
    return present.length > 0 ? encodeEntries(present) : null;
  }

  /** The stamped states, for tests and diagnostics. */
  states(): Map<number, Record<string, unknown>> {
    const out = new Map<number, Record<string, unknown>>();
    for (const [clientId, entry] of this.entries) if (entry.json !== null) out.set(clientId, JSON.parse(entry.json));
    return out;
  }
}
