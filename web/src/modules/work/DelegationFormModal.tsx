/** Set up an AB角: a colleague may act for me (签收, 答复, 审核 …) over a date range. */
import { Form, Input, Modal, Select } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { emptyToNull } from '../../app/format.js';
import { notifySuccess } from '../../app/request.js';
import { personLabel, useCreateDelegation, useDelegationCandidates } from './api.js';

type Values = { toUserId: string; range: [Dayjs, Dayjs]; note?: string };

export const DelegationFormModal = ({ onClose }: { onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const { data: colleagues = [], isPending } = useDelegationCandidates();
  const createDelegation = useCreateDelegation();

  const submit = (values: Values) =>
    createDelegation.mutate(
      {
        toUserId: values.toUserId,
        startDate: values.range[0].format('YYYY-MM-DD'),
        endDate: values.range[1].format('YYYY-MM-DD'),
        note: emptyToNull(values.note) ?? undefined,
      },
      {
        onSuccess: (delegation) => {
          notifySuccess(`已委托 ${delegation.toUserName} 代为办理`);
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title="新增 AB角 委托"
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createDelegation.isPending}
      mask={{ closable: false }}
      width={520}
    >
      <Form<Values>
        form={form}
        name="delegation-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={submit}
        initialValues={{ range: [officeNow(), officeNow().add(6, 'day')] }}
      >
        <Form.Item label="委托给（B角）" name="toUserId" rules={[{ required: true, message: '请选择被委托的同事' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={isPending}
            placeholder="请选择同事"
            options={colleagues.map((person) => ({ value: person.id, label: `${personLabel(person)} · ${person.unitName}` }))}
          />
        </Form.Item>
        <Form.Item
          label="委托期间"
          name="range"
          rules={[{ required: true, message: '请选择委托期间' }]}
          extra="期间内，被委托人可以代您办理待办事项，留痕中记为「代 您」"
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="说明" name="note" rules={[{ max: 200, message: '说明最多 200 个字' }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="如：出差、休假" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
