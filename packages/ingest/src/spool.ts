// Where journal batches wait while the database cannot take them: one file
// per batch in a folder, written and synced before the batch counts as kept,
// read back oldest first. Bounded: past `maxBytes` a batch is refused, and
// the writer says so loudly.

import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { decodeEntries, encodeEntries, type JournalBatch } from '@callboard/store';

interface Header {
  readonly serverId: number;
  readonly firstSeq: number;
  readonly firstAt: number;
  readonly messages: number;
}

export class Spool {
  private next: number;
  private size: number;
  /** The last sequence number spooled of each server. */
  private readonly seqs = new Map<number, number>();

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    const files = this.files();
    const last = files[files.length - 1];
    this.next = last === undefined ? 1 : Number(last.slice(0, 12)) + 1;
    this.size = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    for (const f of files) {
      const header = readHeader(join(dir, f));
      if (header) this.noteSeqs(header);
    }
  }

  /** The last sequence number of a server's messages in the spool (0 when none). */
  lastSeq(serverId: number): number {
    return this.seqs.get(serverId) ?? 0;
  }

  /** Bytes kept. */
  get bytes(): number {
    return this.size;
  }

  get empty(): boolean {
    return this.files().length === 0;
  }

  /** Keeps a batch on disk; false when the spool is full. */
  put(batch: JournalBatch, level: number): boolean {
    const first = batch.entries[0];
    if (!first) return true;
    const header: Header = {
      serverId: batch.serverId,
      firstSeq: first.seq,
      firstAt: first.receivedAt,
      messages: batch.entries.length,
    };
    const head = Buffer.from(`${JSON.stringify(header)}\n`);
    const body = encodeEntries(batch.entries, level);
    if (this.size + head.length + body.length > this.maxBytes) return false;
    const path = join(this.dir, `${String(this.next++).padStart(12, '0')}.batch`);
    const fd = openSync(path, 'wx');
    try {
      writeSync(fd, head);
      writeSync(fd, body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.size += head.length + body.length;
    this.noteSeqs(header);
    return true;
  }

  /** The oldest batches, up to `limit`, with the names to remove once stored. */
  peek(limit: number): { readonly file: string; readonly batch: JournalBatch }[] {
    return this.files()
      .slice(0, limit)
      .map((file) => {
        const raw = readFileSync(join(this.dir, file));
        const nl = raw.indexOf(10);
        const header = JSON.parse(raw.subarray(0, nl).toString('utf8')) as Header;
        const entries = decodeEntries({
          firstSeq: header.firstSeq,
          firstAt: new Date(header.firstAt),
          messages: header.messages,
          payload: raw.subarray(nl + 1),
        });
        return { file, batch: { serverId: header.serverId, entries } };
      });
  }

  remove(files: readonly string[]): void {
    for (const f of files) {
      const path = join(this.dir, f);
      this.size -= statSync(path).size;
      rmSync(path);
    }
  }

  private noteSeqs(header: Header): void {
    const last = header.firstSeq + header.messages - 1;
    if (last > this.lastSeq(header.serverId)) this.seqs.set(header.serverId, last);
  }

  private files(): string[] {
    return readdirSync(this.dir)
      .filter((f) => /^\d{12}\.batch$/.test(f))
      .sort();
  }
}

/** A batch file's header line (read alone: the files of a big spool are not read whole). */
function readHeader(path: string): Header | undefined {
  const fd = openSync(path, 'r');
  try {
    let text = '';
    const chunk = Buffer.alloc(512);
    for (let at = 0; !text.includes('\n');) {
      const n = readSync(fd, chunk, 0, chunk.length, at);
      if (n === 0) return undefined;
      text += chunk.subarray(0, n).toString('utf8');
      at += n;
    }
    return JSON.parse(text.slice(0, text.indexOf('\n'))) as Header;
  } catch {
    return undefined; // a damaged file: reading it back will say so
  } finally {
    closeSync(fd);
  }
}
