/**
 * The frame fuzzer, run as its own process so that generating frames does not share an event loop
 * with the honest clients whose latency the test measures. Env: FUZZ_URL, FUZZ_ORIGIN,
 * FUZZ_COOKIES (JSON array, one socket per cookie), FUZZ_FRAMES (total), FUZZ_SEED,
 * FUZZ_RATE_PER_SOCKET (frames per second per socket; 200, what the server grants a connection).
 * Prints one JSON line when done: { frames, reconnects, failedReconnects }.
 */
import * as encoding from "lib0/encoding";
import * as prng from "lib0/prng";
import * as Y from "yjs";
import { craftUpdate } from "../testing/craft-update";
import { frameKind, framePayload, openRaw, sleep, type RawClient } from "../testing/fixtures";

// ---------------------------------------------------------------- frame shapes

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const randomBytes = (gen: prng.PRNG, max: number) => prng.uint8Array(gen, prng.int32(gen, 0, max));

function awareness(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
  const inner = frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const x of entries) {
      encoding.writeVarUint(e, x.clientId);
      encoding.writeVarUint(e, x.clock);
      encoding.writeVarString(e, x.json);
    }
  });
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, inner);
  });
}

const sync = (sub: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
  });

type FuzzState = { doc: Y.Doc; serverSv: Map<number, number>; sample: Uint8Array[] };

/** One frame; the shapes cover every message type, broken at every level. */
export function fuzzFrame(gen: prng.PRNG, s: FuzzState): Uint8Array {
  const known = [...s.serverSv.keys()];
  const someClient = () => (known.length > 0 && prng.bool(gen) ? prng.oneOf(gen, known) : prng.uint32(gen, 0, 0xffffffff));
  switch (prng.int32(gen, 0, 19)) {
    case 0:
      return randomBytes(gen, 64);
    case 1: // truncated varint
      return new Uint8Array([...prng.uint8Array(gen, prng.int32(gen, 0, 2)).map((b) => b % 4), ...Array.from({ length: prng.int32(gen, 1, 9) }, () => 0x80 | prng.int32(gen, 0, 127))]);
    case 2: // a length far past the end
      return frame((e) => {
        encoding.writeVarUint(e, prng.int32(gen, 0, 1));
        encoding.writeVarUint(e, prng.int32(gen, 0, 2));
        encoding.writeVarUint(e, prng.uint32(gen, 1 << 20, 0x7fffffff));
        encoding.writeUint8Array(e, randomBytes(gen, 8));
      });
    case 3: // unknown message type, or unknown sync step
      return prng.bool(gen)
        ? frame((e) => encoding.writeVarUint(e, prng.int32(gen, 4, 1 << 20)))
        : sync(prng.int32(gen, 3, 1000), randomBytes(gen, 8));
    case 4: // sync step 1 with garbage, or with absurd clocks
      return prng.bool(gen)
        ? sync(0, randomBytes(gen, 32))
        : sync(
            0,
            frame((e) => {
              const n = prng.int32(gen, 0, 20);
              encoding.writeVarUint(e, n);
              for (let i = 0; i < n; i++) {
                encoding.writeVarUint(e, someClient());
                encoding.writeVarUint(e, prng.uint32(gen, 0, 0x7fffffff));
              }
            }),
          );
    case 5: // step 2 or update with garbage
      return sync(prng.int32(gen, 1, 2), randomBytes(gen, 48));
    case 6: // a real update with bytes flipped
      if (s.sample.length > 0) {
        const bytes = prng.oneOf(gen, s.sample).slice();
        for (let i = prng.int32(gen, 1, 4); i > 0; i--) bytes[prng.int32(gen, 0, bytes.length - 1)] = prng.uint32(gen, 0, 255);
        return sync(2, bytes);
      }
      return sync(2, randomBytes(gen, 16));
    case 7: // structs after the server's clock
      return sync(prng.int32(gen, 1, 2), craftUpdate([{ client: someClient(), clock: (s.serverSv.get(known[0]) ?? 0) + prng.int32(gen, 1, 1000), structs: [{ kind: "item", parent: "default", content: { kind: "string", text: "x" } }] }]));
    case 8: // origin in structs nobody has
      return sync(2, craftUpdate([{ client: prng.uint32(gen, 0, 0xffffffff), clock: 0, structs: [{ kind: "item", origin: { client: someClient(), clock: prng.uint32(gen, 1000, 1 << 30) }, content: { kind: "string", text: "y" } }] }]));
    case 9: // deletions of ranges nobody has
      return sync(2, craftUpdate([], [{ client: someClient(), ranges: [[prng.uint32(gen, 0, 1 << 30), prng.uint32(gen, 1, 0x7fffffff)]] }]));
    case 10: // a huge struct, a deep value
      return sync(2, prng.bool(gen)
        ? craftUpdate([{ client: prng.uint32(gen, 0, 0xffffffff), clock: 0, structs: [{ kind: "item", parent: "fuzz", content: { kind: "deleted", length: 2 ** prng.int32(gen, 33, 52) } }] }])
        : craftUpdate([{ client: prng.uint32(gen, 0, 0xffffffff), clock: 0, structs: [{ kind: "item", parent: "fuzz", parentSub: "k", content: { kind: "json", strings: ["[".repeat(20_000) + "]".repeat(20_000)] } }] }]));
    case 11: { // an honest small edit from the fuzzer's own document
      const before = Y.encodeStateVector(s.doc);
      s.doc.getMap("fuzz").set(String(prng.int32(gen, 0, 20)), prng.int32(gen, 0, 1000));
      const update = Y.encodeStateAsUpdate(s.doc, before);
      if (s.sample.length < 50) s.sample.push(update);
      return sync(prng.bool(gen) ? 2 : 1, update);
    }
    case 12: // awareness near or over the size limit
      return awareness([{ clientId: prng.uint32(gen, 0, 0xffffffff), clock: prng.int32(gen, 0, 1000), json: JSON.stringify({ pad: "字".repeat(prng.int32(gen, 1000, 12_000)) }) }]);
    case 13: { // awareness nested deep (as JSON)
      const depth = prng.int32(gen, 100, 12_000);
      return awareness([{ clientId: prng.uint32(gen, 0, 0xffffffff), clock: 1, json: `{"a":${"[".repeat(depth)}${"]".repeat(depth)}}` }]);
    }
    case 14: // awareness that is not JSON, not an object, or for many clientIDs
      return prng.bool(gen)
        ? awareness([{ clientId: prng.uint32(gen, 0, 0xffffffff), clock: prng.uint32(gen, 0, 0x7fffffff), json: prng.oneOf(gen, ["{", "[]", "1", '"x"', "nul", "{\"user\":{\"id\":1}}", "null"]) }])
        : awareness(Array.from({ length: prng.int32(gen, 2, 40) }, () => ({ clientId: someClient(), clock: prng.int32(gen, 0, 5), json: "{}" })));
    case 15: // awareness with garbage inside
      return frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, randomBytes(gen, 40));
      });
    case 16: // auth channel, query awareness, with trailing bytes
      return prng.bool(gen) ? new Uint8Array([2, ...randomBytes(gen, 20)]) : new Uint8Array([3, ...randomBytes(gen, 3)]);
    case 17: // a valid step 1
      return sync(0, Y.encodeStateVector(s.doc));
    case 18: // an empty frame or a lone type byte
      return prng.bool(gen) ? new Uint8Array(0) : new Uint8Array([prng.int32(gen, 0, 3)]);
    default: // structs in a cycle between two clients
      return sync(2, craftUpdate([
        { client: 7_000_001, clock: 0, structs: [{ kind: "item", origin: { client: 7_000_002, clock: 0 }, content: { kind: "string", text: "a" } }] },
        { client: 7_000_002, clock: 0, structs: [{ kind: "item", origin: { client: 7_000_001, clock: 0 }, content: { kind: "string", text: "b" } }] },
      ]));
  }
}

// ---------------------------------------------------------------- the loop

async function fuzzSocket(url: string, headers: Record<string, string>, seed: number, quota: number, totals: { frames: number; reconnects: number; failedReconnects: number }) {
  const gen = prng.create(seed);
  const state: FuzzState = { doc: new Y.Doc(), serverSv: new Map(), sample: [] };
  let raw: RawClient | null = null;
  let sent = 0;
  let failuresInARow = 0;
  const started = performance.now();
  while (sent < quota) {
    if (!raw || raw.ws.readyState !== raw.ws.OPEN) {
      if (raw) totals.reconnects++;
      try {
        raw = await openRaw(url, headers);
        const step1 = await raw.waitFor((f) => frameKind(f)[0] === 0 && frameKind(f)[1] === 0, 5000);
        state.serverSv = Y.decodeStateVector(framePayload(step1));
        failuresInARow = 0;
      } catch {
        totals.failedReconnects++;
        // The server is gone (the test sees it exit) or refused this socket: stop after a while.
        if (++failuresInARow > 50) return;
        await sleep(20);
        continue;
      }
    }
    raw.send(fuzzFrame(gen, state));
    sent++;
    totals.frames++;
    // At most the sustained message rate the server grants one connection (COLLAB_RATE_MESSAGES_PER_SECOND).
    const due = started + (sent * 1000) / ratePerSocket;
    const now = performance.now();
    if (due > now) await sleep(due - now);
    else await new Promise((r) => setImmediate(r));
  }
  raw?.ws.terminate();
}

const cookies = JSON.parse(process.env.FUZZ_COOKIES ?? "[]") as string[];
const total = Number(process.env.FUZZ_FRAMES ?? "0");
const seed = Number(process.env.FUZZ_SEED ?? "1");
const ratePerSocket = Number(process.env.FUZZ_RATE_PER_SOCKET ?? "200");
const totals = { frames: 0, reconnects: 0, failedReconnects: 0 };
process.stdout.write("START\n");
await Promise.all(
  cookies.map((cookie, i) =>
    fuzzSocket(process.env.FUZZ_URL!, { cookie, origin: process.env.FUZZ_ORIGIN! }, seed + i, Math.ceil(total / cookies.length), totals),
  ),
);
process.stdout.write(`${JSON.stringify(totals)}\n`);
process.exit(0);
