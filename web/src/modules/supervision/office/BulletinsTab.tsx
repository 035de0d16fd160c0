/**
 * 督查通报: compile a draft for a period (the figures and the late items come from the items' states),
 * rewrite its paragraphs, issue it, download it as Word. The table of late items is kept as compiled.
 */
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { RecordView } from '../../../../../common/schemas/records.js';
import { bulletinDocxUrl, useCompileBulletin, useIssueBulletin, useOfficeRecords, useUpdateBulletin } from './api.js';

type Block = { kind?: 'paragraph' | 'table'; level?: number; prefix?: string; text?: string; rows?: Array<Array<{ text: string }>> };

const BulletinEditor = ({ bulletin, onClose }: { bulletin: RecordView; onClose: () => void }) => {
  const { message } = App.useApp();
  const update = useUpdateBulletin();
  const [title, setTitle] = useState(String(bulletin.fields.title));
  const [blocks, setBlocks] = useState<Block[]>(bulletin.fields.body as Block[]);
  const save = () =>
    update.mutate(
      { id: bulletin.id, version: bulletin.version, title, body: blocks },
      { onSuccess: () => { void message.success('已保存'); onClose(); } },
    );
  return (
    <Modal open width={820} title={`编辑督查通报（${String(bulletin.fields.year)}年第${String(bulletin.fields.issueNo)}期）`} okText="保存" cancelText="取消" onOk={save} onCancel={onClose} confirmLoading={update.isPending}>
      <Flex vertical gap={8}>
        <Input aria-label="通报标题" value={title} onChange={(event) => setTitle(event.target.value)} maxLength={100} />
        {blocks.map((block, index) =>
          block.kind === 'table' ? (
            <Typography.Text key={index} type="secondary">［逾期事项表，{(block.rows?.length ?? 1) - 1} 行，按事项状态生成］</Typography.Text>
          ) : (
            <Input.TextArea
              key={index}
              aria-label={`第 ${index + 1} 段`}
              autoSize={{ minRows: 1, maxRows: 8 }}
              value={`${block.prefix ?? ''}${block.text ?? ''}`}
              onChange={(event) => {
                const prefix = block.prefix ?? '';
                const text = event.target.value.startsWith(prefix) ? event.target.value.slice(prefix.length) : event.target.value;
                setBlocks(blocks.map((other, at) => (at === index ? { ...other, text } : other)));
              }}
            />
          ),
        )}
        <Button onClick={() => setBlocks([...blocks, { level: 0, prefix: '', text: '' }])}>添加段落</Button>
      </Flex>
    </Modal>
  );
};

export const BulletinsTab = () => {
  const { message } = App.useApp();
  const { data, isPending } = useOfficeRecords('supervision_bulletin');
  const compile = useCompileBulletin();
  const issue = useIssueBulletin();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [editing, setEditing] = useState<RecordView | null>(null);
  const from = period?.[0];
  const to = period?.[1];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">统计期</Typography.Text>
        <DatePicker.RangePicker aria-label="通报统计期" value={period} onChange={(value) => setPeriod(value)} />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={!from || !to}
          loading={compile.isPending}
          onClick={() =>
            from && to && compile.mutate({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') }, { onSuccess: (created) => { void message.success('已生成通报草稿'); setEditing(created); } })
          }
        >
          编制通报
        </Button>
      </Space>
      <Table<RecordView>
        rowKey="id"
        size="middle"
        loading={isPending}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有督查通报：选择统计期后点「编制通报」' }}
        // On a phone the fixed columns took the 390 px and left the 标题 30 px wide: the row scrolls instead.
        scroll={{ x: 1000 }}
        columns={[
          { title: '期数', key: 'issueNo', width: 130, render: (_, row) => `${String(row.fields.year)}年第${String(row.fields.issueNo)}期` },
          { title: '标题', key: 'title', width: 240, render: (_, row) => String(row.fields.title) },
          { title: '统计期', key: 'period', width: 210, render: (_, row) => `${String(row.fields.from)} 至 ${String(row.fields.to)}` },
          { title: '状态', key: 'state', width: 170, render: (_, row) => (row.state === 'issued' ? <Tag color="green">已印发 {String(row.fields.issuedOn ?? '')}</Tag> : <Tag>草稿</Tag>) },
          {
            title: '',
            key: 'actions',
            width: 230,
            render: (_, row) => (
              <Space size={4}>
                {row.state === 'draft' && <Button size="small" onClick={() => setEditing(row)}>编辑</Button>}
                {row.state === 'draft' && (
                  <Button size="small" type="primary" loading={issue.isPending} onClick={() => issue.mutate({ id: row.id, version: row.version }, { onSuccess: () => void message.success('已印发') })}>
                    印发
                  </Button>
                )}
                <Button size="small" icon={<FileWordOutlined />} href={bulletinDocxUrl(row.id)} download>Word</Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <BulletinEditor bulletin={editing} onClose={() => setEditing(null)} />}
    </>
  );
};
