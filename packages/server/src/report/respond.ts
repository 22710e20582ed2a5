// How report data is answered: a strong ETag made of everything the bytes
// depend on (so a match costs one small query, not a build), 304 when the
// client has it, and caching by whether the stretch is closed:
//
//   closed   Cache-Control: private, max-age=31536000, immutable
//   open     Cache-Control: private, no-cache (revalidated: 304 while unchanged)
//
// Vary: Cookie — the bytes are the signed-in user's view. Compression (br,
// gzip) is negotiated by @fastify/compress on the routes that ask for it.

import { createHash } from 'node:crypto';
import type { OperatorRef } from '@callboard/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pLimit from 'p-limit';
import type { Scope } from '../scope.js';
import type { Encoded, ReportCache } from './cache.js';

/** Bumped when the encoding of report data changes: old ETags stop matching. */
export const REPORT_FORMAT = 1;

/**
 * A stretch is closed once it ended this long ago: a call is stored when it
 * ends, and is counted in the day it started, so a day takes in calls for a
 * while after its midnight.
 */
export const CLOSE_AFTER_MS = 6 * 3600_000;

/** The same for every user who sees the same rows: the scope's key and the operators not monitored. */
export function viewKey(scope: Scope, operators: readonly OperatorRef[]): string {
  const hidden = operators
    .filter((o) => !o.monitored)
    .map((o) => `${o.station}/${o.key}`)
    .sort();
  return JSON.stringify([scope.key, hidden]);
}

export function etagOf(parts: readonly (string | number)[]): string {
  const hash = createHash('sha256').update(JSON.stringify([REPORT_FORMAT, ...parts]));
  return `"${hash.digest('base64url').slice(0, 32)}"`;
}

/** Whether If-None-Match names this ETag (or is `*`). */
export function matches(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (header === undefined) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

export interface Answer {
  readonly etag: string;
  readonly closed: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /** Closed stretches are cached under this key. */
  readonly cacheKey: string;
  /**
   * The bytes. Run as one of the builds at once (below), unless `inTurns`:
   * then the build takes its turns itself, a part at a time (`inTurn`).
   */
  build(): Promise<Encoded>;
  readonly inTurns?: boolean;
}

/**
 * Report data built at once, at most. A browser asks for a month's days
 * together, and a day's build holds up to two of the store's four pooled
 * connections for a second or more: unbounded, thirty builds queue for a
 * connection past its timeout and fail. Waiting here, they are built in
 * turn, and other requests still find a connection free.
 */
export const CONCURRENT_BUILDS = 2;
const builds = pLimit(CONCURRENT_BUILDS);

/**
 * A part of a build (a day of a block of days) run as one of the builds at
 * once: a block's days are built two at a time, beside other requests,
 * rather than one after another in a single turn.
 */
export function inTurn<T>(part: () => Promise<T>): Promise<T> {
  return builds(part);
}

export async function answer(
  req: FastifyRequest,
  reply: FastifyReply,
  cache: ReportCache,
  a: Answer,
): Promise<FastifyReply> {
  void reply.header('etag', a.etag);
  void reply.header('vary', 'Cookie');
  void reply.header(
    'cache-control',
    a.closed ? 'private, max-age=31536000, immutable' : 'private, no-cache',
  );
  for (const [k, v] of Object.entries(a.headers)) void reply.header(k, v);
  if (matches(req, a.etag)) return reply.code(304).send();
  let encoded = a.closed ? cache.get(a.cacheKey) : undefined;
  if (!encoded) {
    encoded = a.inTurns === true ? await a.build() : await builds(() => a.build());
    if (a.closed) cache.set(a.cacheKey, encoded);
  }
  const { body } = encoded;
  return reply.type(encoded.type).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

/** The route option that compresses report data (Arrow, JSON, CSV; XLSX is a zip already). */
export const COMPRESS = {
  customTypes: /^(?:application\/vnd\.apache\.arrow\.stream|application\/json|text\/csv)(?:;|$)/,
};
