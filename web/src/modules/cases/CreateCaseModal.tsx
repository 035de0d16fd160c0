/**
 * The frame every registration form shares: a modal that keeps typed work (form-draft), sends the
 * kind's fields, says the new number and opens the case. A kind's form gives only its fields and how
 * the typed values become the kind's fields.
 */
import { Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useFormDraft } from '../../app/form-draft.js';
import { notifySuccess } from '../../app/request.js';
import { useCreateCase } from './api.js';
import type { CreateFormProps } from './kind-views.js';

type CreateCaseModalProps<Values extends object> = CreateFormProps & {
  form: FormInstance<Values>;
  title: string;
  /** The Form's name: the fields' ids and the draft's key. */
  name: string;
  okText?: string;
  /** 已登记 unless told (已新建文稿). */
  doneText?: string;
  width?: number;
  initialValues: Partial<Values>;
  /** The typed values as the kind's fields (trimmed, only what the choices call for). */
  toFields: (values: Values) => Record<string, unknown>;
  children: ReactNode;
};

export const CreateCaseModal = <Values extends object>({
  kind,
  onClose,
  onCreated,
  form,
  title,
  name,
  okText = '登记',
  doneText = '已登记',
  width = 640,
  initialValues,
  toFields,
  children,
}: CreateCaseModalProps<Values>) => {
  const draft = useFormDraft({ formKey: `create:${kind}`, form });
  const createCase = useCreateCase();
  const submit = (values: Values) =>
    createCase.mutate(
      { kind, fields: toFields(values) },
      {
        onSuccess: (created) => {
          draft.clear();
          notifySuccess(`${doneText}，编号 ${created.serialNo}`);
          onCreated(created.id, created.warnings);
        },
      },
    );
  return (
    <Modal open title={title} okText={okText} onOk={() => form.submit()} onCancel={draft.guard(onClose)} confirmLoading={createCase.isPending} mask={{ closable: false }} width={width}>
      {draft.notice}
      <Form<Values> form={form} name={name} layout="vertical" style={{ marginTop: 16 }} onFinish={submit} initialValues={draft.initialValues(initialValues)}>
        {children}
      </Form>
    </Modal>
  );
};
