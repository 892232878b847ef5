/**
 * The rooms of the loaded documents: one per document, made on the first connection, loaded in
 * the next turn (frames wait in the room meanwhile), unloaded (saved, compacted, dropped) after
 * a while without connections. Observers attached here are attached to every room.
 */
import type { CollabConfig } from "./config";
import type { DocumentJournal } from "./journal";
import { Room } from "./room";
import type { ObservedRoom, RoomObserver } from "./room-observer";
import type { Session } from "./session";

export class RoomRegistry {
  private readonly rooms = new Map<number, Room>();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();
  /** Shared with every room (the same array): an observer added later sees what loads after it. */
  private readonly observers: RoomObserver[] = [];

  constructor(
    private readonly journal: DocumentJournal,
    private readonly config: CollabConfig,
    private readonly log: (message: string) => void,
  ) {}

  /** The rooms in memory (read only). */
  get loaded(): ReadonlyMap<number, Room> {
    return this.rooms;
  }

  /**
   * Attaches an observer to every room; rooms already loaded are announced to it at once.
   * Returns the detach function.
   */
  observe(observer: RoomObserver): () => void {
    this.observers.push(observer);
    for (const room of this.rooms.values()) {
      if (room.state.kind === "ready") observer.loaded?.({ documentId: room.documentId, doc: room.state.doc });
    }
    return () => {
      const at = this.observers.indexOf(observer);
      if (at >= 0) this.observers.splice(at, 1);
    };
  }

  /** The loaded document of a room, to read; null when it is not in memory. */
  liveRoom(documentId: number): (ObservedRoom & { room: Room }) | null {
    const room = this.rooms.get(documentId);
    if (!room || room.state.kind !== "ready") return null;
    return { documentId, doc: room.state.doc, room };
  }

  /** Puts a session into its document's room (made and loaded when there is none). */
  join(session: Session): Room {
    let room = this.rooms.get(session.documentId);
    if (!room || room.state.kind === "failed" || room.state.kind === "unloaded") {
      const created = new Room(session.documentId, this.journal, this.config, this.log, this.observers);
      room = created;
      this.rooms.set(created.documentId, created);
      setImmediate(() => {
        created.load();
        if (created.state.kind === "failed" && this.rooms.get(created.documentId) === created) this.rooms.delete(created.documentId);
      });
    }
    this.cancelUnload(room);
    room.join(session);
    return room;
  }

  /** Takes a session out of its room; an empty room is unloaded after `idleUnloadMs`. */
  leave(session: Session, room: Room): void {
    room.leave(session);
    if (room.sessions.size === 0) this.scheduleUnload(room);
  }

  private cancelUnload(room: Room): void {
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
  }

  private scheduleUnload(room: Room): void {
    this.cancelUnload(room);
    const timer = setTimeout(() => {
      this.idleTimers.delete(room);
      if (room.sessions.size === 0) this.unload(room);
    }, this.config.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  /** Saves, compacts and drops a room. False (the room stays) when the log could not be written. */
  unload(room: Room): boolean {
    if (room.pendingUpdates.length > 0 && !this.journal.flush()) {
      this.scheduleUnload(room);
      return false;
    }
    this.cancelUnload(room);
    if (room.isReady) this.journal.compact(room);
    room.unload();
    if (this.rooms.get(room.documentId) === room) this.rooms.delete(room.documentId);
    return true;
  }

  /** Every room, for shutdown and liveness. */
  all(): Room[] {
    return [...this.rooms.values()];
  }
}
