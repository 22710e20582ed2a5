// Finding line ends fast. Values are found a word at a time: four bytes are
// tested for a line feed at once, the classic "has zero byte" bit trick on
// (word XOR 0x0a0a0a0a). Short inputs skip the word view, whose creation costs
// more than it saves.

const LF = 10;
const MIN_WORDS_BYTES = 512;

/** A byte buffer with an aligned 32-bit view over as much of it as fits. */
export interface WordView {
  readonly words: Int32Array;
  /** Index in the byte buffer of words[0]'s first byte. */
  readonly head: number;
}

export function wordView(bytes: Uint8Array): WordView | null {
  if (bytes.length < MIN_WORDS_BYTES) return null;
  const start = bytes.byteOffset;
  const aligned = (start + 3) & ~3;
  const count = (start + bytes.length - aligned) >> 2;
  return { words: new Int32Array(bytes.buffer, aligned, count), head: aligned - start };
}

/** Index of the first LF in `bytes[from, end)`, or -1. */
export function findLF(
  bytes: Uint8Array,
  from: number,
  end: number,
  view: WordView | null,
): number {
  let i = from;
  if (view !== null) {
    const head = view.head;
    while (i < end && ((i - head) & 3) !== 0) {
      if (bytes[i] === LF) return i;
      i++;
    }
    const words = view.words;
    let w = (i - head) >> 2;
    const lastWord = Math.min(words.length, (end - head) >> 2);
    while (w < lastWord) {
      const x = (words[w] as number) ^ 0x0a0a0a0a;
      if (((x - 0x01010101) & ~x & 0x80808080) !== 0) break;
      w++;
    }
    if (w > (i - head) >> 2) i = head + w * 4;
  }
  while (i < end) {
    if (bytes[i] === LF) return i;
    i++;
  }
  return -1;
}
