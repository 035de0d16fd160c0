/**
 * The boxes of 拟稿 (条例第九条 的公文要素 that a drafter decides): 代字, 文种, 方向, 标题, 主送/抄送, 正文
 * with its preview, 附件 and 附件说明, 公开属性, 份数, 会签单位, 签发人, 成文日期, 附注/联系人, 联合行文.
 * The checks that need the whole document run on 保存 (OutgoingFields); these only guide.
 */
import { Alert, Button, Col, Flex, Form, type FormInstance, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import { DatePicker } from '../../app/time.js';
import { disclosureOptions, documentTypes, urgencies } from '../../../../common/documents/official.js';
import { directions, documentFormatLabels, type IssuerCode } from '../../../../common/schemas/outgoing.js';
import { requiredRule } from '../../app/form-rules.js';
import { AttachmentsInput } from '../cases/AttachmentsInput.js';
import { UnitAssignTree } from '../cases/UnitAssignInput.js';
import { personLabel } from '../work/api.js';
import { chainFor, useApprovalChains, useIssuerCodes, useSigners } from './api.js';
import { BodyInput } from './BodyInput.js';
import { DecisionsInput } from './DecisionsInput.js';
import { MinutesMeetingInput } from './MinutesMeetingInput.js';
import { rolesText } from './fields.js';
import type { FormValues } from './form-values.js';
import { RecipientsInput } from './RecipientsInput.js';
import { TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';

/** 「附件1. 供暖资金测算表.xlsx」 → 「供暖资金测算表」: the name an 附件说明 line usually repeats. */
const noteOf = (fileName: string) => fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/^附件\s*\d*[.．、:：]?\s*/, '').trim();

const ChainHint = ({ values }: { values: Partial<FormValues> }) => {
  const { data: chains } = useApprovalChains();
  if (!chains || !values.issuerCode || !values.docType || !values.direction) return null;
  const chain = chainFor(chains, values);
  if (!chain) {
    return <Alert type="warning" showIcon title={`没有适用于 ${values.issuerCode} ${values.docType}（${values.direction}）的审批流程，送审前请系统管理员配置`} />;
  }
  const steps = chain.steps
    .filter((step) => !step.onlyNormative || values.normative)
    .filter((step) => step.type !== 'countersign' || values.countersignUnitIds?.length)
    .map((step) => (step.parallel ? `（同时）${step.label}` : step.label));
  return (
    <Typography.Text type="secondary" data-testid="chain-hint">
      审批流程：{chain.name}（{steps.join(' → ')}）
    </Typography.Text>
  );
};

export const OutgoingFormFields = ({
  form,
  isSubmitted,
  onUploadingChange,
}: {
  form: FormInstance<FormValues>;
  /** 送审后: the signer and the 会签单位 are fixed (a change goes back through 退回修改). */
  isSubmitted: boolean;
  onUploadingChange: (isUploading: boolean) => void;
}) => {
  const values = (Form.useWatch([], form) ?? {}) as Partial<FormValues>;
  const { data: issuerCodes = [], isPending: codesPending } = useIssuerCodes();
  const { data: chains = [] } = useApprovalChains();
  const issuer = issuerCodes.find((code) => code.code === values.issuerCode);
  const chain = values.issuerCode && values.docType && values.direction ? chainFor(chains, values) : undefined;
  const signStep = chain?.steps.find((step) => step.type === 'sign');
  const { signers, isPending: signersPending, everyone } = useSigners(signStep?.roles, issuer?.principalId);
  const needsPrincipal = values.direction === '上行文' || values.important === true;
  const principal = issuer?.principalId ? everyone.find((person) => person.id === issuer.principalId) : undefined;
  const isRequest = values.docType === '请示';

  const activeCodes = issuerCodes.filter((code: IssuerCode) => code.isActive || code.code === values.issuerCode);
  const fillNotes = () => form.setFieldValue('attachmentNotesText', (values.attachments ?? []).map((file) => noteOf(file.name)).join('\n'));
  const notesCount = (values.attachmentNotesText ?? '').split(/\r?\n/).filter((line) => line.trim()).length;
  const filesCount = values.attachments?.length ?? 0;

  const principalRule = {
    validator: async (_rule: unknown, signerId: string | undefined) => {
      if (!signerId || !needsPrincipal || !issuer?.principalId || signerId === issuer.principalId) return;
      throw new Error(`上行文和重要公文须由主要负责人${principal ? `（${principal.displayName}）` : ''}签发（条例第二十二条）`);
    },
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item label="机关代字" name="issuerCode" rules={[{ required: true, message: '请选择机关代字' }]}>
          <Select
            placeholder="请选择"
            loading={codesPending}
            options={activeCodes.map((code) => ({ value: code.code, label: `${code.code}（${code.label}）`, title: `${code.issuerName} · ${documentFormatLabels[code.format]}` }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={8}>
        <Form.Item label="文种" name="docType" rules={[{ required: true, message: '请选择文种（条例规定的 15 种之一）' }]}>
          <Select placeholder="请选择" showSearch options={documentTypes.map((value) => ({ value, label: value }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={8}>
        <Form.Item label="紧急程度" name="urgency">
          <Radio.Group optionType="button" options={urgencies.map((value) => ({ value, label: value }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="行文方向" name="direction" rules={[{ required: true, message: '请选择行文方向' }]}>
          <Radio.Group optionType="button" options={directions.map((value) => ({ value, label: value }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Flex gap={24} wrap>
          <Form.Item label="文号" name="numbered" valuePropName="checked" tooltip="无文号的公文（如部分函、纪要）登记时不占文号">
            <Switch checkedChildren="有文号" unCheckedChildren="无文号" />
          </Form.Item>
          <Form.Item label="重要公文" name="important" valuePropName="checked" tooltip="重要公文须由主要负责人签发">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
          <Form.Item label="规范性文件" name="normative" valuePropName="checked" tooltip="规范性文件须经合法性审查">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Flex>
      </Col>
      <Col xs={24}>
        <Form.Item
          label="标题"
          name="title"
          rules={[requiredRule('请填写标题'), { min: 2, message: '请填写标题' }, { max: TITLE_MAX_LENGTH, message: `标题不超过 ${TITLE_MAX_LENGTH} 字` }]}
        >
          {/* A counter, not maxLength: a pasted long title stays whole and is refused, never silently cut. */}
          <Input count={{ show: true, max: TITLE_MAX_LENGTH }} placeholder="如：关于申请支持示例市冬季供暖保障资金的请示" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="主送机关" name="mainTo" extra={isRequest ? '请示只主送一个上级机关（条例第十五条）' : '系统内单位（蓝色）核发时直接收到收文'}>
          <RecipientsInput placeholder="输入机关名称后回车，或从单位中选择" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="抄送机关" name="copyTo">
          <RecipientsInput placeholder="可不填" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="正文" name="bodyText" rules={[requiredRule('请填写正文')]}>
          <BodyInput title={values.title?.trim()} />
        </Form.Item>
      </Col>
      {values.docType === '纪要' && <MinutesMeetingInput form={form} />}
      {values.docType === '纪要' && (
        <Col xs={24}>
          <Form.Item label="议定事项" required={false}>
            <DecisionsInput />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Form.Item label="附件" name="attachments" extra="单个文件不超过 20 MB">
          <AttachmentsInput onBusyChange={onUploadingChange} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="附件说明"
          name="attachmentNotesText"
          extra={
            <Flex justify="space-between" gap={8} wrap>
              <span style={{ color: notesCount === filesCount ? undefined : '#ad6800' }}>
                一行一项，与附件一一对应（现 {notesCount} 项，附件 {filesCount} 个）
              </span>
              {filesCount > 0 && (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={fillNotes}>
                  按附件名称填写
                </Button>
              )}
            </Flex>
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={'如：\n示例市冬季供暖保障资金测算表'} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="公开属性" name="disclosure">
          <Radio.Group options={disclosureOptions.map((value) => ({ value, label: value }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        {values.disclosure === '不予公开' && (
          <Form.Item label="不予公开理由" name="disclosureReason" rules={[requiredRule('不予公开须说明理由（政府信息公开条例第十四条至第十六条）')]}>
            <Input maxLength={200} placeholder="如：涉及资金安排，属过程性信息" />
          </Form.Item>
        )}
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="印发份数" name="copies" rules={[{ required: true, message: '请填写印发份数' }]}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="成文日期" name="writtenOn" tooltip="不填则为签发日期；不得早于签发日期">
          <DatePicker style={{ width: '100%' }} placeholder="签发日期" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="签发人"
          name="signerId"
          rules={[principalRule]}
          dependencies={['direction', 'important', 'issuerCode']}
          extra={needsPrincipal && principal ? `上行文和重要公文由主要负责人（${principal.displayName}）签发` : signStep ? `可签发：${rolesText(signStep.roles)}` : undefined}
        >
          <Select
            placeholder="请选择"
            disabled={isSubmitted}
            loading={signersPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={signers.map((person) => ({ value: person.id, label: `${personLabel(person)}${person.id === issuer?.principalId ? ' · 主要负责人' : ''}` }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="会签单位" name="countersignUnitIds" extra={isSubmitted ? '送审后不能更换会签单位，如需更换请退回修改' : '不选则不经会签'}>
          <UnitAssignTree placeholder="选择会签单位（可多选）" />
        </Form.Item>
      </Col>
      {isRequest && (
        <>
          <Col xs={12} md={6}>
            <Form.Item label="联系人" name="contactName" tooltip="请示应在附注处注明联系人和电话">
              <Input maxLength={20} placeholder="如：陈静" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="联系电话" name="contactPhone">
              <Input maxLength={30} placeholder="如：0000-1234567" />
            </Form.Item>
          </Col>
        </>
      )}
      <Col xs={24} md={isRequest ? 12 : 24}>
        <Form.Item label="附注" name="annotation" extra={isRequest ? '不填则印联系人和电话' : '不填则按公开属性印「此件公开发布」等'}>
          <Input maxLength={200} placeholder="可不填" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="联合行文机关" name="jointIssuers" tooltip="联合行文时，其他发文机关的标志（主办机关在前，为本机关代字）">
          <Select mode="tags" tokenSeparators={['、', '，', ',']} placeholder="可不填；输入机关名称后回车" open={false} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="备注" name="remarks">
          <Input maxLength={500} placeholder="可不填" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <ChainHint values={values} />
      </Col>
    </Row>
  );
};
