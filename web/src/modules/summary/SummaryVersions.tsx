/** 历史版本: every save's whole text, newest first; one may be loaded back and saved as a new version. */
import { Button, Drawer, List } from 'antd';
import type { SummaryVersion } from '../../../../common/schemas/summary.js';
import { formatDateTime } from '../../app/time.js';
import { useSummaryVersions } from './api.js';

export const SummaryVersions = ({ id, onRestore, onClose }: { id: string; onRestore: (version: SummaryVersion) => void; onClose: () => void }) => {
  const { data = [], isFetching } = useSummaryVersions(id, true);
  return (
    <Drawer open title="历史版本" onClose={onClose} size={520}>
      <List
        loading={isFetching}
        dataSource={data}
        renderItem={(version) => (
          <List.Item
            actions={[
              <Button key="restore" size="small" onClick={() => onRestore(version)}>
                载入此版本
              </Button>,
            ]}
          >
            <List.Item.Meta title={`第 ${version.version} 版`} description={`${formatDateTime(version.at)} ${version.actorName} ${version.comment ?? ''}`} />
          </List.Item>
        )}
      />
    </Drawer>
  );
};

