// GET /api/report/meta: what a report page needs before it asks for data —
// the stations and queues the caller may see, each queue with its time zone
// (null: its station's) and service-level threshold, and the operators they
// may filter by (monitored ones of those stations). Admins and supervisors.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { scopeOf } from '../scope.js';
import { DENIALS } from './schemas.js';

const schema = {
  tags: ['reports'],
  summary: 'Stations and queues in view, with zones and service-level thresholds',
  response: {
    200: Type.Object({
      stations: Type.Array(Type.Object({ name: Type.String(), timezone: Type.String() })),
      queues: Type.Array(
        Type.Object({
          station: Type.String(),
          name: Type.String(),
          timezone: Type.Union([Type.String(), Type.Null()]),
          serviceLevelSeconds: Type.Integer(),
        }),
      ),
      operators: Type.Array(
        Type.Object({
          station: Type.String(),
          /** The operator's key, as report rows name them. */
          operator: Type.String(),
          name: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
    ...DENIALS,
  },
};

export function reportMetaRoute(app: App, ctx: Ctx): void {
  app.get(
    '/api/report/meta',
    { schema, config: { access: ['admin', 'supervisor'] } },
    async (req) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      const refs = await ctx.store.operatorRefs();
      const scope = scopeOf(req.auth.user, refs);
      const queues = (await ctx.store.directoryEdits.queues()).filter((q) =>
        scope.queue(q.station, q.name),
      );
      const seen = new Set(queues.map((q) => q.station));
      const stations = (await ctx.store.directoryEdits.stations()).filter(
        (s) => scope.role === 'admin' || seen.has(s.name),
      );
      return {
        stations: stations.map((s) => ({ name: s.name, timezone: s.timezone })),
        queues: queues.map((q) => ({
          station: q.station,
          name: q.name,
          timezone: q.timezone,
          serviceLevelSeconds: q.serviceLevelSeconds,
        })),
        operators: refs
          .filter(
            (o) =>
              (scope.role === 'admin' || seen.has(o.station)) &&
              scope.monitored(o.station, o.key) &&
              scope.operator(o.station, o.key),
          )
          .map((o) => ({ station: o.station, operator: o.key, name: o.name })),
      };
    },
  );
}
