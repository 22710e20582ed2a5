// The page's side of the report worker: one worker for the session, each
// question a promise. A new question does not wait for an old one.

import type { FromWorker, Meta, ReportQuery, ReportResult, Timings, ToWorker } from './protocol.ts';

export class ReportClient {
  private readonly worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve: (a: { result: ReportResult; timings: Timings }) => void; reject: (e: Error) => void }
  >();

  constructor(cacheName: string) {
    this.worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve({ result: m.result, timings: m.timings });
    });
    this.send({ type: 'user', cacheName });
  }

  ask(meta: Meta, query: ReportQuery): Promise<{ result: ReportResult; timings: Timings }> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'report', id, meta, query });
    });
  }

  close(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('closed'));
    this.pending.clear();
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}
