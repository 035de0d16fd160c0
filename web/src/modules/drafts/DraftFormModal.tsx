/** 新建文稿: what is being written, of which type, for whom, for which occasion, by when. */
import { AutoComplete, Form, Input, Select } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { emptyToNull } from '../../app/format.js';
import { requiredRule } from '../../app/form-rules.js';
import { useLeaders } from '../cases/api.js';
import { CreateCaseModal } from '../cases/CreateCaseModal.js';
import type { CreateFormProps } from '../cases/kind-views.js';
import { TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';

/** The types the server accepts (draft.kind.ts). */
export const draftTypes = ['讲话稿', '汇报材料', '调研报告', '综合材料', '工作总结', '署名文章', '其他'] as const;

type Values = { title: string; draftType: (typeof draftTypes)[number]; forWhom?: string; occasion?: string; dueOn?: Dayjs | null };

export const DraftFormModal = (props: CreateFormProps) => {
  const [form] = Form.useForm<Values>();
  const { data: leaders = [] } = useLeaders();

  const toFields = (values: Values) => ({
    title: values.title.trim(),
    draftType: values.draftType,
    ...(emptyToNull(values.forWhom) ? { forWhom: emptyToNull(values.forWhom) } : {}),
    ...(emptyToNull(values.occasion) ? { occasion: emptyToNull(values.occasion) } : {}),
    ...(values.dueOn ? { dueOn: values.dueOn.format('YYYY-MM-DD') } : {}),
  });

  // 为谁起草: the leaders by title (市长, 副市长 …), or anyone typed in.
  const forWhomOptions = [...new Set(leaders.map((person) => person.title ?? person.displayName))].map((value) => ({ value }));

  return (
    <CreateCaseModal<Values> {...props} form={form} title="新建文稿" name="draft-form" okText="新建" doneText="已新建文稿" width={600} initialValues={{ draftType: '讲话稿' }} toFields={toFields}>
      <Form.Item label="标题" name="title" rules={[requiredRule('请填写文稿标题'), { min: 2, message: '请填写文稿标题' }, { max: TITLE_MAX_LENGTH, message: `标题不超过 ${TITLE_MAX_LENGTH} 字` }]}>
        <Input count={{ show: true, max: TITLE_MAX_LENGTH }} placeholder="如：在全市经济工作会议上的讲话" />
      </Form.Item>
      <Form.Item label="类型" name="draftType" rules={[{ required: true, message: '请选择文稿类型' }]}>
        <Select options={draftTypes.map((value) => ({ value, label: value }))} />
      </Form.Item>
      <Form.Item label="为谁起草" name="forWhom">
        <AutoComplete options={forWhomOptions} maxLength={60} placeholder="如：市长" />
      </Form.Item>
      <Form.Item label="场合" name="occasion">
        <Input count={{ show: true, max: TITLE_MAX_LENGTH }} placeholder="如：全市经济工作会议" />
      </Form.Item>
      <Form.Item label="完成时限" name="dueOn">
        <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isBefore(officeNow(), 'day')} />
      </Form.Item>
    </CreateCaseModal>
  );
};
