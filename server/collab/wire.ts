/**
 * What the editor and the collaboration server agree on, in one pure module (no `ws`, no Node
 * APIs, no imports): the browser's editor and the server both import it.
 *
 *  - the fragment of the Y.Doc that holds the report text;
 *  - the WebSocket close codes the server ends a connection with, and what each tells the client;
 *  - the auth channel (y-websocket message type 2) and the reasons the server sends in it;
 *  - the caret colour of a person (the server stamps it; the page computes the same one).
 */

/** The Y.XmlFragment that holds the report text (Tiptap's Collaboration `field`). */
export const DOCUMENT_FRAGMENT = "default";

export const closeCodes = {
  /** Server going down for a restart: clients reconnect. */
  restart: 1012,
  internal: 1011,
  /** Over a limit that passes (rate, sync allowance, room unavailable): reconnecting later is fine. */
  tryAgainLater: 1013,
  unsupportedData: 1003,
  /** Access went up: reconnect (reload) to get the new rights. */
  accessChanged: 4000,
  /** A malformed or forbidden message: terminal for the client. */
  malformed: 4400,
  /** The session ended (signed out, password changed): sign in again. */
  unauthenticated: 4401,
  /** Access revoked. */
  forbidden: 4403,
  notFound: 4404,
  /** A message over the size limit (e.g. a huge paste). */
  tooLarge: 4413,
} as const;

export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];

/** The y-websocket message type of the auth channel (the server's permission-denied notices). */
export const messageAuth = 2;

/** Reasons sent in the auth channel: the connection may not edit; one update was not taken. */
export const readOnlyReason = "read-only";
export const updateRefusedReason = "update refused";

const palette = [
  "#c2410c", "#1971c2", "#2f9e44", "#9c36b5", "#e8590c", "#0b7285", "#c2255c", "#5f3dc4",
  "#66a80f", "#1864ab", "#a61e4d", "#087f5b", "#862e9c", "#364fc7", "#d6336c", "#5c940d",
];

/** Always `#rrggbb`: y-prosemirror writes a caret colour into a style attribute. */
export const presenceColourPattern = /^#[0-9a-fA-F]{6}$/;

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminanceOf(hex: string): number {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const lightText = "#ffffff";
const darkText = "#0f172a";

/** The WCAG contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const la = luminanceOf(a);
  const lb = luminanceOf(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The text colour of a caret's name label on its presence colour: white or near-black,
 * whichever contrasts more, so that every name stays readable (WCAG 1.4.3) on any palette entry.
 */
export function labelTextColourOn(background: string): string {
  return contrastRatio(lightText, background) >= contrastRatio(darkText, background) ? lightText : darkText;
}

/** Every colour a caret may take, for tests. */
export const presencePalette: readonly string[] = palette;

/** A stable, readable caret colour for a user. */
export function presenceColourOf(userId: number): string {
  const index = Math.abs(Math.imul(userId | 0, 2654435761) >>> 0) % palette.length;
  return palette[index];
}
