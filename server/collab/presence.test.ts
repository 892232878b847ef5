import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import type { PresenceUser } from "./identity";
import { RoomPresence, type PresenceOwner } from "./presence";
import { awarenessUpdate as awareness } from "./testing/fixtures";

const user = (id: number): PresenceUser => ({ id, name: `用户${id}`, unit: null, color: "#1d4ed8" });
const owner = (sessionId: number, userId: number): PresenceOwner => ({ sessionId, user: user(userId) });

function decoded(update: Uint8Array | null): { clientId: number; clock: number; state: unknown }[] {
  if (!update) return [];
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  return Array.from({ length: n }, () => ({ clientId: decoding.readVarUint(d), clock: decoding.readVarUint(d), state: JSON.parse(decoding.readVarString(d)) }));
}

const limits = { maxStateBytes: 4096, maxClientsPerConnection: 4 };

describe("room presence", () => {
  it("stamps the connection's identity over whatever the client claims", () => {
    const p = new RoomPresence(limits);
    const result = p.receive(owner(1, 7), awareness([{ clientId: 10, clock: 1, state: { cursor: 3, user: { id: 99, name: "冒充" } } }]));
    expect(result.kind).toBe("changed");
    expect(p.states().get(10)).toEqual({ cursor: 3, user: user(7) });
  });

  it("refuses another live connection's clientID, lets the same person take it over", () => {
    const p = new RoomPresence(limits);
    p.receive(owner(1, 7), awareness([{ clientId: 10, clock: 1, state: {} }]));
    expect(p.receive(owner(2, 8), awareness([{ clientId: 10, clock: 2, state: {} }])).kind).toBe("violation");
    expect(p.receive(owner(3, 7), awareness([{ clientId: 10, clock: 2, state: { tab: 2 } }])).kind).toBe("changed");
    // The old connection no longer owns it: its departure removes nothing.
    expect(p.removeOwner(1)).toBeNull();
    expect(p.states().get(10)).toEqual({ tab: 2, user: user(7) });
  });

  it("counts only what the connection owns against its limit", () => {
    const p = new RoomPresence(limits);
    for (let s = 1; s <= 50; s++) {
      expect(p.receive(owner(s, s), awareness([{ clientId: 1000 + s, clock: 1, state: {} }])).kind).toBe("changed");
      p.removeOwner(s);
    }
    const four = [1, 2, 3, 4].map((clientId) => ({ clientId, clock: 1, state: {} }));
    expect(p.receive(owner(100, 1), awareness(four)).kind).toBe("changed");
    expect(p.receive(owner(100, 1), awareness([{ clientId: 5, clock: 1, state: {} }]))).toEqual({ kind: "violation", reason: "too many awareness clientIDs" });
  });

  it("a departure is broadcast once; echoes of the old state do not bring it back while the tombstone lasts", () => {
    let now = 1_000_000;
    const p = new RoomPresence(limits, () => now);
    p.receive(owner(1, 7), awareness([{ clientId: 10, clock: 3, state: { cursor: 1 } }]));
    expect(decoded(p.removeOwner(1))).toEqual([{ clientId: 10, clock: 4, state: null }]);
    expect(p.removeOwner(1)).toBeNull();
    // Another client echoes the state it had seen (clock 3) and the removal (clock 4).
    expect(p.receive(owner(2, 8), awareness([{ clientId: 10, clock: 3, state: { cursor: 1 } }])).kind).toBe("unchanged");
    expect(p.receive(owner(2, 8), awareness([{ clientId: 10, clock: 4, state: null }])).kind).toBe("unchanged");
    expect(p.encodeAll()).toBeNull();
    // Tombstones expire after a minute (on the next departure).
    now += 61_000;
    p.receive(owner(3, 9), awareness([{ clientId: 11, clock: 1, state: {} }]));
    p.removeOwner(3);
    expect(p.receive(owner(2, 8), awareness([{ clientId: 10, clock: 1, state: {} }])).kind).toBe("changed");
  });

  it("a joining connection gets every present state, none of the departed", () => {
    const p = new RoomPresence(limits);
    p.receive(owner(1, 1), awareness([{ clientId: 1, clock: 1, state: { a: 1 } }]));
    p.receive(owner(2, 2), awareness([{ clientId: 2, clock: 1, state: { b: 2 } }]));
    p.receive(owner(3, 3), awareness([{ clientId: 3, clock: 1, state: { c: 3 } }]));
    p.removeOwner(2);
    expect(decoded(p.encodeAll()).map((e) => e.clientId).sort()).toEqual([1, 3]);
  });

  it("another client dropping a state it timed out (same clock, null) is an echo: ignored, not a violation", () => {
    const p = new RoomPresence(limits);
    p.receive(owner(1, 7), awareness([{ clientId: 10, clock: 5, state: { cursor: 1 } }]));
    expect(p.receive(owner(2, 8), awareness([{ clientId: 10, clock: 5, state: null }]))).toEqual({ kind: "unchanged" });
    expect(p.states().get(10)).toEqual({ cursor: 1, user: user(7) });
    // A newer clock for someone else's live entry is still refused.
    expect(p.receive(owner(2, 8), awareness([{ clientId: 10, clock: 6, state: null }])).kind).toBe("violation");
  });
});
