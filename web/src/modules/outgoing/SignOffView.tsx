/**
 * 签发, for the signer on a desk or a phone: the document as it will print (first page), the 格式检查
 * beside the button — an error blocks 签发, a warning does not —, the approval so far, an opinion
 * box with 常用意见, and 签发 / 退回修改 kept in reach at the bottom of a phone screen.
 */
import { Alert, Button, Col, Descriptions, Divider, Flex, Input, Popconfirm, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { notifySuccess } from '../../app/request.js';
import { keepClearOfStickyBar } from '../../app/sticky-bar.js';
import { usePerformAction } from '../cases/api.js';
import type { FocusViewProps } from '../cases/kind-views.js';
import { Section } from '../cases/Section.js';
import { urgencyColors } from '../incoming/fields.js';
import { PhraseChips } from '../incoming/PhraseChips.js';
import { documentUrl, useFormatCheck } from './api.js';
import { BodyPreview } from './BodyPreview.js';
import { ChainSteps } from './ChainSteps.js';
import { DocumentImage } from './DocumentButtons.js';
import { outgoingOf } from './fields.js';
import { FormatCheckList } from './FormatCheckList.js';
import './outgoing.css';

export const SignOffView = ({ detail, action, onShowAll }: FocusViewProps) => {
  const fields = outgoingOf(detail.fields);
  const [opinion, setOpinion] = useState('');
  const [returnError, setReturnError] = useState<string | null>(null);
  const performAction = usePerformAction();
  const navigate = useNavigate();
  const check = useFormatCheck(detail.id, detail.version);
  const returnAction = detail.actions.find((candidate) => candidate.action === 'return');
  const errors = check.data?.errors.length ?? 0;
  const isBlocked = errors > 0 || Boolean(action.blockedReason) || check.isPending;
  const who = action.onBehalfOf ? `代 ${action.onBehalfOf.displayName} ` : '';
  const text = opinion.trim();

  // mutateAsync: once done the case reloads without this view, so a callback of mutate() would be dropped.
  const perform = (name: string, input: Record<string, unknown>, done: string) =>
    performAction
      .mutateAsync({
        caseId: detail.id,
        action: name,
        input: { version: detail.version, ...(action.onBehalfOf ? { onBehalfOf: action.onBehalfOf.userId } : {}), ...input },
      })
      .then(
        () => {
          notifySuccess(done);
          void navigate('/inbox');
        },
        () => undefined,
      );

  const signOff = () => perform(action.action, text ? { comment: text } : {}, '已签发');
  const sendBack = () => {
    if (!text) {
      setReturnError('请在意见栏写明退回修改的理由');
      return;
    }
    void perform('return', { reason: text }, '已退回修改');
  };

  const facts = [
    { key: 'issuer', label: '机关代字', children: `${fields.issuerCode} · ${fields.docType} · ${fields.direction}` },
    { key: 'mainTo', label: '主送', children: fields.mainTo.map((recipient) => recipient.name).join('、') || '—' },
    ...(fields.copyTo.length ? [{ key: 'copyTo', label: '抄送', children: fields.copyTo.map((recipient) => recipient.name).join('、') }] : []),
    { key: 'copies', label: '印发', children: `${fields.copies} 份 · ${fields.disclosure}${fields.numbered ? '' : ' · 无文号'}` },
    { key: 'drafter', label: '拟稿', children: `${detail.ownerUnitName} ${detail.handlerName ?? ''}` },
  ];

  return (
    <div className="fb-signoff" data-testid="signoff-view">
      <Flex gap={6} wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" data-testid="case-serial">
          {detail.serialNo}
        </Typography.Text>
        {fields.urgency !== '平急' && <Tag color={urgencyColors[fields.urgency]}>{fields.urgency}</Tag>}
        {fields.important && <Tag color="red">重要</Tag>}
        {fields.normative && <Tag color="purple">规范性文件</Tag>}
        <Tag color="processing" data-testid="case-state">
          {detail.stateLabel}
        </Tag>
      </Flex>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={14}>
          <DocumentImage caseId={detail.id} version={detail.version} fallback={<BodyPreview title={fields.title} blocks={fields.body} />} />
          <Flex gap={16} wrap style={{ marginTop: 8 }}>
            <a href={documentUrl(detail.id, 'pdf', detail.version)} target="_blank" rel="noopener">
              打开 PDF（全部页面）
            </a>
            <a href={documentUrl(detail.id, 'docx', detail.version)} download>
              下载 Word
            </a>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Descriptions size="small" column={1} items={facts} />
          <Section title="格式检查">
            <FormatCheckList check={check.data} isPending={check.isPending} />
            {errors > 0 && <Typography.Text type="danger" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>请退回拟稿人修改后再签发</Typography.Text>}
          </Section>
          {fields.chain && (
            <Section title="审批流程">
              <ChainSteps chain={fields.chain} signerName={fields.signer?.name} />
            </Section>
          )}
          <Section title={action.onBehalfOf ? `代 ${action.onBehalfOf.displayName} 签发` : '签发意见'}>
            <Input.TextArea
              aria-label="签发意见"
              value={opinion}
              onChange={(event) => {
                setOpinion(event.target.value);
                setReturnError(null);
              }}
              onFocus={keepClearOfStickyBar}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={4000}
              placeholder="不填写即为「同意」；退回修改时请写明理由"
              status={returnError ? 'error' : undefined}
            />
            {returnError && <Typography.Text type="danger">{returnError}</Typography.Text>}
            <div style={{ marginTop: 12 }}>
              <PhraseChips value={opinion} onChange={setOpinion} />
            </div>
          </Section>
          {action.blockedReason && errors === 0 && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={action.blockedReason} />}
          <div className="fb-signoff-bar">
            <Flex gap={8} className="fb-signoff-buttons">
              {returnAction && (
                <Popconfirm title="退回拟稿人修改？" description={text ? `理由：${text.slice(0, 40)}` : undefined} okText="退回" cancelText="取消" onConfirm={sendBack} disabled={!text}>
                  <Button danger size="large" style={{ flex: 1 }} onClick={text ? undefined : sendBack} disabled={performAction.isPending}>
                    退回修改
                  </Button>
                </Popconfirm>
              )}
              {/* 签发 fixes the text and its 成文日期: asked first, as the kind declares. */}
              <Popconfirm
                title={action.confirm?.message ?? '确认签发？'}
                okText="签发"
                cancelText="返回"
                placement="top"
                disabled={isBlocked}
                onConfirm={() => void signOff()}
              >
                <Button
                  type="primary"
                  size="large"
                  style={{ flex: 2 }}
                  className="fb-signoff-sign"
                  disabled={isBlocked}
                  loading={performAction.isPending}
                  data-testid="sign-off-button"
                >
                  {who}签发
                </Button>
              </Popconfirm>
            </Flex>
          </div>
        </Col>
      </Row>
      <Divider style={{ margin: '12px 0' }} />
      <Button type="link" block onClick={onShowAll}>
        查看完整办理信息（基本信息、留痕、会签意见）
      </Button>
    </div>
  );
};
