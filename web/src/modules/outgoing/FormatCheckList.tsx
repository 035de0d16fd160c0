/** 格式检查 beside 签发: errors (red) block it, warnings (amber) are for the signer to weigh. */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Spin, Typography } from 'antd';
import type { FormatCheckView } from '../../../../common/schemas/outgoing.js';
import './outgoing.css';

export const FormatCheckList = ({ check, isPending }: { check?: FormatCheckView; isPending: boolean }) => {
  if (isPending) return <Spin size="small" />;
  if (!check) return <Typography.Text type="secondary">格式检查暂不可用；签发时仍会检查。</Typography.Text>;
  if (check.errors.length === 0 && check.warnings.length === 0) {
    return (
      <Typography.Text type="success" data-testid="format-check-ok">
        <CheckCircleFilled /> 格式检查通过
      </Typography.Text>
    );
  }
  return (
    <ul className="fb-check-list" data-testid="format-check" aria-label="格式检查">
      {check.errors.map((finding, index) => (
        <li key={`e${index}`} className="fb-check-item fb-check-error" data-severity="error" data-code={finding.code}>
          <CloseCircleFilled style={{ marginTop: 5 }} />
          <span>{finding.message}</span>
        </li>
      ))}
      {check.warnings.map((finding, index) => (
        <li key={`w${index}`} className="fb-check-item fb-check-warning" data-severity="warning" data-code={finding.code}>
          <ExclamationCircleFilled style={{ marginTop: 5 }} />
          <span>{finding.message}</span>
        </li>
      ))}
    </ul>
  );
};
