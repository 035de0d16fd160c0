/** 发文设置 (系统管理员): 机关代字 and 审批流程; the open tab is kept in the URL (?tab=chains). */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../../components/PageContainer.js';
import { ChainsTab } from './ChainsTab.js';
import { IssuerCodesTab } from './IssuerCodesTab.js';

const tabs = ['issuers', 'chains'] as const;
type Tab = (typeof tabs)[number];

export const OutgoingConfigPage = () => {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = tabs.find((item) => item === requested) ?? 'issuers';
  return (
    <PageContainer title="发文设置">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'issuers' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'issuers', label: '机关代字', children: <IssuerCodesTab /> },
          { key: 'chains', label: '审批流程', children: <ChainsTab /> },
        ]}
      />
    </PageContainer>
  );
};
