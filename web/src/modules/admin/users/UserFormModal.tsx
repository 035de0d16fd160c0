/** Create or edit a user account. Editing sends the version read, so a stale edit gets 409. */
import { Form, Input, Modal } from 'antd';
import { CreateUserInput, type User } from '../../../../../common/schemas/org.js';
import { emptyToNull } from '../../../app/format.js';
import { requiredRule, zodRule } from '../../../app/form-rules.js';
import { isConflict, notifySuccess } from '../../../app/request.js';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect.js';
import { useCreateUser, useUpdateUser } from './api.js';

type Values = {
  username: string;
  displayName: string;
  title?: string | null;
  unitId: string;
  phone?: string | null;
  initialPassword?: string;
};

const fields = CreateUserInput.shape;

export const UserFormModal = ({ user, onClose }: { user: User | null; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();

  const submit = (values: Values) => {
    const common = {
      displayName: values.displayName.trim(),
      title: emptyToNull(values.title),
      unitId: values.unitId,
      phone: emptyToNull(values.phone),
    };
    // The list has reloaded; closing makes the next edit start from the fresh version.
    const closeOnConflict = (error: Error) => {
      if (isConflict(error)) onClose();
    };
    const done = (text: string) => () => {
      notifySuccess(text);
      onClose();
    };
    if (user) {
      // An untouched (possibly masked) phone number is not sent back.
      const { phone, ...rest } = common;
      const input = phone === user.phone ? rest : common;
      updateUser.mutate({ id: user.id, input: { ...input, version: user.version } }, { onSuccess: done('账号已保存'), onError: closeOnConflict });
      return;
    }
    createUser.mutate(
      { ...common, username: values.username.trim(), initialPassword: values.initialPassword ?? '' },
      { onSuccess: done('账号已创建，首次登录须修改密码') },
    );
  };

  return (
    <Modal
      open
      title={user ? `编辑账号：${user.username}` : '新建账号'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createUser.isPending || updateUser.isPending}
      mask={{ closable: false }}
      width={560}
    >
      <Form<Values>
        form={form}
        name="user-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={submit}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, title: user.title, unitId: user.unitId, phone: user.phone }
            : {}
        }
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={user ? [] : [requiredRule('请输入用户名'), zodRule(fields.username)]}
          extra={user ? undefined : '3–32 位小写字母、数字、点、下划线或连字符，以字母开头；创建后不可修改'}
        >
          <Input disabled={Boolean(user)} autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[requiredRule('请输入姓名'), zodRule(fields.displayName)]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label="职务" name="title" rules={[{ max: 30, message: '职务最多 30 个字' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择所属单位' }]}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item
          label="手机号"
          name="phone"
          rules={[zodRule(fields.phone)]}
          extra={user?.phone?.includes('*') ? '手机号已脱敏显示；如需修改请输入完整号码' : undefined}
        >
          <Input maxLength={11} />
        </Form.Item>
        {!user && (
          <Form.Item
            label="初始密码"
            name="initialPassword"
            rules={[requiredRule('请输入初始密码')]}
            extra="须符合安全策略；用户首次登录时必须修改"
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
