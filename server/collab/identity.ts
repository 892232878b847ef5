/**
 * Who a connection is, as everyone else in the room sees it. The server stamps this onto the
 * connection's presence state; nothing a client sends can change the id, name or unit.
 * Pure (no imports), so the editor page can compute the same colour the server stamps.
 */
export type PresenceUser = {
  id: number;
  name: string;
  unit: string | null;
  /** Always `#rrggbb`: y-prosemirror writes it into a style attribute. */
  color: string;
};

const palette = [
  "#d9480f", "#1971c2", "#2f9e44", "#9c36b5", "#e8590c", "#0c8599", "#c2255c", "#5f3dc4",
  "#66a80f", "#1864ab", "#a61e4d", "#087f5b", "#862e9c", "#364fc7", "#d6336c", "#5c940d",
];

export const presenceColourPattern = /^#[0-9a-fA-F]{6}$/;

/** A stable, readable caret colour for a user. */
export function presenceColourOf(userId: number): string {
  const index = Math.abs(Math.imul(userId | 0, 2654435761) >>> 0) % palette.length;
  return palette[index];
}
