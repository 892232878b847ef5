/**
 * Hand-written Yjs updates (v1 encoding) for tests that need structs no honest client produces:
 * gaps in a client's clocks, references to structs that do not exist, huge lengths, deep values.
 *
 *   update  = varUint clients, { varUint structs, varUint client, varUint clock, struct* }*, deleteSet
 *   struct  = info byte (content ref | 0x80 origin | 0x40 right origin | 0x20 parentSub), ids, content
 *   deleteSet = varUint clients, { varUint client, varUint ranges, { varUint clock, varUint len }* }*
 */
import * as encoding from "lib0/encoding";

export type CraftId = { client: number; clock: number };

export type CraftContent =
  | { kind: "string"; text: string }
  | { kind: "deleted"; length: number }
  | { kind: "any"; values: unknown[] }
  /** ContentAny whose one value is an array nested `depth` times, written without recursion. */
  | { kind: "deep-any"; depth: number }
  | { kind: "json"; strings: string[] }
  | { kind: "format"; key: string; value: string }
  | { kind: "type"; typeRef: number; name?: string }
  | { kind: "doc"; guid: string };

export type CraftStruct =
  | { kind: "item"; origin?: CraftId; rightOrigin?: CraftId; parent?: string | CraftId; parentSub?: string; content: CraftContent }
  | { kind: "gc"; length: number }
  | { kind: "skip"; length: number };

export type CraftClient = { client: number; clock: number; structs: CraftStruct[] };

const contentRef: Record<CraftContent["kind"], number> = {
  deleted: 1,
  json: 2,
  string: 4,
  format: 6,
  type: 7,
  any: 8,
  "deep-any": 8,
  doc: 9,
};

function writeId(e: encoding.Encoder, id: CraftId): void {
  encoding.writeVarUint(e, id.client);
  encoding.writeVarUint(e, id.clock);
}

function writeContent(e: encoding.Encoder, c: CraftContent): void {
  switch (c.kind) {
    case "string":
      encoding.writeVarString(e, c.text);
      return;
    case "deleted":
      encoding.writeVarUint(e, c.length);
      return;
    case "any":
      encoding.writeVarUint(e, c.values.length);
      for (const v of c.values) encoding.writeAny(e, v as never);
      return;
    case "deep-any":
      encoding.writeVarUint(e, 1);
      // lib0 `any`: 117 = array, followed by its length.
      for (let i = 0; i < c.depth; i++) {
        encoding.writeUint8(e, 117);
        encoding.writeVarUint(e, i === c.depth - 1 ? 0 : 1);
      }
      return;
    case "json":
      encoding.writeVarUint(e, c.strings.length);
      for (const s of c.strings) encoding.writeVarString(e, s);
      return;
    case "format":
      encoding.writeVarString(e, c.key);
      encoding.writeVarString(e, c.value);
      return;
    case "type":
      encoding.writeVarUint(e, c.typeRef);
      // XmlElement (3) and XmlHook (5) carry a name.
      if (c.typeRef === 3 || c.typeRef === 5) encoding.writeVarString(e, c.name ?? "paragraph");
      return;
    case "doc":
      encoding.writeVarString(e, c.guid);
      encoding.writeAny(e, {});
      return;
    default: {
      const exhaustive: never = c;
      throw new Error(`unknown content ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Length in clocks of a struct's content (what the reader adds to the client's clock). */
export function craftLength(s: CraftStruct): number {
  if (s.kind !== "item") return s.length;
  const c = s.content;
  switch (c.kind) {
    case "string":
      return c.text.length;
    case "deleted":
      return c.length;
    case "any":
      return c.values.length;
    case "json":
      return c.strings.length;
    default:
      return 1;
  }
}

export function craftUpdate(clients: CraftClient[], deletes: { client: number; ranges: [number, number][] }[] = []): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, clients.length);
  for (const c of clients) {
    encoding.writeVarUint(e, c.structs.length);
    encoding.writeVarUint(e, c.client);
    encoding.writeVarUint(e, c.clock);
    for (const s of c.structs) {
      if (s.kind === "gc") {
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, s.length);
        continue;
      }
      if (s.kind === "skip") {
        encoding.writeUint8(e, 10);
        encoding.writeVarUint(e, s.length);
        continue;
      }
      const hasParentInfo = !s.origin && !s.rightOrigin;
      const info =
        contentRef[s.content.kind] | (s.origin ? 0x80 : 0) | (s.rightOrigin ? 0x40 : 0) | (hasParentInfo && s.parentSub ? 0x20 : 0);
      encoding.writeUint8(e, info);
      if (s.origin) writeId(e, s.origin);
      if (s.rightOrigin) writeId(e, s.rightOrigin);
      if (hasParentInfo) {
        const parent = s.parent ?? "default";
        if (typeof parent === "string") {
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, parent);
        } else {
          encoding.writeVarUint(e, 0);
          writeId(e, parent);
        }
        if (s.parentSub) encoding.writeVarString(e, s.parentSub);
      }
      writeContent(e, s.content);
    }
  }
  encoding.writeVarUint(e, deletes.length);
  for (const d of deletes) {
    encoding.writeVarUint(e, d.client);
    encoding.writeVarUint(e, d.ranges.length);
    for (const [clock, len] of d.ranges) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}
