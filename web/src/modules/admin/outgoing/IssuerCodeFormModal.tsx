/** Add or edit a 机关代字: the head, signature and 版记 the document is printed with, and its 主要负责人. */
import { Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import {
  CreateIssuerCodeInput,
  documentFormatLabels,
  documentFormats,
  type IssuerCode,
} from '../../../../../common/schemas/outgoing.js';
import { requiredRule, zodRule } from '../../../app/form-rules.js';
import { notifySuccess } from '../../../app/request.js';
import { type PrincipalOption, useCreateIssuerCode, useUpdateIssuerCode } from './api.js';
import './outgoing-config.css';

type Values = {
  code: string;
  label: string;
  issuerName: string;
  organName: string;
  printerName: string;
  format: IssuerCode['format'];
  principalId?: string | null;
  sortOrder?: number | null;
  isActive: boolean;
};

const fields = CreateIssuerCodeInput.shape;
const formatOptions = documentFormats.map((format) => ({ value: format, label: documentFormatLabels[format] }));

export const principalLabel = (person: PrincipalOption): string =>
  `${person.name}${person.title ? `（${person.title}）` : ''}${person.isActive ? '' : '（已停用）'}`;

export const IssuerCodeFormModal = ({
  issuer,
  principals,
  nextSortOrder,
  onClose,
}: {
  issuer: IssuerCode | null;
  principals: readonly PrincipalOption[];
  /** Where a new code goes by default: after the existing ones. */
  nextSortOrder: number;
  onClose: () => void;
}) => {
  const [form] = Form.useForm<Values>();
  const createIssuer = useCreateIssuerCode();
  const updateIssuer = useUpdateIssuerCode();

  const submit = (values: Values) => {
    const common = {
      label: values.label.trim(),
      issuerName: values.issuerName.trim(),
      organName: values.organName.trim(),
      printerName: values.printerName.trim(),
      format: values.format,
      principalId: values.principalId ?? null,
      sortOrder: values.sortOrder ?? 0,
    };
    const done = (text: string) => () => {
      notifySuccess(text);
      onClose();
    };
    if (issuer) {
      updateIssuer.mutate({ code: issuer.code, input: { ...common, isActive: values.isActive } }, { onSuccess: done('机关代字已保存') });
      return;
    }
    createIssuer.mutate({ ...common, code: values.code.trim() }, { onSuccess: done('机关代字已新增') });
  };

  const initialValues: Partial<Values> = issuer
    ? { ...issuer }
    : { format: 'file', sortOrder: nextSortOrder, isActive: true, principalId: null };

  return (
    <Modal
      open
      title={issuer ? `编辑机关代字：${issuer.code}` : '新增机关代字'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createIssuer.isPending || updateIssuer.isPending}
      mask={{ closable: false }}
      width={600}
    >
      <Form<Values> form={form} name="issuer-code-form" layout="vertical" style={{ marginTop: 16 }} onFinish={submit} initialValues={initialValues}>
        <div className="fb-cfg-pair">
          <Form.Item
            label="机关代字"
            name="code"
            rules={issuer ? [] : [requiredRule('请填写机关代字'), zodRule(fields.code)]}
            extra={issuer ? '已用于文号，不可修改' : '如 示政办发；文号写作 代字〔年份〕序号号'}
          >
            <Input disabled={Boolean(issuer)} maxLength={12} autoComplete="off" />
          </Form.Item>
          <Form.Item label="名称" name="label" rules={[requiredRule('请填写名称'), { min: 2, max: 30, message: '名称为 2–30 个字' }]} extra="如 市政府办公室文件">
            <Input maxLength={30} />
          </Form.Item>
        </div>
        <Form.Item label="发文机关标志" name="issuerName" rules={[requiredRule('请填写发文机关标志'), zodRule(fields.issuerName)]} extra="版头红色大字，如 示例市人民政府办公室文件">
          <Input maxLength={40} />
        </Form.Item>
        <div className="fb-cfg-pair">
          <Form.Item label="发文机关署名" name="organName" rules={[requiredRule('请填写发文机关署名'), zodRule(fields.organName)]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item label="印发机关" name="printerName" rules={[requiredRule('请填写印发机关'), zodRule(fields.printerName)]} extra="版记中“印发机关”一栏">
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <div className="fb-cfg-pair">
          <Form.Item label="版式" name="format" rules={[{ required: true, message: '请选择版式' }]}>
            <Radio.Group options={formatOptions} optionType="button" />
          </Form.Item>
          <Form.Item label="排序" name="sortOrder" extra="数字小的排在前面">
            <InputNumber min={0} max={1000} precision={0} />
          </Form.Item>
        </div>
        <Form.Item
          label="主要负责人"
          name="principalId"
          extra="上行文和重要公文须由主要负责人签发（《党政机关公文处理工作条例》第二十二条）；未设置时此类公文无法送签"
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择政府领导或办公室主任"
            options={principals.map((person) => ({ value: person.id, label: principalLabel(person) }))}
          />
        </Form.Item>
        {issuer && (
          <Form.Item label="启用" name="isActive" valuePropName="checked" extra="停用后不能再用此代字编号，已编的文号不受影响">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
