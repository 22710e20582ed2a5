// Writing messages the way Asterisk's manager writes them: `Key: Value` lines
// ended by CRLF, a blank line after the message.

export type Field = readonly [key: string, value: string];

const encoder = new TextEncoder();

export function formatMessage(fields: readonly Field[]): string {
  let out = '';
  for (const [k, v] of fields) out += `${k}: ${v}\r\n`;
  return `${out}\r\n`;
}

export function encodeMessage(fields: readonly Field[]): Uint8Array {
  return encoder.encode(formatMessage(fields));
}
