import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { AmiParser, itemToJson, type ParseItem } from '@callboard/ami';

/** Parses one byte stream and writes its items as JSON lines; resolves with the number of parse errors. */
export async function dumpStream(input: Readable, output: Writable): Promise<number> {
  const parser = new AmiParser();
  let errors = 0;
  let lines: string[] = [];
  const take = (item: ParseItem): void => {
    if (item.kind === 'error') errors++;
    lines.push(itemToJson(item));
  };
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    lines = [];
    if (!output.write(text)) await new Promise<void>((resolve) => output.once('drain', resolve));
  };
  for await (const chunk of input) {
    const bytes = chunk instanceof Uint8Array ? chunk : new TextEncoder().encode(String(chunk));
    parser.push(bytes, take);
    await flush();
  }
  parser.end(take);
  await flush();
  return errors;
}

export async function amiDump(files: readonly string[], output: Writable): Promise<number> {
  let errors = 0;
  for (const file of files) {
    const input =
      file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 64 * 1024 });
    errors += await dumpStream(input, output);
  }
  return errors;
}
