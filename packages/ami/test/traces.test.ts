import { describe, expect, it } from 'vitest';
import {
  expectedJsonLines,
  readBytes,
  seeded,
  traceCaptures,
} from '../../../test/support/traces.js';
import { feedAt, feedBytewise, feedWhole, randomCuts } from './feed.js';

// Every capture of every trace folder parses into exactly the messages of its
// jsonl twin, whatever the chunk boundaries.
describe.each(traceCaptures())('trace $id', (capture) => {
  const bytes = readBytes(capture.rawPath);
  const expected = expectedJsonLines(capture);

  it('parses whole into the jsonl twin', () => {
    const got = feedWhole(bytes);
    expect(got.length).toBe(expected.length);
    expect(got).toEqual(expected);
  });

  it('parses the same fed byte by byte', () => {
    expect(feedBytewise(bytes)).toEqual(expected);
  });

  it('parses the same at random splits', () => {
    const random = seeded(capture.size);
    for (const maxGap of [7, 300, 70_000]) {
      expect(feedAt(bytes, randomCuts(bytes.length, random, maxGap))).toEqual(expected);
    }
  });
});
