import type { AmiResponse } from '@callboard/ami';

/** Base of the client's errors; `server` names the connection. */
export class AmiClientError extends Error {
  override readonly name: string = 'AmiClientError';
  constructor(
    message: string,
    readonly server: string,
  ) {
    super(message);
  }
}

/** An action got no (complete) answer in time. */
export class AmiTimeoutError extends AmiClientError {
  override readonly name = 'AmiTimeoutError';
  constructor(
    server: string,
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`${server}: ${action} got no answer in ${timeoutMs} ms`, server);
  }
}

/** The connection is down, or went down before the answer came. */
export class AmiDisconnectedError extends AmiClientError {
  override readonly name = 'AmiDisconnectedError';
}

/** Asterisk answered `Response: Error`. */
export class AmiResponseError extends AmiClientError {
  override readonly name = 'AmiResponseError';
  constructor(
    server: string,
    readonly action: string,
    readonly response: AmiResponse,
  ) {
    super(`${server}: ${action} failed: ${response.Message ?? 'no message'}`, server);
  }
}

/** Asterisk refused the login. */
export class AmiAuthError extends AmiClientError {
  override readonly name = 'AmiAuthError';
}

/** Too many actions wait for an answer; the caller should slow down. */
export class AmiBusyError extends AmiClientError {
  override readonly name = 'AmiBusyError';
}
