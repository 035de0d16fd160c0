/**
 * 审批流程 as the document walks it: one row per stage (steps of a stage side by side, they run
 * together), each step with who acted, the opinion and the time; the current stage highlighted,
 * steps that do not apply (e.g. 合法性审查 of a document that is no 规范性文件) greyed.
 */
import { ArrowDownOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import { formatDateTime } from '../../app/time.js';
import { type ChainProgress, type ChainStepProgress, currentStage, doneByText, rolesText, stagesOf } from './fields.js';
import './outgoing.css';

const StepCard = ({ step, isCurrent, signerName }: { step: ChainStepProgress; isCurrent: boolean; signerName?: string }) => {
  const state = step.skipped ? 'skipped' : step.done ? 'done' : isCurrent ? 'current' : 'waiting';
  const who = step.type === 'sign' ? signerName : step.type === 'countersign' ? '会签单位' : rolesText(step.roles);
  return (
    <div className={`fb-chain-step fb-chain-step-${state}`} data-testid="chain-step" data-state={state}>
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong>{step.label}</Typography.Text>
        {state === 'done' && <Tag color="green">已完成</Tag>}
        {state === 'current' && <Tag color="processing">办理中</Tag>}
        {state === 'waiting' && <Tag>未轮到</Tag>}
        {state === 'skipped' && <Tag>不适用</Tag>}
      </Flex>
      {step.done ? (
        <>
          <div className="fb-chain-opinion">{step.done.opinion}</div>
          <Typography.Text type="secondary" className="fb-chain-meta">
            {doneByText(step.done)} · {formatDateTime(step.done.at)}
          </Typography.Text>
        </>
      ) : (
        who && (
          <Typography.Text type="secondary" className="fb-chain-meta">
            {step.skipped ? (step.onlyNormative ? '仅规范性文件' : '未选会签单位') : who}
          </Typography.Text>
        )
      )}
    </div>
  );
};

export const ChainSteps = ({ chain, signerName }: { chain: ChainProgress; signerName?: string }) => {
  const current = currentStage(chain);
  return (
    <div aria-label="审批进度" data-testid="chain-progress">
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
        {chain.name}（第 {chain.version} 版）
      </Typography.Text>
      {stagesOf(chain).map((steps, index) => (
        <Fragment key={steps[0]!.index}>
          {index > 0 && <ArrowDownOutlined className="fb-chain-arrow" />}
          <div className="fb-chain-stage" data-parallel={steps.length > 1 || undefined}>
            {steps.map((step) => (
              <StepCard key={step.index} step={step} isCurrent={step.stage === current} signerName={signerName} />
            ))}
          </div>
        </Fragment>
      ))}
    </div>
  );
};
