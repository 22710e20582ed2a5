// Every error a request can meet becomes an ApiError here, in one place:
// schema validation (naming the field), bad JSON, a body too large or of
// the wrong type, a rate limit, an unknown route. Anything else is a 500
// whose details go to the log, never to the client.

import type { Log } from '@callboard/ingest';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type ErrorCode } from './errors.js';

const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function toApiError(error: FastifyError | ApiError | Error): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (!('code' in error)) return undefined;
  const first = error.validation?.[0];
  if (first) {
    const missing = first.params.missingProperty;
    const extra = first.params.additionalProperty;
    const path = [
      error.validationContext ?? 'request',
      ...first.instancePath.split('/').filter((p) => p !== ''),
      ...(typeof missing === 'string' ? [missing] : []),
      ...(typeof extra === 'string' ? [extra] : []),
    ].join('.');
    const message =
      typeof missing === 'string'
        ? 'required'
        : typeof extra === 'string'
          ? 'not a field of this request'
          : (first.message ?? 'invalid');
    return new ApiError('invalid', `${path}: ${message}`, path);
  }
  const code = error.statusCode === undefined ? undefined : BY_STATUS[error.statusCode];
  return code === undefined ? undefined : new ApiError(code, error.message);
}

export function errorHandler(log: Log) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void => {
    const api = toApiError(error);
    if (api) {
      void reply.status(api.status).send(api.toBody());
      return;
    }
    log.error(
      { err: error, method: request.method, route: request.routeOptions.url },
      'request failed',
    );
    const internal = new ApiError('internal', 'internal error (logged on the server)');
    void reply.status(internal.status).send(internal.toBody());
  };
}

export function notFound(_request: FastifyRequest, reply: FastifyReply): void {
  const e = new ApiError('not_found', 'no such route');
  void reply.status(e.status).send(e.toBody());
}
