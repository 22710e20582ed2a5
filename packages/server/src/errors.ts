// The one error type of the API. Each code has its HTTP status here and
// nowhere else; the body is `{ error: { code, message, field? } }`, and
// `ApiError.fromBody` turns it back into the same error in a client.

export const ERROR_STATUS = {
  /** A request the API does not accept: a bad field (named), bad JSON. */
  invalid: 400,
  /** No session, or it ended. */
  unauthenticated: 401,
  /** Signed in, but the role or scope does not reach this. */
  forbidden: 403,
  /** A state-changing request without its session's CSRF token, or from another origin. */
  csrf: 403,
  not_found: 404,
  /** Taken (a login), or it would leave no admin. */
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  /** Asterisk did not answer an action, or answered nonsense: its result is unknown. */
  bad_gateway: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

// Object.keys of the table just above: exactly its codes.
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly field?: string };
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The request field at fault, as `body.login` or `querystring.since`. */
    readonly field?: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
      },
    };
  }

  /** The error a response body carries, or undefined when it carries none. */
  static fromBody(body: unknown): ApiError | undefined {
    if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
    const e: unknown = body.error;
    if (typeof e !== 'object' || e === null) return undefined;
    const { code, message, field } = e as Record<string, unknown>;
    if (typeof code !== 'string' || !(code in ERROR_STATUS) || typeof message !== 'string')
      return undefined;
    // Checked just above: code is one of ERROR_STATUS's keys.
    return new ApiError(code as ErrorCode, message, typeof field === 'string' ? field : undefined);
  }
}
