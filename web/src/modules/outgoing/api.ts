/** 发文: 机关代字, approval chains, the people who may sign, the format check and the rendered document. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { isErrorBody } from '../../../../common/errors.js';
import type { z } from 'zod';
import type { ApprovalChainView, DocNumberLedger, FormatCheckView, IssuerCode, OutgoingFields } from '../../../../common/schemas/outgoing.js';
import { api } from '../../app/request.js';
import { useLeaders } from '../cases/api.js';
import { type PersonOption, useColleagues } from '../work/api.js';

export const useIssuerCodes = () =>
  useQuery({ queryKey: ['issuer-codes'], queryFn: () => api.get<IssuerCode[]>('/api/issuer-codes'), staleTime: 5 * 60_000 });

export const useApprovalChains = () =>
  useQuery({ queryKey: ['approval-chains'], queryFn: () => api.get<ApprovalChainView[]>('/api/approval-chains'), staleTime: 5 * 60_000 });

/**
 * The chain a document would walk: each of 代字, 文种, 方向 that matches exactly outranks "any"
 * (the same ranking as findChainFor on the server; 送审 decides for real).
 */
export const chainFor = (
  chains: readonly ApprovalChainView[],
  fields: Partial<Pick<OutgoingFields, 'issuerCode' | 'docType' | 'direction'>>,
): ApprovalChainView | undefined => {
  const score = (chain: ApprovalChainView) => {
    const parts: Array<[string | null, string | undefined]> = [
      [chain.issuerCode, fields.issuerCode],
      [chain.docType, fields.docType],
      [chain.direction, fields.direction],
    ];
    if (parts.some(([wanted, actual]) => wanted !== null && wanted !== actual)) return -1;
    return parts.reduce((sum, [wanted], index) => sum + (wanted === null ? 0 : 4 >> index), 0);
  };
  return chains
    .filter((chain) => chain.isActive)
    .map((chain) => ({ chain, score: score(chain) }))
    .filter((candidate) => candidate.score >= 0)
    .sort((a, b) => b.score - a.score || a.chain.name.localeCompare(b.chain.name))[0]?.chain;
};

/**
 * Who may be chosen as 签发人: everyone holding a role of the chain's 签发 step (GET /api/signers),
 * with the 代字's 主要负责人 first. `everyone` also holds the leaders and colleagues, to name people.
 */
export const useSigners = (signRoles: readonly string[] | undefined, principalId: string | null | undefined) => {
  const roles = (signRoles && signRoles.length > 0 ? [...signRoles] : ['leader', 'director']).sort().join(',');
  const { data: holders = [], isPending: holdersPending } = useQuery({
    queryKey: ['signers', roles],
    queryFn: () => api.get<PersonOption[]>(`/api/signers?roles=${encodeURIComponent(roles)}`),
    staleTime: 5 * 60_000,
  });
  const { data: leaders = [] } = useLeaders();
  const { data: colleagues = [] } = useColleagues();
  const signers = useMemo(() => {
    const principal = holders.find((person) => person.id === principalId);
    return principal ? [principal, ...holders.filter((person) => person.id !== principal.id)] : holders;
  }, [holders, principalId]);
  const everyone = useMemo(() => [...holders, ...leaders, ...colleagues], [holders, leaders, colleagues]);
  return { signers, isPending: holdersPending, everyone };
};

/** The check beside 签发; under ['cases', …] so it reloads whenever the case does. */
export const useFormatCheck = (caseId: string, version: number) =>
  useQuery({
    queryKey: ['cases', 'format-check', caseId, version],
    queryFn: () => api.get<FormatCheckView>(`/api/cases/${caseId}/format-check`),
    // A new version (e.g. a 催办 event) must not blank the list and flicker the 签发 button.
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });

export const documentUrl = (caseId: string, type: 'docx' | 'pdf' | 'png', version?: number): string =>
  `/api/cases/${caseId}/document.${type}${version === undefined ? '' : `?v=${version}`}`;

/** An image of the first page as a data: URL; a refusal (未安装 LibreOffice) comes back as its message. */
const fetchPreview = async (url: string): Promise<string> => {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    const payload: unknown = await response.json().catch(() => null);
    throw new Error(isErrorBody(payload) ? payload.message : `预览生成失败（HTTP ${response.status}）`);
  }
  // A data: URL, not a blob: one — the Content-Security-Policy allows images from 'self' and data: only.
  const blob = await response.blob();
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('预览图片读取失败'));
    reader.readAsDataURL(blob);
  });
};

/** The rendered first page (LibreOffice on the server); slow, so only fetched when shown, and kept per version. */
export const useDocumentImage = (caseId: string, version: number, enabled = true) =>
  useQuery({
    queryKey: ['document-image', caseId, version],
    queryFn: () => fetchPreview(documentUrl(caseId, 'png', version)),
    enabled,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
    meta: { silent: true },
  });

/** Live 预留 numbers of a 代字 this year, to use at 登记 (the same query as the 文号登记簿's). */
export const useReservedNumbers = (issuerCode: string, year: number) => {
  const query = useQuery({
    queryKey: ['doc-numbers', issuerCode, year],
    queryFn: () => api.get<z.infer<typeof DocNumberLedger>>('/api/doc-numbers', { issuer: issuerCode, year }),
    meta: { silent: true },
  });
  const now = Date.now();
  const reserved = (query.data?.rows ?? []).filter((row) => row.status === 'reserved' && row.reservedUntil && Date.parse(row.reservedUntil) > now);
  return { reserved, isPending: query.isPending };
};
