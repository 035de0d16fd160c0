/**
 * What the tokens of some texts read as for a period: those the server already worked out (a draft's
 * view), and the rest asked for in one request (POST /api/summaries/token-values) — a token just inserted
 * shows its value in a moment. A new period asks again.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { splitSource, tokenKey, tokenText } from '../../../../../common/documents/summary-source.js';
import type { TokenValues } from '../../../../../common/schemas/summary.js';
import { api, notifyError } from '../../../app/request.js';

export type Period = { from: string; to: string; unitId: string | null };

const MAX_PER_REQUEST = 100;

export const useTokenValues = (period: Period | null, texts: readonly string[], known?: TokenValues): TokenValues => {
  const periodKey = period ? `${period.from}/${period.to}/${period.unitId ?? ''}` : '';
  const [fetched, setFetched] = useState<{ periodKey: string; values: TokenValues }>({ periodKey, values: {} });
  const asked = useRef<{ periodKey: string; keys: Set<string> }>({ periodKey, keys: new Set() });
  if (asked.current.periodKey !== periodKey) asked.current = { periodKey, keys: new Set() };

  const values = useMemo(() => ({ ...(fetched.periodKey === periodKey ? fetched.values : {}), ...known }), [fetched, periodKey, known]);
  const missing = useMemo(() => {
    const tokens = new Map<string, string>();
    for (const text of texts) {
      for (const piece of splitSource(text, { placeholders: false })) {
        if (piece.type !== 'token') continue;
        const key = tokenKey(piece.metricId, piece.kind);
        if (!values[key] && !asked.current.keys.has(key)) tokens.set(key, tokenText(piece.metricId, piece.kind));
      }
    }
    return [...tokens.entries()].slice(0, MAX_PER_REQUEST);
  }, [texts, values, periodKey]);

  const missingKeys = missing.map(([key]) => key).join('\n');
  useEffect(() => {
    if (!period || missing.length === 0) return;
    const forPeriod = asked.current;
    for (const [key] of missing) forPeriod.keys.add(key);
    api
      .post<TokenValues>('/api/summaries/token-values', { ...period, tokens: missing.map(([, token]) => token) })
      .then((answer) => setFetched((previous) => ({ periodKey, values: { ...(previous.periodKey === periodKey ? previous.values : {}), ...answer } })))
      .catch((error: unknown) => {
        for (const [key] of missing) forPeriod.keys.delete(key);
        notifyError(error);
      });
  }, [periodKey, missingKeys]);

  return values;
};
