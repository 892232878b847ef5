/**
 * Limits and timings of the collaboration server. Defaults suit one machine; each can be set
 * from the environment (COLLAB_*), and tests pass their own.
 */
import { defaultUpdateLimits, type UpdateLimits } from "./limits-updates";

export type CollabConfig = UpdateLimits & {
  /** Largest message a client may send (bytes). Over it the socket is closed with 4413 (the editor shows why). */
  maxMessageBytes: number;
  /** Largest awareness (presence) state of one client (characters of its JSON). */
  maxAwarenessBytes: number;
  /** Awareness clientIDs one connection may own (a browser tab uses one). */
  maxAwarenessClientsPerConnection: number;
  /** Token bucket per connection: sustained messages per second and the burst allowed. */
  rateMessagesPerSecond: number;
  rateBurstMessages: number;
  /** Token bucket per connection on bytes. */
  rateBytesPerSecond: number;
  rateBurstBytes: number;
  /**
   * Token bucket per person and room on sync requests (sync step 1). Answering one costs as much as
   * the document, while asking costs a few bytes; an honest client asks once per connection.
   */
  syncRepliesPerSecond: number;
  syncReplyBurst: number;
  /** A client whose unsent buffer passes this is cut off (it is not reading). */
  maxBufferedBytes: number;
  /** Time allowed from the upgrade request to an open, authorized socket. */
  preAuthTimeoutMs: number;
  /** Frames buffered per room while its document loads. */
  maxBufferedFramesWhileLoading: number;
  /** A room without connections is unloaded (compacted, dropped from memory) after this. */
  idleUnloadMs: number;
  /** Every open connection's access is re-checked this often (and at once on an access change). */
  accessRecheckMs: number;
  /** Compact the log into the snapshot past this many rows or bytes since the last snapshot. */
  compactAfterUpdates: number;
  compactAfterBytes: number;
  /** Updates a connection may have refused (see limits-updates.ts) before it is closed with 4400. */
  maxRefusedUpdates: number;
  /** Ping interval; a socket that did not answer the previous ping is terminated. */
  pingIntervalMs: number;
  /** Retry delay after a failed write of the update log. */
  saveRetryMs: number;
  /** Suggestion references are derived this long after the last edit of a document… */
  referencePassDelayMs: number;
  /** …and at the latest this long after the first edit not yet derived. */
  referencePassMaxWaitMs: number;
  /** Loaded documents' references are compared with the suggestions' states this often. */
  referenceRecheckMs: number;
};

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

export function collabConfigFromEnv(overrides: Partial<CollabConfig> = {}): CollabConfig {
  const maxMessageBytes = envInt("COLLAB_MAX_MESSAGE_BYTES", 2 * 1024 * 1024);
  return {
    maxMessageBytes,
    // A caret, a selection and a name take a few hundred bytes; every byte is re-broadcast to the room.
    maxAwarenessBytes: envInt("COLLAB_MAX_AWARENESS_BYTES", 4 * 1024),
    maxAwarenessClientsPerConnection: 4,
    rateMessagesPerSecond: envInt("COLLAB_RATE_MESSAGES_PER_SECOND", 200),
    rateBurstMessages: envInt("COLLAB_RATE_BURST_MESSAGES", 1000),
    rateBytesPerSecond: envInt("COLLAB_RATE_BYTES_PER_SECOND", 4 * 1024 * 1024),
    rateBurstBytes: envInt("COLLAB_RATE_BURST_BYTES", 4 * maxMessageBytes),
    syncRepliesPerSecond: envInt("COLLAB_SYNC_REPLIES_PER_SECOND", 1),
    syncReplyBurst: envInt("COLLAB_SYNC_REPLY_BURST", 30),
    maxBufferedBytes: envInt("COLLAB_MAX_BUFFERED_BYTES", Math.max(16 * 1024 * 1024, 4 * maxMessageBytes)),
    preAuthTimeoutMs: envInt("COLLAB_PRE_AUTH_TIMEOUT_MS", 10_000),
    maxBufferedFramesWhileLoading: 1000,
    idleUnloadMs: envInt("COLLAB_IDLE_UNLOAD_MS", 10_000),
    accessRecheckMs: envInt("COLLAB_ACCESS_RECHECK_MS", 4_000),
    compactAfterUpdates: envInt("COLLAB_COMPACT_AFTER_UPDATES", 1_000),
    compactAfterBytes: envInt("COLLAB_COMPACT_AFTER_BYTES", 4 * 1024 * 1024),
    ...defaultUpdateLimits,
    maxUpdateStructs: envInt("COLLAB_MAX_UPDATE_STRUCTS", defaultUpdateLimits.maxUpdateStructs),
    maxRefusedUpdates: envInt("COLLAB_MAX_REFUSED_UPDATES", 32),
    pingIntervalMs: envInt("COLLAB_PING_INTERVAL_MS", 30_000),
    saveRetryMs: 500,
    referencePassDelayMs: envInt("COLLAB_REFERENCE_PASS_DELAY_MS", 2_000),
    referencePassMaxWaitMs: envInt("COLLAB_REFERENCE_PASS_MAX_WAIT_MS", 10_000),
    referenceRecheckMs: envInt("COLLAB_REFERENCE_RECHECK_MS", 30_000),
    ...overrides,
  };
}
