import { createHash, randomInt } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { AmiParser, type AmiMessage } from '@callboard/ami';
import { encodeMessage, type Field } from './wire.js';

/** What an action handler answers: a response, and for list actions the events and the closing event. */
export interface Reply {
  readonly response: readonly Field[];
  readonly events?: readonly (readonly Field[])[];
  /** Name of the event closing the list, e.g. `QueueStatusComplete`. */
  readonly complete?: string;
}

export interface ActionContext {
  readonly action: AmiMessage;
  readonly actionId: string | undefined;
  readonly session: AmiSession;
}

/** A handler answers with a Reply, or with undefined to stay silent (a stuck server). */
export type ActionHandler = (
  context: ActionContext,
) => Reply | undefined | Promise<Reply | undefined>;

export interface AmiServerOptions {
  /** Manager users and their secrets. */
  readonly users: Readonly<Record<string, string>>;
  /** The first line sent on connect. */
  readonly banner?: string;
  /** Handlers for actions; they take precedence over the built-in Logoff, Ping and Events (not Login or Challenge). */
  readonly handlers?: Readonly<Record<string, ActionHandler>>;
  /** The server clock, for Ping (default Date.now). */
  readonly now?: () => number;
  /** Serve AMI over TLS with this key and certificate (PEM). */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export const DEFAULT_BANNER = 'Asterisk Call Manager/9.0.0';

/** One manager connection. */
export class AmiSession {
  user: string | undefined;
  /** Whether events are sent to this session (the Login/Events `Events` field). */
  events = true;
  challenge: string | undefined;
  /** Actions received, in order (for tests and the grammar checks). */
  readonly received: AmiMessage[] = [];

  constructor(readonly socket: net.Socket) {}

  get authenticated(): boolean {
    return this.user !== undefined;
  }

  write(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  writeMessage(fields: readonly Field[]): void {
    this.write(encodeMessage(fields));
  }
}

/**
 * An AMI server over real TCP that answers like Asterisk 20: banner, Login
 * (plain and MD5 challenge), Ping, Events, Logoff, and whatever handlers it
 * is given; `broadcast` sends bytes to every logged-in session that wants
 * events.
 */
export class AmiServer {
  readonly sessions = new Set<AmiSession>();
  private readonly server: net.Server;
  private readonly options: AmiServerOptions;
  private readonly now: () => number;

  constructor(options: AmiServerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    const accept = (socket: net.Socket): void => this.accept(socket);
    this.server = options.tls
      ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, accept)
      : net.createServer(accept);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.port;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** Sends bytes to every logged-in session with events on. */
  broadcast(bytes: Uint8Array): void {
    for (const s of this.sessions) if (s.authenticated && s.events) s.write(bytes);
  }

  /** Resolves once a session has logged in. */
  async loggedIn(): Promise<AmiSession> {
    for (;;) {
      for (const s of this.sessions) if (s.authenticated) return s;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const session = new AmiSession(socket);
    this.sessions.add(session);
    socket.setNoDelay(true);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('error', () => socket.destroy());
    socket.write(`${this.options.banner ?? DEFAULT_BANNER}\r\n`);
    const parser = new AmiParser({ banner: false });
    // Actions of one session are answered in order, as Asterisk does.
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      parser.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), (item) => {
        if (item.kind !== 'message') return;
        session.received.push(item.message);
        queue = queue
          .then(() => this.answer(session, item.message))
          .catch(() => {
            socket.destroy();
          });
      });
    });
  }

  private async answer(session: AmiSession, action: AmiMessage): Promise<void> {
    const name = action.get('Action') ?? '';
    const actionId = action.get('ActionID');
    const reply = await this.reply(session, name, action, actionId);
    if (reply === undefined) return;
    // As Asterisk does: the ActionID follows `Response:`, closes each list event,
    // and follows `Event:` in the event that ends the list.
    const idField: Field[] = actionId === undefined ? [] : [['ActionID', actionId]];
    const [first, ...rest] = reply.response;
    session.writeMessage(first === undefined ? [] : [first, ...idField, ...rest]);
    if (reply.complete !== undefined) {
      const events = reply.events ?? [];
      for (const e of events) session.writeMessage([...e, ...idField]);
      const complete: Field[] = [['Event', reply.complete]];
      if (actionId !== undefined) complete.push(['ActionID', actionId]);
      complete.push(['EventList', 'Complete'], ['ListItems', String(events.length)]);
      session.writeMessage(complete);
    }
    if (name.toLowerCase() === 'logoff') session.socket.end();
  }

  private async reply(
    session: AmiSession,
    name: string,
    action: AmiMessage,
    actionId: string | undefined,
  ): Promise<Reply | undefined> {
    const lower = name.toLowerCase();
    if (lower === 'challenge') {
      session.challenge = String(randomInt(100_000_000, 999_999_999));
      return success([['Challenge', session.challenge]]);
    }
    if (lower === 'login') return this.login(session, action);
    if (!session.authenticated) return error('Authentication Required');
    const handler = Object.entries(this.options.handlers ?? {}).find(
      ([k]) => k.toLowerCase() === lower,
    )?.[1];
    if (handler !== undefined) return handler({ action, actionId, session });
    switch (lower) {
      case 'logoff':
        return {
          response: [
            ['Response', 'Goodbye'],
            ['Message', 'Thanks for all the fish.'],
          ],
        };
      case 'ping': {
        const t = this.now();
        const stamp = `${Math.floor(t / 1000)}.${String((t % 1000) * 1000).padStart(6, '0')}`;
        return success([
          ['Ping', 'Pong'],
          ['Timestamp', stamp],
        ]);
      }
      case 'events': {
        const mask = action.get('EventMask') ?? 'off';
        session.events = mask.toLowerCase() !== 'off';
        return success([['Events', session.events ? 'On' : 'Off']]);
      }
      default:
        return error(
          `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.`,
        );
    }
  }

  private login(session: AmiSession, action: AmiMessage): Reply {
    const user = action.get('Username') ?? '';
    const secret = Object.hasOwn(this.options.users, user) ? this.options.users[user] : undefined;
    let ok = false;
    if (secret !== undefined) {
      if ((action.get('AuthType') ?? '').toLowerCase() === 'md5') {
        const expected = createHash('md5')
          .update(session.challenge ?? '')
          .update(secret)
          .digest('hex');
        ok = session.challenge !== undefined && action.get('Key') === expected;
      } else {
        ok = action.get('Secret') === secret;
      }
    }
    if (!ok) {
      // Asterisk answers, then ends the session.
      setImmediate(() => session.socket.end());
      return error('Authentication failed');
    }
    session.user = user;
    const events = action.get('Events');
    if (events !== undefined) session.events = events.toLowerCase() !== 'off';
    return success([['Message', 'Authentication accepted']]);
  }
}

export function success(fields: readonly Field[] = []): Reply {
  return { response: [['Response', 'Success'], ...fields] };
}

export function error(message: string): Reply {
  return {
    response: [
      ['Response', 'Error'],
      ['Message', message],
    ],
  };
}

/** A list answer as Asterisk writes it: `EventList: start`, the events, the closing event. */
export function list(
  message: string,
  events: readonly (readonly Field[])[],
  complete: string,
): Reply {
  return {
    response: [
      ['Response', 'Success'],
      ['EventList', 'start'],
      ['Message', message],
    ],
    events,
    complete,
  };
}
