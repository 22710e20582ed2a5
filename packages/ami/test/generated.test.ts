import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../../scripts/ami-codegen/files.js';
import { repoRoot, sharedDir } from '../../../test/support/traces.js';

describe('generated AMI types', () => {
  it('match what the generator makes from the Asterisk 20 documentation XML', async () => {
    const xml = readFileSync(resolve(sharedDir, 'asterisk/core-en_US-20.xml'), 'utf8');
    const files = await generatedFiles(xml, repoRoot);
    expect(files.size).toBe(2);
    for (const [path, text] of files) expect(readFileSync(path, 'utf8'), path).toBe(text);
  });
});
