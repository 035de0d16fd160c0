/** 复制为本办模板: a template copied whole under a new name and level, then opened for editing. */
import { Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router';
import type { TemplateView } from '../../../../common/schemas/summary.js';
import { notifyError, notifySuccess } from '../../app/request.js';
import { useSaveTemplate } from './api.js';

type Values = { name: string; level: TemplateView['level'] | 'none' };

export const levelOptions = [
  { value: '市', label: '市' },
  { value: '县', label: '县' },
  { value: '区', label: '区' },
  { value: '开发区', label: '开发区' },
  { value: 'none', label: '通用（不分层级）' },
];

export const CopyTemplateModal = ({ template, onClose }: { template: TemplateView; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const save = useSaveTemplate();
  const navigate = useNavigate();
  const submit = ({ name, level }: Values) =>
    save.mutate(
      { name, level: level === 'none' ? null : level, periodKind: template.periodKind, basedOn: template.key, title: template.title, sections: template.sections },
      {
        onSuccess: (copy) => {
          notifySuccess(`已复制为“${copy.name}”`);
          onClose();
          void navigate(`/summaries/templates/${copy.key}`);
        },
        onError: notifyError,
      },
    );
  return (
    <Modal open title="复制为本办模板" okText="复制并编辑" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ name: `本办${template.name}`, level: template.level ?? 'none' }}>
        <Form.Item label="模板名称" name="name" rules={[{ required: true, min: 2, max: 60, message: '请填写 2 至 60 字的模板名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="适用层级" name="level" extra="决定{上级}{信箱}等占位符的写法，如“市委、市政府”“市长信箱”">
          <Select options={levelOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
