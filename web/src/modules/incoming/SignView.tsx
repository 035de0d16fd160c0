/**
 * 领导签批, made for a phone: the document in brief (来文机关, 字号, key fields, the scan), the
 * 拟办意见, the 批示 so far, an opinion box filled by tapping 常用意见, and one big 签批 button
 * that stays in reach at the bottom of the screen. An empty opinion is recorded as 圈阅.
 */
import { Button, Descriptions, Divider, Flex, Input, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AttachmentRef } from '../../../../common/schemas/cases.js';
import { notifySuccess } from '../../app/request.js';
import { keepClearOfStickyBar } from '../../app/sticky-bar.js';
import { usePerformAction } from '../cases/api.js';
import type { FocusViewProps } from '../cases/kind-views.js';
import { Section } from '../cases/Section.js';
import { flowOf, urgencyColors } from './fields.js';
import { FileLink } from './FileLink.js';
import { OpinionBlock, PlanSteps } from './IncomingSections.js';
import { PhraseChips } from './PhraseChips.js';
import './incoming.css';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export const SignView = ({ detail, action, onShowAll }: FocusViewProps) => {
  const [comment, setComment] = useState('');
  const performAction = usePerformAction();
  const navigate = useNavigate();
  const flow = flowOf(detail.fields);
  const { fields } = detail;
  const isEmpty = comment.trim() === '';
  const who = action.onBehalfOf ? `代 ${action.onBehalfOf.displayName} ` : '';

  // mutateAsync: once signed, the case reloads without this view, so a callback of mutate() would be dropped.
  // A failure is shown by the query client; on a 409 the case reloads and what was written stays in the box.
  const sign = () =>
    performAction
      .mutateAsync({
        caseId: detail.id,
        action: action.action,
        input: {
          version: detail.version,
          ...(action.onBehalfOf ? { onBehalfOf: action.onBehalfOf.userId } : {}),
          ...(isEmpty ? {} : { comment: comment.trim() }),
        },
      })
      .then(
        () => {
          notifySuccess(isEmpty ? '已圈阅' : '已签批');
          void navigate('/inbox');
        },
        () => undefined,
      );

  const docItems = [
    { key: 'fromOrg', label: '来文机关', children: text(fields.fromOrg) ?? '—' },
    { key: 'docNumber', label: '来文字号', children: text(fields.docNumber) ?? '—' },
    { key: 'receivedOn', label: '收文日期', children: text(fields.receivedOn) ?? '—' },
    {
      key: 'copies',
      label: '份数/页数',
      children: `${String(fields.copies ?? 1)} 份${typeof fields.pages === 'number' ? ` · ${fields.pages} 页` : ''}`,
    },
    ...(fields.scan
      ? [{ key: 'scan', label: '扫描件', children: <FileLink caseId={detail.id} file={fields.scan as AttachmentRef} /> }]
      : []),
    ...(Array.isArray(fields.attachments) && fields.attachments.length
      ? [
          {
            key: 'attachments',
            label: '附件',
            children: (
              <Flex vertical gap={2}>
                {(fields.attachments as AttachmentRef[]).map((file) => (
                  <FileLink key={file.digest} caseId={detail.id} file={file} />
                ))}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="fb-sign" data-testid="sign-view">
      <Flex gap={6} wrap align="center" className="fb-sign-tags">
        <Typography.Text type="secondary" data-testid="case-serial">
          {detail.serialNo}
        </Typography.Text>
        <Tag color={urgencyColors[String(fields.urgency)]}>{String(fields.urgency ?? '平急')}</Tag>
        {text(fields.docType) && <Tag>{text(fields.docType)}</Tag>}
        {flow.isRequestFromBelow && <Tag color="purple">基层请示</Tag>}
        <Tag color="processing" data-testid="case-state">
          {detail.stateLabel}
        </Tag>
      </Flex>
      <Descriptions size="small" column={1} items={docItems} className="fb-sign-doc" />
      {flow.proposal && (
        <Section title="拟办意见">
          <OpinionBlock opinion={flow.proposal} testId="proposal" />
        </Section>
      )}
      {flow.plan && flow.plan.leaders.length > 1 && (
        <Section title="领导批示">
          <PlanSteps plan={flow.plan} />
        </Section>
      )}
      <Section title={action.onBehalfOf ? `代 ${action.onBehalfOf.displayName} 批示` : '我的批示'}>
        <Input.TextArea
          aria-label="批示意见"
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          onFocus={keepClearOfStickyBar}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={4000}
          placeholder="点选下方常用意见，或直接书写；不填写即为「圈阅」"
        />
        <div style={{ marginTop: 12 }}>
          <PhraseChips value={comment} onChange={setComment} />
        </div>
      </Section>
      <div className="fb-sign-bar">
        {/* An empty 签批 is a 圈阅: asked first, so that a tap on the button is not a 圈阅 by mistake. */}
        <Popconfirm
          title={action.confirm?.message ?? '未填写批示意见，将记为「圈阅」。确认圈阅？'}
          okText="圈阅"
          cancelText="返回填写"
          placement="top"
          disabled={!isEmpty}
          onConfirm={() => void sign()}
        >
          <Button type="primary" size="large" block className="fb-sign-button" loading={performAction.isPending} onClick={isEmpty ? undefined : () => void sign()}>
            {who}签批
          </Button>
        </Popconfirm>
        <Typography.Text type="secondary" className="fb-sign-note">
          {isEmpty ? '未填写意见，将记为「圈阅」' : `将签批：${comment.trim().slice(0, 40)}${comment.trim().length > 40 ? '…' : ''}`}
        </Typography.Text>
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Button type="link" block onClick={onShowAll}>
        查看完整办理信息（留痕、承办、传阅）
      </Button>
    </div>
  );
};
