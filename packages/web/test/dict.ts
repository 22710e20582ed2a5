// A dictionary column built by hand for the report engine's tests: each
// distinct value gets the next code, null gets -1.

import type { Dict } from '../src/report/frames.ts';

export function dict(values: readonly (string | null)[]): Dict {
  const distinct: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) {
      codes[i] = -1;
      return;
    }
    let c = distinct.indexOf(v);
    if (c < 0) c = distinct.push(v) - 1;
    codes[i] = c;
  });
  return { codes, values: distinct };
}
