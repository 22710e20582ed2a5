import { describe, expect, it } from 'vitest';
import {
  AmiActionError,
  MAX_ACTION_FIELDS,
  encodeAction,
  formatAction,
  parseAll,
} from '@callboard/ami';

describe('encodeAction', () => {
  it('writes Action, then ActionID, then the fields in order; arrays repeat their key', () => {
    const text = formatAction({
      Action: 'Originate',
      Channel: 'SIP/101',
      ActionID: 'x-1',
      Exten: '79871234501',
      Variable: ['A=1', 'B=2'],
      Async: 'true',
    });
    expect(text).toBe(
      'Action: Originate\r\nActionID: x-1\r\nChannel: SIP/101\r\nExten: 79871234501\r\nVariable: A=1\r\nVariable: B=2\r\nAsync: true\r\n\r\n',
    );
  });

  it('parses back to the same fields', () => {
    const bytes = encodeAction({
      Action: 'QueuePause',
      Interface: 'SIP/101',
      Paused: 'true',
      Reason: 'Обед',
    });
    const [item] = parseAll(bytes, { banner: false });
    expect(item?.kind === 'message' && item.message.toObject()).toEqual({
      Action: 'QueuePause',
      Interface: 'SIP/101',
      Paused: 'true',
      Reason: 'Обед',
    });
  });

  it('refuses a value that would forge another field or action', () => {
    const attempt = (): Uint8Array =>
      encodeAction({
        Action: 'Originate',
        Channel: 'SIP/101',
        CallerID: 'x\r\nAction: Command\r\nCommand: core stop now',
      });
    expect(attempt).toThrow(AmiActionError);
    expect(attempt).toThrow(/CallerID contains a line break/);
  });

  it('refuses a key that is not a key', () => {
    expect(() => encodeAction({ Action: 'Ping', 'Bad Key': 'x' })).toThrow(/invalid field name/);
  });

  it('refuses lines longer than Asterisk reads, and too many fields', () => {
    expect(() => encodeAction({ Action: 'Command', Command: 'x'.repeat(2000) })).toThrow(
      /longer than Asterisk reads/,
    );
    const variables = Array.from({ length: MAX_ACTION_FIELDS }, (_, i) => `V${i}=1`);
    expect(() =>
      encodeAction({ Action: 'Originate', Channel: 'SIP/1', Variable: variables }),
    ).toThrow(/more than 128 fields/);
  });
});
