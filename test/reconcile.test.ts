// Every trace folder, no per-folder code: the tracker's calls and queue
// visits agree with Asterisk's own queue_log and CDR for the same run.
//
// Where they may disagree, and why (each exception below is taken only in the
// case it describes):
// - queue_log and CDR count whole seconds: durations agree within 1 s, and a
//   time lies within the CDR's whole second (give or take the few ms between
//   the moment Asterisk took and the event that reported it).
// - A CDR row is per channel pair; a call is all the rows of its linkedids,
//   its start the earliest row start and its end the latest row end.
// - CDR's "answer" is the moment the caller's channel was answered. The lab
//   dialplan answers before Queue(), so it is compared with pbxAnsweredAt,
//   not with the moment an operator answered (the traces README says so).
// - With Local-channel queue members, a transfer made from the operator's
//   phone moves the Local half, not the caller: queue_log sees no transfer and
//   credits the first operator with the talk time up to the caller's hangup.
//   The call as it happened wins: that visit records the transfer and its talk
//   ends there, so it is checked to be shorter, not equal (traces README).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import type { CallRecord, QueueVisit } from '@callboard/tracker';
import { cdr, linkedidEnds, queueLog, type QueueLogLine } from './support/asterisk-logs.js';
import { traceCaptures, tracesDir } from './support/traces.js';

const folders = [...new Set(traceCaptures().map((c) => c.folder))];

const TERMINAL = new Set([
  'CONNECT',
  'ABANDON',
  'EXITWITHTIMEOUT',
  'EXITEMPTY',
  'EXITWITHKEY',
  'WITHDRAW',
]);
const END_OF_TALK = new Set([
  'COMPLETECALLER',
  'COMPLETEAGENT',
  'BLINDTRANSFER',
  'ATTENDEDTRANSFER',
]);
const OUTCOME: Readonly<Record<string, QueueVisit['outcome']>> = {
  CONNECT: 'answered',
  ABANDON: 'abandoned',
  EXITWITHTIMEOUT: 'timeout',
  EXITEMPTY: 'exit-empty',
  EXITWITHKEY: 'exit-key',
  WITHDRAW: 'withdraw',
};
/** Where the wait (seconds) is in each terminal event's data. */
const WAIT_FIELD: Readonly<Record<string, number>> = {
  CONNECT: 0,
  ABANDON: 2,
  EXITWITHTIMEOUT: 2,
  EXITEMPTY: 2,
  EXITWITHKEY: 3,
  WITHDRAW: 2,
};

interface Entry {
  readonly enter: QueueLogLine;
  readonly end: QueueLogLine | undefined;
  readonly talk: QueueLogLine | undefined;
  readonly ringsMissed: Map<string, number>;
}

/** Each ENTERQUEUE with the lines that followed it for the same callid and queue. */
function entries(lines: readonly QueueLogLine[]): Entry[] {
  const out: Entry[] = [];
  lines.forEach((line, i) => {
    if (line.event !== 'ENTERQUEUE') return;
    const later = lines
      .slice(i + 1)
      .filter(
        (l) => l.server === line.server && l.callid === line.callid && l.queue === line.queue,
      );
    const nextEnter = later.findIndex((l) => l.event === 'ENTERQUEUE');
    const own = nextEnter < 0 ? later : later.slice(0, nextEnter);
    const ringsMissed = new Map<string, number>();
    for (const l of own)
      if (l.event === 'RINGNOANSWER') ringsMissed.set(l.agent, (ringsMissed.get(l.agent) ?? 0) + 1);
    out.push({
      enter: line,
      end: own.find((l) => TERMINAL.has(l.event)),
      talk: own.find((l) => END_OF_TALK.has(l.event)),
      ringsMissed,
    });
  });
  return out;
}

const seconds = (ms: number): number => ms / 1000;

/**
 * A CDR time is a whole second, truncated: the moment lies in [t, t + 1 s).
 * Ours is the event's time, stamped a few milliseconds after the moment
 * Asterisk took for the CDR, so it may just cross into the next second.
 */
function withinSecond(ours: number | null, cdrSecond: number): boolean {
  return ours !== null && ours >= cdrSecond - 500 && ours < cdrSecond + 1500;
}
const isoMs = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

describe.each(folders)('%s reconciles with queue_log and CDR', (folder) => {
  const dir = join(tracesDir, folder);
  const { calls } = replayCaptures([dir]);
  const visits = calls.flatMap((c) => c.queueVisits.map((v) => ({ call: c, visit: v })));

  it('has a visit for each ENTERQUEUE, and no other', () => {
    const log = entries(queueLog(dir));
    const used = new Set<QueueVisit>();
    for (const e of log) {
      const mine = visits.filter(
        ({ visit: v, call }) =>
          v.channel.uniqueid === e.enter.callid &&
          v.queue === e.enter.queue &&
          call.servers.includes(e.enter.server) &&
          v.server === e.enter.server &&
          !used.has(v),
      );
      expect(
        mine.length,
        `visit for ${e.enter.server} ${e.enter.callid} ${e.enter.queue}`,
      ).toBeGreaterThanOrEqual(1);
      const first = mine.sort(
        (a, b) => Date.parse(a.visit.joinedAt) - Date.parse(b.visit.joinedAt),
      )[0];
      if (first) used.add(first.visit);
    }
    expect(visits.length).toBe(log.length);
  });

  it('agrees on each visit: outcome, operator, wait, talk and missed rings', () => {
    const log = entries(queueLog(dir));
    for (const e of log) {
      const where = `${folder} ${e.enter.callid} ${e.enter.queue}`;
      const visit = visits
        .map((x) => x.visit)
        .filter(
          (v) =>
            v.channel.uniqueid === e.enter.callid &&
            v.queue === e.enter.queue &&
            v.server === e.enter.server,
        )
        .sort(
          (a, b) =>
            Math.abs(Date.parse(a.joinedAt) - e.enter.at) -
            Math.abs(Date.parse(b.joinedAt) - e.enter.at),
        )[0];
      expect(visit, where).toBeDefined();
      if (!visit || !e.end) continue;
      expect(visit.outcome, `${where} outcome`).toBe(OUTCOME[e.end.event]);
      const wait = Number(e.end.data[WAIT_FIELD[e.end.event] ?? 0]);
      expect(
        Math.abs(seconds(visit.waitMs) - wait),
        `${where} wait ${visit.waitMs} ms vs ${wait} s`,
      ).toBeLessThanOrEqual(1);
      if (e.end.event === 'CONNECT') {
        expect(visit.answeredBy?.memberName, `${where} operator`).toBe(e.end.agent);
        if (!e.talk) continue;
        const talkField =
          e.talk.event === 'BLINDTRANSFER' || e.talk.event === 'ATTENDEDTRANSFER' ? 3 : 1;
        const talk = Number(e.talk.data[talkField]);
        const queueLogBlind =
          visit.transfer !== null &&
          !e.talk.event.endsWith('TRANSFER') &&
          (visit.answeredBy?.interface.startsWith('Local/') ?? false);
        if (queueLogBlind) {
          // The transfer queue_log could not see (see the top of this file).
          expect(seconds(visit.talkMs), `${where} talk ends at the transfer`).toBeLessThan(talk);
        } else {
          expect(
            Math.abs(seconds(visit.talkMs) - talk),
            `${where} talk ${visit.talkMs} ms vs ${talk} s`,
          ).toBeLessThanOrEqual(1);
          expect(visit.transfer, `${where} transfer`).toBe(
            e.talk.event === 'BLINDTRANSFER'
              ? 'blind'
              : e.talk.event === 'ATTENDEDTRANSFER'
                ? 'attended'
                : null,
          );
        }
      }
      const missed = new Map<string, number>();
      for (const a of visit.attempts) {
        if (
          a.result === 'no-answer' ||
          a.result === 'busy' ||
          a.result === 'rejected' ||
          a.result === 'unavailable'
        ) {
          missed.set(a.memberName, (missed.get(a.memberName) ?? 0) + 1);
        }
      }
      expect(missed, `${where} missed rings`).toEqual(e.ringsMissed);
    }
  });

  it("agrees with the CDR on each call's start and PBX answer, and with CEL on its end", () => {
    const rows = cdr(dir);
    const byCall = new Map<CallRecord, typeof rows>();
    for (const row of rows) {
      const call = calls.find((c) => c.linkedids.includes(`${row.server}/${row.linkedid}`));
      expect(call, `a call for CDR linkedid ${row.server}/${row.linkedid}`).toBeDefined();
      if (call) byCall.set(call, [...(byCall.get(call) ?? []), row]);
    }
    const ends = linkedidEnds(dir);
    for (const call of calls) {
      const mine = byCall.get(call);
      expect(mine, `CDR rows for call ${call.id}`).toBeDefined();
      if (!mine) continue;
      const start = Math.min(...mine.map((r) => r.start));
      expect(
        withinSecond(isoMs(call.startedAt), start),
        `${call.id} start ${call.startedAt} vs ${new Date(start).toISOString()}`,
      ).toBe(true);
      // The caller's own rows (party A is the first channel, whose uniqueid is the call's first linkedid).
      const origin = call.id.slice(call.id.lastIndexOf('/') + 1);
      const answers = mine
        .filter((r) => r.uniqueid === origin && r.answer !== null)
        .map((r) => r.answer ?? 0);
      if (answers.length === 0) expect(call.pbxAnsweredAt, `${call.id} never answered`).toBeNull();
      else
        expect(
          withinSecond(isoMs(call.pbxAnsweredAt), Math.min(...answers)),
          `${call.id} answer`,
        ).toBe(true);
      // CDR writes no row for a caller left alone in a queue after its last dialled member,
      // so its end can only be earlier; CEL's LINKEDID_END is the end to the microsecond.
      const end = Math.max(...mine.map((r) => r.end));
      expect(seconds(end - (isoMs(call.endedAt) ?? 0)), `${call.id} CDR end`).toBeLessThanOrEqual(
        1,
      );
      const celEnd = Math.max(
        ...ends
          .filter((e) => call.linkedids.includes(`${e.server}/${e.linkedid}`))
          .map((e) => e.at),
      );
      expect(
        Math.abs(celEnd - (isoMs(call.endedAt) ?? 0)),
        `${call.id} end (CEL LINKEDID_END)`,
      ).toBeLessThanOrEqual(100);
    }
  });

  it('has one call for each group of linkedids that CEL saw end', () => {
    for (const e of linkedidEnds(dir)) {
      const mine = calls.filter((c) => c.linkedids.includes(`${e.server}/${e.linkedid}`));
      expect(mine.length, `calls with linkedid ${e.server}/${e.linkedid}`).toBe(1);
    }
    const covered = new Set(
      calls.filter((c) =>
        linkedidEnds(dir).some((e) => c.linkedids.includes(`${e.server}/${e.linkedid}`)),
      ),
    );
    expect(covered.size).toBe(calls.length);
  });
});
