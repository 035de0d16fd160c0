/** 安全策略: password, lockout and session rules, saved with the version read. */
import { Button, Divider, Empty, Form, InputNumber, Skeleton, Space, Switch, Typography } from 'antd';
import { type SecurityPolicy, SecurityPolicy as PolicySchema, type SecurityPolicyView } from '../../../../../common/schemas/security.js';
import { zodRule } from '../../../app/form-rules.js';
import { notifySuccess } from '../../../app/request.js';
import { PageContainer } from '../../../components/PageContainer.js';
import { useSecurityPolicy, useUpdateSecurityPolicy } from './api.js';

const fields = PolicySchema.shape;

type NumberField = Exclude<keyof SecurityPolicy, 'rejectCommonPasswords'>;

const NumberItem = ({ name, label, unit, extra }: { name: NumberField; label: string; unit?: string; extra?: string }) => (
  <Form.Item label={label} extra={extra} required>
    <Space>
      <Form.Item name={name} noStyle rules={[{ required: true, message: `请填写${label}` }, zodRule(fields[name])]}>
        <InputNumber precision={0} style={{ width: 140 }} aria-label={label} />
      </Form.Item>
      {unit && <span>{unit}</span>}
    </Space>
  </Form.Item>
);

/** The form for one version of the policy; a new version (saved, or reloaded after a conflict) remounts it. */
const PolicyForm = ({ policy }: { policy: SecurityPolicyView }) => {
  const updatePolicy = useUpdateSecurityPolicy();
  const [form] = Form.useForm<SecurityPolicy>();

  const save = (values: SecurityPolicy) =>
    updatePolicy.mutate({ ...values, version: policy.version }, { onSuccess: () => notifySuccess('安全策略已保存') });

  return (
    <Form<SecurityPolicy>
      form={form}
      name="policy-form"
      layout="horizontal"
      labelCol={{ flex: '200px' }}
      initialValues={policy}
      onFinish={save}
      style={{ maxWidth: 720 }}
    >
      <Typography.Title level={5}>密码规则</Typography.Title>
      <NumberItem name="minLength" label="密码最小长度" unit="位" extra="不得少于 8 位" />
      <NumberItem name="requireCharClasses" label="须包含字符种类" unit="种" extra="小写字母、大写字母、数字、符号中至少包含的种类数（1–4）" />
      <Form.Item label="拒绝常见弱密码" name="rejectCommonPasswords" valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
      <NumberItem name="maxAgeDays" label="密码有效期" unit="天" extra="到期后须修改密码；0 表示永不过期" />
      <Divider />
      <Typography.Title level={5}>登录锁定</Typography.Title>
      <NumberItem name="lockoutThreshold" label="连续失败锁定阈值" unit="次" extra="3–20 次" />
      <NumberItem name="lockoutMinutes" label="锁定时长" unit="分钟" />
      <Divider />
      <Typography.Title level={5}>会话</Typography.Title>
      <NumberItem name="idleTimeoutMinutes" label="空闲超时" unit="分钟" extra="无操作超过该时长须重新登录（5–240 分钟）" />
      <NumberItem name="absoluteTimeoutHours" label="会话最长时长" unit="小时" extra="登录后超过该时长须重新登录（1–72 小时）" />
      <Form.Item label=" " colon={false}>
        <Space>
          <Button type="primary" htmlType="submit" loading={updatePolicy.isPending}>
            保存
          </Button>
          <Button onClick={() => form.resetFields()}>撤销修改</Button>
          <Typography.Text type="secondary">版本 {policy.version}</Typography.Text>
        </Space>
      </Form.Item>
    </Form>
  );
};

export const PolicyPage = () => {
  const { data: policy, isPending } = useSecurityPolicy();
  return (
    <PageContainer title="安全策略">
      {isPending ? (
        <Skeleton active />
      ) : policy ? (
        <PolicyForm key={policy.version} policy={policy} />
      ) : (
        <Empty description="无法读取安全策略" />
      )}
    </PageContainer>
  );
};
