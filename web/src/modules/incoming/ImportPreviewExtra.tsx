/**
 * What the 收文登记簿's preview shows of its own: the default 文种 for rows whose register names none,
 * the rows still being handled (imported as 待拟办), and each duplicate with the earlier row or record.
 */
import { Alert, Flex, Select, Table, Typography } from 'antd';
import { documentTypes } from '../../../../common/documents/official.js';
import type { ImportPreview } from '../../../../common/schemas/incoming-import.js';

type Props = { preview: ImportPreview; extra: Record<string, string>; onExtraChange: (extra: Record<string, string>) => void };

export const ImportPreviewExtra = ({ preview, extra, onExtraChange }: Props) => {
  const inProgressRows = preview.validRows.filter((row) => row.finalState === 'open').map((row) => row.row);
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8} wrap>
        <Typography.Text>默认文种：</Typography.Text>
        <Select
          allowClear
          placeholder="不设（按标题判断）"
          style={{ width: 200 }}
          value={extra.defaultDocType || undefined}
          options={documentTypes.map((type) => ({ value: type, label: type }))}
          onChange={(value?: string) => onExtraChange({ ...extra, defaultDocType: value ?? '' })}
          data-testid="import-default-doc-type"
        />
        <Typography.Text type="secondary">
          {preview.mapping.docType === null ? '登记簿没有文种一列：按标题结尾判断（如“……的通知”），判断不出的用默认文种。' : '文种一列为空的行按标题判断，判断不出的用默认文种。'}
        </Typography.Text>
      </Flex>
      {preview.inProgress > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="import-in-progress"
          title={`${preview.inProgress} 件在办，将导入为待拟办`}
          description={`第 ${inProgressRows.join('、')} 行尚未办结，导入后进入您的待办（拟办），按正常流程继续办理。`}
        />
      )}
      {preview.duplicateRows.length > 0 && (
        <Table
          rowKey="row"
          size="small"
          data-testid="import-duplicates"
          title={() => `重复 ${preview.duplicateRows.length} 行（导入时跳过）`}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={preview.duplicateRows}
          columns={[
            { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
            { title: '来文机关', dataIndex: 'fromOrg', key: 'fromOrg', width: 160 },
            { title: '来文字号', dataIndex: 'docNumber', key: 'docNumber', width: 160, render: (value: string | null) => value ?? '—' },
            {
              title: '与之重复',
              key: 'earlier',
              width: 140,
              render: (_: unknown, row: ImportPreview['duplicateRows'][number]) => (row.earlierRow ? `第 ${row.earlierRow} 行` : (row.earlierSerialNo ?? '—')),
            },
            { title: '说明', dataIndex: 'reason', key: 'reason' },
          ]}
        />
      )}
    </Flex>
  );
};
