// The API as the page calls it: same origin, the session cookie sent by the
// browser, the CSRF token (from login or /api/me) on every state-changing
// request. An error answer becomes an ApiFailure with the server's reason.

import type { Meta } from '../report/protocol.ts';
import type { CallRecord, ErrorBody, Me, PauseReason } from './types.ts';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: Response): Promise<ApiFailure> {
  let body: Partial<ErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    // Not JSON: the status says enough.
  }
  return new ApiFailure(
    res.status,
    body.error?.code ?? 'http',
    body.error?.message ?? res.statusText,
  );
}

/** The target of an action: an operator of the directory, in a queue. */
export interface MemberRequest {
  readonly operatorId: number;
  readonly queue: string;
}

export interface PauseRequest {
  readonly operatorId: number;
  /** Left out (an admin): every queue the operator is in. */
  readonly queue?: string;
  readonly paused: boolean;
  /** A code of the directory's pause reasons (pausing only). */
  readonly reason?: string;
}

/** What Asterisk answered, per interface. */
export interface ActionAnswer {
  readonly operatorId: number;
  readonly results: readonly { server: string; interface: string; message: string }[];
}

export interface CallsQuery {
  readonly since: Date;
  readonly until: Date;
  readonly queue?: string;
}

export class Api {
  private csrf: string | undefined;

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf !== undefined) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }

  /** Who is signed in; null when nobody is. */
  async me(): Promise<Me | null> {
    try {
      const me = await this.request<Me>('GET', '/api/me');
      this.csrf = me.csrfToken;
      return me;
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) return null;
      throw error;
    }
  }

  async login(login: string, password: string): Promise<Me> {
    const answer = await this.request<{ csrfToken: string }>('POST', '/api/login', {
      login,
      password,
    });
    this.csrf = answer.csrfToken;
    const me = await this.me();
    if (!me) throw new ApiFailure(401, 'unauthenticated', 'the session did not start');
    return me;
  }

  async logout(): Promise<void> {
    await this.request('POST', '/api/logout', {});
    this.csrf = undefined;
  }

  /** Stations and queues the reports may show, with zones and thresholds. */
  reportMeta(): Promise<Meta> {
    return this.request<Meta>('GET', '/api/report/meta');
  }

  /** The directory's pause reasons (admins and supervisors). */
  async pauseReasons(): Promise<readonly PauseReason[]> {
    const answer = await this.request<{ pauseReasons: PauseReason[] }>(
      'GET',
      '/api/directory/pause-reasons',
    );
    return answer.pauseReasons;
  }

  /** Pause or unpause an operator: in one queue, or (an admin) in all of theirs. */
  pause(body: PauseRequest): Promise<ActionAnswer> {
    return this.request<ActionAnswer>('POST', '/api/actions/pause', body);
  }

  /** Add an operator to a queue, or remove them from one. */
  membership(change: 'add' | 'remove', body: MemberRequest): Promise<ActionAnswer> {
    return this.request<ActionAnswer>('POST', `/api/actions/queue-${change}`, body);
  }

  /** One call, cut to the user's view. */
  async call(id: string): Promise<CallRecord> {
    const answer = await this.request<{ call: CallRecord }>(
      'GET',
      `/api/calls/${encodeURIComponent(id)}`,
    );
    return answer.call;
  }

  /** Every call in the period the user may see, page after page. */
  async calls(query: CallsQuery, signal?: AbortSignal): Promise<CallRecord[]> {
    const all: CallRecord[] = [];
    let since = query.since;
    for (;;) {
      signal?.throwIfAborted();
      const params = new URLSearchParams({
        since: since.toISOString(),
        until: query.until.toISOString(),
        limit: '1000',
      });
      if (query.queue !== undefined) params.set('queue', query.queue);
      const page = await this.request<{ calls: CallRecord[]; more: boolean }>(
        'GET',
        `/api/calls?${params.toString()}`,
      );
      // `since` is inclusive: the calls that started at the last one's start come again.
      const seen = new Set(all.map((c) => c.id));
      const before = all.length;
      for (const c of page.calls) if (!seen.has(c.id)) all.push(c);
      const last = page.calls.at(-1);
      if (!page.more || !last || all.length === before) return all;
      since = new Date(last.startedAt);
    }
  }
}
