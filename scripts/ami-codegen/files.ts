import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { generate } from './generate.js';

/** The generated files, formatted as the repository formats them, by path. */
export async function generatedFiles(xml: string, root: string): Promise<Map<string, string>> {
  const out = generate(xml);
  const dir = resolve(root, 'packages/ami/src/generated');
  const files = new Map<string, string>();
  for (const [name, text] of [
    ['events.ts', out.events],
    ['actions.ts', out.actions],
  ] as const) {
    const path = resolve(dir, name);
    const config = (await resolveConfig(path)) ?? {};
    files.set(path, await format(text, { ...config, filepath: path }));
  }
  return files;
}
