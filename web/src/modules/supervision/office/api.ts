/** What the 督查室 sends and records: 督办通知, 督查通报, 实地督查, 督查建议 (records; see server supervision/office). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecordDetailView, RecordListView, RecordView } from '../../../../../common/schemas/records.js';
import { api } from '../../../app/request.js';

export type OfficeRecordType = 'supervision_notice' | 'supervision_bulletin' | 'field_check' | 'inspection_advice';

const officeKey = ['supervision', 'office'] as const;

export const useOfficeRecords = (type: OfficeRecordType, enabled = true) =>
  useQuery({ queryKey: [...officeKey, type], queryFn: () => api.get<RecordListView>(`/api/records/${type}`, { limit: 500 }), enabled });

/** The records linked to a case (notices sent about it, checks made of it). */
export const useCaseRecords = (caseId: string) =>
  useQuery({ queryKey: [...officeKey, 'case', caseId], queryFn: () => api.get<Array<RecordView & { relation: string }>>(`/api/cases/${caseId}/records`) });

const useOfficeMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: officeKey }) });
};

export const useSendNotice = () =>
  useOfficeMutation(({ caseId, ...body }: { caseId: string; noticeType: '督办通知' | '督办函'; replyBy: string; text?: string }) =>
    api.post<RecordDetailView>(`/api/supervision/items/${caseId}/notices`, body),
  );

export const useCompileBulletin = () => useOfficeMutation((period: { from: string; to: string }) => api.post<RecordDetailView>('/api/supervision/bulletins', period));
export const useUpdateBulletin = () =>
  useOfficeMutation(({ id, ...body }: { id: string; version: number; title: string; body: unknown[] }) => api.patch<RecordDetailView>(`/api/supervision/bulletins/${id}`, body));
export const useIssueBulletin = () => useOfficeMutation(({ id, version }: { id: string; version: number }) => api.post<RecordDetailView>(`/api/supervision/bulletins/${id}/issue`, { version }));

export const useRecordFieldCheck = () => useOfficeMutation((input: Record<string, unknown>) => api.post<RecordDetailView>('/api/supervision/field-checks', input));
export const useGiveAdvice = () => useOfficeMutation((fields: Record<string, unknown>) => api.post<RecordDetailView>('/api/records/inspection_advice', { fields }));

export const noticeDocxUrl = (id: string) => `/api/supervision/notices/${id}/document.docx`;
export const bulletinDocxUrl = (id: string) => `/api/supervision/bulletins/${id}/document.docx`;
