/**
 * Typed error codes. Every layer throws `DomainError`; the mapping to HTTP status,
 * server-action results and WebSocket close codes lives here and nowhere else.
 */
export const errorCodes = {
  UNAUTHENTICATED: { http: 401, ws: 4401 },
  FORBIDDEN: { http: 403, ws: 4403 },
  NOT_FOUND: { http: 404, ws: 4404 },
  VALIDATION: { http: 422, ws: 4400 },
  CONFLICT: { http: 409, ws: 4409 },
  INVALID_TRANSITION: { http: 409, ws: 4409 },
  RATE_LIMITED: { http: 429, ws: 4429 },
  PAYLOAD_TOO_LARGE: { http: 413, ws: 4413 },
  ACCOUNT_DISABLED: { http: 403, ws: 4403 },
  UNAVAILABLE: { http: 503, ws: 1013 },
  INTERNAL: { http: 500, ws: 1011 },
} as const satisfies Record<string, { http: number; ws: number }>;

export type ErrorCode = keyof typeof errorCodes;

export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** A rule id such as `L3` when a named rule refused the request. */
  readonly rule?: string;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message?: string, options: { rule?: string; fieldErrors?: FieldErrors } = {}) {
    super(message ?? code);
    this.name = "DomainError";
    this.code = code;
    this.rule = options.rule;
    this.fieldErrors = options.fieldErrors;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof Error && error.name === "DomainError" && "code" in error;
}

export function httpStatusOf(code: ErrorCode): number {
  return errorCodes[code].http;
}

export function wsCloseCodeOf(code: ErrorCode): number {
  return errorCodes[code].ws;
}

/** What a server action returns: data, or an error a form can show next to its fields. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; rule?: string; fieldErrors?: FieldErrors };
