// Modules the build gives that TypeScript cannot see by itself.

declare module '*.po' {
  import type { LocaleData } from 'ttag';
  const catalogue: LocaleData;
  export default catalogue;
}

declare module 'gettext-parser' {
  export const po: { parse(text: string): unknown };
}
