/** 办理留痕: every event of the case, oldest first — who, for whom (AB角), what, state change, opinion. */
import { EyeInvisibleOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import {
  assignmentRoleLabels,
  type CaseDetail,
  satisfactionLabels,
} from '../../../../common/schemas/cases.js';
import type { RevealedInputs } from '../../../../common/schemas/personal.js';
import { useCan } from '../../app/current-user.js';
import { formatDateTime } from '../../app/time.js';
import { api, notifyError } from '../../app/request.js';
import { kindUiOf } from './kind-views.js';

type CaseEvent = CaseDetail['events'][number];
type Data = Record<string, unknown>;

const isRecord = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const records = (value: unknown): Data[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** Whom the step sent the case to (拟办 → 「呈 张局长 批示」), said beside the step's name. */
const sentToLine = (data: Data | null): string | undefined => {
  if (!data || !isRecord(data.sentTo)) return undefined;
  const { verb, names, awaits } = data.sentTo;
  const people = Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  return people.length > 0 ? `${text(verb) ?? ''} ${people.join('、')} ${text(awaits) ?? ''}`.trim() : undefined;
};

/** What the event's data says, in words: units assigned, reasons, ratings, extensions, files. */
const describeData = (data: Data | null, unitName: (unitId: unknown) => string | undefined, roleLabels: Record<string, string>): string[] => {
  if (!data) return [];
  const lines: string[] = [];
  const assigned = records(data.assigned);
  if (assigned.length) {
    const parts = assigned.map((item) => {
      const role = roleLabels[String(item.role)] ?? '';
      const due = text(item.due) ? `，时限 ${text(item.due)}` : '';
      return `${unitName(item.unitId) ?? '承办单位'}（${role}${due}）`;
    });
    // 改派 names the unit it was taken from; the new one is in `assigned`.
    lines.push(text(data.toUnitId) ? `改派：${unitName(data.unitId) ?? text(data.unitName) ?? ''} → ${parts.join('、')}` : `交办：${parts.join('、')}`);
  } else if (unitName(data.unitId)) {
    lines.push(`单位：${unitName(data.unitId)}`);
  }
  // 移交 (批量移交, a 联络员 leaving): from whom to whom the case's work went.
  if (text(data.fromUserName) && text(data.toUserName)) lines.push(`移交：${text(data.fromUserName)} → ${text(data.toUserName)}`);
  const reopened = Array.isArray(data.reopened) ? data.reopened.map(unitName).filter(Boolean) : [];
  if (reopened.length) lines.push(`重新办理：${reopened.join('、')}`);
  if (text(data.reason)) lines.push(`理由：${text(data.reason)}`);
  const satisfaction = data.satisfaction as keyof typeof satisfactionLabels | undefined;
  if (satisfaction && satisfactionLabels[satisfaction]) lines.push(`评价：${satisfactionLabels[satisfaction]}`);
  if (isRecord(data.extension)) {
    const { amount, reason } = data.extension;
    const span = text(data.from) && text(data.to) ? `，时限 ${text(data.from)} → ${text(data.to)}` : '';
    lines.push(`延期 ${String(amount)} 个工作日${span}：${String(reason ?? '')}`);
  }
  if (isRecord(data.requested)) {
    const { amount, reason } = data.requested;
    const span = text(data.from) && text(data.to) ? `，时限将 ${text(data.from)} → ${text(data.to)}` : '';
    lines.push(`申请延期 ${String(amount)} 天${span}：${String(reason ?? '')}`);
  }
  if (isRecord(data.revisit) && isRecord(data.revisit.ratings)) {
    const ratings = data.revisit.ratings;
    const labels = isRecord(data.revisit.dimensions) ? data.revisit.dimensions : {};
    const parts = Object.entries(ratings).map(([key, value]) => `${text(labels[key]) ?? key} ${satisfactionLabels[value as keyof typeof satisfactionLabels] ?? String(value)}`);
    lines.push(`回访：${parts.join('，')}`);
  }
  if (data.isLate === true) lines.push('逾期答复');
  if (text(data.serialNo)) lines.push(`编号：${text(data.serialNo)}`);
  if (text(data.docNumber)) lines.push(`文号：${text(data.docNumber)}`);
  const delivered = Array.isArray(data.delivered) ? data.delivered.filter((name): name is string => typeof name === 'string') : [];
  if (delivered.length) lines.push(`系统内送达：${delivered.join('、')}`);
  return lines;
};

const EventBody = ({ detail, event, unitName, roleLabels }: { detail: CaseDetail; event: CaseEvent; unitName: (unitId: unknown) => string | undefined; roleLabels: Record<string, string> }) => {
  const caseId = detail.id;
  const files = records(event.data?.attachments);
  const hasStateChange = event.toState && event.fromState !== event.toState;
  const sentTo = sentToLine(event.data) ?? kindUiOf(detail.kind)?.legacySentTo?.(detail, event);
  return (
    <div className="fb-trail-event">
      <Typography.Text type="secondary" className="fb-trail-time">
        {formatDateTime(event.at)}
      </Typography.Text>
      <Space size={6} wrap>
        <Typography.Text strong>{event.actorName}</Typography.Text>
        {event.onBehalfOfName && <Tag color="purple">代 {event.onBehalfOfName}</Tag>}
        <Tag color="blue" className="fb-trail-action">
          {event.actionLabel}
        </Tag>
        {sentTo && <Typography.Text data-testid={`trail-sent-to-${event.seq}`}>{sentTo}</Typography.Text>}
        {hasStateChange && (
          <Typography.Text type="secondary">
            {event.fromState ? `${event.fromState} → ${event.toState}` : event.toState}
          </Typography.Text>
        )}
      </Space>
      {describeData(event.data, unitName, roleLabels).map((line) => (
        <div key={line}>
          <Typography.Text type="secondary">{line}</Typography.Text>
        </div>
      ))}
      {files.length > 0 && (
        <div>
          <Typography.Text type="secondary">
            <PaperClipOutlined /> {files.map((file) => String(file.name)).join('、')}
          </Typography.Text>
        </div>
      )}
      <EventTexts caseId={caseId} event={event} unitName={unitName} />
    </div>
  );
};

/** What an input is called where 显示 shows it beside the opinion (the comment replaces the masked one in place). */
const inputLabels: Record<string, string> = { reason: '理由', 'extension.reason': '延期理由', writeUp: '案例简述' };

/** A sealed input's label; `units.N.instruction` is the 交办意见 of the N-th unit the step gave the case to (data.assigned). */
const inputLabelOf = (name: string, event: CaseEvent, unitName: (unitId: unknown) => string | undefined): string => {
  const row = /^units\.(\d+)\.instruction$/.exec(name);
  if (!row) return inputLabels[name] ?? name;
  const given = records(event.data?.assigned)[Number(row[1])];
  const unit = unitName(given?.unitId);
  return unit ? `交办意见（${unit}）` : '交办意见';
};

/**
 * The event's opinion as the trail holds it: a citizen's numbers in it masked. Whoever may (pii.reveal) presses 显示
 * to see the texts of that step in full; the server records it in the audit log. The clear texts stay in this
 * component's state only.
 */
const EventTexts = ({ caseId, event, unitName }: { caseId: string; event: CaseEvent; unitName: (unitId: unknown) => string | undefined }) => {
  const canReveal = useCan('pii.reveal');
  const [texts, setTexts] = useState<Record<string, string> | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const hidden = Array.isArray(event.data?.personalInputs) && event.data.personalInputs.length > 0;
  const reveal = async () => {
    setIsLoading(true);
    try {
      setTexts((await api.post<RevealedInputs>(`/api/cases/${caseId}/events/${event.seq}/reveal`)).texts);
    } catch (error) {
      notifyError(error);
    } finally {
      setIsLoading(false);
    }
  };
  const comment = texts?.comment ?? event.comment;
  const others = Object.entries(texts ?? {}).filter(([name]) => name !== 'comment');
  return (
    <>
      {comment && <div className="fb-trail-comment">{comment}</div>}
      {others.map(([name, text]) => (
        <div key={name} className="fb-trail-comment">
          {inputLabelOf(name, event, unitName)}（原文）：{text}
        </div>
      ))}
      {hidden &&
        canReveal &&
        (texts === null ? (
          <Tooltip title="查看隐去的号码将记入审计日志">
            <Button size="small" type="link" icon={<EyeOutlined />} loading={isLoading} onClick={reveal} data-testid={`reveal-event-${event.seq}`}>
              显示
            </Button>
          </Tooltip>
        ) : (
          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setTexts(null)}>
            隐藏
          </Button>
        ))}
    </>
  );
};

export const CaseTrail = ({ detail }: { detail: CaseDetail }) => {
  const names = new Map(detail.assignments.map((assignment) => [assignment.unitId, assignment.unitName]));
  const unitName = (unitId: unknown) => (typeof unitId === 'string' ? names.get(unitId) : undefined);
  // A kind may name the roles its own way (发文: 会签, not 会办).
  const roleLabels: Record<string, string> = kindUiOf(detail.kind)?.assignmentRoleLabels ?? assignmentRoleLabels;
  return (
    <Timeline
      aria-label="办理留痕"
      items={detail.events.map((event) => ({
        key: event.seq,
        color: event.toState === detail.stateLabel && detail.isClosed ? 'green' : 'blue',
        content: <EventBody detail={detail} event={event} unitName={unitName} roleLabels={roleLabels} />,
      }))}
    />
  );
};
