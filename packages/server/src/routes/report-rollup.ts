// GET /api/report/rollup/:table?station&from&to[&format]: hourly roll-ups
// (per queue, or per operator) of a station from one day to another (both
// included, at most 400 days) as Arrow IPC or JSON, cut to the caller's
// view (report/rollup-rows.ts). Admins and supervisors only.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { ReportCache } from '../report/cache.js';
import { dayCount, realDay } from '../report/day.js';
import { answer, COMPRESS } from '../report/respond.js';
import { rollupAnswer } from '../report/rollup-data.js';
import { scopeOf } from '../scope.js';
import { DaySchema, StationSchema } from './report-day.js';
import { DENIALS, ErrorSchema } from './schemas.js';

const MAX_DAYS = 400;

const schema = {
  tags: ['reports'],
  summary: 'Hourly roll-ups per queue or per operator over days, cut to the caller’s view',
  params: Type.Object(
    { table: Type.Enum(['queues', 'operators']) },
    { additionalProperties: false },
  ),
  querystring: Type.Object(
    {
      station: StationSchema,
      from: DaySchema,
      to: DaySchema,
      format: Type.Enum(['arrow', 'json'], { default: 'arrow' }),
    },
    { additionalProperties: false },
  ),
  response: { 400: ErrorSchema, 404: ErrorSchema, ...DENIALS },
};

export function reportRollupRoute(app: App, ctx: Ctx): void {
  const cache = new ReportCache(0);
  app.get(
    '/api/report/rollup/:table',
    { schema, config: { access: ['admin', 'supervisor'] }, compress: COMPRESS },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      const { station, from, to, format } = req.query;
      for (const [field, day] of [
        ['from', from],
        ['to', to],
      ] as const)
        if (!realDay(day))
          throw new ApiError(
            'invalid',
            `querystring.${field}: no such day`,
            `querystring.${field}`,
          );
      const days = dayCount(from, to);
      if (days < 1 || days > MAX_DAYS)
        throw new ApiError(
          'invalid',
          `querystring.to: from 1 to ${MAX_DAYS} days from "from"`,
          'querystring.to',
        );
      const zone = await ctx.store.reports.stationZone(station);
      if (zone === undefined) throw new ApiError('not_found', 'no such station');
      const operators = await ctx.store.operatorRefs();
      const scope = scopeOf(req.auth.user, operators);
      const a = await rollupAnswer(ctx.store, scope, operators, zone, {
        table: req.params.table,
        station,
        from,
        to,
        format,
      });
      return answer(req, reply, cache, a);
    },
  );
}
