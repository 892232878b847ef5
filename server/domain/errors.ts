/**
 * Typed error codes. Every layer throws `DomainError`; the mapping to HTTP status and
 * server-action results lives here and nowhere else. (WebSocket close codes are part of the
 * collaboration wire, server/collab/wire.ts.)
 */
export const errorCodes = {
  UNAUTHENTICATED: { http: 401 },
  FORBIDDEN: { http: 403 },
  NOT_FOUND: { http: 404 },
  VALIDATION: { http: 422 },
  CONFLICT: { http: 409 },
  INVALID_TRANSITION: { http: 409 },
  RATE_LIMITED: { http: 429 },
  PAYLOAD_TOO_LARGE: { http: 413 },
  ACCOUNT_DISABLED: { http: 403 },
  UNAVAILABLE: { http: 503 },
  INTERNAL: { http: 500 },
} as const satisfies Record<string, { http: number }>;

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

/** What an HTTP answer to a refused request says: its status, and the body a client reads. */
export type HttpError = {
  status: number;
  body: { code: ErrorCode; message: string; rule?: string; fieldErrors?: FieldErrors };
};

/** The one mapping of a DomainError to an HTTP answer, for every route handler. */
export function httpErrorOf(error: DomainError): HttpError {
  return {
    status: httpStatusOf(error.code),
    body: {
      code: error.code,
      message: error.message,
      ...(error.rule ? { rule: error.rule } : {}),
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    },
  };
}

/** What a server action returns: data, or an error a form can show next to its fields. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; rule?: string; fieldErrors?: FieldErrors };
