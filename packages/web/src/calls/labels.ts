// Words for the codes a call record carries, in the user's language.

import { t } from 'ttag';

export function outcomeLabel(code: string): string {
  switch (code) {
    case 'answered':
      return t`answered`;
    case 'abandoned':
      return t`abandoned`;
    case 'timeout':
      return t`timed out`;
    case 'exit-empty':
      return t`left: no agents`;
    case 'exit-key':
      return t`left by key`;
    case 'withdraw':
      return t`withdrawn`;
    case 'busy':
      return t`busy`;
    case 'no-answer':
      return t`no answer`;
    case 'failed':
      return t`failed`;
    case 'unanswered':
      return t`unanswered`;
    case 'transferred':
      return t`transferred`;
    case 'rejected':
      return t`rejected`;
    case 'unavailable':
      return t`unavailable`;
    case 'cancelled':
      return t`cancelled`;
    case 'answered-elsewhere':
      return t`answered by another`;
    case 'dumped':
      return t`dumped`;
    default:
      return t`unknown`;
  }
}

export function directionLabel(code: string): string {
  switch (code) {
    case 'inbound':
      return t`inbound`;
    case 'outbound':
      return t`outbound`;
    default:
      return t`internal`;
  }
}

export function spanLabel(kind: string): string {
  switch (kind) {
    case 'wait':
      return t`waiting`;
    case 'ring':
      return t`ringing`;
    case 'talk':
      return t`talking`;
    default:
      return t`call`;
  }
}

export function transferLabel(kind: 'blind' | 'attended' | null): string {
  return kind === 'attended' ? t`attended transfer` : t`blind transfer`;
}
