// Where an action goes: the operator's interfaces from the directory, one
// AMI action each, to the server that interface is on. Pure: the directory
// rows in, the actions (or the reason there are none) out.

import type { MemberAction } from '@callboard/ingest';
import type { InterfaceRow, OperatorRow } from '@callboard/store';
import { ApiError } from '../errors.js';
import type { MemberRequest } from './request.js';
import { wireSafe } from './wire.js';

export interface Target {
  readonly server: string;
  readonly interface: string;
  readonly action: MemberAction;
}

export function targets(operator: OperatorRow, r: MemberRequest): Target[] | ApiError {
  const chosen =
    r.interface === undefined
      ? operator.interfaces
      : operator.interfaces.filter((i) => i.interface === r.interface);
  if (r.interface !== undefined && chosen.length === 0)
    return new ApiError(
      'invalid',
      `body.interface: not an interface of operator ${operator.id}`,
      'body.interface',
    );
  if (chosen.length === 0)
    return new ApiError('conflict', `operator ${operator.id} has no interface in the directory`);
  if (r.kind !== 'pause') {
    const servers = chosen.map((i) => i.server);
    const twice = servers.find((s, i) => servers.indexOf(s) !== i);
    if (twice !== undefined)
      return new ApiError(
        'invalid',
        `body.interface: required: the operator has several interfaces on "${twice}"`,
        'body.interface',
      );
  }
  // Values from the directory are checked too: only safe text is sent.
  for (const text of [r.queue, r.reason, ...chosen.map((i) => i.interface)])
    if (text !== undefined && !wireSafe(text))
      return new ApiError('invalid', 'a value holds characters that cannot go to Asterisk');
  return chosen.map((i) => ({ ...i, action: amiAction(operator, i, r) }));
}

function amiAction(operator: OperatorRow, i: InterfaceRow, r: MemberRequest): MemberAction {
  const queue = r.queue ?? '';
  switch (r.kind) {
    case 'pause':
      return {
        Action: 'QueuePause',
        Interface: i.interface,
        Paused: r.paused === false ? 'false' : 'true',
        ...(r.queue === undefined ? {} : { Queue: r.queue }),
        ...(r.reason === undefined ? {} : { Reason: r.reason }),
      };
    case 'queue-add': {
      // The name is the admin's free text: sent only when it is safe on the wire.
      const name = operator.name ?? '';
      return {
        Action: 'QueueAdd',
        Queue: queue,
        Interface: i.interface,
        ...(r.penalty === undefined ? {} : { Penalty: String(r.penalty) }),
        ...(r.paused === undefined ? {} : { Paused: r.paused ? 'true' : 'false' }),
        ...(r.reason === undefined ? {} : { Reason: r.reason }),
        ...(name !== '' && name.length <= 80 && wireSafe(name) ? { MemberName: name } : {}),
      };
    }
    case 'queue-remove':
      return { Action: 'QueueRemove', Queue: queue, Interface: i.interface };
  }
}
