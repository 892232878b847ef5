import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { decodeClientFrame, encodeSyncStep2, encodeUpdate, isEmptyUpdate, MalformedFrameError } from "./protocol";
import { RoomPresence } from "./presence";

describe("client frames", () => {
  it("decodes the y-websocket messages", () => {
    expect(decodeClientFrame(new Uint8Array([0, 0, 1, 0]))).toEqual({ type: "sync-step1", stateVector: new Uint8Array([0]) });
    expect(decodeClientFrame(encodeSyncStep2(new Uint8Array([0, 0])))).toMatchObject({ type: "sync-step2" });
    expect(decodeClientFrame(encodeUpdate(new Uint8Array([0, 0])))).toMatchObject({ type: "update" });
    expect(decodeClientFrame(new Uint8Array([3]))).toEqual({ type: "query-awareness" });
    expect(decodeClientFrame(new Uint8Array([1, 1, 0]))).toMatchObject({ type: "awareness" });
  });

  it.each([
    ["empty", []],
    ["unknown type", [7]],
    ["unknown sync step", [0, 5, 0]],
    ["length past the end", [0, 2, 10, 1]],
    ["truncated varint", [0, 2, 200]],
    ["trailing bytes", [0, 0, 1, 0, 9]],
    ["huge varint", [0, 2, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1]],
  ])("refuses a frame with %s", (_name, bytes) => {
    expect(() => decodeClientFrame(new Uint8Array(bytes))).toThrow(MalformedFrameError);
  });

  it("recognises an update that carries nothing", () => {
    expect(isEmptyUpdate(new Uint8Array([0, 0]))).toBe(true);
    expect(isEmptyUpdate(new Uint8Array([1, 0]))).toBe(false);
  });
});

describe("room presence", () => {
  const user = (id: number) => ({ id, name: `u${id}`, unit: null, color: "#123456" });
  const encode = (entries: [number, number, unknown][]) => {
    const json = entries.map(([c, k, s]) => ({ c, k, s: JSON.stringify(s) }));
    const bytes: number[] = [entries.length];
    for (const e of json) {
      const text = new TextEncoder().encode(e.s);
      bytes.push(e.c, e.k, text.length, ...text);
    }
    return new Uint8Array(bytes);
  };

  it("stamps the owner's identity and refuses a newer clock on another person's clientID", () => {
    const presence = new RoomPresence({ maxStateBytes: 1024, maxClientsPerConnection: 2 });
    expect(presence.receive({ sessionId: 1, user: user(1) }, encode([[10, 1, { user: { id: 2 } }]])).kind).toBe("changed");
    expect(presence.states().get(10)!.user).toEqual(user(1));
    expect(presence.receive({ sessionId: 2, user: user(2) }, encode([[10, 1, { a: 1 }]])).kind).toBe("unchanged");
    expect(presence.receive({ sessionId: 2, user: user(2) }, encode([[10, 2, null]])).kind).toBe("violation");
    expect(presence.receive({ sessionId: 1, user: user(1) }, encode([[11, 1, {}], [12, 1, {}]])).kind).toBe("violation");
    expect(presence.states().size).toBe(1);
  });

  it("bounds each state, not the message: an echo of a full room passes, one oversized state does not", () => {
    const presence = new RoomPresence({ maxStateBytes: 200, maxClientsPerConnection: 1 });
    const awareness = (entries: [number, number, string][]) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, entries.length);
      for (const [clientId, clock, json] of entries) {
        encoding.writeVarUint(encoder, clientId);
        encoding.writeVarUint(encoder, clock);
        encoding.writeVarString(encoder, json);
      }
      return encoding.toUint8Array(encoder);
    };
    const state = (n: number) => JSON.stringify({ cursor: "x".repeat(n) });
    for (let id = 1; id <= 5; id++) expect(presence.receive({ sessionId: id, user: user(id) }, awareness([[id, 1, state(100)]])).kind).toBe("changed");
    // Session 1 answers a presence query with every state it knows (over 500 characters in all).
    const echo = awareness([1, 2, 3, 4, 5].map((id): [number, number, string] => [id, 1, state(100)]));
    expect(echo.length).toBeGreaterThan(500);
    expect(presence.receive({ sessionId: 1, user: user(1) }, echo).kind).toBe("unchanged");
    // An echo of a state the server stamped (its JSON grew by the owner's identity) is no violation.
    const stamped = JSON.stringify(presence.states().get(2));
    const near = awareness([[6, 1, state(180)]]);
    expect(presence.receive({ sessionId: 6, user: user(6) }, near).kind).toBe("changed");
    expect(JSON.stringify(presence.states().get(6)).length).toBeGreaterThan(200);
    expect(presence.receive({ sessionId: 2, user: user(2) }, awareness([[2, 1, stamped], [6, 1, JSON.stringify(presence.states().get(6))]])).kind).toBe("unchanged");
    expect(presence.receive({ sessionId: 1, user: user(1) }, awareness([[1, 2, state(300)]]))).toEqual({ kind: "violation", reason: "awareness state too large" });
  });
});
