/**
 * 时限: every clock of the case and of the assignments the reader sees, each with its state, due
 * time and "why this date"; and the office's 催办 with a message.
 */
import { App, Button, Collapse, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { clockStateLabels, type CaseDetail, type ClockView } from '../../../../common/schemas/cases.js';
import { useUrge } from './api.js';
import { Section } from './Section.js';

const stateColors: Record<ClockView['state'], string> = { pending: 'default', running: 'processing', paused: 'warning', stopped: 'success', overdue: 'error' };

const ClockTitle = ({ clock }: { clock: ClockView }) => (
  <Flex gap={8} wrap align="center">
    <Typography.Text strong>{clock.unitName ? `${clock.unitName} · ${clock.label}` : clock.label}</Typography.Text>
    <Tag color={clock.isLate ? 'error' : stateColors[clock.state]}>{clock.isLate ? '逾期办结' : clockStateLabels[clock.state]}</Tag>
    {clock.due && <Typography.Text type="secondary">到期 {clock.due}</Typography.Text>}
  </Flex>
);

/** The units a 催办 reaches (their 联络员), as the server picks them (engine/reminders/urge.ts): those not yet replied. */
const urgedUnitsOf = (detail: CaseDetail) =>
  detail.assignments.filter((assignment) => assignment.state === 'pending' || assignment.state === 'in_progress').map((assignment) => assignment.unitName);

/**
 * The 催办 button and its dialog: the message is required and kept with the case. Given the units it reaches
 * (the case page knows them), the dialog names them before it is sent.
 */
export const UrgeButton = ({ detail, size, urgedUnits }: { detail: Pick<CaseDetail, 'id' | 'serialNo' | 'urgeCount'>; size?: 'small'; urgedUnits?: string[] }) => {
  const { message } = App.useApp();
  const [isOpen, setIsOpen] = useState(false);
  const [form] = Form.useForm<{ message: string }>();
  const urge = useUrge();
  const send = async () => {
    const values = await form.validateFields();
    const result = await urge.mutateAsync({ caseId: detail.id, message: values.message.trim() });
    const sent = `已催办（通知 ${result.notified} 人，累计 ${result.urgeCount} 次）`;
    if (result.notified > 0) message.success(sent);
    else message.warning(`${sent}：目前没有需要通知的人，已记入办理留痕`);
    form.resetFields();
    setIsOpen(false);
  };
  return (
    <>
      <Button danger size={size} onClick={() => setIsOpen(true)} data-testid="urge-button">
        催办{detail.urgeCount > 0 ? `（已 ${detail.urgeCount} 次）` : ''}
      </Button>
      <Modal title={`催办 ${detail.serialNo}`} open={isOpen} okText="发送催办" onOk={send} confirmLoading={urge.isPending} onCancel={() => setIsOpen(false)} destroyOnHidden>
        {urgedUnits && (
          <Typography.Paragraph type="secondary">
            {urgedUnits.length > 0
              ? `将通知以下承办单位的联络员：${urgedUnits.join('、')}。`
              : '目前没有在办的承办单位：催办通知本事项的经办人（经办人是您本人时不另通知），并记入办理留痕。'}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          <Form.Item
            label="催办内容"
            name="message"
            rules={[{ required: true, whitespace: true, message: '请填写催办内容' }, { max: 500, message: '催办内容不能超过 500 字' }]}
          >
            <Input.TextArea rows={4} showCount maxLength={500} placeholder="如：请于本周五前报送办理结果" />
          </Form.Item>
        </Form>
        {urge.isError && <Typography.Text type="danger">{urge.error.message}</Typography.Text>}
      </Modal>
    </>
  );
};

export const ClocksPanel = ({ detail }: { detail: CaseDetail }) => {
  if (detail.clocks.length === 0 && !detail.canUrge) return null;
  return (
    <Section title="时限" extra={detail.canUrge ? <UrgeButton detail={detail} urgedUnits={urgedUnitsOf(detail)} /> : undefined}>
      {detail.clocks.length === 0 ? (
        <Typography.Text type="secondary">暂无时限</Typography.Text>
      ) : (
        <Collapse
          size="small"
          data-testid="clocks-panel"
          items={detail.clocks.map((clock) => ({
            key: clock.id,
            label: <ClockTitle clock={clock} />,
            children: (
              <Flex vertical gap={2}>
                {clock.lines.map((line) => (
                  <Typography.Text key={line}>{line}</Typography.Text>
                ))}
              </Flex>
            ),
          }))}
        />
      )}
    </Section>
  );
};
