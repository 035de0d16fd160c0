/** 回执 by unit, the sign-in link a phone opens (shown on the screen at the door), the clerk's ticks and absences. */
import { Button, Flex, Form, Input, QRCode, Radio, Select, Space, Table, Typography } from 'antd';
import type { MeetingDetail } from '../../../../common/schemas/meeting.js';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { useAttendance, useReceipt } from './api.js';
import { formatTime } from '../../app/time.js';

type Receipt = { attendees: string[]; at: string; byName: string };
type Attendance = { name: string; unitId: string | null; status: 'present' | 'absent'; via: 'qr' | 'clerk'; reason?: string; substitute?: string; at: string };

export const ReceiptForm = ({ detail }: { detail: MeetingDetail }) => {
  const [form] = Form.useForm<{ attendees: string }>();
  const receipt = useReceipt();
  return (
    <Form
      form={form}
      name="receipt-form"
      layout="inline"
      onFinish={(values) =>
        receipt.mutate(
          { meetingId: detail.meeting.id, attendees: values.attendees.split(/[、,，\s]+/).map((name) => name.trim()).filter(Boolean) },
          { onSuccess: () => notifySuccess('回执已提交') },
        )
      }
    >
      <Form.Item label="参会人员" name="attendees" rules={[requiredRule('请填写参会人员姓名')]}>
        <Input placeholder="多人用顿号分隔" style={{ width: 280 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={receipt.isPending}>提交回执</Button>
    </Form>
  );
};

const ClerkAttendanceForm = ({ detail }: { detail: MeetingDetail }) => {
  const [form] = Form.useForm<{ name: string; unitId?: string; status: 'present' | 'absent'; reason?: string; substitute?: string }>();
  const attendance = useAttendance();
  return (
    <Form
      form={form}
      name="attendance-form"
      layout="inline"
      initialValues={{ status: 'present' }}
      style={{ rowGap: 8 }}
      onFinish={(values) =>
        attendance.mutate(
          { meetingId: detail.meeting.id, input: { name: values.name.trim(), status: values.status, ...(values.unitId ? { unitId: values.unitId } : {}), ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}), ...(values.substitute?.trim() ? { substitute: values.substitute.trim() } : {}) } },
          { onSuccess: () => (notifySuccess('已登记'), form.resetFields()) },
        )
      }
    >
      <Form.Item label="姓名" name="name" rules={[requiredRule('请填写姓名')]}><Input style={{ width: 110 }} /></Form.Item>
      <Form.Item label="单位" name="unitId"><Select allowClear style={{ width: 160 }} options={detail.units.map((unit) => ({ value: unit.id, label: unit.name }))} /></Form.Item>
      <Form.Item name="status"><Radio.Group options={[{ value: 'present', label: '签到' }, { value: 'absent', label: '缺席' }]} /></Form.Item>
      <Form.Item label="缺席原因" name="reason"><Input style={{ width: 120 }} /></Form.Item>
      <Form.Item label="代会人" name="substitute"><Input style={{ width: 100 }} /></Form.Item>
      <Button htmlType="submit" loading={attendance.isPending}>登记</Button>
    </Form>
  );
};

export const AttendancePanel = ({ detail }: { detail: MeetingDetail }) => {
  const receipts = (detail.meeting.fields.receipts ?? {}) as Record<string, Receipt>;
  const attendance = (detail.meeting.fields.attendance ?? []) as Attendance[];
  const unitName = (id: string | null) => detail.units.find((unit) => unit.id === id)?.name ?? '';
  const signInUrl = detail.signInPath ? `${window.location.origin}${detail.signInPath}` : null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {detail.can.receipt && <ReceiptForm detail={detail} />}
      <Table
        aria-label="回执"
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={detail.units.map((unit) => ({ id: unit.id, name: unit.name, receipt: receipts[unit.id] }))}
        // On a phone 参会单位 and 回执时间 left the 回执 30 px wide: the rows scroll instead.
        scroll={{ x: 540 }}
        columns={[
          { title: '参会单位', dataIndex: 'name', width: 180 },
          { title: '回执', key: 'receipt', width: 200, render: (_, row) => (row.receipt ? row.receipt.attendees.join('、') : <Typography.Text type="warning">未回执</Typography.Text>) },
          { title: '回执时间', key: 'at', width: 150, render: (_, row) => (row.receipt ? formatTime(row.receipt.at, 'MM-DD HH:mm') : '') },
        ]}
      />
      {signInUrl && (
        <Flex gap={16} align="center" wrap>
          <QRCode value={signInUrl} size={160} aria-label="签到二维码" />
          <div style={{ minWidth: 0, flex: '1 1 280px' }}>
            <Typography.Text strong>扫码签到链接：</Typography.Text>
            <Typography.Link href={signInUrl} copyable={{ text: signInUrl }} aria-label="扫码签到链接" style={{ overflowWrap: 'anywhere' }}>
              {signInUrl}
            </Typography.Link>
            <Typography.Paragraph type="secondary">会议当天在会场出示此二维码，参会人员用手机扫码、登录后即可签到。</Typography.Paragraph>
          </div>
        </Flex>
      )}
      {detail.can.manage && ['noticed', 'held'].includes(detail.meeting.state) && <ClerkAttendanceForm detail={detail} />}
      <Table<Attendance>
        aria-label="签到"
        size="small"
        rowKey={(row) => `${row.name}-${row.unitId}-${row.at}`}
        pagination={false}
        dataSource={attendance}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '单位', key: 'unit', render: (_, row) => unitName(row.unitId) },
          { title: '情况', key: 'status', render: (_, row) => (row.status === 'present' ? `已签到（${row.via === 'qr' ? '扫码' : '会务登记'}）` : `缺席${row.reason ? `：${row.reason}` : ''}${row.substitute ? `，${row.substitute}代会` : ''}`) },
          { title: '时间', key: 'at', width: 120, render: (_, row) => formatTime(row.at, 'MM-DD HH:mm') },
        ]}
      />
    </Space>
  );
};
