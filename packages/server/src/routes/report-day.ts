// GET /api/report/:table?station&day[&days][&minute][&format][&columns]:
// one table of one station's day (in the station's zone) as Arrow IPC, or
// JSON of the same rows, all its columns or those named, cut to the
// caller's view (report/rows.ts); the hourly sums also for `days` days from
// `day`, as one table, and in hours from `minute` past UTC's. Admins and
// supervisors only.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { ReportCache } from '../report/cache.js';
import { DAY_TABLE_NAMES, DAY_TABLES } from '../report/columns.js';
import { BLOCK_TABLES, dayAnswer, MAX_BLOCK_DAYS } from '../report/day-data.js';
import { realDay } from '../report/day.js';
import { answer, COMPRESS } from '../report/respond.js';
import { scopeOf } from '../scope.js';
import { DENIALS, ErrorSchema } from './schemas.js';

export const DaySchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
export const StationSchema = Type.String({ minLength: 1, maxLength: 200 });

const schema = {
  tags: ['reports'],
  summary: "One table of a station's day as Arrow IPC (or JSON), cut to the caller's view",
  params: Type.Object({ table: Type.Enum(DAY_TABLE_NAMES) }, { additionalProperties: false }),
  querystring: Type.Object(
    {
      station: StationSchema,
      day: DaySchema,
      /** The day and the days after it, up to 32, as one table (queue-hours, operator-hours). */
      days: Type.Integer({ minimum: 1, maximum: MAX_BLOCK_DAYS, default: 1 }),
      /** The hourly sums' hours start this many minutes past each UTC hour (a zone of UTC+5:30 wants 30). */
      minute: Type.Integer({ minimum: 0, maximum: 45, multipleOf: 15, default: 0 }),
      format: Type.Enum(['arrow', 'json'], { default: 'arrow' }),
      /** Only these columns (comma-separated names of the table's columns). */
      columns: Type.Optional(Type.String({ pattern: '^[A-Za-z]+(,[A-Za-z]+)*$', maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
  response: { 400: ErrorSchema, 404: ErrorSchema, ...DENIALS },
};

export function reportDayRoute(app: App, ctx: Ctx): void {
  const cache = new ReportCache();
  app.get(
    '/api/report/:table',
    { schema, config: { access: ['admin', 'supervisor'] }, compress: COMPRESS },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      const { station, day, format } = req.query;
      if (!realDay(day))
        throw new ApiError('invalid', 'querystring.day: no such day', 'querystring.day');
      const table = req.params.table;
      const { days, minute } = req.query;
      if (days > 1 && !BLOCK_TABLES.includes(table))
        throw new ApiError(
          'invalid',
          `querystring.days: ${table} comes by the day; blocks of days are for ${BLOCK_TABLES.join(', ')}`,
          'querystring.days',
        );
      if (minute > 0 && !BLOCK_TABLES.includes(table))
        throw new ApiError(
          'invalid',
          `querystring.minute: ${table} has no hours; hours from a minute are for ${BLOCK_TABLES.join(', ')}`,
          'querystring.minute',
        );
      const columns = req.query.columns?.split(',');
      const known = new Set<string>(DAY_TABLES[table].map((c) => c.name));
      const unknown = columns?.find((c) => !known.has(c));
      if (unknown !== undefined)
        throw new ApiError(
          'invalid',
          `querystring.columns: ${table} has no column "${unknown}"`,
          'querystring.columns',
        );
      const zone = await ctx.store.reports.stationZone(station);
      if (zone === undefined) throw new ApiError('not_found', 'no such station');
      const operators = await ctx.store.operatorRefs();
      const scope = scopeOf(req.auth.user, operators);
      const a = await dayAnswer(ctx.store, scope, operators, zone, ctx.clock(), {
        table,
        station,
        day,
        days,
        minute,
        format,
        columns,
      });
      return answer(req, reply, cache, a);
    },
  );
}
