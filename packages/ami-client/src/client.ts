import { EventEmitter } from 'node:events';
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import {
  AmiParser,
  encodeAction,
  toEvent,
  toResponse,
  type AmiAction,
  type AmiMessage,
  type AmiResponse,
  type CustomAction,
  type ListCompleteOf,
  type ListItemOf,
  type ParseError,
  type ParserOptions,
  type ResponseOf,
} from '@callboard/ami';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import {
  AmiAuthError,
  AmiBusyError,
  AmiClientError,
  AmiDisconnectedError,
  AmiResponseError,
  AmiTimeoutError,
} from './errors.js';
import { PendingActions, type RawAnswer } from './pending.js';

export interface AmiClientOptions {
  /** A name for this server in errors, logs and metrics (default `host:port`). */
  readonly name?: string;
  readonly host: string;
  readonly port?: number;
  /** Connect over TLS; an object gives Node's TLS options (CA, servername…). */
  readonly tls?: boolean | tls.ConnectionOptions;
  readonly username: string;
  readonly secret: string;
  /** `md5` (challenge–response, the secret never crosses the wire) or `plain`. Default md5. */
  readonly auth?: 'md5' | 'plain';
  /** The Login `Events` field: `on`, `off` or a class list such as `call,agent`. Default on. */
  readonly events?: string;
  readonly connectTimeoutMs?: number;
  /** Default time an action may take to answer (default 10 s). */
  readonly actionTimeoutMs?: number;
  /** Interval of keepalive pings (default 15 s; 0 turns them off). */
  readonly keepaliveMs?: number;
  /** A ping unanswered this long drops the connection (default 10 s). */
  readonly keepaliveTimeoutMs?: number;
  /** Reconnect after a drop (default on); false gives up after the first. */
  readonly reconnect?: false | BackoffOptions;
  /** Actions sent after every login, their answers reported by `resynced`. */
  readonly resync?: readonly (AmiAction | CustomAction)[];
  /** Most actions waiting for an answer at once (default 1,000). */
  readonly maxPendingActions?: number;
  /** Most events in one list answer (default 1,000,000). */
  readonly maxListEvents?: number;
  readonly parser?: ParserOptions;
  /** The clock for receive times (default Date.now). */
  readonly now?: () => number;
  readonly random?: () => number;
}

export type ClientState = 'idle' | 'connecting' | 'authenticating' | 'ready' | 'closed';

export interface ReceiveMeta {
  /** Receive time on this machine's clock, ms since the epoch. */
  readonly receivedAt: number;
  /** Number of the message over the client's lifetime, across reconnects. */
  readonly seq: number;
  /** Number of the connection the message came on (1 for the first). */
  readonly connection: number;
}

export interface ConnectedInfo {
  readonly server: string;
  readonly banner: string;
  readonly connection: number;
  /** When the previous connection was lost, or undefined on the first connect. */
  readonly downSince: number | undefined;
}

export interface DisconnectedInfo {
  readonly server: string;
  readonly connection: number;
  readonly reason: string;
  readonly error: Error | undefined;
  /** Delay before the next attempt, or undefined when the client will not reconnect. */
  readonly reconnectInMs: number | undefined;
}

export interface ResyncedInfo {
  readonly server: string;
  readonly connection: number;
  readonly downSince: number | undefined;
  /** The answer to each resync action, in the order given; failures as errors. */
  readonly answers: readonly (ActionResult<string> | Error)[];
}

export interface PingInfo {
  readonly server: string;
  readonly rttMs: number;
  /** Server clock minus this machine's clock, estimated at the middle of the round trip. */
  readonly clockOffsetMs: number;
}

export interface ActionResult<N extends string> {
  readonly response: ResponseOf<N>;
  /** List answers: the events, typed when their name is known. */
  readonly events: readonly ListItemOf<N>[];
  readonly complete: ListCompleteOf<N> | undefined;
  readonly raw: RawAnswer;
}

export interface ClientEvents {
  connected: [ConnectedInfo];
  disconnected: [DisconnectedInfo];
  resynced: [ResyncedInfo];
  /** Every message received, in order: events, responses and list events alike. */
  message: [AmiMessage, ReceiveMeta];
  /** Bytes that were not a message; the stream goes on. */
  protocolError: [ParseError, ReceiveMeta];
  ping: [PingInfo];
  /** Problems that do not stop the client (a failed login, a failed resync action). */
  warning: [AmiClientError];
}

interface SendOptions {
  readonly timeoutMs?: number;
}

/**
 * One AMI connection with everything around it: login (MD5 challenge or
 * plain), ActionID correlation, event lists, keepalive with clock-offset
 * measurement, reconnect with backoff and jitter, and resync after each
 * login. Every received message is emitted as `message` in stream order.
 * `pause()`/`resume()` stop and restart reading from the socket, so a slow
 * consumer holds back the server instead of growing memory.
 */
export class AmiClient extends EventEmitter<ClientEvents> {
  readonly server: string;
  private readonly options: AmiClientOptions;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly pending: PendingActions;
  private readonly idPrefix = randomBytes(4).toString('hex');
  private nextId = 1;
  private seq = 0;
  private connection = 0;
  private attempt = 0;
  private socket: net.Socket | undefined;
  private parser: AmiParser | undefined;
  private stateValue: ClientState = 'idle';
  private banner: string | undefined;
  private bannerWaiter: ((banner: string) => void) | undefined;
  private downSince: number | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  private pingInFlight = false;
  private paused = false;
  private firstConnect:
    { resolve: () => void; reject: (error: Error) => void; settled: boolean } | undefined;
  /** Last measured server clock minus local clock, ms. */
  clockOffsetMs: number | undefined;
  rttMs: number | undefined;

  constructor(options: AmiClientOptions) {
    super();
    this.options = options;
    this.server = options.name ?? `${options.host}:${options.port ?? 5038}`;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.pending = new PendingActions(
      options.maxListEvents ?? 1_000_000,
      (action) =>
        new AmiClientError(`${this.server}: ${action} answered with too many events`, this.server),
    );
  }

  get state(): ClientState {
    return this.stateValue;
  }

  /** Connects and logs in; resolves after the first login. Later drops reconnect on their own. */
  connect(): Promise<void> {
    if (this.stateValue !== 'idle')
      return Promise.reject(new AmiClientError(`${this.server}: already started`, this.server));
    return new Promise<void>((resolve, reject) => {
      this.firstConnect = { resolve, reject, settled: false };
      this.open();
    });
  }

  /** Logs off (when connected) and closes for good. */
  async close(): Promise<void> {
    if (this.stateValue === 'closed') return;
    const wasReady = this.stateValue === 'ready';
    this.stateValue = 'closed';
    clearTimeout(this.reconnectTimer);
    this.stopKeepalive();
    if (wasReady && this.socket) {
      try {
        await this.request({ Action: 'Logoff' }, 2000);
      } catch {
        // The socket is closed below either way.
      }
    }
    const socket = this.socket;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      });
    }
    this.settleFirst(new AmiDisconnectedError(`${this.server}: closed`, this.server));
  }

  /** Stops reading from the socket: the server's writes back up instead of this process's memory. */
  pause(): void {
    this.paused = true;
    this.socket?.pause();
  }

  resume(): void {
    this.paused = false;
    this.socket?.resume();
  }

  /**
   * Sends an action and resolves with its answer: the response, and for
   * list actions every event of the list. Rejects on `Response: Error`,
   * on timeout and when the connection drops first.
   */
  async send<A extends AmiAction | CustomAction>(
    action: A,
    options: SendOptions = {},
  ): Promise<ActionResult<A['Action']>> {
    if (this.stateValue !== 'ready') {
      throw new AmiDisconnectedError(
        `${this.server}: not connected (${this.stateValue})`,
        this.server,
      );
    }
    const raw = await this.request(
      action,
      options.timeoutMs ?? this.options.actionTimeoutMs ?? 10_000,
    );
    return typed<A['Action']>(raw);
  }

  /**
   * The received messages as an async iterator with a bounded buffer: past
   * `highWaterMark` messages the socket is paused until the consumer catches up.
   */
  async *messages(highWaterMark = 10_000): AsyncGenerator<[AmiMessage, ReceiveMeta]> {
    const queue: [AmiMessage, ReceiveMeta][] = [];
    let wake: (() => void) | undefined;
    const onMessage = (m: AmiMessage, meta: ReceiveMeta): void => {
      queue.push([m, meta]);
      if (queue.length >= highWaterMark) this.pause();
      wake?.();
    };
    const onEnd = (): void => wake?.();
    this.on('message', onMessage);
    this.on('disconnected', onEnd);
    try {
      for (;;) {
        const item = queue.shift();
        if (item !== undefined) {
          if (this.paused && queue.length <= highWaterMark / 2) this.resume();
          yield item;
          continue;
        }
        if (this.stateValue === 'closed') return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      this.off('message', onMessage);
      this.off('disconnected', onEnd);
      if (this.paused) this.resume();
    }
  }

  private request(action: AmiAction | CustomAction, timeoutMs: number): Promise<RawAnswer> {
    const socket = this.socket;
    if (!socket || socket.destroyed) {
      return Promise.reject(new AmiDisconnectedError(`${this.server}: not connected`, this.server));
    }
    if (this.pending.size >= (this.options.maxPendingActions ?? 1000)) {
      return Promise.reject(
        new AmiBusyError(`${this.server}: too many actions waiting for an answer`, this.server),
      );
    }
    const actionId = action.ActionID ?? `${this.idPrefix}-${this.nextId++}`;
    if (this.pending.has(actionId)) {
      return Promise.reject(
        new AmiClientError(`${this.server}: ActionID ${actionId} is already in use`, this.server),
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = encodeAction({ ...action, ActionID: actionId });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const answer = this.pending.add(
      actionId,
      action.Action,
      timeoutMs,
      () => new AmiTimeoutError(this.server, action.Action, timeoutMs),
    );
    socket.write(bytes);
    return answer.then((raw) => {
      if (raw.response.name.toLowerCase() === 'error') {
        throw new AmiResponseError(
          this.server,
          action.Action,
          toResponse(raw.response) ?? { Response: 'Error' },
        );
      }
      return raw;
    });
  }

  private open(): void {
    if (this.stateValue === 'closed') return;
    this.stateValue = 'connecting';
    this.connection++;
    const connection = this.connection;
    const port = this.options.port ?? 5038;
    const tlsOptions = this.options.tls;
    const socket =
      tlsOptions === undefined || tlsOptions === false
        ? net.connect({ host: this.options.host, port })
        : tls.connect({
            host: this.options.host,
            port,
            servername: this.options.host,
            ...(tlsOptions === true ? {} : tlsOptions),
          });
    this.socket = socket;
    this.parser = new AmiParser(this.options.parser);
    this.banner = undefined;
    let lastError: Error | undefined;
    const connectTimer = setTimeout(() => {
      socket.destroy(
        new Error(`connect timeout after ${this.options.connectTimeoutMs ?? 10_000} ms`),
      );
    }, this.options.connectTimeoutMs ?? 10_000);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.once(tlsOptions ? 'secureConnect' : 'connect', () => {
      clearTimeout(connectTimer);
      this.stateValue = 'authenticating';
      this.login(connection).catch((error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        lastError = e;
        if (e instanceof AmiAuthError) {
          this.emit('warning', e);
          // A refused first login is a configuration error: report it and stop.
          if (this.firstConnect?.settled === false) this.stateValue = 'closed';
        }
        socket.destroy();
      });
    });
    socket.on('data', (chunk: Buffer) => this.receive(chunk, connection));
    socket.on('error', (error: Error) => {
      lastError = error;
    });
    socket.on('close', () => {
      clearTimeout(connectTimer);
      this.dropped(connection, lastError);
    });
    if (this.paused) socket.pause();
  }

  private receive(chunk: Buffer, connection: number): void {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.parser?.push(bytes, (item) => {
      switch (item.kind) {
        case 'banner':
          this.banner = item.text;
          this.bannerWaiter?.(item.text);
          return;
        case 'message':
          this.pending.take(item.message);
          this.emit('message', item.message, this.meta(connection));
          return;
        case 'error':
          this.emit('protocolError', item, this.meta(connection));
          return;
      }
    });
  }

  private meta(connection: number): ReceiveMeta {
    return { receivedAt: this.now(), seq: ++this.seq, connection };
  }

  private async login(connection: number): Promise<void> {
    const banner =
      this.banner ??
      (await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new AmiClientError(`${this.server}: no AMI banner`, this.server)),
          10_000,
        );
        this.bannerWaiter = (text) => {
          clearTimeout(timer);
          resolve(text);
        };
      }));
    this.bannerWaiter = undefined;
    const { username, secret } = this.options;
    const events = this.options.events ?? 'on';
    const timeout = this.options.actionTimeoutMs ?? 10_000;
    try {
      if ((this.options.auth ?? 'md5') === 'md5') {
        const challenge =
          (await this.request({ Action: 'Challenge', AuthType: 'MD5' }, timeout)).response.get(
            'Challenge',
          ) ?? '';
        const key = createHash('md5').update(challenge).update(secret).digest('hex');
        await this.request(
          { Action: 'Login', AuthType: 'MD5', Username: username, Key: key, Events: events },
          timeout,
        );
      } else {
        await this.request(
          { Action: 'Login', Username: username, Secret: secret, Events: events },
          timeout,
        );
      }
    } catch (error) {
      if (error instanceof AmiResponseError) {
        throw new AmiAuthError(
          `${this.server}: login refused: ${error.response.Message ?? 'no reason given'}`,
          this.server,
        );
      }
      throw error;
    }
    if (this.stateValue === 'closed' || connection !== this.connection) return;
    this.stateValue = 'ready';
    this.attempt = 0;
    const downSince = this.downSince;
    this.downSince = undefined;
    this.startKeepalive();
    this.emit('connected', { server: this.server, banner, connection, downSince });
    this.settleFirst();
    await this.resync(connection, downSince);
  }

  private async resync(connection: number, downSince: number | undefined): Promise<void> {
    const actions = this.options.resync ?? [];
    if (actions.length === 0) return;
    const answers: (ActionResult<string> | Error)[] = [];
    for (const action of actions) {
      try {
        answers.push(await this.send(action));
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        if (e instanceof AmiClientError) this.emit('warning', e);
        answers.push(e);
      }
    }
    if (connection === this.connection && this.stateValue === 'ready') {
      this.emit('resynced', { server: this.server, connection, downSince, answers });
    }
  }

  private dropped(connection: number, error: Error | undefined): void {
    if (connection !== this.connection) return;
    const wasReady = this.stateValue === 'ready';
    this.stopKeepalive();
    this.parser?.end((item) => {
      if (item.kind === 'error') this.emit('protocolError', item, this.meta(connection));
    });
    this.pending.failAll(
      (action) =>
        new AmiDisconnectedError(
          `${this.server}: connection lost before ${action} was answered`,
          this.server,
        ),
    );
    this.socket = undefined;
    if (wasReady) this.downSince = this.now();
    const closing = this.stateValue === 'closed';
    const reconnect = this.options.reconnect;
    const willRetry = !closing && reconnect !== false;
    const delay = willRetry
      ? backoffDelay(this.attempt++, reconnect ?? {}, this.random)
      : undefined;
    if (!closing) this.stateValue = willRetry ? 'connecting' : 'closed';
    this.emit('disconnected', {
      server: this.server,
      connection,
      reason: closing ? 'closed' : (error?.message ?? 'the server closed the connection'),
      error,
      reconnectInMs: delay,
    });
    if (!willRetry) {
      this.settleFirst(
        error ?? new AmiDisconnectedError(`${this.server}: connection lost`, this.server),
      );
      return;
    }
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  private startKeepalive(): void {
    const every = this.options.keepaliveMs ?? 15_000;
    if (every <= 0) return;
    const timeout = this.options.keepaliveTimeoutMs ?? 10_000;
    this.keepaliveTimer = setInterval(() => {
      if (this.pingInFlight || this.stateValue !== 'ready') return;
      this.pingInFlight = true;
      const sentAt = this.now();
      this.request({ Action: 'Ping' }, timeout)
        .then((raw) => {
          const receivedAt = this.now();
          const stamp = Number(raw.response.get('Timestamp'));
          this.rttMs = receivedAt - sentAt;
          if (Number.isFinite(stamp) && stamp > 0) {
            this.clockOffsetMs = stamp * 1000 - (sentAt + receivedAt) / 2;
            this.emit('ping', {
              server: this.server,
              rttMs: this.rttMs,
              clockOffsetMs: this.clockOffsetMs,
            });
          }
        })
        .catch((error: unknown) => {
          if (error instanceof AmiTimeoutError)
            this.socket?.destroy(new Error('keepalive ping unanswered'));
        })
        .finally(() => {
          this.pingInFlight = false;
        });
    }, every);
    this.keepaliveTimer.unref();
  }

  private stopKeepalive(): void {
    clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    this.pingInFlight = false;
  }

  private settleFirst(error?: Error): void {
    const first = this.firstConnect;
    if (!first || first.settled) return;
    first.settled = true;
    if (error) first.reject(error);
    else first.resolve();
  }
}

function typed<N extends string>(raw: RawAnswer): ActionResult<N> {
  const response = toResponse(raw.response) ?? { Response: raw.response.name };
  const events = raw.events.map((m) => toEvent(m)).filter((e) => e !== undefined);
  const complete = raw.complete === undefined ? undefined : toEvent(raw.complete);
  // The typed views narrow by action name; the events are whatever Asterisk
  // listed for this ActionID, which for the known list actions are the
  // names in EVENT_LIST_ACTIONS.
  return {
    response: response as ResponseOf<N>,
    events: events as unknown as ListItemOf<N>[],
    complete: complete as ListCompleteOf<N> | undefined,
    raw,
  };
}

export type { AmiResponse };
