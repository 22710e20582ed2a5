// The grammar of every recorded trace folder, learned once per test file.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AmiParser } from '@callboard/ami';
import { GrammarLearner, type Grammar } from '@callboard/simulator';
import { readBytes, tracesDir } from '../../../test/support/traces.js';

/** Every `ami-*.raw` under every folder of the traces directory. */
export function traceFiles(): string[] {
  const out: string[] = [];
  for (const folder of readdirSync(tracesDir).sort()) {
    const dir = join(tracesDir, folder);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (/^ami-.+\.raw$/.test(f)) out.push(join(dir, f));
  }
  return out;
}

export function traceGrammar(): Grammar {
  const learner = new GrammarLearner();
  for (const file of traceFiles()) {
    learner.newStream();
    const parser = new AmiParser();
    const take = (item: Parameters<Parameters<AmiParser['push']>[1]>[0]): void => {
      if (item.kind === 'message') learner.add(item.message);
    };
    parser.push(readBytes(file), take);
    parser.end(take);
  }
  return learner.result();
}
