/**
 * 承办单位: one card per assignment — role, state, own deadline, 交办要求, reply and its files, review.
 * Once answered, the deadline shows without its 临期/逾期 colour, which only applies to open work.
 */
import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Descriptions, type DescriptionsProps, Empty, Flex, Space, Tag, Typography } from 'antd';
import {
  type AssignmentDetail,
  assignmentRoleLabels,
  satisfactionLabels,
} from '../../../../common/schemas/cases.js';
import { formatDateTime } from '../../app/time.js';
import { DueTag } from '../../components/DueTag.js';
import { attachmentUrl } from './api.js';

const roleColors = { lead: 'red', assist: 'blue', consult: 'cyan' } as const;

const stateColor = (state: string): string | undefined =>
  ({ 待签收: 'orange', 办理中: 'processing', 已答复: 'green', 已退回: 'default', 已撤回: 'default' })[state];

const formatSize = (size: number): string =>
  size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`;

const Multiline = ({ value }: { value: string }) => <div style={{ whiteSpace: 'pre-wrap' }}>{value}</div>;

const itemsOf = (caseId: string, assignment: AssignmentDetail): DescriptionsProps['items'] => {
  const items: NonNullable<DescriptionsProps['items']> = [
    { key: 'assignedAt', label: '交办时间', children: formatDateTime(assignment.assignedAt) },
    { key: 'signedAt', label: '签收时间', children: formatDateTime(assignment.signedAt) },
  ];
  if (assignment.instruction) items.push({ key: 'instruction', label: '交办要求', children: <Multiline value={assignment.instruction} /> });
  if (assignment.repliedAt) items.push({ key: 'repliedAt', label: '答复时间', children: formatDateTime(assignment.repliedAt) });
  if (assignment.reply) items.push({ key: 'reply', label: '答复内容', children: <Multiline value={assignment.reply} /> });
  if (assignment.replyAttachments.length) {
    items.push({
      key: 'files',
      label: '附件',
      children: (
        <Flex vertical gap={4}>
          {assignment.replyAttachments.map((file) => (
            <a key={file.digest} href={attachmentUrl(caseId, file)} download={file.name}>
              <PaperClipOutlined /> {file.name}（{formatSize(file.size)}）
            </a>
          ))}
        </Flex>
      ),
    });
  }
  if (assignment.returnReason) items.push({ key: 'returnReason', label: '退回理由', children: assignment.returnReason });
  if (assignment.isReplyAccepted) {
    const rating = assignment.satisfaction ? `，${satisfactionLabels[assignment.satisfaction]}` : '';
    items.push({ key: 'review', label: '审核', children: <Tag color="green">审核通过{rating}</Tag> });
  }
  return items;
};

export const AssignmentCards = ({
  caseId,
  assignments,
  roleLabels = assignmentRoleLabels,
}: {
  caseId: string;
  assignments: readonly AssignmentDetail[];
  /** What the roles are called in this kind (a 发文's consult is 会签). */
  roleLabels?: Record<AssignmentDetail['role'], string>;
}) => {
  if (assignments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未交办" />;
  return (
    <Flex vertical gap={12}>
      {assignments.map((assignment) => (
        <Card
          key={assignment.id}
          size="small"
          data-testid="assignment"
          title={
            <Space size={6} wrap>
              <Typography.Text strong>{assignment.unitName}</Typography.Text>
              <Tag color={roleColors[assignment.role]}>{roleLabels[assignment.role]}</Tag>
              <Tag color={stateColor(assignment.state)}>{assignment.state}</Tag>
            </Space>
          }
          extra={<DueTag dueDate={assignment.dueDate} status={assignment.repliedAt ? 'none' : assignment.dueStatus} lines={assignment.deadline?.lines} />}
        >
          <Descriptions size="small" column={1} items={itemsOf(caseId, assignment)} />
        </Card>
      ))}
    </Flex>
  );
};
