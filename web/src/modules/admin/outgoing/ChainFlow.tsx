/** An approval chain drawn as a flow: 核稿 → 合法性审查（仅规范性文件） → 会签 → 签发, parallel steps boxed together. */
import type { ChainStep } from '../../../../../common/schemas/outgoing.js';
import { rolesText, stagesOf } from './chain-labels.js';
import './outgoing-config.css';

const StepChip = ({ step }: { step: ChainStep }) => {
  const classes = ['fb-cfg-step'];
  if (step.type === 'sign') classes.push('fb-cfg-step-sign');
  if (step.onlyNormative) classes.push('fb-cfg-step-optional');
  const who = step.type === 'countersign' ? '会签单位' : rolesText(step.roles) || '未指定角色';
  return (
    <span className={classes.join(' ')}>
      <span>
        {step.label}
        {step.onlyNormative && '（仅规范性文件）'}
      </span>
      <span className="fb-cfg-step-who">{who}</span>
    </span>
  );
};

/** A stage with the arrow that leads to it, kept together so a wrapped line never ends on an arrow. */
const Stage = ({ stage, isFirst }: { stage: readonly ChainStep[]; isFirst: boolean }) => (
  <span className="fb-cfg-next">
    {!isFirst && (
      <span className="fb-cfg-arrow" aria-hidden>
        →
      </span>
    )}
    {stage.length === 1 ? (
      <StepChip step={stage[0]!} />
    ) : (
      <span className="fb-cfg-stage" title="同时进行，都完成后进入下一步">
        <span className="fb-cfg-stage-mark">并行</span>
        {stage.map((step, index) => (
          <StepChip key={index} step={step} />
        ))}
      </span>
    )}
  </span>
);

export const ChainFlow = ({ steps }: { steps: readonly ChainStep[] }) => (
  <div className="fb-cfg-flow" aria-label="审批步骤">
    {stagesOf(steps).map((stage, index) => (
      <Stage key={index} stage={stage} isFirst={index === 0} />
    ))}
  </div>
);
