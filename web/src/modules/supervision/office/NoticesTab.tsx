/** 督办通知 sent (a 联络员: those addressed to their unit), each downloadable as its 信函. */
import { FileWordOutlined } from '@ant-design/icons';
import { Button, Table } from 'antd';
import { Link } from 'react-router';
import type { RecordView } from '../../../../../common/schemas/records.js';
import { casePath } from '../../cases/api.js';
import { noticeDocxUrl, useOfficeRecords } from './api.js';

export const NoticesTab = () => {
  const { data, isPending } = useOfficeRecords('supervision_notice');
  return (
    <Table<RecordView>
      rowKey="id"
      size="middle"
      loading={isPending}
      dataSource={data?.items ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '还没有发出督办通知：在督办事项页面点「发督办通知」' }}
      // On a phone the fixed columns took the 390 px and left 督办事项 30 px wide: the row scrolls instead.
      scroll={{ x: 700 }}
      columns={[
        { title: '编号', key: 'no', width: 150, render: (_, row) => `${String(row.fields.noticeType)}〔${String(row.fields.year)}〕${String(row.fields.no)}号` },
        { title: '督办事项', key: 'item', width: 240, render: (_, row) => <Link to={casePath('supervision', String(row.fields.caseId))}>{String(row.fields.itemTitle)}</Link> },
        { title: '发出日期', key: 'sentOn', width: 110, render: (_, row) => String(row.fields.sentOn) },
        { title: '报送期限', key: 'replyBy', width: 110, render: (_, row) => String(row.fields.replyBy) },
        { title: '', key: 'docx', width: 90, render: (_, row) => <Button size="small" icon={<FileWordOutlined />} href={noticeDocxUrl(row.id)} download>Word</Button> },
      ]}
    />
  );
};
