/** 收文's own sections: 退回理由, 拟办意见, the 批示 plan as steps (who, when, what), and the 请示 reply. */
import { Alert, Empty, Steps, Tag, Typography } from 'antd';
import type { CaseDetail } from '../../../../common/schemas/cases.js';
import { formatDateTime } from '../../app/time.js';
import { Section } from '../cases/Section.js';
import { awaitedLeaders, flowOf, type InstructionPlan, leaderModeLabels, type Opinion } from './fields.js';
import './incoming.css';

/** An opinion as written: the text, then who and when. */
export const OpinionBlock = ({ opinion, testId }: { opinion: Opinion; testId?: string }) => (
  <div className="fb-opinion" data-testid={testId}>
    <div className="fb-opinion-text">{opinion.text || '—'}</div>
    <Typography.Text type="secondary" className="fb-opinion-by">
      {opinion.by} · {formatDateTime(opinion.at)}
    </Typography.Text>
  </div>
);

/** One step per leader: done (with the 批示 and its time), awaited now, or waiting for an earlier one. */
export const PlanSteps = ({ plan }: { plan: InstructionPlan }) => {
  const awaited = new Set(awaitedLeaders(plan));
  return (
    <Steps
      orientation="vertical"
      size="small"
      aria-label="批示进度"
      className="fb-plan-steps"
      items={plan.leaders.map((leader) => {
        const status = leader.instructedAt ? 'finish' : awaited.has(leader.userId) ? 'process' : 'wait';
        return {
          key: leader.userId,
          status,
          title: (
            <span data-testid="plan-step">
              {leader.name}{' '}
              {leader.instructedAt ? (
                <Tag color="green">已批示</Tag>
              ) : awaited.has(leader.userId) ? (
                <Tag color="processing">待批示</Tag>
              ) : (
                <Tag>未轮到</Tag>
              )}
            </span>
          ),
          content: leader.instructedAt ? (
            <div className="fb-plan-step">
              <div className="fb-opinion-text">{leader.comment}</div>
              <Typography.Text type="secondary" className="fb-opinion-by">
                {formatDateTime(leader.instructedAt)}
              </Typography.Text>
            </div>
          ) : undefined,
        };
      })}
    />
  );
};

export const IncomingSections = ({ detail }: { detail: CaseDetail }) => {
  const flow = flowOf(detail.fields);
  return (
    <>
      {flow.returnReason && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title="已退回来文单位" description={`退回理由：${flow.returnReason}`} />
      )}
      {(flow.proposal || detail.state === 'proposing') && (
        <Section title="拟办意见">
          {flow.proposal ? (
            <OpinionBlock opinion={flow.proposal} testId="proposal" />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未拟办" />
          )}
        </Section>
      )}
      {flow.plan && flow.plan.leaders.length > 0 && (
        <Section title="领导批示" extra={<Tag>{leaderModeLabels[flow.plan.mode]}</Tag>}>
          <PlanSteps plan={flow.plan} />
        </Section>
      )}
      {flow.isRequestFromBelow && (
        <Section title="请示答复">
          {flow.requestReply ? (
            <OpinionBlock opinion={flow.requestReply} testId="request-reply" />
          ) : (
            <Typography.Text type="warning">
              尚未答复{detail.dueDate ? `，答复时限 ${detail.dueDate}` : ''}
            </Typography.Text>
          )}
        </Section>
      )}
    </>
  );
};
