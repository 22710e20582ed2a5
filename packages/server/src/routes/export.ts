// GET /api/export/:table?station&day[&to]&format=csv|xlsx: the rows of a
// report table (the same rows, the same cut to the caller's view, as
// /api/report/:table) over one day or up to 31, as a file to download.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { DAY_TABLE_NAMES, DAY_TABLES } from '../report/columns.js';
import { readDayRows } from '../report/day-data.js';
import { dayCount, daysRange, realDay } from '../report/day.js';
import { safeFileName, toCsv, toXlsx } from '../report/export.js';
import { COMPRESS } from '../report/respond.js';
import { scopeOf } from '../scope.js';
import { DaySchema, StationSchema } from './report-day.js';
import { DENIALS, ErrorSchema } from './schemas.js';

const MAX_DAYS = 31;

const schema = {
  tags: ['reports'],
  summary: 'A report table as CSV or XLSX, cut to the caller’s view',
  params: Type.Object({ table: Type.Enum(DAY_TABLE_NAMES) }, { additionalProperties: false }),
  querystring: Type.Object(
    {
      station: StationSchema,
      day: DaySchema,
      to: Type.Optional(DaySchema),
      format: Type.Enum(['csv', 'xlsx']),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Unknown({ description: 'the file: text/csv, or an XLSX workbook' }),
    400: ErrorSchema,
    404: ErrorSchema,
    ...DENIALS,
  },
};

export function exportRoute(app: App, ctx: Ctx): void {
  app.get(
    '/api/export/:table',
    { schema, config: { access: ['admin', 'supervisor'] }, compress: COMPRESS },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      const { station, day, format } = req.query;
      const to = req.query.to ?? day;
      for (const [field, d] of [
        ['day', day],
        ['to', to],
      ] as const)
        if (!realDay(d))
          throw new ApiError(
            'invalid',
            `querystring.${field}: no such day`,
            `querystring.${field}`,
          );
      const days = dayCount(day, to);
      if (days < 1 || days > MAX_DAYS)
        throw new ApiError(
          'invalid',
          `querystring.to: from 1 to ${MAX_DAYS} days`,
          'querystring.to',
        );
      const zone = await ctx.store.reports.stationZone(station);
      if (zone === undefined) throw new ApiError('not_found', 'no such station');
      const scope = scopeOf(req.auth.user, await ctx.store.operatorRefs());
      const { since, until } = daysRange(day, to, zone);
      const table = req.params.table;
      const rows = await readDayRows(ctx.store, scope, table, {
        station,
        since: new Date(since),
        until: new Date(until),
      });
      const columns = DAY_TABLES[table];
      const name = safeFileName([station, table, day, ...(to === day ? [] : [to])], format);
      void reply.header('content-disposition', `attachment; filename="${name}"`);
      void reply.header('x-callboard-time-zone', zone);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(columns, rows));
      const bytes = await toXlsx(table, columns, rows);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}
