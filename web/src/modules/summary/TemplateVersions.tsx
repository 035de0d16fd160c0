/** 历史版本 of an office template: every save's whole text, newest first; one may be loaded back and saved as a new version. */
import { Button, Drawer, List, Tag } from 'antd';
import type { TemplateVersion } from '../../../../common/schemas/summary.js';
import { formatDateTime } from '../../app/time.js';
import { useTemplateVersions } from './api.js';

export const TemplateVersions = ({ templateKey, current, onRestore, onClose }: { templateKey: string; current: number | null; onRestore?: (version: TemplateVersion) => void; onClose: () => void }) => {
  const { data = [], isFetching } = useTemplateVersions(templateKey, true);
  return (
    <Drawer open title="模板历史版本" onClose={onClose} size={520}>
      <List
        loading={isFetching}
        dataSource={data}
        locale={{ emptyText: '暂无历史版本' }}
        renderItem={(version) => (
          <List.Item
            actions={
              version.version === current
                ? [<Tag key="current">当前版本</Tag>]
                : !onRestore
                  ? []
                  : [
                    <Button key="restore" size="small" onClick={() => onRestore?.(version)}>
                      载入此版本
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={`第 ${version.version} 版 · ${version.template.name}`}
              description={`${formatDateTime(version.at)} ${version.actorName} ${version.comment ?? ''}（${version.template.sections.length} 节）`}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
};
