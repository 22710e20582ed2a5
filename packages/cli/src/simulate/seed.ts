// A replay's picture of the queues starts as the recorder found them at login:
// LiveState learns members only from member events, and a member nobody
// paused or called during the trace would otherwise be missing from every
// QueueStatus answer.

import { encodeMessage, type Field, type LiveState, type Reply } from '@callboard/simulator';

/** Tells `live` of every member in a recorded QueueStatus answer, as a QueueMemberStatus event. */
export function seedMembers(live: LiveState, queueStatus: Reply | undefined, now: number): void {
  for (const fields of queueStatus?.events ?? []) {
    const get = (key: string): string =>
      fields.find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1] ?? '';
    if (get('Event') !== 'QueueMember') continue;
    const rest = fields.filter(([k]) => !/^(event|queue|name|location)$/i.test(k));
    const event: Field[] = [
      ['Event', 'QueueMemberStatus'],
      ['Queue', get('Queue')],
      ['MemberName', get('Name')],
      ['Interface', get('Location')],
      ...rest,
    ];
    live.observe(encodeMessage(event), now);
  }
}
