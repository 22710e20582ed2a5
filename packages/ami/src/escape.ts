// Asterisk C-escapes some values before writing them to AMI (main/utils.c
// ast_escape_c, used by main/manager_channels.c since 13.5): caller and
// connected-line names, channel variables and VarSet values. The escaped
// characters are \a \b \f \n \r \t \v \\ \' \" \?.

const UNESCAPE: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

const ESCAPE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(UNESCAPE).map(([k, v]) => [v, `\\${k}`]),
);

/** Reverses `ast_escape_c`. A backslash before any other character is kept as it is. */
export function unescapeC(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(.)/gs, (whole, c: string) => UNESCAPE[c] ?? whole);
}

/** What `ast_escape_c` does; used by the emulator to write what Asterisk writes. */
export function escapeC(value: string): string {
  // eslint-disable-next-line no-control-regex -- BEL is one of the characters Asterisk escapes
  return value.replace(/[\x07\b\f\n\r\t\v\\'"?]/g, (c) => ESCAPE[c] ?? c);
}

/** True when Asterisk escapes the values of this key in this event (any snapshot prefix). */
export function isEscapedField(event: string, key: string): boolean {
  if (key.endsWith('CallerIDName') || key.endsWith('ConnectedLineName')) return true;
  if (key.endsWith('ChanVariable')) return true;
  if (event === 'VarSet' && key === 'Value') return true;
  if (event === 'PresenceStateChange' && (key === 'Subtype' || key === 'Message')) return true;
  return false;
}
