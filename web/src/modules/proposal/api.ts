/** 建议提案: the board, single entry, the 交办会, the survey link, and the deputy's public survey. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BatchAssignInput, BatchAssignResult, CreateProposalInput, ProposalItemView, SurveyAnswer, SurveyView } from '../../../../common/schemas/proposal.js';
import { api } from '../../app/request.js';
import type { RegisterImportEndpoints } from '../register-import/types.js';

const itemsKey = ['proposals'] as const;

export type ProposalFilter = { body?: string; state?: string; unitId?: string };

export const useProposals = (filter: ProposalFilter) =>
  useQuery({
    queryKey: [...itemsKey, filter],
    queryFn: () => api.get<ProposalItemView[]>('/api/proposals', Object.fromEntries(Object.entries(filter).filter(([, value]) => value))),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

export const useCreateProposal = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProposalInput) => api.post<{ id: string; serialNo: string; version: number }>('/api/proposals', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemsKey }),
  });
};

export const useAssignmentMeeting = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BatchAssignInput) => api.post<BatchAssignResult>('/api/proposals/assignment-meeting', input),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: itemsKey }), queryClient.invalidateQueries({ queryKey: ['cases'] })]),
  });
};

export const assignmentSheetUrl = (meetingOn: string, unitId: string) => `/api/proposals/assignment-sheet.xlsx?meetingOn=${meetingOn}&unitId=${unitId}`;

export const useSurveyLink = () =>
  useMutation({ mutationFn: (caseId: string) => api.post<{ token: string; path: string; expiresAt: string; round: number }>(`/api/proposals/${caseId}/survey-link`) });

/** The deputy's page: no session, the token is the only key. */
export const usePublicSurvey = (token: string) =>
  useQuery({ queryKey: ['proposal-survey', token], queryFn: () => api.get<SurveyView>(`/api/public/proposal-survey/${encodeURIComponent(token)}`), retry: false });

export const useSubmitSurvey = (token: string) =>
  useMutation({ mutationFn: (answer: SurveyAnswer) => api.post<{ overall: string }>(`/api/public/proposal-survey/${encodeURIComponent(token)}`, answer) });

export const proposalImportPath = '/cases/proposal/import';

export const proposalImportEndpoints: RegisterImportEndpoints = {
  previewUrl: '/api/proposals/import/preview',
  importUrl: '/api/proposals/import',
  invalidates: [['cases'], ['inbox'], itemsKey],
};
