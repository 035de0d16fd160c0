/** The actions this user may take on the case now; blocked ones are shown disabled with the reason. */
import { Button, Flex, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { AvailableActionView, CaseDetail } from '../../../../common/schemas/cases.js';
import { ActionModal, actionTitle } from './ActionModal.js';
import { kindUiOf } from './kind-views.js';

/** Actions that send work back rather than forward look different. */
const backwardActions = new Set(['return', 'unit_return', 'reject_reply', 'reinstruct', 'withdraw', 'recall', 'refuse_extension']);
/** Actions taken now and then beside the flow (延期, 改派, 申请延期): never the one step the page invites. */
const sideActions = new Set(['extend', 'reassign', 'ask_extension']);

const keyOf = (action: AvailableActionView) =>
  [action.action, action.assignmentId ?? '', action.onBehalfOf?.userId ?? ''].join(':');

export const CaseActions = ({ detail, deadlineBasis }: { detail: CaseDetail; deadlineBasis?: string | null }) => {
  const [open, setOpen] = useState<AvailableActionView | null>(null);
  const ui = kindUiOf(detail.kind);
  const isHidden = ui?.isActionHidden;
  const actions = isHidden ? detail.actions.filter((action) => !isHidden(detail, action)) : detail.actions;
  if (actions.length === 0) {
    return <Typography.Text type="secondary">{detail.isClosed ? '本事项已办结。' : '当前没有需要您办理的操作。'}</Typography.Text>;
  }
  // Once units are at work, 交办 only adds more: it is not the step the case waits for, so it is not the main button.
  const isAtWork = detail.assignments.some((assignment) => assignment.isStanding);
  const isForward = (action: AvailableActionView) =>
    !backwardActions.has(action.action) && !sideActions.has(action.action) && !(action.action === 'assign' && isAtWork);
  const firstEnabled = actions.find((action) => !action.blockedReason && isForward(action));

  return (
    <Flex gap={8} wrap aria-label="可办理的操作" role="toolbar">
      {actions.map((action) => {
        const title = actionTitle(action);
        const button = (
          <Button
            key={keyOf(action)}
            type={action === firstEnabled ? 'primary' : 'default'}
            danger={backwardActions.has(action.action)}
            disabled={Boolean(action.blockedReason)}
            onClick={() => setOpen(action)}
          >
            {title}
          </Button>
        );
        if (!action.blockedReason) return button;
        return (
          <Tooltip key={keyOf(action)} title={action.blockedReason}>
            {/* A disabled button swallows hover events; the span carries the tooltip. */}
            <span>{button}</span>
          </Tooltip>
        );
      })}
      {open && open.form.some((field) => field.widget === 'kindForm') && ui?.EditForm ? (
        <ui.EditForm detail={detail} action={open} onClose={() => setOpen(null)} />
      ) : open ? (
        <ActionModal detail={detail} action={open} deadlineBasis={deadlineBasis} options={ui?.actionOptions?.(detail, open)} onClose={() => setOpen(null)} />
      ) : null}
    </Flex>
  );
};
