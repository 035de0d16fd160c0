/** 办会: meetings, rooms, types, 议题, agenda, notice, 回执, sign-in and the leaders' week. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeaderWeekView, MeetingDetail, MeetingSchedule } from '../../../../common/schemas/meeting.js';
import type { RecordDetailView, RecordListView, RecordView } from '../../../../common/schemas/records.js';
import { api } from '../../app/request.js';

const meetingsKey = ['meetings'] as const;

export const useMeetings = (year: number) =>
  useQuery({ queryKey: [...meetingsKey, 'list', year], queryFn: () => api.get<RecordView[]>('/api/meetings', { year }), placeholderData: keepPreviousData });

export const useMeeting = (id: string) => useQuery({ queryKey: [...meetingsKey, 'detail', id], queryFn: () => api.get<MeetingDetail>(`/api/meetings/${id}`) });

export const useLeaderWeek = (week: string) =>
  useQuery({ queryKey: [...meetingsKey, 'week', week], queryFn: () => api.get<LeaderWeekView>('/api/meetings/leader-week', { week }), placeholderData: keepPreviousData });

export const useLeaders = () => useQuery({ queryKey: [...meetingsKey, 'leaders'], queryFn: () => api.get<Array<{ id: string; name: string }>>('/api/meetings/leaders') });

/** Rooms, meeting types and 会风会纪通报 are records read through the generic routes. */
export const useRecordList = (type: 'meeting_room' | 'meeting_type' | 'discipline_notice') =>
  useQuery({ queryKey: [...meetingsKey, 'records', type], queryFn: () => api.get<RecordListView>(`/api/records/${type}`) });

/** Every change reloads everything about meetings, also on 409 so the next try reads the fresh version. */
const useMeetingMutation = <Input, Output>(mutationFn: (input: Input) => Promise<Output>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: meetingsKey }) });
};

export const useSaveRecord = () =>
  useMeetingMutation(({ type, id, fields, version }: { type: string; id?: string; fields: Record<string, unknown>; version?: number }) =>
    id ? api.patch<RecordDetailView>(`/api/records/${type}/${id}`, { fields, version }) : api.post<RecordDetailView>(`/api/records/${type}`, { fields }),
  );

export const useCreateMeeting = () => useMeetingMutation((schedule: MeetingSchedule) => api.post<MeetingDetail>('/api/meetings', schedule));

export const useMeetingAction = () =>
  useMeetingMutation(({ id, action, version, reason }: { id: string; action: 'notice' | 'hold' | 'cancel'; version: number; reason?: string }) =>
    api.post<MeetingDetail>(`/api/meetings/${id}/${action}`, { version, ...(reason ? { reason } : {}) }),
  );

export const useSubmitAgendaItem = () =>
  useMeetingMutation(({ meetingId, input }: { meetingId: string; input: { subject: string; summary: string; materials: string[]; needsLegalReview: boolean } }) =>
    api.post<RecordDetailView>(`/api/meetings/${meetingId}/agenda-items`, input),
  );

export const useReviewAgendaItem = () =>
  useMeetingMutation(({ id, input }: { id: string; input: { result: string; opinion: string; opinionCount: number; version: number } }) =>
    api.post<RecordDetailView>(`/api/agenda-items/${id}/review`, input),
  );

export const useSetAgenda = () =>
  useMeetingMutation(({ meetingId, itemIds, version }: { meetingId: string; itemIds: string[]; version: number }) => api.put<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, { itemIds, version }));

export const useReceipt = () =>
  useMeetingMutation(({ meetingId, attendees }: { meetingId: string; attendees: string[] }) => api.post<MeetingDetail>(`/api/meetings/${meetingId}/receipt`, { attendees }));

export const useAttendance = () =>
  useMeetingMutation(({ meetingId, input }: { meetingId: string; input: { name: string; unitId?: string; status: 'present' | 'absent'; reason?: string; substitute?: string } }) =>
    api.post<MeetingDetail>(`/api/meetings/${meetingId}/attendance`, input),
  );

export const useSignIn = () =>
  useMeetingMutation(({ meetingId, token }: { meetingId: string; token: string }) => api.post<{ name: string; at: string; isNew: boolean }>(`/api/meetings/${meetingId}/sign-in`, { token }));

export const meetingStateLabels: Record<string, string> = { planned: '筹备中', noticed: '已通知', held: '已召开', cancelled: '已取消' };
export const agendaStateLabels: Record<string, string> = { submitted: '已报送', reviewed: '已审查', scheduled: '已列入议程', returned: '已退回' };
export const reviewResultLabels: Record<string, string> = { passed: '合法', revise: '修改后可提交', failed: '不合法' };
