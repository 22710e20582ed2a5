// The part of gettext-parser the tests read: a parsed catalogue.

declare module 'gettext-parser' {
  export interface Message {
    readonly msgid: string;
    readonly msgstr: readonly string[];
  }
  export const po: {
    parse(text: string): {
      readonly translations: Record<string, Record<string, Message> | undefined>;
    };
  };
}
