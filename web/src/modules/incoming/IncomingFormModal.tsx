/**
 * 收文登记 (签收登记): the fields of 条例 第二十四条, built for a clerk who registers dozens a day —
 * Enter moves to the next box, Ctrl+Enter 保存并继续登记 (the date stays, the rest clears), and a
 * possible duplicate (same 来文机关 and 来文字号) is shown here with a link to the earlier record.
 */
import { AutoComplete, Button, Col, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { fromPickerValue, officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { type KeyboardEvent, useRef, useState } from 'react';
import type { AttachmentRef } from '../../../../common/schemas/cases.js';
import { useFormDraft } from '../../app/form-draft.js';
import { emptyToNull } from '../../app/format.js';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { type CreatedCase, useCreateCase } from '../cases/api.js';
import { AttachmentsInput } from '../cases/AttachmentsInput.js';
import { CreatedWarnings } from '../cases/CreatedWarnings.js';
import type { CreateFormProps } from '../cases/kind-views.js';
import { type Disclosure, disclosureOptions, type DocumentType, documentTypes, secrecyNote, type Urgency, urgencies } from './fields.js';
import { onEnterNext } from './keyboard.js';
import { useRecentSenders } from './recent-senders.js';
import { normalizeDocNumber } from '../../../../common/documents/doc-number.js';
import { TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';

type Values = {
  fromOrg: string;
  docNumber?: string;
  docType?: DocumentType;
  title: string;
  urgency: Urgency;
  copies: number;
  pages?: number | null;
  receivedOn: Dayjs;
  signedAt: Dayjs;
  disclosure: Disclosure;
  scan?: AttachmentRef[];
  attachments?: AttachmentRef[];
  isRequestFromBelow: boolean;
  replyDueDays?: number | null;
  remarks?: string;
};

const freshValues = (receivedOn: Dayjs = officeNow()): Partial<Values> => ({
  receivedOn,
  signedAt: officeNow(),
  urgency: '平急',
  copies: 1,
  disclosure: '不予公开',
  isRequestFromBelow: false,
});


const toFields = (values: Values) => ({
  fromOrg: values.fromOrg.trim(),
  // The one normaliser of typed 文号 (as the 收文登记簿 import): 〔〕, full-width digits, no leading 0 or 第; the typed form kept.
  ...(emptyToNull(values.docNumber) ? { docNumber: normalizeDocNumber(values.docNumber!) } : {}),
  ...(emptyToNull(values.docNumber) && normalizeDocNumber(values.docNumber!) !== values.docNumber!.trim() ? { docNumberAsWritten: values.docNumber!.trim() } : {}),
  docType: values.docType,
  title: values.title.trim(),
  urgency: values.urgency,
  secrecy: '非涉密',
  copies: values.copies,
  ...(values.pages ? { pages: values.pages } : {}),
  receivedOn: values.receivedOn.format('YYYY-MM-DD'),
  signedAt: fromPickerValue(values.signedAt),
  disclosure: values.disclosure,
  ...(values.scan?.[0] ? { scan: values.scan[0] } : {}),
  attachments: values.attachments ?? [],
  isRequestFromBelow: values.isRequestFromBelow,
  ...(values.isRequestFromBelow && values.replyDueDays ? { replyDueDays: values.replyDueDays } : {}),
  ...(emptyToNull(values.remarks) ? { remarks: emptyToNull(values.remarks) } : {}),
});

type Saved = CreatedCase & { title: string };

export const IncomingFormModal = ({ kind, onClose, onCreated }: CreateFormProps) => {
  const [form] = Form.useForm<Values>();
  const createCase = useCreateCase({ showsWarnings: true });
  const [senders, rememberSender] = useRecentSenders();
  const [uploading, setUploading] = useState({ scan: false, files: false });
  const [saved, setSaved] = useState<Saved[]>([]);
  // Remounts the upload boxes after 保存并继续 (they keep their own file lists).
  const [round, setRound] = useState(0);
  const continueAfter = useRef(false);
  const isRequest = Form.useWatch('isRequestFromBelow', form);
  const last = saved.at(-1);
  const draft = useFormDraft({ formKey: `create:${kind}`, form });
  const close = draft.guard(onClose);

  const submit = (values: Values) =>
    createCase.mutate(
      { kind, fields: toFields(values) },
      {
        onSuccess: (created) => {
          rememberSender(values.fromOrg.trim());
          draft.clear();
          if (!continueAfter.current) {
            notifySuccess(`已登记，编号 ${created.serialNo}`);
            onCreated(created.id, created.warnings);
            return;
          }
          setSaved((list) => [...list, { ...created, title: values.title.trim() }]);
          form.resetFields();
          form.setFieldsValue(freshValues(values.receivedOn));
          setRound((value) => value + 1);
          form.getFieldInstance('fromOrg')?.focus?.();
        },
      },
    );

  const save = (andContinue: boolean) => {
    continueAfter.current = andContinue;
    form.submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save(true);
      return;
    }
    onEnterNext(event);
  };

  const isBusy = uploading.scan || uploading.files;

  return (
    <Modal
      open
      title="收文登记"
      onCancel={close}
      mask={{ closable: false }}
      width={800}
      footer={
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary" className="fb-incoming-hint">
            回车跳到下一项，Ctrl+Enter 保存并继续登记
          </Typography.Text>
          <Flex gap={8} wrap>
            <Button onClick={close}>{saved.length ? '完成' : '取消'}</Button>
            <Button onClick={() => save(true)} loading={createCase.isPending && continueAfter.current} disabled={isBusy}>
              保存并继续登记
            </Button>
            <Button type="primary" onClick={() => save(false)} loading={createCase.isPending && !continueAfter.current} disabled={isBusy}>
              登记
            </Button>
          </Flex>
        </Flex>
      }
    >
      {draft.notice}
      {last && (
        <Typography.Paragraph type="success" style={{ marginTop: 8 }} data-testid="saved-count">
          本次已登记 {saved.length} 件，最近一件：{last.serialNo} {last.title}
        </Typography.Paragraph>
      )}
      {last?.warnings?.length ? <CreatedWarnings key={last.id} caseId={last.id} warnings={last.warnings} inNewTab /> : null}
      <Form<Values>
        form={form}
        name="incoming-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={submit}
        onKeyDown={onKeyDown}
        initialValues={draft.initialValues(freshValues())}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="来文机关" name="fromOrg" rules={[requiredRule('请填写来文机关'), { min: 2, message: '请填写来文机关' }]}>
              <AutoComplete
                autoFocus
                maxLength={100}
                placeholder="如：省人民政府办公厅"
                options={senders.map((value) => ({ value }))}
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="来文字号" name="docNumber" extra="年份可写作 [2026]、(2026)，保存时写成〔2026〕，序号去掉前导 0">
              <Input maxLength={60} placeholder="如：省政办发〔2026〕12号" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="标题" name="title" rules={[requiredRule('请填写标题'), { min: 2, message: '请填写标题' }, { max: TITLE_MAX_LENGTH, message: `标题不超过 ${TITLE_MAX_LENGTH} 字` }]}>
              <Input count={{ show: true, max: TITLE_MAX_LENGTH }} placeholder="如：关于做好冬春季安全生产工作的通知" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="文种" name="docType" rules={[{ required: true, message: '请选择文种（条例规定的 15 种之一）' }]}>
              <Select placeholder="请选择" showSearch options={documentTypes.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="紧急程度" name="urgency">
              <Radio.Group optionType="button" options={urgencies.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="密级" extra={secrecyNote}>
              <Input value="非涉密" disabled aria-label="密级" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="份数" name="copies" rules={[{ required: true, message: '请填写份数' }]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="页数" name="pages">
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} placeholder="可不填" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label="收文日期" name="receivedOn" rules={[{ required: true, message: '请选择收文日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(officeNow(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label="签收时间" name="signedAt" rules={[{ required: true, message: '请选择签收时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="公开属性" name="disclosure">
              <Radio.Group options={disclosureOptions.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Flex gap={16} align="flex-start" wrap>
              <Form.Item label="基层请示" name="isRequestFromBelow" valuePropName="checked" extra="基层报来的请示须在时限内答复">
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
              {isRequest && (
                <Form.Item label="答复时限（工作日）" name="replyDueDays">
                  <InputNumber min={1} max={120} precision={0} placeholder="默认 10" style={{ width: 140 }} />
                </Form.Item>
              )}
            </Flex>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="扫描件" name="scan" extra="纸质来文的扫描件（PDF 或图片），一个文件">
              <AttachmentsInput key={`scan-${round}`} maxCount={1} buttonText="上传扫描件" accept=".pdf,.ofd,.jpg,.jpeg,.png,.tif,.tiff" onBusyChange={(scan) => setUploading((state) => ({ ...state, scan }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="附件" name="attachments" extra="单个文件不超过 20 MB">
              <AttachmentsInput key={`files-${round}`} onBusyChange={(files) => setUploading((state) => ({ ...state, files }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="备注" name="remarks">
              <Input maxLength={500} placeholder="可不填" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
};
