/**
 * What the server warned about when a case was registered (e.g. 来文机关 + 来文字号 seen before),
 * with links to the earlier records it linked the new one to.
 */
import { Alert, Flex } from 'antd';
import { Link } from 'react-router';
import type { CaseDetail } from '../../../../common/schemas/cases.js';
import { casePath, useCaseDetail } from './api.js';

const LinkList = ({ links, inNewTab }: { links: CaseDetail['links']; inNewTab: boolean }) => (
  <Flex vertical gap={2} style={{ marginTop: 6 }}>
    {links.map((link) =>
      inNewTab ? (
        <a key={link.caseId} href={casePath('case', link.caseId)} target="_blank" rel="noreferrer">
          查看原记录：{link.serialNo} {link.title}
        </a>
      ) : (
        <Link key={link.caseId} to={casePath('case', link.caseId)}>
          查看原记录：{link.serialNo} {link.title}
        </Link>
      ),
    )}
  </Flex>
);

/** For a case just registered: its detail gives the linked earlier records. */
export const CreatedWarnings = ({
  caseId,
  warnings,
  inNewTab = false,
  onClose,
}: {
  caseId: string;
  warnings: readonly string[];
  /** Inside a form that should stay open (保存并继续登记): open the earlier record in a new tab. */
  inNewTab?: boolean;
  onClose?: () => void;
}) => {
  const { data: detail } = useCaseDetail(caseId);
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="created-warnings"
      style={{ marginBottom: 16 }}
      title={warnings.length === 1 ? '请核对' : `请核对（${warnings.length} 项）`}
      closable={onClose ? { onClose } : undefined}
      description={
        <>
          {warnings.map((warning) => (
            <div key={warning}>{warning}</div>
          ))}
          {detail && detail.links.length > 0 && <LinkList links={detail.links} inNewTab={inNewTab} />}
        </>
      }
    />
  );
};
