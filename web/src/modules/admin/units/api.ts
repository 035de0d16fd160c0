/** Units (单位): list, create, update (including enable/disable). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUnitInput, Unit, UpdateUnitInput } from '../../../../../common/schemas/org.js';
import { api } from '../../../app/request.js';

export const unitsQueryKey = ['units'] as const;

export const useUnits = (enabled = true) =>
  useQuery({ queryKey: unitsQueryKey, queryFn: () => api.get<Unit[]>('/api/units'), enabled });

/** Refreshes units (and users, who show unit names) after a change or a conflict. */
const useRefreshUnits = () => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: unitsQueryKey }),
      queryClient.invalidateQueries({ queryKey: ['users'] }),
    ]);
};

export const useCreateUnit = () => {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: (input: CreateUnitInput) => api.post<Unit>('/api/units', input),
    onSettled: refresh,
  });
};

export const useUpdateUnit = () => {
  const refresh = useRefreshUnits();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateUnitInput }) => api.patch<Unit>(`/api/units/${id}`, input),
    onSettled: refresh,
  });
};

/** A unit with its children, sorted by sortOrder then name, for tree tables and selects. */
export type UnitNode = Unit & { children?: UnitNode[] };

export const buildUnitTree = (units: readonly Unit[]): UnitNode[] => {
  const byParent = new Map<string | null, Unit[]>();
  const ids = new Set(units.map((unit) => unit.id));
  for (const unit of units) {
    // A unit whose parent is not visible (scope) is shown at the top level.
    const parentKey = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    byParent.set(parentKey, [...(byParent.get(parentKey) ?? []), unit]);
  }
  const build = (parentId: string | null): UnitNode[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
      .map((unit) => {
        const children = build(unit.id);
        return children.length ? { ...unit, children } : { ...unit };
      });
  return build(null);
};
