/**
 * How the hardening specs talk to the running server the way a browser would, without a browser:
 * sign in through the Auth.js credentials endpoint, call server actions over HTTP (POST with the
 * `Next-Action` header, arguments encoded as React encodes them), open the collaboration socket
 * with a session cookie, and fingerprint the SQLite file (read-only) to prove a refusal changed nothing.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import WebSocket from "ws";

export const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
export const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? ".e2e-data");
export const databaseFile = path.join(dataDir, "jianyan.db");
export const DEMO_PASSWORD = "jianyan-demo";

// ------------------------------------------------------------------ sessions
/** A request context signed in as `username` through the real credentials endpoint. */
export async function signedInContext(username: string, options: { baseURL?: string; headers?: Record<string, string> } = {}): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: options.baseURL ?? baseURL, extraHTTPHeaders: options.headers });
  const response = await signInWith(context, username, DEMO_PASSWORD);
  if (!(await hasSessionCookie(context))) throw new Error(`sign-in as ${username} failed: ${response.status()} ${response.headers().location ?? ""}`);
  return context;
}

/** Posts the credentials form (with Auth.js's CSRF token); does not follow the redirect. */
export async function signInWith(context: APIRequestContext, username: string, password: string): Promise<APIResponse> {
  const csrf = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return context.post("/api/auth/callback/credentials", {
    form: { username, password, csrfToken: csrf.csrfToken, callbackUrl: "/reports" },
    maxRedirects: 0,
  });
}

export async function hasSessionCookie(context: APIRequestContext): Promise<boolean> {
  const { cookies } = await context.storageState();
  return cookies.some((c) => /(^|-)authjs\.session-token(\.\d+)?$/.test(c.name) && c.value !== "");
}

export async function cookieHeaderOf(context: APIRequestContext): Promise<string> {
  const { cookies } = await context.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

// ------------------------------------------------------------------ pages and route handlers
/** What a page answered: its status, or where it sent the visitor. */
export async function pageOutcome(context: APIRequestContext, url: string): Promise<{ outcome: string; body: string }> {
  const response = await context.get(url, { maxRedirects: 0 });
  const status = response.status();
  if (status >= 300 && status < 400) {
    const location = new URL(response.headers().location ?? "", baseURL).pathname;
    return { outcome: location === "/login" ? "login" : `redirect:${location}`, body: "" };
  }
  return { outcome: String(status), body: status === 200 ? await response.text() : "" };
}

// ------------------------------------------------------------------ server actions
type ManifestEntry = { exportedName?: string; filename?: string };

let actionIds: Map<string, string> | null = null;
/** `file#export` → action id, from the build's server reference manifest. */
export function actionId(file: string, exportName: string): string {
  if (!actionIds) {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
      node: Record<string, ManifestEntry>;
    };
    actionIds = new Map();
    for (const [id, entry] of Object.entries(manifest.node)) actionIds.set(`${entry.filename}#${entry.exportedName}`, id);
  }
  const id = actionIds.get(`${file}#${exportName}`);
  if (!id) throw new Error(`no server action ${exportName} in ${file} (run next build)`);
  return id;
}

/** The action's id, or null when the build registered none (exported, but used by no page). */
export function builtActionId(file: string, exportName: string): string | null {
  try {
    return actionId(file, exportName);
  } catch {
    return null;
  }
}

/** A FormData argument; a value `{ name, mimeType, buffer }` is a file. */
export type FormArg = { form: Record<string, string | string[] | { name: string; mimeType: string; buffer: Buffer }> };
export type ActionArg = FormArg | null | string | number | boolean | Record<string, unknown> | unknown[];

function isForm(arg: ActionArg): arg is FormArg {
  return typeof arg === "object" && arg !== null && !Array.isArray(arg) && "form" in arg && Object.keys(arg).length === 1;
}

/**
 * Calls a server action as the browser's router does. Plain arguments travel as a JSON array
 * (text/plain); a FormData argument makes it multipart, its fields prefixed `_<n>_` and the root
 * array last (React's reply encoding).
 */
export async function callAction(
  context: APIRequestContext,
  pagePath: string,
  id: string,
  args: ActionArg[],
  headers: Record<string, string> = {},
): Promise<{ outcome: string; body: string; status: number }> {
  const allHeaders = { "Next-Action": id, Accept: "text/x-component", ...headers };
  let response: APIResponse;
  if (args.some(isForm)) {
    // A FormData keeps the order: the root ("0", an array-index key) must come after the fields.
    const multipart = new FormData();
    let part = 0;
    const root = args.map((arg) => {
      if (!isForm(arg)) return arg;
      part += 1;
      for (const [key, value] of Object.entries(arg.form)) {
        const name = `_${part}_${key}`;
        if (typeof value === "string") multipart.append(name, value);
        else if (Array.isArray(value)) for (const v of value) multipart.append(name, v);
        else multipart.append(name, new File([new Uint8Array(value.buffer)], value.name, { type: value.mimeType }));
      }
      return `$K${part.toString(16)}`;
    });
    multipart.append("0", JSON.stringify(root));
    response = await context.post(pagePath, { headers: allHeaders, multipart, maxRedirects: 0 });
  } else {
    response = await context.post(pagePath, {
      headers: { ...allHeaders, "Content-Type": "text/plain;charset=UTF-8" },
      data: JSON.stringify(args),
      maxRedirects: 0,
    });
  }
  const body = await response.text();
  return { outcome: actionOutcome(response, body), body, status: response.status() };
}

/** ok / an error code of the app's ActionResult / threw / login / redirect:<path>. */
export function actionOutcome(response: APIResponse, body: string): string {
  const redirect = response.headers()["x-action-redirect"];
  if (redirect) {
    const target = redirect.split(";")[0];
    return new URL(target, baseURL).pathname === "/login" ? "login" : `redirect:${target}`;
  }
  const line = body.split("\n").find((l) => l.startsWith("1:"));
  if (!line) return response.status() >= 500 ? "threw" : response.ok() ? "ok" : `http ${response.status()}`;
  if (line.startsWith("1:E")) return "threw";
  try {
    const value = JSON.parse(line.slice(2)) as unknown;
    if (value && typeof value === "object" && "ok" in value && (value as { ok: unknown }).ok === false) return String((value as { code?: unknown }).code);
    return "ok";
  } catch {
    return "ok";
  }
}

// ------------------------------------------------------------------ the database, read-only
let sqlite: Database.Database | null = null;
export function db(): Database.Database {
  sqlite ??= new Database(databaseFile, { readonly: true, fileMustExist: true });
  return sqlite;
}
export function closeDb(): void {
  sqlite?.close();
  sqlite = null;
}

/**
 * Every row a refused request could have written. Left out: the document's update log (the room
 * compacts it on its own schedule) and automatic versions (written after edits by a timer);
 * named and restore versions are in.
 */
const fingerprinted: Record<string, string> = {
  users: "select * from users order by id",
  units: "select * from units order by id",
  reports: "select * from reports order by id",
  report_members: "select * from report_members order by report_id, user_id",
  findings: "select * from findings order by id",
  suggestions: "select * from suggestions order by id",
  suggestion_findings: "select * from suggestion_findings order by suggestion_id, finding_id",
  suggestion_events: "select * from suggestion_events order by id",
  comments: "select * from comments order by id",
  notifications: "select * from notifications order by id",
  documents: "select * from documents order by id",
  section_signoffs: "select * from section_signoffs order by id",
  document_versions: "select id, document_id, kind, name, created_by, restored_from_id from document_versions where kind <> 'auto' order by id",
  audit_log: "select * from audit_log order by id",
};

export function fingerprint(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [table, sql] of Object.entries(fingerprinted)) {
    const rows = db().prepare(sql).all();
    out[table] = createHash("sha256").update(JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).digest("hex");
  }
  return out;
}

/** Tables whose content differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((t) => before[t] !== after[t]);
}

// ------------------------------------------------------------------ the collaboration socket
export type SocketProbe = { status: number; ws: WebSocket | null; frames: Uint8Array[]; closed: Promise<number> };

/** Opens /collab/<documentId>; `status` is 101 when accepted, else the HTTP status of the refusal. */
export function openSocket(documentId: number | string, headers: Record<string, string>, origin = baseURL): Promise<SocketProbe> {
  return new Promise((resolve) => {
    const url = `ws://localhost:${port}/collab/${documentId}`;
    const ws = new WebSocket(url, { headers: { ...headers, ...(origin ? { Origin: origin } : {}) } });
    const frames: Uint8Array[] = [];
    let resolveClosed: (code: number) => void = () => {};
    const closed = new Promise<number>((r) => (resolveClosed = r));
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer) => frames.push(new Uint8Array(data)));
    ws.on("close", (code) => resolveClosed(code));
    ws.on("open", () => resolve({ status: 101, ws, frames, closed }));
    ws.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? -1, ws: null, frames, closed });
      ws.terminate();
    });
    ws.on("error", () => resolve({ status: -1, ws: null, frames, closed }));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}

// ------------------------------------------------------------------ requests from another client address
/**
 * The server takes the client address from the socket, and a connection to 127.0.0.x still leaves
 * from 127.0.0.1; binding the local end is the only way to be another client on this machine.
 */
export function rawRequest(options: {
  localAddress: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, localAddress: options.localAddress, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** Signs in through the credentials endpoint from `localAddress`; returns the cookies it set and where it sent the client. */
export async function signInFrom(localAddress: string, username: string, password: string): Promise<{ location: string; cookies: string[] }> {
  const csrf = await rawRequest({ localAddress, method: "GET", path: "/api/auth/csrf" });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const token = (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken;
  const response = await rawRequest({
    localAddress,
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ username, password, csrfToken: token, callbackUrl: "/reports" }).toString(),
  });
  return { location: String(response.headers.location ?? ""), cookies: response.headers["set-cookie"] ?? [] };
}
