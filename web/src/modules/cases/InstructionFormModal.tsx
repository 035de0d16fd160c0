/** 登记领导批示件: the leader, the date, what the instruction was written on, and its text. */
import { Form, Input, Radio, Select } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { emptyToNull } from '../../app/format.js';
import { requiredRule } from '../../app/form-rules.js';
import { personLabel } from '../work/api.js';
import { useLeaders } from './api.js';
import { CreateCaseModal } from './CreateCaseModal.js';
import type { CreateFormProps } from './kind-views.js';
import { TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';

const categories = ['本级领导批示', '上级领导批示'] as const;

type Values = {
  leaderId: string;
  instructedOn: Dayjs;
  category: (typeof categories)[number];
  sourceTitle: string;
  sourceRef?: string;
  instruction: string;
};

const minTwo = (message: string) => ({ min: 2, message });

export const InstructionFormModal = (props: CreateFormProps) => {
  const [form] = Form.useForm<Values>();
  const { data: leaders = [], isPending } = useLeaders();

  const toFields = (values: Values) => {
    const leader = leaders.find((person) => person.id === values.leaderId);
    return {
      leaderId: values.leaderId,
      leaderName: leader?.displayName,
      instructedOn: values.instructedOn.format('YYYY-MM-DD'),
      category: values.category,
      sourceTitle: values.sourceTitle.trim(),
      instruction: values.instruction.trim(),
      ...(emptyToNull(values.sourceRef) ? { sourceRef: emptyToNull(values.sourceRef) } : {}),
    };
  };

  return (
    <CreateCaseModal<Values> {...props} form={form} title="登记领导批示件" name="instruction-form" initialValues={{ instructedOn: officeNow(), category: '本级领导批示' }} toFields={toFields}>
      <Form.Item label="批示领导" name="leaderId" rules={[{ required: true, message: '请选择批示领导' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={isPending}
          placeholder="请选择"
          options={leaders.map((person) => ({ value: person.id, label: personLabel(person) }))}
        />
      </Form.Item>
      <Form.Item label="批示日期" name="instructedOn" rules={[{ required: true, message: '请选择批示日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(officeNow(), 'day')} />
      </Form.Item>
      <Form.Item label="批示类别" name="category">
        <Radio.Group options={categories.map((value) => ({ value, label: value }))} />
      </Form.Item>
      <Form.Item
        label="批示所涉文件或事项"
        name="sourceTitle"
        rules={[requiredRule('请填写批示所涉文件或事项'), minTwo('请填写批示所涉文件或事项'), { max: TITLE_MAX_LENGTH, message: `不超过 ${TITLE_MAX_LENGTH} 字` }]}
      >
        <Input count={{ show: true, max: TITLE_MAX_LENGTH }} placeholder="如：关于加快推进重点项目建设的报告" />
      </Form.Item>
      <Form.Item label="文号" name="sourceRef" extra="批示所在文件的文号，可不填">
        <Input maxLength={100} placeholder="如：示发改〔2026〕15号" />
      </Form.Item>
      <Form.Item label="批示内容" name="instruction" rules={[requiredRule('请填写批示内容'), minTwo('请填写批示内容')]}>
        <Input.TextArea rows={5} maxLength={4000} showCount />
      </Form.Item>
    </CreateCaseModal>
  );
};
