/**
 * Request ids and the access log of the HTTP server (server/main.ts).
 *
 * Every request gets an id: the reverse proxy's `X-Request-Id` when it looks sane, a new UUID
 * otherwise. The id is returned in the `X-Request-Id` response header and put on the request's
 * own headers, where server actions and route handlers read it (`requestIdOf`). When the response
 * is done (or the client went away) one access line is logged.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Logger } from "./logger";

export const REQUEST_ID_HEADER = "x-request-id";

const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,127}$/;

/** The incoming id when it is one short token of safe characters, a new one otherwise. */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** The id server/main.ts put on a request (for code that sees the request's headers). */
export function requestIdOf(headers: { get(name: string): string | null } | null | undefined): string | undefined {
  return headers?.get(REQUEST_ID_HEADER) ?? undefined;
}

const SECRET_PARAM = /token|secret|password|passwd|code|key|signature|session|csrf|auth/i;

/** The request target as logged: the path, and query parameters whose names suggest a secret blanked. */
export function loggablePath(url: string | undefined): string {
  const target = url ?? "/";
  const q = target.indexOf("?");
  if (q < 0) return target;
  const params = new URLSearchParams(target.slice(q + 1));
  const shown = [...params.keys()].length
    ? [...params.entries()].map(([k, v]) => `${encodeURIComponent(k)}=${SECRET_PARAM.test(k) ? "[Redacted]" : encodeURIComponent(v)}`).join("&")
    : "";
  return shown ? `${target.slice(0, q)}?${shown}` : target.slice(0, q);
}

/**
 * Wraps the server's request handler: assigns the request id, answers it in the response header,
 * logs one access line per request, and logs (and answers 500 for) a handler that throws.
 */
export function withRequestLog(
  log: Logger,
  handle: (req: http.IncomingMessage, res: http.ServerResponse, requestId: string) => Promise<unknown>,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader("X-Request-Id", requestId);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
      const line = { requestId, method: req.method, path: loggablePath(req.url), status: res.statusCode, durationMs };
      if (!res.writableFinished) log.info({ ...line, aborted: true }, "request aborted");
      else if (res.statusCode >= 500) log.error(line, "request");
      else log.info(line, "request");
    };
    res.once("finish", done);
    res.once("close", done);
    let result: Promise<unknown>;
    try {
      result = handle(req, res, requestId);
    } catch (error) {
      result = Promise.reject(error);
    }
    result.catch((error: unknown) => {
      log.error({ requestId, err: error }, "request failed");
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}
