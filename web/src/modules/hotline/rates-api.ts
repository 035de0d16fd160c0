/** 12345 三率: the board of a month (with 环比 and 同比) and the tickets behind any of its figures. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DrillPart, RateDrillView, RateId, RatesView } from '../../../../common/schemas/hotline-rates.js';
import { api } from '../../app/request.js';

const ratesKey = ['hotline', 'rates'] as const;

export const useRates = (month: string, by: 'unit' | 'area') =>
  useQuery({ queryKey: [...ratesKey, month, by], queryFn: () => api.get<RatesView>('/api/hotline/rates', { month, by }), placeholderData: keepPreviousData });

/** One figure of the board: whose (a unit's id, a 街乡's name, or the whole city), which month and rate. */
export type RateCell = { by: 'unit' | 'area' | 'all'; key: string | null; name: string; month: string; rate: RateId };

export const useRateDrill = (cell: RateCell | null, part: DrillPart, page: number, pageSize: number) =>
  useQuery({
    queryKey: [...ratesKey, 'tickets', cell, part, page, pageSize],
    queryFn: () =>
      api.get<RateDrillView>('/api/hotline/rates/tickets', { month: cell!.month, by: cell!.by, ...(cell!.key ? { key: cell!.key } : {}), rate: cell!.rate, part, page, pageSize }),
    enabled: cell !== null,
    placeholderData: keepPreviousData,
  });
