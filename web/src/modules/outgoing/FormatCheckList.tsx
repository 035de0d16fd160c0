/** 格式检查 beside 签发: every rule applied, each passed (green), a warning (amber, for the signer to weigh) or an error (red, blocks 签发). */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Spin, Typography } from 'antd';
import type { FormatCheckView } from '../../../../common/schemas/outgoing.js';
import './outgoing.css';

const severityOf = { passed: 'passed', warn: 'warning', error: 'error' } as const;
const iconOf = { passed: <CheckCircleFilled style={{ marginTop: 5, color: '#389e0d' }} />, warn: <ExclamationCircleFilled style={{ marginTop: 5 }} />, error: <CloseCircleFilled style={{ marginTop: 5 }} /> };

export const FormatCheckList = ({ check, isPending }: { check?: FormatCheckView; isPending: boolean }) => {
  if (isPending) return <Spin size="small" />;
  if (!check) return <Typography.Text type="secondary">格式检查暂不可用；签发时仍会检查。</Typography.Text>;
  const isClean = check.errors.length === 0 && check.warnings.length === 0;
  return (
    <div data-testid={isClean ? 'format-check-ok' : undefined}>
      {isClean && (
        <Typography.Text type="success">
          <CheckCircleFilled /> 格式检查通过（{check.checks.length} 项）
        </Typography.Text>
      )}
      <ul className="fb-check-list" data-testid={isClean ? undefined : 'format-check'} aria-label="格式检查">
        {check.checks.map((rule) => (
          <li key={rule.code} className={`fb-check-item${rule.result === 'passed' ? '' : rule.result === 'error' ? ' fb-check-error' : ' fb-check-warning'}`} data-severity={severityOf[rule.result]} data-code={rule.code}>
            {iconOf[rule.result]}
            <span>
              {rule.label}
              {rule.messages.map((message, index) => (
                <div key={index}>{message}</div>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
};
