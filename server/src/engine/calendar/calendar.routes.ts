/** Routes: /api/calendar. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor, typed } from '../../platform/http.js';
import {
  CalendarDateParams,
  CalendarOverrideView,
  CalendarYearParams,
  CalendarYearView,
  DeleteOverrideQuery,
  SetOverrideInput,
} from '../../../../common/schemas/calendar.js';
import { deleteOverride, getCalendarYear, listOverrides, setOverride } from './calendar.service.js';

export const calendarRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['工作日历'];

  // The static path is matched before /api/calendar/:year, so "overrides" never reaches the year schema.
  api.get('/api/calendar/overrides', {
    config: { access: 'calendar.manage' },
    schema: { tags, summary: '工作日历调整记录', response: { 200: z.array(CalendarOverrideView) } },
    handler: (request) => listOverrides({ db, actor: requireActor(request) }),
  });
  api.get('/api/calendar/:year', {
    config: { access: 'calendar.read' },
    schema: { tags, summary: '某年每一天是否工作日', params: CalendarYearParams, response: { 200: CalendarYearView } },
    handler: (request) => {
      return getCalendarYear({ db, year: request.params.year });
    },
  });
  api.put('/api/calendar/overrides/:date', {
    config: { access: 'calendar.manage' },
    schema: { tags, summary: '设置某日放假、上班或恢复平常', params: CalendarDateParams, body: SetOverrideInput, response: { 200: CalendarOverrideView } },
    handler: (request) =>
      setOverride({ db, actor: requireActor(request), date: request.params.date, input: request.body, now: clock() }),
  });
  api.delete('/api/calendar/overrides/:date', {
    config: { access: 'calendar.manage' },
    schema: { tags, summary: '删除某日的调整记录', params: CalendarDateParams, querystring: DeleteOverrideQuery, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await deleteOverride({ db, actor: requireActor(request), date: request.params.date, version: request.query.version, now: clock() });
      return reply.status(204).send(null);
    },
  });
};
