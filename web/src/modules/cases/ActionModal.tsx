/**
 * One action's dialog, rendered from the form the server describes (the kind's declared inputs, one
 * widget each); sends the version the page read. Knows no action or kind by name: a kind changes it
 * only through ActionOptions (prefilled values, its own control for one input).
 */
import { Alert, App, Form, Modal, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import type { AvailableActionView, CaseDetail } from '../../../../common/schemas/cases.js';
import { useFormDraft } from '../../app/form-draft.js';
import { isApiError, isConflict, notifySuccess } from '../../app/request.js';
import { usePerformAction } from './api.js';
import { compactValues, defaultValuesOf, FormField } from './inputs/FormField.js';

type Values = Record<string, unknown>;

/** What a kind changes in an action's form (kind-views.ts actionOptions). */
export type ActionOptions = {
  initialValues?: Values;
  /** The kind's own control for a declared input, by its name (发文 登记: the 预留文号 list for `reservationId`); null hides an optional input that does not apply. */
  controls?: Record<string, ReactNode>;
};

/** 「代 孙磊 签收（市发改委）」: for whom, what, on which unit's assignment. */
export const actionTitle = (action: AvailableActionView): string =>
  `${action.onBehalfOf ? `代 ${action.onBehalfOf.displayName} ` : ''}${action.label}${
    action.assignmentUnitName ? `（${action.assignmentUnitName}）` : ''
  }`;

const keyOf = (action: AvailableActionView) => [action.action, action.assignmentId ?? '', action.onBehalfOf?.userId ?? ''].join(':');

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const isWide = (action: AvailableActionView) =>
  action.form.some((field) => field.widget === 'unitAssignments' || (field.widget === 'longText' && field.variant === 'document'));

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
  const [form] = Form.useForm<Values>();
  const { modal } = App.useApp();
  const performAction = usePerformAction();
  const [isUploading, setIsUploading] = useState(false);
  const title = actionTitle(action);
  // Not keyed by version: what was typed outlives a 409 (the case changed in another tab) and a reopen.
  const draft = useFormDraft({ formKey: `action:${detail.id}:${keyOf(action)}`, form });
  const close = draft.guard(onClose);
  const [isStale, setIsStale] = useState(false);

  const send = (values: Values) =>
    performAction.mutate(
      {
        caseId: detail.id,
        action: action.action,
        input: {
          ...(compactValues(values) as Values),
          version: detail.version,
          ...(action.onBehalfOf ? { onBehalfOf: action.onBehalfOf.userId } : {}),
          ...(action.assignmentId ? { assignmentId: action.assignmentId } : {}),
        },
      },
      {
        onSuccess: () => {
          draft.clear();
          notifySuccess(`已${title}`);
          onClose();
        },
        // The case has reloaded (the page passes the fresh version): the form stays with what was typed.
        onError: (error) => {
          if (isConflict(error)) setIsStale(true);
          // A refused input is marked on its field, as the server named it (by its path in the body).
          if (isApiError(error) && error.code === 'VALIDATION') {
            const declared = new Set(action.form.map((field) => field.name.join('.')));
            const refused = (error.details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields ?? [];
            form.setFields(
              refused
                .map((item) => ({ ...item, name: [...declared].find((name) => item.path === name || item.path.startsWith(`${name}.`)) }))
                .filter((item) => item.name !== undefined)
                .map((item) => ({ name: item.name!.split('.'), errors: [item.message] })),
            );
          }
        },
      },
    );

  // The kind asks first where a tap would do something weighty: 签发, or a 批示 left empty (圈阅).
  const submit = (values: Values) => {
    const confirm = action.confirm;
    if (!confirm || (confirm.whenEmpty && !isEmpty(values[confirm.whenEmpty]))) return send(values);
    modal.confirm({ title: confirm.message, okText: action.label, cancelText: '返回修改', onOk: () => send(values) });
  };

  return (
    <Modal
      open
      title={title}
      okText={action.label}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={performAction.isPending}
      okButtonProps={{ disabled: isUploading }}
      mask={{ closable: false }}
      width={isWide(action) ? 800 : 560}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {detail.serialNo} · {detail.title}
      </Typography.Paragraph>
      {draft.notice}
      {isStale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="此件刚被他人或在其他窗口办理过，页面已更新。您填写的内容仍在，请核对后再提交。"
        />
      )}
      <Form<Values>
        form={form}
        name={`action-${action.action}`}
        layout="vertical"
        onFinish={submit}
        initialValues={draft.initialValues({ ...defaultValuesOf(action.form), ...options.initialValues })}
      >
        {action.form.length === 0 && <Typography.Paragraph>确认{title}？</Typography.Paragraph>}
        {action.form.filter((field) => options.controls?.[field.name.join('.')] !== null).map((field) => (
          <FormField
            key={field.name.join('.')}
            field={field}
            context={{
              detail,
              deadlineBasis,
              onBusyChange: setIsUploading,
              setValue: (name, value) => form.setFieldValue(name as string[], value),
              control: options.controls?.[field.name.join('.')],
            }}
          />
        ))}
      </Form>
    </Modal>
  );
};
