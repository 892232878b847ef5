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
};

export type PresenceLimits = { maxUpdateBytes: number; maxClientsPerConnection: number };

export type PresenceResult =
  | { kind: "changed"; update: Uint8Array }
  | { kind: "unchanged" }
  | { kind: "violation"; reason: string };

type DecodedEntry = { clientId: number; clock: number; state: unknown };

function decodeAwarenessUpdate(update: Uint8Array): DecodedEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: DecodedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    entries.push({ clientId, clock, state: JSON.parse(json) });
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

  constructor(private readonly limits: PresenceLimits) {}

  /** Applies a connection's awareness update; returns the stamped update to broadcast. */
  receive(owner: PresenceOwner, update: Uint8Array): PresenceResult {
    if (update.length > this.limits.maxUpdateBytes) return { kind: "violation", reason: "awareness update too large" };
    let decoded: DecodedEntry[];
    try {
      decoded = decodeAwarenessUpdate(update);
    } catch {
      return { kind: "violation", reason: "malformed awareness update" };
    }
    // Check everything before changing anything: a message is accepted whole or not at all.
    let owned = this.countOwnedBy(owner.sessionId);
    for (const entry of decoded) {
      if (entry.state !== null && !isPlainObject(entry.state)) return { kind: "violation", reason: "awareness state is not an object" };
      const existing = this.entries.get(entry.clientId);
      if (existing && existing.owner.sessionId !== owner.sessionId) {
        // The same person reconnecting before their old socket is noticed gone may take the entry over.
        if (existing.owner.user.id !== owner.user.id) {
          return { kind: "violation", reason: `clientID ${entry.clientId} belongs to another connection` };
        }
      }
      if (!existing || existing.owner.sessionId !== owner.sessionId) {
        owned++;
        if (owned > this.limits.maxClientsPerConnection) return { kind: "violation", reason: "too many awareness clientIDs" };
      }
    }
    const changed: Entry[] = [];
    for (const entry of decoded) {
      const existing = this.entries.get(entry.clientId);
      if (existing && existing.owner.sessionId === owner.sessionId) {
        const newer = entry.clock > existing.clock || (entry.clock === existing.clock && entry.state === null && existing.json !== null);
        if (!newer) continue;
      }
      const json = entry.state === null ? null : JSON.stringify({ ...(entry.state as Record<string, unknown>), user: owner.user });
      const next: Entry = { clientId: entry.clientId, clock: entry.clock, json, owner };
      this.entries.set(entry.clientId, next);
      changed.push(next);
    }
    if (changed.length === 0) return { kind: "unchanged" };
    return { kind: "changed", update: encodeEntries(changed) };
  }

  /** Removes a departed connection's entries; returns the removal update to broadcast, if any. */
  removeOwner(sessionId: number): Uint8Array | null {
    const removed: { clientId: number; clock: number; json: null }[] = [];
    for (const [clientId, entry] of this.entries) {
      if (entry.owner.sessionId !== sessionId) continue;
      this.entries.delete(clientId);
      if (entry.json !== null) removed.push({ clientId, clock: entry.clock + 1, json: null });
    }
    return removed.length > 0 ? encodeEntries(removed) : null;
  }

  /** Every present state, for a connection that just joined or asked. */
  encodeAll(): Uint8Array | null {
    const present = [...this.entries.values()].filter((e) => e.json !== null);
    return present.length > 0 ? encodeEntries(present) : null;
  }

  /** The stamped states, for tests and diagnostics. */
  states(): Map<number, Record<string, unknown>> {
    const out = new Map<number, Record<string, unknown>>();
    for (const [clientId, entry] of this.entries) if (entry.json !== null) out.set(clientId, JSON.parse(entry.json));
    return out;
  }

  private countOwnedBy(sessionId: number): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.owner.sessionId === sessionId) n++;
    return n;
  }
}
