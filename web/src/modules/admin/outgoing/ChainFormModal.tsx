/**
 * Create or edit an approval chain. An edit is saved as a new version against the version read
 * (409 when someone saved in between); documents already sent for approval keep their version.
 */
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { documentTypes } from '../../../../../common/documents/official.js';
import {
  type ApprovalChainView,
  type ChainStep,
  directions,
  type IssuerCode,
  SaveChainInput,
} from '../../../../../common/schemas/outgoing.js';
import { requiredRule } from '../../../app/form-rules.js';
import { isConflict, notifyError, notifySuccess } from '../../../app/request.js';
import { useSaveChain } from './api.js';
import { chainIssueMessages } from './chain-labels.js';
import { ChainFlow } from './ChainFlow.js';
import { fromDraft, type StepDraft, StepsEditor, toDraft } from './StepsEditor.js';

type Values = { name: string; issuerCode?: string | null; docType?: string | null; direction?: string | null };

/** What the dialog starts from: nothing, a live chain to edit, or an old one to copy into a new chain. */
export type ChainFormTarget = { mode: 'create' } | { mode: 'edit'; chain: ApprovalChainView } | { mode: 'copy'; chain: ApprovalChainView };

const starterSteps: ChainStep[] = [
  { label: '核稿', type: 'review', roles: ['director'], parallel: false, onlyNormative: false },
  { label: '签发', type: 'sign', roles: ['leader'], parallel: false, onlyNormative: false },
];

const conflictText = '该流程已被他人修改，请刷新后重试';

const toOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

export const ChainFormModal = ({
  target,
  issuers,
  onClose,
}: {
  target: ChainFormTarget;
  issuers: readonly IssuerCode[];
  onClose: () => void;
}) => {
  const [form] = Form.useForm<Values>();
  const saveChain = useSaveChain();
  const source = target.mode === 'create' ? null : target.chain;
  const [steps, setSteps] = useState<StepDraft[]>(() => (source?.steps ?? starterSteps).map(toDraft));
  const [issues, setIssues] = useState<ReturnType<typeof chainIssueMessages> | null>(null);

  const submit = (values: Values) => {
    const parsed = SaveChainInput.safeParse({
      name: values.name,
      issuerCode: values.issuerCode ?? null,
      docType: values.docType ?? null,
      direction: values.direction ?? null,
      steps: steps.map(fromDraft),
      baseVersion: target.mode === 'edit' ? target.chain.version : undefined,
    });
    if (!parsed.success) {
      setIssues(chainIssueMessages(parsed.error.issues));
      return;
    }
    setIssues(null);
    saveChain.mutate(
      { chainKey: target.mode === 'edit' ? target.chain.chainKey : undefined, input: parsed.data },
      {
        onSuccess: (saved) => {
          notifySuccess(target.mode === 'edit' ? `已保存为第 ${saved.version} 版` : '审批流程已新增');
          onClose();
        },
        onError: (error) => {
          if (!isConflict(error)) return notifyError(error);
          // The list has reloaded: the next edit starts from the version someone else saved.
          notifyError(new Error(conflictText));
          onClose();
        },
      },
    );
  };

  const issuerOptions = issuers.map((issuer) => ({
    value: issuer.code,
    label: issuer.isActive ? `${issuer.code}（${issuer.label}）` : `${issuer.code}（已停用）`,
  }));
  const title = target.mode === 'edit' ? `修改审批流程：${target.chain.name}（第${target.chain.version}版）` : '新建审批流程';

  return (
    <Modal
      open
      title={title}
      okText={target.mode === 'edit' ? '保存为新版本' : '保存'}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saveChain.isPending}
      mask={{ closable: false }}
      width={780}
    >
      {target.mode === 'edit' && (
        <Alert
          type="info"
          showIcon
          style={{ margin: '12px 0' }}
          title={`保存后生成第 ${target.chain.version + 1} 版，新送审的文件按新版本流转；已送审的文件仍按送审时的版本办理。`}
        />
      )}
      <Form<Values>
        form={form}
        name="chain-form"
        layout="vertical"
        style={{ marginTop: 12 }}
        onFinish={submit}
        initialValues={source ? { name: source.name, issuerCode: source.issuerCode, docType: source.docType, direction: source.direction } : {}}
      >
        <Form.Item label="流程名称" name="name" rules={[requiredRule('请填写流程名称'), { min: 2, max: 40, message: '流程名称为 2–40 个字' }]}>
          <Input maxLength={40} placeholder="如 市政府发文" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          适用范围：留空为“任意”。送审时按最具体的流程匹配（代字优先于文种，文种优先于行文方向）。
        </Typography.Paragraph>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', columnGap: 12 }}>
          <Form.Item label="机关代字" name="issuerCode">
            <Select allowClear placeholder="任意" options={issuerOptions} />
          </Form.Item>
          <Form.Item label="文种" name="docType">
            <Select allowClear showSearch placeholder="任意" options={toOptions(documentTypes)} />
          </Form.Item>
          <Form.Item label="行文方向" name="direction">
            <Select allowClear placeholder="任意" options={toOptions(directions)} />
          </Form.Item>
        </div>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        审批步骤
      </Typography.Title>
      {issues && issues.general.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={issues.general.length === 1 ? issues.general[0] : '审批流程不符合要求'}
          description={
            issues.general.length > 1 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {issues.general.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <StepsEditor value={steps} errors={issues?.byStep ?? new Map()} onChange={setSteps} />
      <Typography.Text type="secondary" style={{ display: 'block', margin: '16px 0 8px' }}>
        预览
      </Typography.Text>
      <ChainFlow steps={steps} />
    </Modal>
  );
};
