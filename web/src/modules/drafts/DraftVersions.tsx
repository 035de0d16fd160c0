/** 稿次: every saved version of the 文稿 with its 字数, who saved it and why; the latest on top. */
import { Empty, Table, type TableColumnsType, Typography } from 'antd';
import type { CaseDetail } from '../../../../common/schemas/cases.js';
import { formatDateTime } from '../../app/time.js';
import { Section } from '../cases/Section.js';
import { formatChars } from './count.js';

type DraftVersion = { no: number; chars: number; note: string; by: string; at: string };

const columns: TableColumnsType<DraftVersion> = [
  { title: '稿次', dataIndex: 'no', key: 'no', width: 80, render: (no: number) => `第 ${no} 稿` },
  { title: '字数', dataIndex: 'chars', key: 'chars', width: 150, render: (chars: number) => formatChars(chars) },
  { title: '说明', dataIndex: 'note', key: 'note', render: (note: string) => note || '—' },
  { title: '保存人', dataIndex: 'by', key: 'by', width: 100 },
  { title: '保存时间', dataIndex: 'at', key: 'at', width: 170, render: formatDateTime },
];

export const DraftVersions = ({ detail }: { detail: CaseDetail }) => {
  const versions = (detail.fields.versions as DraftVersion[] | undefined) ?? [];
  const rows = [...versions].reverse();
  return (
    <Section
      title="稿次"
      extra={versions.length > 0 && <Typography.Text type="secondary">共 {versions.length} 稿，现稿 {formatChars(versions.at(-1)!.chars)}</Typography.Text>}
    >
      {versions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有保存文稿，请点「保存新稿」粘贴正文" />
      ) : (
        <div data-testid="draft-versions">
          <Table<DraftVersion> rowKey="no" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 640 }} />
        </div>
      )}
    </Section>
  );
};
