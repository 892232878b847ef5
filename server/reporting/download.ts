/** HTTP answers for exported files: RFC 5987 file names (Chinese kept), no caching. */

import { formatDate, formatFileDate } from "../i18n/time";

export const CONTENT_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  md: "text/markdown; charset=utf-8",
} as const;

export type FileKind = keyof typeof CONTENT_TYPES;

/** A file name without characters Windows or macOS refuse, at most 80 characters before the extension. */
export function safeFileName(base: string): string {
  const cleaned = base.replace(/[\u0000-\u001f\\/:*?"<>|]+/g, " ").replace(/\s+/g, " ").trim();
  return [...cleaned].slice(0, 80).join("") || "export";
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>` (RFC 6266 / 5987):
 * browsers use the UTF-8 name, older clients the ASCII one.
 */
export function contentDisposition(name: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

export function fileResponse(body: Uint8Array | string, kind: FileKind, name: string, asciiBase: string): Response {
  const stamp = formatDate(new Date()); // the users' day (TZ), not UTC's
  const data = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
  return new Response(data, {
    headers: {
      "content-type": CONTENT_TYPES[kind],
      "content-disposition": contentDisposition(`${safeFileName(name)}.${kind}`, `${asciiBase}-${stamp}.${kind}`),
      "cache-control": "no-store",
    },
  });
}

/** YYYYMMDD in the deployment's zone, for file names. */
export function dayStamp(date = new Date()): string {
  return formatFileDate(date);
}
