/**
 * 登记政府信息公开申请: how it came and the dates that fix its 收到申请之日 (条例第三十一条: handed in,
 * signed for, or confirmed by both sides), who applies, and what they ask for. The form says which
 * date starts the 20 working days before it is sent.
 */
import { Alert, Form, Input, Radio, Select } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { type ApplicantType, type ApplicationChannel, applicantTypeLabels, applicantTypes, channelLabels } from '../../../../common/schemas/disclosure-request.js';
import { TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';
import { emptyToNull } from '../../app/format.js';
import { requiredRule } from '../../app/form-rules.js';
import { CreateCaseModal } from '../cases/CreateCaseModal.js';
import type { CreateFormProps } from '../cases/kind-views.js';

type Values = {
  channel: ApplicationChannel;
  /** By post: a letter someone signs for (挂号信、EMS), or a 平常信函 nobody signs for — dated by its confirmation with the applicant. */
  postMode?: 'signed' | 'ordinary';
  submittedOn?: Dayjs;
  signedForOn?: Dayjs;
  confirmedOn?: Dayjs;
  applicantType: ApplicantType;
  applicantName: string;
  organization?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
  subject: string;
  description?: string;
  preferredForm: 'paper' | 'electronic';
};

/** The date that is the 收到申请之日 for each channel, and its label. */
const receivedDate: Record<ApplicationChannel, { name: 'submittedOn' | 'signedForOn' | 'confirmedOn'; label: string }> = {
  in_person: { name: 'submittedOn', label: '提交日期' },
  post: { name: 'signedForOn', label: '签收日期' },
  online: { name: 'confirmedOn', label: '双方确认日期' },
  fax: { name: 'confirmedOn', label: '双方确认日期' },
};

/** 条例第三十一条第（二）项: a letter nobody signs for is received the day it is confirmed with the applicant. */
const ordinaryLetter = { name: 'confirmedOn', label: '与申请人确认日期' } as const;

const day = (value: Dayjs | undefined) => value?.format('YYYY-MM-DD');
const optional = (value: string | undefined) => emptyToNull(value) ?? undefined;
const notFuture = (date: Dayjs) => date.isAfter(officeNow(), 'day');

export const RequestFormModal = (props: CreateFormProps) => {
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form) ?? 'in_person';
  const applicantType = Form.useWatch('applicantType', form) ?? 'natural';
  const postMode = Form.useWatch('postMode', form) ?? 'signed';
  const received = channel === 'post' && postMode === 'ordinary' ? ordinaryLetter : receivedDate[channel];
  const receivedOn = Form.useWatch(received.name, form);

  const toFields = (values: Values) => {
    return {
      channel: values.channel,
      submittedOn: day(values.submittedOn),
      ...(values.channel === 'post' && values.postMode !== 'ordinary' ? { signedForOn: day(values.signedForOn) } : {}),
      ...(values.channel === 'online' || values.channel === 'fax' || (values.channel === 'post' && values.postMode === 'ordinary')
        ? { confirmedOn: day(values.confirmedOn) }
        : {}),
      applicantType: values.applicantType,
      applicantName: values.applicantName.trim(),
      ...(values.applicantType === 'natural' ? {} : { organization: optional(values.organization) }),
      phone: optional(values.phone),
      idNumber: optional(values.idNumber),
      address: optional(values.address),
      subject: values.subject.trim(),
      description: optional(values.description),
      preferredForm: values.preferredForm,
    };
  };

  return (
    <CreateCaseModal<Values>
      {...props}
      form={form}
      title="登记政府信息公开申请"
      name="disclosure-request-form"
      width={720}
      initialValues={{ channel: 'in_person', postMode: 'signed', applicantType: 'natural', preferredForm: 'paper', submittedOn: officeNow() }}
      toFields={toFields}
    >
      <Form.Item label="申请方式" name="channel" rules={[{ required: true, message: '请选择申请方式' }]}>
        <Radio.Group optionType="button" options={Object.entries(channelLabels).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      {channel === 'post' && (
        <Form.Item label="邮寄方式" name="postMode">
          <Radio.Group
            options={[
              { value: 'signed', label: '需签收（挂号信、EMS 等）' },
              { value: 'ordinary', label: '平常信函（无需签收）' },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item label={channel === 'post' ? '寄出日期' : '提交日期'} name="submittedOn" rules={channel === 'in_person' ? [{ required: true, message: '请选择提交日期' }] : []} extra={channel === 'in_person' ? undefined : '可不填'}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      {received.name !== 'submittedOn' && (
        <Form.Item label={received.label} name={received.name} rules={[{ required: true, message: `请选择${received.label}` }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
      )}
      {receivedOn && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`收到申请之日：${receivedOn.format('YYYY-MM-DD')}（${received.label}，条例第三十一条），答复期限自次日起计 20 个工作日`}
        />
      )}
      <Form.Item label="申请人类型" name="applicantType" rules={[{ required: true, message: '请选择申请人类型' }]}>
        <Select options={applicantTypes.map((value) => ({ value, label: value === 'natural' ? '自然人' : `法人或其他组织·${applicantTypeLabels[value]}` }))} />
      </Form.Item>
      {applicantType !== 'natural' && (
        <Form.Item label="单位名称" name="organization" rules={[requiredRule('请填写法人或其他组织的名称')]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item label={applicantType === 'natural' ? '申请人姓名' : '联系人姓名'} name="applicantName" rules={[requiredRule('请填写申请人姓名')]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label="联系电话" name="phone">
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item label="证件号码" name="idNumber">
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item label="通信地址" name="address">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label="所需政府信息"
        name="subject"
        rules={[requiredRule('请填写所需政府信息的名称或描述'), { min: 2, message: '请填写所需政府信息的名称或描述' }, { max: TITLE_MAX_LENGTH, message: `不超过 ${TITLE_MAX_LENGTH} 字` }]}
        extra="名称、文号或者便于查询的其他特征性描述（条例第二十九条）"
      >
        <Input count={{ show: true, max: TITLE_MAX_LENGTH }} />
      </Form.Item>
      <Form.Item label="申请内容说明" name="description">
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item label="获取信息的方式" name="preferredForm">
        <Radio.Group options={[{ value: 'paper', label: '纸质' }, { value: 'electronic', label: '电子' }]} />
      </Form.Item>
    </CreateCaseModal>
  );
};
