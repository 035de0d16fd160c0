/** One action's form, built from the inputs the server asks for; sends the version the page read. */
import { Button, Flex, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import {
  type ActionInput,
  type AssignmentDetail,
  type AttachmentRef,
  type AvailableActionView,
  type CaseDetail,
  Satisfaction,
  satisfactionLabels,
} from '../../../../common/schemas/cases.js';
import { requiredRule } from '../../app/form-rules.js';
import { isConflict, notifySuccess } from '../../app/request.js';
import { personLabel } from '../work/api.js';
import { DraftTextInput, draftTextRule } from '../drafts/DraftTextInput.js';
import { useLeaders, usePerformAction } from './api.js';
import { AttachmentsInput } from './AttachmentsInput.js';
import { type UnitAssignRow, UnitAssignInput } from './UnitAssignInput.js';

export type ActionValues = {
  comment?: string;
  units?: UnitAssignRow[];
  reply?: string;
  attachments?: AttachmentRef[];
  reason?: string;
  satisfaction?: NonNullable<AssignmentDetail['satisfaction']>;
  extensionAmount?: number;
  extensionReason?: string;
  leaders?: string[];
  leaderMode?: 'sequential' | 'parallel';
  text?: string;
  reservationId?: string;
};
type Values = ActionValues;
type AssignmentRole = AssignmentDetail['role'];

/** What a kind changes in an action's form (kind-views.ts actionOptions): prefilled values, names, quick replies. */
export type ActionOptions = {
  initialValues?: Partial<ActionValues>;
  /** The roles the units may be given (e.g. only 会签); all three otherwise. */
  unitRoles?: readonly AssignmentRole[];
  unitRoleLabels?: Record<AssignmentRole, string>;
  /** 承办单位 unless told (会签单位). */
  unitsLabel?: string;
  /** 答复内容 unless told (会签意见). */
  replyLabel?: string;
  /** One-click replies put into the box (同意). */
  replyPhrases?: readonly string[];
  /** Form items of the kind's own inputs (e.g. 发文 登记's 预留文号 as `reservationId`), shown before the comment. */
  extraFields?: ReactNode;
};

/** 「代 孙磊 签收（市发改委）」: for whom, what, on which unit's assignment. */
export const actionTitle = (action: AvailableActionView): string =>
  `${action.onBehalfOf ? `代 ${action.onBehalfOf.displayName} ` : ''}${action.label}${
    action.assignmentUnitName ? `（${action.assignmentUnitName}）` : ''
  }`;

const commentLabels: Record<string, string> = {
  assign: '交办意见',
  accept_reply: '审核意见',
  submit: '报送说明',
  approve: '审阅意见',
  reinstruct: '批示意见',
  close: '办结意见',
  accept: '初审意见',
  propose: '拟办意见',
  instruct: '批示意见',
  answer_request: '答复意见',
  file: '办结意见',
  archive: '归档说明',
  // 发文
  'outgoing.edit': '修改说明',
  'outgoing.submit': '送审说明',
  'outgoing.approve': '审核意见',
  'outgoing.send_countersign': '会签说明',
  'outgoing.finish_countersign': '说明',
  'outgoing.sign_off': '签发意见',
  'outgoing.check': '复核意见',
  'outgoing.register': '说明',
  'outgoing.print': '说明',
  'outgoing.distribute': '核发说明',
  // 文稿
  'draft.add_version': '本稿说明',
  'draft.submit': '送审说明',
  'draft.approve': '定稿意见',
  'draft.revise': '修改意见',
};

const commentLabel = (kind: string, action: string): string => commentLabels[`${kind}.${action}`] ?? commentLabels[action] ?? '意见';

const trimmed = (value: string | undefined): string | undefined => value?.trim() || undefined;

const toInput = (detail: CaseDetail, action: AvailableActionView, values: Values): ActionInput => ({
  version: detail.version,
  ...(action.onBehalfOf ? { onBehalfOf: action.onBehalfOf.userId } : {}),
  ...(action.assignmentId ? { assignmentId: action.assignmentId } : {}),
  ...(trimmed(values.comment) ? { comment: trimmed(values.comment) } : {}),
  ...(values.units
    ? {
        units: values.units.map((row) => ({
          unitId: row.unitId,
          role: row.role,
          ...(row.dueDays ? { dueDays: row.dueDays } : {}),
          ...(trimmed(row.instruction) ? { instruction: trimmed(row.instruction) } : {}),
        })),
      }
    : {}),
  ...(trimmed(values.reply) ? { reply: trimmed(values.reply) } : {}),
  ...(values.attachments?.length ? { attachments: values.attachments } : {}),
  ...(trimmed(values.reason) ? { reason: trimmed(values.reason) } : {}),
  ...(values.satisfaction ? { satisfaction: values.satisfaction } : {}),
  ...(values.leaders?.length ? { leaders: values.leaders, leaderMode: values.leaderMode ?? 'sequential' } : {}),
  ...(values.text ? { text: values.text } : {}),
  ...(values.reservationId ? { reservationId: values.reservationId } : {}),
  ...(values.extensionAmount
    ? { extension: { amount: values.extensionAmount, reason: values.extensionReason?.trim() ?? '' } }
    : {}),
});

const unitsRule = (label: string) => ({
  validator: async (_rule: unknown, rows: UnitAssignRow[] | undefined) => {
    if (!rows?.length) throw new Error(`请至少选择一个${label}`);
  },
});

export const ActionModal = ({
  detail,
  action,
  deadlineBasis,
  options = {},
  onClose,
}: {
  detail: CaseDetail;
  action: AvailableActionView;
  deadlineBasis?: string | null;
  options?: ActionOptions;
  onClose: () => void;
}) => {
  const unitsLabel = options.unitsLabel ?? '承办单位';
  const [form] = Form.useForm<Values>();
  const performAction = usePerformAction();
  const [isUploading, setIsUploading] = useState(false);
  const { data: leaders = [] } = useLeaders(action.inputs.includes('leaders'));
  const title = actionTitle(action);
  const has = (input: string) => action.inputs.includes(input);
  const handlingUnitIds = detail.assignments
    .filter((assignment) => assignment.state !== '已退回' && assignment.state !== '已撤回')
    .map((assignment) => assignment.unitId);

  const submit = (values: Values) =>
    performAction.mutate(
      { caseId: detail.id, action: action.action, input: toInput(detail, action, values) },
      {
        onSuccess: () => {
          notifySuccess(`已${title}`);
          onClose();
        },
        // The case has reloaded: the user looks again before acting on the fresh version.
        onError: (error) => {
          if (isConflict(error)) onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={title}
      okText={action.label}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={performAction.isPending}
      okButtonProps={{ disabled: isUploading }}
      mask={{ closable: false }}
      width={has('units') || has('text') ? 800 : 560}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {detail.serialNo} · {detail.title}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        name={`action-${action.action}`}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          ...(has('satisfaction') ? { satisfaction: 'satisfied' } : {}),
          ...(has('leaders') ? { leaderMode: 'sequential' } : {}),
          ...options.initialValues,
        }}
      >
        {action.inputs.length === 0 && <Typography.Paragraph>确认{title}？</Typography.Paragraph>}
        {has('units') && (
          <Form.Item label={unitsLabel} name="units" rules={[unitsRule(unitsLabel)]} extra={deadlineBasis ? `时限依据：${deadlineBasis}` : undefined}>
            <UnitAssignInput excludeUnitIds={handlingUnitIds} roles={options.unitRoles} roleLabels={options.unitRoleLabels} label={unitsLabel} />
          </Form.Item>
        )}
        {has('text') && (
          <Form.Item label="文稿正文" name="text" rules={[draftTextRule]} extra="粘贴本稿全文；字数按汉字和数字计算，标点和字母不计">
            <DraftTextInput />
          </Form.Item>
        )}
        {has('reply') && (
          <>
            <Form.Item label={options.replyLabel ?? '答复内容'} name="reply" rules={[requiredRule(`请填写${options.replyLabel ?? '答复内容'}`)]} style={options.replyPhrases ? { marginBottom: 8 } : undefined}>
              <Input.TextArea rows={6} maxLength={20000} showCount />
            </Form.Item>
            {options.replyPhrases && (
              <Flex gap={8} wrap style={{ marginBottom: 24 }}>
                {options.replyPhrases.map((phrase) => (
                  <Button key={phrase} size="small" shape="round" onClick={() => form.setFieldsValue({ reply: phrase })}>
                    {phrase}
                  </Button>
                ))}
              </Flex>
            )}
          </>
        )}
        {has('attachments') && (
          <Form.Item label="附件" name="attachments" extra="单个文件不超过 20 MB，最多 20 个">
            <AttachmentsInput onBusyChange={setIsUploading} />
          </Form.Item>
        )}
        {has('reason') && (
          <Form.Item label={`${action.label}理由`} name="reason" rules={[requiredRule('请填写理由')]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {has('satisfaction') && (
          <Form.Item label="评价" name="satisfaction">
            <Radio.Group options={Satisfaction.options.map((value) => ({ value, label: satisfactionLabels[value] }))} />
          </Form.Item>
        )}
        {has('extension') && (
          <>
            <Form.Item label="延期（工作日）" name="extensionAmount" rules={[{ required: true, message: '请填写延期天数' }]}>
              <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label="延期理由" name="extensionReason" rules={[requiredRule('请填写延期理由')]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
        {has('leaders') && (
          <>
            <Form.Item label="批办领导" name="leaders" extra="依次批示时按选择的先后送批；不选则拟办后直接交办">
              <Select
                mode="multiple"
                allowClear
                placeholder="选择请批示的领导"
                options={leaders.map((person) => ({ value: person.id, label: personLabel(person) }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item label="批示方式" name="leaderMode">
              <Radio.Group
                options={[
                  { value: 'sequential', label: '依次批示' },
                  { value: 'parallel', label: '同时批示' },
                ]}
              />
            </Form.Item>
          </>
        )}
        {options.extraFields}
        {has('comment') && (
          <Form.Item
            label={commentLabel(detail.kind, action.action)}
            name="comment"
            rules={action.commentRequired ? [requiredRule(`「${action.label}」须填写意见`)] : []}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
