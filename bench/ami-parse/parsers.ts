import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import { AmiParser, type ParseItem } from '@callboard/ami';

/** A parser under test: feeds the corpus in chunks, resolves with the number of messages it produced. */
export type ParseRun = (corpus: Uint8Array, chunk: number) => Promise<number>;

/** Callboard's parser; each message's name is read, other fields stay undecoded until asked for. */
export const oursName: ParseRun = (corpus, chunk) => {
  let n = 0;
  let names = 0;
  const parser = new AmiParser({ banner: false });
  const take = (item: ParseItem): void => {
    if (item.kind !== 'message') return;
    n++;
    names += item.message.name.length;
  };
  for (let at = 0; at < corpus.length; at += chunk)
    parser.push(corpus.subarray(at, at + chunk), take);
  parser.end(take);
  if (names === 0) throw new Error('no names read');
  return Promise.resolve(n);
};

/** Callboard's parser with every field of every message decoded into an object. */
export const oursFull: ParseRun = (corpus, chunk) => {
  let n = 0;
  const parser = new AmiParser({ banner: false });
  const take = (item: ParseItem): void => {
    if (item.kind !== 'message') return;
    if (Object.keys(item.message.toObject()).length > 0) n++;
  };
  for (let at = 0; at < corpus.length; at += chunk)
    parser.push(corpus.subarray(at, at + chunk), take);
  parser.end(take);
  return Promise.resolve(n);
};

/** The naive way: decode to text, split on blank lines, split lines, indexOf(': '). */
export const naive: ParseRun = (corpus, chunk) => {
  const decoder = new TextDecoder();
  let rest = '';
  let n = 0;
  const message = (block: string): void => {
    const o: Record<string, string | string[]> = {};
    for (const line of block.split('\r\n')) {
      const i = line.indexOf(': ');
      if (i < 0) continue;
      const k = line.slice(0, i);
      const v = line.slice(i + 2);
      const prev = o[k];
      o[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    n++;
  };
  for (let at = 0; at < corpus.length; at += chunk) {
    rest += decoder.decode(corpus.subarray(at, at + chunk), { stream: true });
    const blocks = rest.split('\r\n\r\n');
    rest = blocks.pop() ?? '';
    for (const b of blocks) if (b !== '') message(b);
  }
  if (rest.trim() !== '') message(rest);
  return Promise.resolve(n);
};

const require = createRequire(import.meta.url);

interface Manager {
  connect(port: number, host: string): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
}

/**
 * asterisk-manager (the most used npm AMI library), through its public
 * events: its socket is swapped for an emitter fed the corpus as the socket
 * would feed it (UTF-8 text, `setEncoding('utf-8')`), and every parsed
 * message is counted once it has been emitted.
 */
export const asteriskManager: ParseRun = async (corpus, chunk) => {
  const net = require('node:net') as { createConnection: (...args: unknown[]) => unknown };
  const createManager = require('asterisk-manager') as () => Manager;
  const socket = Object.assign(new EventEmitter(), {
    readyState: 'open',
    setKeepAlive: () => undefined,
    setNoDelay: () => undefined,
    setEncoding: () => undefined,
  });
  const original = net.createConnection;
  net.createConnection = () => socket;
  const manager = createManager();
  try {
    manager.connect(5038, 'bench');
  } finally {
    net.createConnection = original;
  }
  let n = 0;
  manager.on('managerevent', () => n++);
  manager.on('response', () => n++);
  manager.on('asterisk', () => n++);
  const decoder = new StringDecoder('utf8');
  for (let at = 0; at < corpus.length; at += chunk) {
    socket.emit(
      'data',
      decoder.write(
        Buffer.from(corpus.buffer, corpus.byteOffset + at, Math.min(chunk, corpus.length - at)),
      ),
    );
  }
  socket.emit('data', `${decoder.end()}\r\n\r\n`);
  await new Promise((r) => setImmediate(r));
  return n;
};
