/** Create or edit a unit. Editing sends the version read, so a stale edit gets 409. */
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { CreateUnitInput, type Unit, type UnitType, unitTypeLabels } from '../../../../../common/schemas/org.js';
import { emptyToNull } from '../../../app/format.js';
import { requiredRule, zodRule } from '../../../app/form-rules.js';
import { isConflict, notifySuccess } from '../../../app/request.js';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect.js';
import { useCreateUnit, useUpdateUnit } from './api.js';

type Values = {
  parentId: string | null;
  name: string;
  shortName?: string | null;
  code: string;
  type: UnitType;
  sortOrder: number;
};

const typeOptions = Object.entries(unitTypeLabels).map(([value, label]) => ({ value, label }));
const fields = CreateUnitInput.shape;

export type UnitFormTarget = { mode: 'create'; parentId: string | null } | { mode: 'edit'; unit: Unit };

export const UnitFormModal = ({ target, onClose }: { target: UnitFormTarget; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const createUnit = useCreateUnit();
  const updateUnit = useUpdateUnit();
  const isEdit = target.mode === 'edit';

  const initialValues: Partial<Values> =
    target.mode === 'edit'
      ? {
          parentId: target.unit.parentId,
          name: target.unit.name,
          shortName: target.unit.shortName,
          code: target.unit.code,
          type: target.unit.type,
          sortOrder: target.unit.sortOrder,
        }
      : { parentId: target.parentId, type: 'department', sortOrder: 0 };

  const submit = (values: Values) => {
    const input = {
      parentId: values.parentId ?? null,
      name: values.name.trim(),
      shortName: emptyToNull(values.shortName),
      code: values.code.trim(),
      type: values.type,
      sortOrder: values.sortOrder ?? 0,
    };
    // The list has reloaded; closing makes the next edit start from the fresh version.
    const closeOnConflict = (error: Error) => {
      if (isConflict(error)) onClose();
    };
    const done = (text: string) => () => {
      notifySuccess(text);
      onClose();
    };
    if (target.mode === 'edit') {
      updateUnit.mutate(
        { id: target.unit.id, input: { ...input, version: target.unit.version } },
        { onSuccess: done('单位已保存'), onError: closeOnConflict },
      );
      return;
    }
    createUnit.mutate(input, { onSuccess: done('单位已创建') });
  };

  return (
    <Modal
      open
      title={isEdit ? '编辑单位' : '新建单位'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createUnit.isPending || updateUnit.isPending}
      mask={{ closable: false }}
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        style={{ marginTop: 16 }}
        name="unit-form"
      >
        <Form.Item label="上级单位" name="parentId" extra="不选则为顶级单位">
          <UnitTreeSelect allowClear excludeId={target.mode === 'edit' ? target.unit.id : undefined} />
        </Form.Item>
        <Form.Item label="单位名称" name="name" rules={[requiredRule('请输入单位名称'), zodRule(fields.name)]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label="简称" name="shortName" rules={[{ max: 20, message: '简称最多 20 个字' }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label="单位代码" name="code" rules={[requiredRule('请输入单位代码'), zodRule(fields.code)]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item label="单位类型" name="type" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select options={typeOptions} />
        </Form.Item>
        <Form.Item label="排序号" name="sortOrder" extra="数字越小越靠前">
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
