/**
 * 发文's own sections: 退回 reason, 正文 (numbered, with 下载 Word and 预览), 审批流程, 合法性审查
 * opinions, and 分发 with links to the 收文 each unit in Fuban received.
 */
import { Alert, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDetail } from '../../../../common/schemas/cases.js';
import { formatDateTime } from '../../app/time.js';
import { useUnits } from '../admin/units/api.js';
import { casePath } from '../cases/api.js';
import { Section } from '../cases/Section.js';
import { BodyPreview } from './BodyPreview.js';
import { ChainSteps } from './ChainSteps.js';
import { DocumentButtons } from './DocumentButtons.js';
import { outgoingOf } from './fields.js';

const Deliveries = ({ fields }: { fields: ReturnType<typeof outgoingOf> }) => (
  <List
    size="small"
    bordered
    dataSource={fields.deliveries ?? []}
    data-testid="deliveries"
    renderItem={(delivery) => (
      <List.Item>
        <Flex gap={8} align="center" wrap style={{ width: '100%' }} justify="space-between">
          <span>
            <Tag color={delivery.role === 'main' ? 'red' : undefined}>{delivery.role === 'main' ? '主送' : '抄送'}</Tag>
            {delivery.name}
          </span>
          {delivery.caseId ? (
            <Link to={casePath('incoming', delivery.caseId)}>已送达收文 {delivery.serialNo ?? ''}</Link>
          ) : (
            <Typography.Text type="secondary">系统外，线下分发</Typography.Text>
          )}
        </Flex>
      </List.Item>
    )}
  />
);

/** A 纪要's 议定事项: who leads, who helps, by when — and, once it is issued, the 督办 item each became. */
const Decisions = ({ fields }: { fields: ReturnType<typeof outgoingOf> }) => {
  const { data: units = [] } = useUnits();
  const nameOf = (id: string) => units.find((unit) => unit.id === id)?.shortName || units.find((unit) => unit.id === id)?.name || '—';
  return (
    <List
      size="small"
      bordered
      dataSource={(fields.decisions ?? []).map((decision, index) => ({ decision, index, item: fields.decisionItems?.find((made) => made.index === index) }))}
      data-testid="minutes-decisions-view"
      renderItem={({ decision, index, item }) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Typography.Text>
              {index + 1}. {decision.text}
            </Typography.Text>
            <Flex gap={8} wrap justify="space-between">
              <Typography.Text type="secondary">
                牵头：{nameOf(decision.leadUnitId)}
                {decision.helperUnitIds.length > 0 && `；责任：${decision.helperUnitIds.map(nameOf).join('、')}`}；完成时限：{decision.deadline}
              </Typography.Text>
              {item ? <Link to={casePath('supervision', item.caseId)}>已立项督办 {item.serialNo}</Link> : <Typography.Text type="secondary">核发后立项督办</Typography.Text>}
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
};

export const OutgoingSections = ({ detail }: { detail: CaseDetail }) => {
  const fields = outgoingOf(detail.fields);
  return (
    <>
      {detail.state === 'drafting' && fields.returned && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={`已退回修改（${fields.returned.by}，${formatDateTime(fields.returned.at)}）`}
          description={`退回理由：${fields.returned.reason}`}
          data-testid="returned"
        />
      )}
      <Section title="正文" extra={<DocumentButtons caseId={detail.id} version={detail.version} />}>
        <BodyPreview title={fields.title} blocks={fields.body ?? []} testId="outgoing-body" />
        {fields.attachmentNotes?.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">附件：</Typography.Text>
            <ol style={{ margin: 0, paddingInlineStart: 24 }}>
              {fields.attachmentNotes.map((note, index) => (
                <li key={index}>{note}</li>
              ))}
            </ol>
          </div>
        )}
      </Section>
      {(fields.decisions?.length ?? 0) > 0 && (
        <Section title="议定事项">
          <Decisions fields={fields} />
        </Section>
      )}
      <Section title="审批流程">
        {fields.chain ? (
          <ChainSteps chain={fields.chain} signerName={fields.signer?.name} />
        ) : (
          <Typography.Text type="secondary">{detail.state === 'drafting' ? '送审后按审批流程显示进度' : '—'}</Typography.Text>
        )}
      </Section>
      {fields.normativeReview && (
        <Section title="合法性审查意见">
          {fields.normativeReview.opinions.length === 0 ? (
            <Typography.Text>无修改意见</Typography.Text>
          ) : (
            <ol style={{ margin: 0, paddingInlineStart: 24 }}>
              {fields.normativeReview.opinions.map((opinion, index) => (
                <li key={index}>{opinion}</li>
              ))}
            </ol>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fields.normativeReview.by} · {formatDateTime(fields.normativeReview.at)}
          </Typography.Text>
        </Section>
      )}
      {fields.deliveries && fields.deliveries.length > 0 && (
        <Section title="分发">
          <Deliveries fields={fields} />
        </Section>
      )}
    </>
  );
};
