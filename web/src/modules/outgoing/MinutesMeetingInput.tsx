/**
 * The meeting a 纪要 records: chosen from the meetings held in Fuban (its 议定事项 are then linked to the
 * meeting, and the meeting day fills in), or only its day typed for a meeting held elsewhere. The 纪要's
 * clock (印发时限) runs from that day.
 */
import { Col, Form, type FormInstance, Select } from 'antd';
import { toPickerValue, officeNow, officeDateOf, DatePicker } from '../../app/time.js';
import { useCan } from '../../app/current-user.js';
import { useMeetings } from '../meeting/api.js';
import type { FormValues } from './form-values.js';

const dayOf = (startsAt: unknown) => (typeof startsAt === 'string' ? officeDateOf(startsAt) : '');

const MeetingDay = () => (
  <Col xs={24} md={8}>
    <Form.Item label="会议日期" name="meetingOn" tooltip="纪要印发时限从会议日期起按工作日计算">
      <DatePicker style={{ width: '100%' }} aria-label="会议日期" />
    </Form.Item>
  </Col>
);

/** Someone who may not see meetings (会议 is not in their menu) types the day only. */
export const MinutesMeetingInput = ({ form }: { form: FormInstance<FormValues> }) => (useCan('meeting.read') ? <MeetingChoice form={form} /> : <MeetingDay />);

const MeetingChoice = ({ form }: { form: FormInstance<FormValues> }) => {
  const year = officeNow().year();
  const { data: thisYear = [], isPending } = useMeetings(year);
  const { data: lastYear = [] } = useMeetings(year - 1);
  const options = [...thisYear, ...lastYear]
    .filter((meeting) => meeting.state !== 'cancelled')
    .sort((a, b) => String(b.fields.startsAt).localeCompare(String(a.fields.startsAt)))
    .map((meeting) => ({ value: meeting.id, label: `${dayOf(meeting.fields.startsAt)} ${meeting.title}`, day: dayOf(meeting.fields.startsAt) }));
  return (
    <>
      <Col xs={24} md={16}>
        <Form.Item label="所记会议" name="meetingId" extra="选择系统中的会议：议定事项将与会议关联，会议日期自动填入">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={isPending}
            placeholder="可不选（会议未在系统中安排时）"
            options={options}
            aria-label="所记会议"
            onChange={(value: string | undefined) => {
              const chosen = options.find((option) => option.value === value);
              if (chosen?.day) form.setFieldValue('meetingOn', toPickerValue(chosen.day));
            }}
          />
        </Form.Item>
      </Col>
      <MeetingDay />
    </>
  );
};
