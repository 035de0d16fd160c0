/**
 * 议题 of a meeting: units submit (with materials), 法制科 reviews, the 秘书长 ticks the items and sets the
 * agenda in that order. An item needing review and not passed is refused by the server with the article named.
 */
import { Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MeetingDetail } from '../../../../common/schemas/meeting.js';
import type { RecordView } from '../../../../common/schemas/records.js';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { agendaStateLabels, reviewResultLabels, useReviewAgendaItem, useSetAgenda, useSubmitAgendaItem } from './api.js';

type Review = { result: string; opinion: string; opinionCount: number; reviewerName: string };

const SubmitModal = ({ meetingId, onClose }: { meetingId: string; onClose: () => void }) => {
  const [form] = Form.useForm<{ subject: string; summary?: string; materials?: string; needsLegalReview?: boolean }>();
  const submit = useSubmitAgendaItem();
  return (
    <Modal open title="报送议题" okText="报送" onOk={() => form.submit()} onCancel={onClose} confirmLoading={submit.isPending} mask={{ closable: false }}>
      <Form
        form={form}
        name="agenda-item-form"
        layout="vertical"
        onFinish={(values) =>
          submit.mutate(
            {
              meetingId,
              input: {
                subject: values.subject.trim(),
                summary: values.summary?.trim() ?? '',
                materials: (values.materials ?? '').split('\n').map((line) => line.trim()).filter(Boolean),
                needsLegalReview: values.needsLegalReview ?? false,
              },
            },
            { onSuccess: () => (notifySuccess('议题已报送'), onClose()) },
          )
        }
      >
        <Form.Item label="议题名称" name="subject" rules={[requiredRule('请填写议题名称')]}><Input maxLength={200} /></Form.Item>
        <Form.Item label="内容摘要" name="summary"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        <Form.Item label="材料（每行一件）" name="materials"><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="needsLegalReview" valuePropName="checked"><Checkbox>属于重大行政决策，需合法性审查</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
};

const ReviewModal = ({ item, onClose }: { item: RecordView; onClose: () => void }) => {
  const [form] = Form.useForm<{ result: string; opinion: string; opinionCount: number }>();
  const review = useReviewAgendaItem();
  return (
    <Modal open title={`合法性审查：${item.title}`} okText="提交审查意见" onOk={() => form.submit()} onCancel={onClose} confirmLoading={review.isPending} mask={{ closable: false }}>
      <Form
        form={form}
        name="legal-review-form"
        layout="vertical"
        initialValues={{ opinionCount: 0 }}
        onFinish={(values) => review.mutate({ id: item.id, input: { ...values, opinion: values.opinion.trim(), version: item.version } }, { onSuccess: () => (notifySuccess('审查意见已提交'), onClose()) })}
      >
        <Form.Item label="审查结论" name="result" rules={[{ required: true, message: '请选择审查结论' }]}>
          <Radio.Group options={Object.entries(reviewResultLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="审查意见" name="opinion" rules={[requiredRule('请填写审查意见')]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
        <Form.Item label="提出意见条数" name="opinionCount" rules={[{ required: true, message: '请填写意见条数' }]}><InputNumber min={0} max={100} /></Form.Item>
      </Form>
    </Modal>
  );
};

export const AgendaPanel = ({ detail }: { detail: MeetingDetail }) => {
  const [isSubmitting, setSubmitting] = useState(false);
  const [reviewing, setReviewing] = useState<RecordView | null>(null);
  const [selected, setSelected] = useState<string[]>(() => (detail.meeting.fields.agenda as string[]) ?? []);
  const setAgenda = useSetAgenda();
  const meetingId = detail.meeting.id;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {detail.can.submit && <Button onClick={() => setSubmitting(true)}>报送议题</Button>}
        {detail.can.setAgenda && (
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={setAgenda.isPending}
            onClick={() => setAgenda.mutate({ meetingId, itemIds: selected, version: detail.meeting.version }, { onSuccess: () => notifySuccess('议程已确定') })}
          >
            确定议程（{selected.length} 项）
          </Button>
        )}
      </Space>
      <Table<RecordView>
        aria-label="议题"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.items}
        // On a phone the fixed columns took the 390 px and left 议题, 材料 and 合法性审查 30 px wide: the rows scroll instead.
        scroll={{ x: 1000 }}
        rowSelection={detail.can.setAgenda ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
        columns={[
          { title: '序号', key: 'position', width: 60, render: (_, row) => (row.fields.position ? String(row.fields.position) : '') },
          { title: '议题', dataIndex: 'title', width: 220 },
          { title: '报送单位', dataIndex: 'unitName', width: 140 },
          { title: '材料', key: 'materials', width: 180, render: (_, row) => ((row.fields.materials as string[]) ?? []).join('；') },
          {
            title: '合法性审查',
            key: 'review',
            width: 200,
            render: (_, row) => {
              if (!row.fields.needsLegalReview) return <Typography.Text type="secondary">无需审查</Typography.Text>;
              const review = row.fields.review as Review | undefined;
              if (!review) return <Tag color="orange">待审查</Tag>;
              return (
                <span title={review.opinion}>
                  <Tag color={review.result === 'passed' ? 'green' : 'red'}>{reviewResultLabels[review.result]}</Tag>意见 {review.opinionCount} 条（{review.reviewerName}）
                </span>
              );
            },
          },
          { title: '状态', key: 'state', width: 100, render: (_, row) => agendaStateLabels[row.state] ?? row.state },
          ...(detail.can.review
            ? [{ title: '操作', key: 'actions', width: 90, render: (_: unknown, row: RecordView) => (['submitted', 'reviewed'].includes(row.state) ? <Button size="small" onClick={() => setReviewing(row)}>审查</Button> : null) }]
            : []),
        ]}
      />
      {isSubmitting && <SubmitModal meetingId={meetingId} onClose={() => setSubmitting(false)} />}
      {reviewing && <ReviewModal item={reviewing} onClose={() => setReviewing(null)} />}
    </>
  );
};
