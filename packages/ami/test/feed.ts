import { AmiParser, itemToJson, type ParseItem, type ParserOptions } from '@callboard/ami';

/** An item as `callboard ami-dump` prints it, errors by code only (their prose is not under test here). */
export function itemText(item: ParseItem): string {
  return item.kind === 'error'
    ? JSON.stringify({ _error: item.code, offset: item.offset })
    : itemToJson(item);
}

/** Feeds `bytes` cut at the given offsets (ascending), then ends the stream. */
export function feedAt(
  bytes: Uint8Array,
  cuts: readonly number[],
  options?: ParserOptions,
): string[] {
  const out: string[] = [];
  const parser = new AmiParser(options);
  const take = (item: ParseItem): void => {
    out.push(itemText(item));
  };
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > from) parser.push(bytes.subarray(from, cut), take);
    from = Math.max(from, cut);
  }
  parser.end(take);
  return out;
}

export function feedWhole(bytes: Uint8Array, options?: ParserOptions): string[] {
  return feedAt(bytes, [], options);
}

/** One byte per push. */
export function feedBytewise(bytes: Uint8Array, options?: ParserOptions): string[] {
  const out: string[] = [];
  const parser = new AmiParser(options);
  const take = (item: ParseItem): void => {
    out.push(itemText(item));
  };
  for (let i = 0; i < bytes.length; i++) parser.push(bytes.subarray(i, i + 1), take);
  parser.end(take);
  return out;
}

/** Random cut points, from 1 byte apart to `maxGap` apart. */
export function randomCuts(length: number, random: () => number, maxGap: number): number[] {
  const cuts: number[] = [];
  for (let at = 0; ;) {
    at += 1 + Math.floor(random() * maxGap);
    if (at >= length) return cuts;
    cuts.push(at);
  }
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
