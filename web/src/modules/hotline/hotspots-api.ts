/** 12345 热点: a week's hot spots (any date inside the week; none: this week). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HotspotsView } from '../../../../common/schemas/hotline-hotspots.js';
import { api } from '../../app/request.js';

export const useHotspots = (week: string | undefined) =>
  useQuery({
    queryKey: ['hotline', 'hotspots', week ?? 'this'],
    queryFn: () => api.get<HotspotsView>('/api/hotline/hotspots', week ? { week } : {}),
    placeholderData: keepPreviousData,
  });
