/** 工作日历: each day of a year (everyone), and the administrator's overrides (calendar.manage). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CalendarOverrideView,
  CalendarYearView,
  OverrideKind,
  SetOverrideInput,
} from '../../../../common/schemas/calendar.js';
import { api, request } from '../../app/request.js';

export { overrideKindLabels, SetOverrideInput as SetOverrideSchema } from '../../../../common/schemas/calendar.js';
export type { CalendarOverrideView, CalendarYearView, OverrideKind, SetOverrideInput };
export type { CalendarDay } from '../../../../common/schemas/calendar.js';

export const useCalendarYear = (year: number) =>
  useQuery({ queryKey: ['calendar', 'year', year], queryFn: () => api.get<CalendarYearView>(`/api/calendar/${year}`) });

const overridesQueryKey = ['calendar', 'overrides'] as const;

export const useOverrides = (enabled: boolean) =>
  useQuery({ queryKey: overridesQueryKey, queryFn: () => api.get<CalendarOverrideView[]>('/api/calendar/overrides'), enabled });

/** Any change reloads the overrides and every year shown (and the health warnings about missing years). */
const useCalendarMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['calendar'] }),
        queryClient.invalidateQueries({ queryKey: ['health'] }),
      ]),
  });
};

export const useSetOverride = () =>
  useCalendarMutation(({ date, input }: { date: string; input: SetOverrideInput }) =>
    api.put<CalendarOverrideView>(`/api/calendar/overrides/${date}`, input),
  );

export const useDeleteOverride = () =>
  useCalendarMutation((override: CalendarOverrideView) =>
    request<void>('DELETE', `/api/calendar/overrides/${override.date}`, { query: { version: override.version } }),
  );
