/**
 * The check an update from a client passes before the room applies it. Yjs accepts anything that
 * decodes: structs whose dependencies are missing stay in `store.pendingStructs` for ever (every
 * later update re-merges them, every snapshot and sync reply carries them), huge clocks, deeply
 * nested values that overflow the stack when the document is encoded again, subdocuments.
 *
 * `checkUpdate` decodes the update once (no Y.Doc is touched) and replays Yjs's integration order
 * against the room's state vector, so it knows whether every struct and every deletion could be
 * applied now. It never changes the document. Honest y-websocket clients always send updates that
 * pass: a sync step 2 is computed against the server's state vector, and an incremental update
 * only refers to what the client had sent or received before (see docs/decisions/011).
 */
import * as Y from "yjs";

export type UpdateLimits = {
  /** Structs plus delete-set ranges in one update. */
  maxUpdateStructs: number;
  /** Highest clock (clock + length) a struct may reach; beyond it a client could not have typed. */
  maxUpdateClock: number;
  /** Nesting of a JSON-like value (attributes, marks, embeds, Y.Map values). */
  maxValueDepth: number;
  /** Nesting of shared types (element in element …). */
  maxTypeDepth: number;
};

export const defaultUpdateLimits: UpdateLimits = {
  maxUpdateStructs: 100_000,
  maxUpdateClock: 2 ** 32,
  maxValueDepth: 64,
  maxTypeDepth: 128,
};

export type UpdateVerdict =
  | { kind: "ok" }
  /** Refers to something the room does not have (yet): applying it would leave it pending. */
  | { kind: "missing"; reason: string }
  /** Never produced by an honest client. */
  | { kind: "invalid"; reason: string }
  /** Not a Yjs update at all (a malformed message). */
  | { kind: "undecodable"; reason: string };

type Struct = Y.Item | Y.GC | Y.Skip;

const ok: UpdateVerdict = { kind: "ok" };
const invalid = (reason: string): UpdateVerdict => ({ kind: "invalid", reason });
const missing = (reason: string): UpdateVerdict => ({ kind: "missing", reason });

/** Depth of a JSON-like value, iteratively (a hostile value must not overflow the stack here). */
function valueDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object" || v instanceof Uint8Array) continue;
    if (depth > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return false;
}

function contentValues(content: Y.Item["content"]): unknown[] | null {
  if (content instanceof Y.ContentAny) return content.arr;
  if (content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentEmbed) return [content.embed];
  if (content instanceof Y.ContentFormat) return [content.value];
  return null;
}

/** The nesting depth of a type item already in the document (1 for a child of a root type). */
function depthInDoc(item: Y.Item, max: number): number {
  let depth = 0;
  let current: Y.Item | null = item;
  while (current && depth <= max) {
    depth++;
    current = (current.parent as Y.AbstractType<unknown> | null)?._item ?? null;
  }
  return depth;
}

/**
 * Decides whether `update` (v1 encoding) may be applied to `doc`. Pure with respect to `doc`.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits = defaultUpdateLimits): UpdateVerdict {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  } catch (error) {
    // Truncated input, unknown content, or a value nested so deep that decoding overflowed the stack.
    return { kind: "undecodable", reason: `undecodable update: ${error instanceof Error ? error.message : String(error)}` };
  }
  const { structs, ds } = decoded;
  let ranges = 0;
  for (const list of ds.clients.values()) ranges += list.length;
  if (structs.length + ranges > limits.maxUpdateStructs) return invalid(`${structs.length + ranges} structs and deletions`);

  // Structs of one client, in clock order, as Yjs reads them.
  const byClient = new Map<number, { i: number; refs: Struct[] }>();
  const inUpdate = new Map<number, Struct[]>();
  for (const s of structs) {
    const { client, clock } = s.id;
    if (!Number.isSafeInteger(client) || client < 0 || client > 0xffffffff) return invalid(`client id ${client}`);
    if (s.length < 0 || clock + s.length > limits.maxUpdateClock) return invalid(`clock ${clock} + ${s.length} past the limit`);
    let refs = byClient.get(client);
    if (!refs) byClient.set(client, (refs = { i: 0, refs: [] }));
    const last = refs.refs.at(-1);
    // Yjs would keep only the last section of a client that appears twice.
    if (last && clock !== last.id.clock + last.length) return invalid(`structs of client ${client} out of order`);
    refs.refs.push(s);
    if (s instanceof Y.Item) {
      let list = inUpdate.get(client);
      if (!list) inUpdate.set(client, (list = []));
      list.push(s);
      const content = s.content;
      if (content instanceof Y.ContentDoc) return invalid("subdocuments are not used");
      if (content.getLength() !== s.length) return invalid("content length differs from the struct length");
      const values = contentValues(content);
      if (values && values.some((v) => valueDepthExceeds(v, limits.maxValueDepth))) return invalid("value nested too deep");
      const refsToCheck = [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null];
      for (const id of refsToCheck) {
        // A reference to the same client must point backwards (Yjs does not check it and would throw mid-way).
        if (id && id.client === client && id.clock >= clock) return invalid("reference to a later struct of the same client");
      }
    }
  }

  // Replay of Yjs's integration order (see integrateStructs) on the state vector alone.
  const state = new Map<number, number>();
  const stateOf = (client: number) => {
    let clock = state.get(client);
    if (clock === undefined) state.set(client, (clock = Y.getState(doc.store, client)));
    return clock;
  };
  const needs = (item: Y.Item): number | null => {
    for (const id of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (id && id.client !== item.id.client && id.clock >= stateOf(id.client)) return id.client;
    }
    return null;
  };
  const stack: Struct[] = [];
  const clients = [...byClient.keys()].sort((a, b) => a - b);
  for (const start of clients) {
    const own = byClient.get(start)!;
    while (own.i < own.refs.length || stack.length > 0) {
      const head = stack.length > 0 ? stack.pop()! : own.refs[own.i++];
      if (head instanceof Y.Skip) continue;
      const local = stateOf(head.id.client);
      if (head.id.clock > local) return missing(`client ${head.id.client} from clock ${head.id.clock}, have ${local}`);
      if (head instanceof Y.Item) {
        const needed = needs(head);
        if (needed !== null) {
          const other = byClient.get(needed);
          // The dependency is neither in the room nor (still to come) in this update, or it forms a cycle.
          if (!other || other.i >= other.refs.length || stack.includes(head) || stack.length > byClient.size) {
            return missing(`depends on client ${needed}`);
          }
          stack.push(head, other.refs[other.i++]);
          continue;
        }
      }
      state.set(head.id.client, Math.max(local, head.id.clock + head.length));
    }
  }

  // Deletions are applied after the structs; a range past what is known would stay pending.
  for (const [client, list] of ds.clients) {
    for (const { clock, len } of list) {
      if (len <= 0 || clock + len > stateOf(client)) return missing(`deletes ${client}:${clock}+${len}, have ${stateOf(client)}`);
    }
  }

  // Parents given by id must be shared types, and types may not nest without end.
  const findInUpdate = (id: Y.ID): Struct | null => {
    const list = inUpdate.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid];
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  };
  // Depth of the list an item sits in: hops along origins (siblings) iteratively, recursion only
  // into enclosing types, cut off at the limit.
  const depthMemo = new Map<Y.Item, number>();
  const containerDepth = (item: Y.Item, nesting: number): number => {
    const visited: Y.Item[] = [];
    let current: Y.Item = item;
    let depth = 0;
    for (let hops = 0; ; hops++) {
      const memo = depthMemo.get(current);
      if (memo !== undefined) {
        depth = memo;
        break;
      }
      visited.push(current);
      if (hops > structs.length || nesting > limits.maxTypeDepth) {
        depth = limits.maxTypeDepth;
        break;
      }
      const parent = current.parent;
      if (parent instanceof Y.ID) {
        const inside = findInUpdate(parent);
        if (inside) {
          if (!(inside instanceof Y.Item) || !(inside.content instanceof Y.ContentType)) return -1;
          depth = containerDepth(inside, nesting + 1) + 1;
        } else {
          const existing = parent.clock < Y.getState(doc.store, parent.client) ? Y.getItem(doc.store, parent) : null;
          if (existing instanceof Y.Item) {
            if (!(existing.content instanceof Y.ContentType) && !existing.deleted) return -1;
            depth = depthInDoc(existing, limits.maxTypeDepth);
          }
        }
        break;
      }
      if (parent !== null) break; // a root type
      const near = current.origin ?? current.rightOrigin;
      if (!near) break;
      const inside = findInUpdate(near);
      if (inside instanceof Y.Item) {
        current = inside;
        continue;
      }
      if (!inside && near.clock < Y.getState(doc.store, near.client)) {
        const existing = Y.getItem(doc.store, near);
        const holder = existing instanceof Y.Item ? (existing.parent as Y.AbstractType<unknown> | null)?._item : null;
        if (holder) depth = depthInDoc(holder, limits.maxTypeDepth);
      }
      break;
    }
    if (depth < 0) return depth;
    for (const v of visited) depthMemo.set(v, depth);
    return depth;
  };
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const depth = containerDepth(s, 0);
    if (depth < 0) return invalid("parent is not a shared type");
    if (depth >= limits.maxTypeDepth) return invalid("shared types nested too deep");
  }
  return ok;
}
