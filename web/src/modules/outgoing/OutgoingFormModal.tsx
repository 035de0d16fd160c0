/**
 * 拟稿 and 修改文稿: one form for both. A new draft is saved (保存草稿) or saved and sent on at once
 * (保存并送审); the 修改 action sends the whole field set as its `document`. The fields are checked
 * here with the server's own schema first, and what the server still refuses lands on its box.
 */
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useFormDraft } from '../../app/form-draft.js';
import { isApiError, isConflict, notifySuccess, notifyWarning } from '../../app/request.js';
import { actionTitle } from '../cases/ActionModal.js';
import { useCreateCase, usePerformAction } from '../cases/api.js';
import type { CreateFormProps, EditFormProps } from '../cases/kind-views.js';
import { useIssuerCodes } from './api.js';
import { outgoingOf, usualDirection } from './fields.js';
import { checkValues, emptyValues, type FieldProblem, type FormValues, fromFields, problemsFromServer, toFields, toFormErrors } from './form-values.js';
import { OutgoingFormFields } from './OutgoingFormFields.js';
import './outgoing.css';

type Mode = { kind: 'create'; props: CreateFormProps } | { kind: 'edit'; props: EditFormProps };

const OutgoingFormModal = ({ mode }: { mode: Mode }) => {
  const [form] = Form.useForm<FormValues>();
  const createCase = useCreateCase();
  const performAction = usePerformAction();
  const { data: issuerCodes = [] } = useIssuerCodes();
  const [isUploading, setIsUploading] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [pending, setPending] = useState<'save' | 'submit' | null>(null);
  const detail = mode.kind === 'edit' ? mode.props.detail : undefined;
  const isSubmitted = detail !== undefined && detail.state !== 'drafting';
  const draft = useFormDraft({ formKey: mode.kind === 'edit' ? `edit:${mode.props.detail.id}` : `create:${mode.props.kind}`, form });
  const onClose = draft.guard(mode.props.onClose);

  const showProblems = (problems: readonly FieldProblem[]) => {
    const { fields, general: rest } = toFormErrors(problems);
    form.setFields(fields);
    setGeneral(rest);
    if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  };

  /** Sensible defaults as the drafter goes: the usual direction of a 文种, the 主要负责人 where the rule needs them. */
  const onValuesChange = (changed: Partial<FormValues>, all: FormValues) => {
    if (changed.docType && !form.isFieldTouched('direction') && !detail) {
      const direction = usualDirection[changed.docType];
      if (direction) form.setFieldValue('direction', direction);
    }
    const principalId = issuerCodes.find((code) => code.code === all.issuerCode)?.principalId;
    const direction = form.getFieldValue('direction') as FormValues['direction'];
    if (!isSubmitted && principalId && !all.signerId && (direction === '上行文' || all.important)) form.setFieldValue('signerId', principalId);
  };

  const save = async (andSubmit: boolean) => {
    setGeneral([]);
    try {
      await form.validateFields();
    } catch {
      return; // antd marks the boxes
    }
    const values = { ...emptyValues, ...(form.getFieldsValue(true) as Partial<FormValues>) };
    const problems = checkValues(values);
    if (andSubmit && !values.signerId) problems.push({ name: 'signerId', message: '送审前请选择签发人' });
    if (problems.length) {
      showProblems(problems);
      return;
    }
    const fields = toFields(values);
    const fromServer = (error: unknown) => {
      if (isApiError(error)) showProblems(problemsFromServer(error.details));
    };
    setPending(andSubmit ? 'submit' : 'save');
    try {
      if (mode.kind === 'create') {
        const created = await createCase.mutateAsync({ kind: mode.props.kind, fields }).catch((error: unknown) => {
          fromServer(error);
          throw error;
        });
        if (andSubmit) {
          // The draft is saved either way; a refusal of 送审 (no chain, wrong signer) is shown and the draft opens.
          const sent = await performAction.mutateAsync({ caseId: created.id, action: 'submit', input: { version: created.version } }).then(
            () => true,
            () => false,
          );
          if (sent) notifySuccess(`已送审，稿号 ${created.serialNo}`);
          else notifyWarning(`文稿已保存（稿号 ${created.serialNo}），但未能送审，请修改后再送审`);
        } else {
          notifySuccess(`已保存草稿，稿号 ${created.serialNo}`);
        }
        draft.clear();
        mode.props.onCreated(created.id, created.warnings);
        return;
      }
      const { detail: current, action } = mode.props;
      const saved = await performAction.mutateAsync({
        caseId: current.id,
        action: action.action,
        input: {
          version: current.version,
          ...(action.onBehalfOf ? { onBehalfOf: action.onBehalfOf.userId } : {}),
          document: fields,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        },
      });
      // The server writes nothing for an unchanged 修改: same version, no trail entry, no new revision.
      if (saved.version === current.version) notifySuccess('文稿没有改动，未生成新稿');
      else notifySuccess(`已${actionTitle(action)}`);
      draft.clear();
      mode.props.onClose();
    } catch (error) {
      // The case has reloaded after a 409: the user looks again before editing the fresh version.
      if (isConflict(error)) mode.props.onClose();
      else fromServer(error);
    } finally {
      setPending(null);
    }
  };

  const initialValues = detail ? fromFields(outgoingOf(detail.fields)) : emptyValues;
  const isBusy = pending !== null;

  return (
    <Modal
      open
      title={detail ? `修改文稿 · ${detail.serialNo}` : '拟稿'}
      onCancel={onClose}
      mask={{ closable: false }}
      width={1120}
      style={{ top: 24 }}
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>取消</Button>
          {mode.kind === 'create' ? (
            <>
              <Button onClick={() => void save(false)} loading={pending === 'save'} disabled={isUploading || isBusy}>
                保存草稿
              </Button>
              <Button type="primary" onClick={() => void save(true)} loading={pending === 'submit'} disabled={isUploading || isBusy}>
                保存并送审
              </Button>
            </>
          ) : (
            <Button type="primary" onClick={() => void save(false)} loading={pending === 'save'} disabled={isUploading || isBusy}>
              保存修改
            </Button>
          )}
        </Flex>
      }
    >
      {detail?.state === 'checking' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title="已签发的文稿：修改标题、正文、主送、附件、文种、方向或代字属实质性修改，保存后须重新签发（条例第二十五条）"
        />
      )}
      {draft.notice}
      {general.length > 0 && <Alert type="error" showIcon style={{ marginTop: 8 }} title="请修改以下问题" description={general.join('；')} />}
      <Form<FormValues>
        form={form}
        name="outgoing-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={draft.initialValues(initialValues)}
        onValuesChange={onValuesChange}
        scrollToFirstError={{ block: 'center' }}
      >
        <OutgoingFormFields form={form} isSubmitted={isSubmitted} onUploadingChange={setIsUploading} />
      </Form>
      {detail && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>修改说明</Typography.Text>
          <Input.TextArea aria-label="修改说明" rows={2} maxLength={4000} value={comment} onChange={(event) => setComment(event.target.value)} placeholder="可不填" style={{ marginTop: 4 }} />
        </div>
      )}
    </Modal>
  );
};

/** 拟稿: the ledger's button. */
export const OutgoingCreateForm = (props: CreateFormProps) => <OutgoingFormModal mode={{ kind: 'create', props }} />;

/** 修改文稿: the action whose input is the whole `document`. */
export const OutgoingEditForm = (props: EditFormProps) => <OutgoingFormModal mode={{ kind: 'edit', props }} />;
