/** 登记信访件: how it came (来源, and for a 转办 who referred it), who came and how many, what they ask for. */
import { Form, Input, InputNumber, Radio, Typography } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { COLLECTIVE_VISIT_PEOPLE, type PetitionChannel, petitionChannels, referralSources } from '../../../../common/schemas/petition.js';
import { emptyToNull } from '../../app/format.js';
import { requiredRule } from '../../app/form-rules.js';
import { CreateCaseModal } from '../cases/CreateCaseModal.js';
import type { CreateFormProps } from '../cases/kind-views.js';

type Values = {
  channel: PetitionChannel;
  referredBy?: (typeof referralSources)[number];
  referralRef?: string;
  visitors?: number;
  petitionerName: string;
  phone?: string;
  idNumber?: string;
  address?: string;
  summary: string;
  receivedOn: Dayjs;
};

const optional = (value: string | undefined) => emptyToNull(value) ?? undefined;

export const PetitionFormModal = (props: CreateFormProps) => {
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form);
  const visitors = Form.useWatch('visitors', form);

  const toFields = (values: Values) => {
    // Only what the 来源 calls for is sent: 人次 for a 来访, the source for a 转办.
    return {
      channel: values.channel,
      ...(values.channel === '转办' ? { referredBy: values.referredBy, referralRef: optional(values.referralRef) } : {}),
      ...(values.channel === '来访' ? { visitors: values.visitors } : {}),
      petitionerName: values.petitionerName.trim(),
      phone: optional(values.phone),
      idNumber: optional(values.idNumber),
      address: optional(values.address),
      summary: values.summary.trim(),
      receivedOn: values.receivedOn.format('YYYY-MM-DD'),
    };
  };

  return (
    <CreateCaseModal<Values> {...props} form={form} title="登记信访件" name="petition-form" width={680} initialValues={{ channel: '来访', visitors: 1, receivedOn: officeNow() }} toFields={toFields}>
      <Form.Item label="来源" name="channel" rules={[{ required: true, message: '请选择来源' }]}>
        <Radio.Group optionType="button" options={petitionChannels.map((value) => ({ value, label: value }))} />
      </Form.Item>
      {channel === '转办' && (
        <>
          <Form.Item label="转办来源" name="referredBy" rules={[{ required: true, message: '请选择转办来源' }]}>
            <Radio.Group options={referralSources.map((value) => ({ value, label: value === '上级交办函' ? '上级（省、市）交办函' : value }))} />
          </Form.Item>
          <Form.Item label="交办文号" name="referralRef" extra="交办函或转办单的编号，可不填">
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
      {channel === '来访' && (
        <Form.Item
          label="来访人次"
          name="visitors"
          rules={[{ required: true, message: '请填写来访人次' }]}
          extra={(visitors ?? 0) >= COLLECTIVE_VISIT_PEOPLE ? <Typography.Text type="warning">{COLLECTIVE_VISIT_PEOPLE} 人以上，按集体访登记</Typography.Text> : `${COLLECTIVE_VISIT_PEOPLE} 人以上为集体访`}
        >
          <InputNumber min={1} max={10000} precision={0} addonAfter="人" style={{ width: 160 }} />
        </Form.Item>
      )}
      <Form.Item label="信访人姓名" name="petitionerName" rules={[requiredRule('请填写信访人姓名'), { max: 30, message: '不超过 30 字' }]} extra="集体访填写代表人姓名">
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item label="联系电话" name="phone">
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item label="身份证号码" name="idNumber">
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item label="住址" name="address">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="诉求摘要" name="summary" rules={[requiredRule('请填写诉求摘要'), { min: 2, message: '请填写诉求摘要' }]}>
        <Input.TextArea rows={5} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item label="登记日期" name="receivedOn" rules={[{ required: true, message: '请选择登记日期' }]} extra="受理告知期限自此日起算（15 日）">
        <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(officeNow(), 'day')} />
      </Form.Item>
    </CreateCaseModal>
  );
};
