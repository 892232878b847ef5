/**
 * The y-websocket wire protocol: decoding a client's frame into a tagged message, and encoding
 * what the server sends. Pure: no sockets, no Y.Doc.
 *
 *   frame = varUint messageType, body
 *   0 sync       varUint 0 step1 (varUint8Array stateVector) | 1 step2 (varUint8Array update) | 2 update (varUint8Array update)
 *   1 awareness  varUint8Array awarenessUpdate
 *   2 auth       varUint 0 permissionDenied, varString reason
 *   3 queryAwareness
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { messageAuth } from "./wire";

export const messageSync = 0;
export const messageAwareness = 1;
export const messageQueryAwareness = 3;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

export type ClientMessage =
  | { type: "sync-step1"; stateVector: Uint8Array }
  | { type: "sync-step2"; update: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" }
  | { type: "auth" };

export class MalformedFrameError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "MalformedFrameError";
  }
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new MalformedFrameError("length past the end of the frame");
  const bytes = decoder.arr.subarray(decoder.pos, decoder.pos + length);
  decoder.pos += length;
  return bytes;
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoder.pos !== decoder.arr.length) throw new MalformedFrameError("trailing bytes after the message");
}

/** Decodes one client frame; throws MalformedFrameError on anything that is not a valid message. */
export function decodeClientFrame(frame: Uint8Array): ClientMessage {
  if (frame.length === 0) throw new MalformedFrameError("empty frame");
  const decoder = decoding.createDecoder(frame);
  try {
    const messageType = decoding.readVarUint(decoder);
    switch (messageType) {
      case messageSync: {
        const step = decoding.readVarUint(decoder);
        const payload = readBytes(decoder);
        expectEnd(decoder);
        if (step === syncStep1) return { type: "sync-step1", stateVector: payload };
        if (step === syncStep2) return { type: "sync-step2", update: payload };
        if (step === syncUpdate) return { type: "update", update: payload };
        throw new MalformedFrameError(`unknown sync message ${step}`);
      }
      case messageAwareness: {
        const update = readBytes(decoder);
        expectEnd(decoder);
        return { type: "awareness", update };
      }
      case messageQueryAwareness:
        expectEnd(decoder);
        return { type: "query-awareness" };
      case messageAuth:
        // Clients have nothing to say in the auth channel; the content is ignored.
        return { type: "auth" };
      default:
        throw new MalformedFrameError(`unknown message type ${messageType}`);
    }
  } catch (error) {
    if (error instanceof MalformedFrameError) throw error;
    throw new MalformedFrameError(error instanceof Error ? error.message : "undecodable frame");
  }
}

/** A sync-channel frame: message type, sync sub-type, then the payload as one byte array. */
function encodeSyncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSyncFrame(syncStep1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSyncFrame(syncStep2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSyncFrame(syncUpdate, update);
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

/** The auth channel's only message: permission denied, with a reason (`readOnlyReason`, `updateRefusedReason`). */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAuth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** An update that carries nothing (no structs, no deletions): what a client with no news sends as step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
