// What may reach the AMI wire. An AMI action is `Key: value` lines ended by
// CRLF: a CR or LF in a value would end the field and let the rest forge
// fields or a whole second action (`\r\nAction: Originate`). Values that go
// to Asterisk are therefore checked against these patterns in the schema
// (a 400 naming the field) and again here, before anything is sent.

/** A channel interface: `PJSIP/101`, `SIP/agent101`, `Local/101@agents`, `Local/101@from-queue/n`. */
export const INTERFACE_PATTERN =
  '^[A-Za-z][A-Za-z0-9]{0,15}/[A-Za-z0-9_.@+#*:=-]{1,100}(/[A-Za-z0-9_.@+#*:=-]{1,100})?$';

/** A queue name as queues.conf allows it: printable, no `/` (the scope's station separator), 80 at most. */
export const QUEUE_PATTERN =
  '^[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}/,|;\\s][^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}/,|;]{0,79}$';

/** A pause reason sent to Asterisk (PausedReason): printable text, 80 at most. */
export const REASON_PATTERN = '^[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]{1,80}$';

const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** True when the text holds nothing that could break an AMI line (controls, line separators). */
export function wireSafe(text: string): boolean {
  return !UNSAFE.test(text) && text.length <= 1000;
}

export const isInterface = (text: string): boolean => new RegExp(INTERFACE_PATTERN, 'u').test(text);
export const isQueueName = (text: string): boolean => new RegExp(QUEUE_PATTERN, 'u').test(text);
