/** 登记 one 建议 or 提案 that arrived outside the session's list (闭会期间): its number, title, deputy, group and content. */
import { Checkbox, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { bodyLabels, bodyWords, type ProposalBody } from '../../../../common/schemas/proposal.js';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { personLabel } from '../work/api.js';
import { useLeaders } from '../cases/api.js';
import { useCreateProposal } from './api.js';

type Values = { body: ProposalBody; term: string; session: number; number: string; title: string; leadName: string; leadPhone?: string; cosigners?: string[]; group?: string; category?: string; content: string; receivedOn: Dayjs; isKey?: boolean; keyLeaderId?: string };

export const ProposalFormModal = ({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) => {
  const [form] = Form.useForm<Values>();
  const body = Form.useWatch('body', form) ?? 'npc';
  const words = bodyWords[body];
  const create = useCreateProposal();
  const isKey = Form.useWatch('isKey', form) ?? false;
  const leaders = useLeaders(isKey);
  const submit = (values: Values) =>
    create.mutate(
      {
        body: values.body,
        term: values.term.trim(),
        session: values.session,
        number: values.number.trim(),
        title: values.title.trim(),
        leadName: values.leadName.trim(),
        ...(values.leadPhone ? { leadPhone: values.leadPhone.trim() } : {}),
        cosigners: values.cosigners ?? [],
        ...(values.group ? { group: values.group.trim() } : {}),
        ...(values.category ? { category: values.category.trim() } : {}),
        content: values.content.trim(),
        receivedOn: values.receivedOn.format('YYYY-MM-DD'),
        isKey: values.isKey ?? false,
        ...(values.isKey && values.keyLeaderId ? { keyLeaderId: values.keyLeaderId } : {}),
      },
      {
        onSuccess: (created) => {
          notifySuccess(`已登记 ${created.serialNo}`);
          onCreated(created.id);
        },
      },
    );
  return (
    <Modal open title="登记建议提案" okText="登记" onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ body: 'npc', session: 1, receivedOn: officeNow() }}>
        <Form.Item name="body" label="类型" rules={[requiredRule('请选择类型')]}>
          <Radio.Group options={Object.entries(bodyLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="term" label="届次" rules={[requiredRule('请填写届次')]}>
          <Input placeholder="如：十五届" maxLength={20} />
        </Form.Item>
        <Form.Item name="session" label="第几次会议" rules={[requiredRule('请填写第几次会议')]}>
          <InputNumber min={1} max={20} />
        </Form.Item>
        <Form.Item name="number" label={words.number} rules={[requiredRule(`请填写${words.number}`)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[requiredRule('请填写标题')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="leadName" label={words.lead} rules={[requiredRule(`请填写${words.lead}`)]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="leadPhone" label="联系电话">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="cosigners" label={words.cosigners}>
          <Select mode="tags" tokenSeparators={['、', ',', '，']} placeholder="输入姓名后回车" />
        </Form.Item>
        <Form.Item name="group" label={words.group}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="category" label="类别">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="content" label="内容" rules={[requiredRule('请填写内容')]}>
          <Input.TextArea rows={5} maxLength={20000} />
        </Form.Item>
        <Form.Item name="receivedOn" label="收到日期" rules={[requiredRule('请选择收到日期')]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="isKey" valuePropName="checked">
          <Checkbox>重点{words.short}</Checkbox>
        </Form.Item>
        {isKey && (
          <Form.Item name="keyLeaderId" label="领办领导">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="选择领办的政府领导" options={(leaders.data ?? []).map((person) => ({ value: person.id, label: personLabel(person) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
