/**
 * A citizen's personal value as every page shows it: masked (138****1234). Whoever may (pii.reveal) presses
 * 显示 to see it in full; the server records that in the audit log, so the button says so. The value shown
 * stays in this component's state only, never in the query cache, and goes when the page is left.
 */
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { RevealedValue } from '../../../common/schemas/personal.js';
import { api, notifyError } from '../app/request.js';

export const MaskedValue = ({ caseId, field, masked, canReveal }: { caseId: string; field: string; masked: string | null; canReveal: boolean }) => {
  const [revealed, setRevealed] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  if (masked === null) return <>—</>;
  const reveal = async () => {
    setIsLoading(true);
    try {
      setRevealed((await api.post<RevealedValue>(`/api/cases/${caseId}/personal/${field}/reveal`)).value);
    } catch (error) {
      notifyError(error);
    } finally {
      setIsLoading(false);
    }
  };
  return (
    <Space size={4} data-testid={`personal-${field}`}>
      <Typography.Text>{revealed ?? masked}</Typography.Text>
      {canReveal &&
        (revealed === null ? (
          <Tooltip title="查看全文将记入审计日志">
            <Button size="small" type="link" icon={<EyeOutlined />} loading={isLoading} onClick={reveal}>
              显示
            </Button>
          </Tooltip>
        ) : (
          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)}>
            隐藏
          </Button>
        ))}
    </Space>
  );
};
