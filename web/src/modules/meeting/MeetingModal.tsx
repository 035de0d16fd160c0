/** 安排会议: type, name, room (a booked room's time is refused by the server, 409), time, leaders, units, 议题 cut-off. */
import { Form, Input, Modal, Select } from 'antd';
import { fromPickerValue, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { useUnits } from '../admin/units/api.js';
import { useCreateMeeting, useLeaders, useRecordList } from './api.js';

type Values = { meetingType: string; subject: string; roomId?: string; location?: string; span: [Dayjs, Dayjs]; leaderIds?: string[]; attendingUnitIds?: string[]; submissionDeadline?: Dayjs };

export const MeetingModal = ({ onClose }: { onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const create = useCreateMeeting();
  const navigate = useNavigate();
  const types = useRecordList('meeting_type').data?.items.filter((item) => item.fields.isActive !== false) ?? [];
  const rooms = useRecordList('meeting_room').data?.items ?? [];
  const leaders = useLeaders().data ?? [];
  const units = useUnits().data ?? [];
  const submit = (values: Values) =>
    create.mutate(
      {
        meetingType: values.meetingType,
        subject: values.subject.trim(),
        ...(values.roomId ? { roomId: values.roomId } : {}),
        ...(values.location?.trim() ? { location: values.location.trim() } : {}),
        startsAt: fromPickerValue(values.span[0]),
        endsAt: fromPickerValue(values.span[1]),
        leaderIds: values.leaderIds ?? [],
        attendingUnitIds: values.attendingUnitIds ?? [],
        ...(values.submissionDeadline ? { submissionDeadline: fromPickerValue(values.submissionDeadline) } : {}),
      },
      { onSuccess: (detail) => (notifySuccess('会议已安排'), onClose(), navigate(`/meetings/${detail.meeting.id}`)) },
    );
  return (
    <Modal open title="安排会议" okText="安排" onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending} width={640} mask={{ closable: false }}>
      <Form form={form} name="meeting-form" layout="vertical" onFinish={submit}>
        <Form.Item label="会议类型" name="meetingType" rules={[{ required: true, message: '请选择会议类型' }]}>
          <Select options={types.map((type) => ({ value: type.title, label: type.title }))} />
        </Form.Item>
        <Form.Item label="会议名称" name="subject" rules={[requiredRule('请填写会议名称')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="会议时间" name="span" rules={[{ required: true, message: '请选择会议时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item label="会议室" name="roomId">
          <Select allowClear options={rooms.map((room) => ({ value: room.id, label: `${room.title}（${String(room.fields.capacity)} 人）` }))} />
        </Form.Item>
        <Form.Item label="其他地点" name="location">
          <Input maxLength={100} placeholder="不在本单位会议室时填写" />
        </Form.Item>
        <Form.Item label="出席领导" name="leaderIds">
          <Select mode="multiple" options={leaders.map((leader) => ({ value: leader.id, label: leader.name }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item label="参会单位" name="attendingUnitIds">
          <Select mode="multiple" options={units.filter((unit) => unit.isActive).map((unit) => ({ value: unit.id, label: unit.name }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item label="议题报送截止时间" name="submissionDeadline">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
