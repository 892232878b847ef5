/**
 * Who a connection is, as everyone else in the room sees it. The server stamps this onto the
 * connection's presence state; nothing a client sends can change the id, name or unit. The colour
 * rule is in wire.ts (the editor page computes the same colour the server stamps).
 */
export type PresenceUser = {
  id: number;
  name: string;
  unit: string | null;
  /** Always `#rrggbb` (see `presenceColourPattern` in wire.ts). */
  color: string;
};
