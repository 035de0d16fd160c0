/**
 * 批量移交: moves every open case one person handles to another. The lists come from the server's
 * holding rule, so only people who could hold that work themselves are offered as receivers.
 */
import { Alert, Button, Form, Input, Popconfirm, Select, Typography } from 'antd';
import type { WorkPerson } from '../../../../../common/schemas/cases.js';
import { notifySuccess } from '../../../app/request.js';
import { PageContainer } from '../../../components/PageContainer.js';
import { useTransferWork, useWorkHolders, useWorkReceivers } from './api.js';

type Values = { fromUserId: string; toUserId: string; reason: string };

const personText = (person: WorkPerson) =>
  `${person.displayName}${person.title ? `（${person.title}）` : ''} · ${person.unitName}${person.isActive ? '' : ' · 已停用'}`;

export const TransferPage = () => {
  const [form] = Form.useForm<Values>();
  const fromUserId = Form.useWatch('fromUserId', form);
  const toUserId = Form.useWatch('toUserId', form);
  const holders = useWorkHolders();
  const receivers = useWorkReceivers(fromUserId);
  const transfer = useTransferWork();
  const from = holders.data?.find((person) => person.id === fromUserId);
  const to = receivers.data?.find((person) => person.id === toUserId);

  const submit = (values: Values) =>
    transfer.mutate(values, {
      onSuccess: ({ moved }) => {
        notifySuccess(`已移交 ${moved} 件在办事项`);
        form.resetFields();
      },
    });

  return (
    <PageContainer title="批量移交">
      <Typography.Paragraph type="secondary">
        人员调动或离职时，把其经办的全部在办事项交给另一位能办理这些工作的人员；每件事项的留痕中记录移交。接收人只列出符合条件的人员：府办的工作只能交给府办工作人员，联络员的工作只能交给本单位的联络员，管理员账号不办理业务。
      </Typography.Paragraph>
      <Form<Values> form={form} name="transfer-form" layout="vertical" style={{ maxWidth: 560 }} onFinish={submit}>
        <Form.Item label="移交人" name="fromUserId" rules={[{ required: true, message: '请选择移交人' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={holders.isPending}
            placeholder="有在办事项的人员"
            notFoundContent={holders.isPending ? '加载中…' : '没有可移交的在办事项'}
            options={(holders.data ?? []).map((person) => ({ value: person.id, label: `${personText(person)}（在办 ${person.openCases} 件）` }))}
            onChange={() => form.setFieldValue('toUserId', undefined)}
          />
        </Form.Item>
        <Form.Item label="接收人" name="toUserId" rules={[{ required: true, message: '请选择接收人' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!fromUserId}
            loading={receivers.isFetching}
            placeholder={fromUserId ? '能接手这些工作的人员' : '请先选择移交人'}
            notFoundContent={receivers.isFetching ? '加载中…' : '没有符合条件的接收人'}
            options={(receivers.data ?? []).map((person) => ({ value: person.id, label: personText(person) }))}
          />
        </Form.Item>
        <Form.Item label="移交原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写移交原因' }, { min: 2, message: '请填写移交原因' }]}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：调任其他岗位、离职" />
        </Form.Item>
        {from && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`将移交 ${from.displayName} 经办的 ${from.openCases} 件在办事项${to ? `给 ${to.displayName}` : ''}`}
          />
        )}
        <Popconfirm
          title="确认批量移交？"
          description="移交后由接收人办理，原经办人不再收到这些事项的待办。"
          okText="移交"
          cancelText="取消"
          onConfirm={() => form.submit()}
        >
          <Button type="primary" loading={transfer.isPending} disabled={!fromUserId || !toUserId}>
            移交
          </Button>
        </Popconfirm>
      </Form>
    </PageContainer>
  );
};
