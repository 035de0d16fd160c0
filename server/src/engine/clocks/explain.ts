/** "Why this date": the names and the Chinese lines of a clock's explanation. */
import type { ClockExplanation, ClockSpec, ClockUnit, MeasureUnit } from './clock.types.js';

export const unitText: Record<ClockUnit, string> = {
  minute: '分钟',
  hour: '小时',
  workhour: '个工作小时',
  workday: '个工作日',
  day: '日',
  month: '个月',
};

const measureText: Record<MeasureUnit, string> = { workday: '个工作日', day: '天', minute: '分钟', workminute: '分钟（工作时间）' };

/** Chinese names of the actions kinds commonly start, pause and stop clocks with; a kind adds its own. */
export const clockActionLabels: Readonly<Record<string, string>> = {
  assign: '交办',
  receive: '收到申请',
  accept: '受理',
  register: '登记',
  sign: '签收',
  dispatch: '派单',
  submit: '提交',
  create: '登记',
  extend: '延长',
};

export const actionLabel = (action: string, own?: Readonly<Record<string, string>>): string => own?.[action] ?? clockActionLabels[action] ?? action;

/** 自收到申请之日起 20 个工作日; 自派单时起 12 个工作小时. */
export const ruleTextOf = (spec: ClockSpec, startLabel: string): string => {
  const isTime = spec.unit === 'minute' || spec.unit === 'hour' || spec.unit === 'workhour';
  if (spec.amount === 0 && !isTime) return `${startLabel}当日`;
  return `自${startLabel}${isTime ? '时' : '之日'}起 ${spec.amount} ${unitText[spec.unit]}`;
};

const span = (from: string, to: string) => (from === to ? from : `${from} 至 ${to}`);

const hours = (minutes: number): string => {
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${whole} 小时` : whole === 0 ? `${rest} 分钟` : `${whole} 小时 ${rest} 分钟`;
};

/** The explanation as lines of Chinese, in the order the date was worked out. */
export const describeClock = (explanation: ClockExplanation): string[] => {
  const lines = [`期限：${explanation.label}`, `依据：${explanation.basis}`, `规则：${explanation.ruleText}`];
  const start = explanation.start;
  if (start === null) {
    lines.push(`尚未起算：${explanation.ruleText.split(' ')[0]}`);
    return lines;
  }
  const isTime = explanation.unit === 'minute' || explanation.unit === 'hour' || explanation.unit === 'workhour';
  lines.push(
    isTime
      ? `起算：${start.at}（${start.why}），自该时刻开始计算`
      : explanation.amount === 0
        ? `起算：${start.at}（${start.why}），当日到期`
        : `起算：${start.at}（${start.why}），当日不计入，自次日开始计算（《民法典》第二百零一条）`,
  );
  for (const restart of explanation.restarts) {
    lines.push(`重新起算：${restart.at}（${restart.reason}），此前自 ${restart.previousStart} 起已计算的期限作废，自该日重新计算`);
  }
  if (explanation.officeHours) {
    const office = explanation.officeHours.periods.map((period) => `${period.from}–${period.to}`).join('、');
    lines.push(`工作时间：工作日 ${office}`);
  }
  for (const stretch of explanation.countedHours) {
    lines.push(`计入：${stretch.date} ${stretch.from}–${stretch.to}（${hours(stretch.minutes)}）`);
  }
  if (explanation.skippedRestDays.length > 0) {
    const runs = explanation.skippedRestDays.map((run) => `${span(run.from, run.to)} ${run.name ?? '周末'}（${run.days} 天）`);
    lines.push(`不计休息日：${runs.join('；')}`);
  }
  for (const pause of explanation.pauses) {
    const counted = measureText[pause.unit];
    if (pause.isAfterDue) {
      lines.push(`${pause.from}（${pause.reason}）发生在期限届满之后，不影响到期日`);
    } else if (pause.endedBy === 'restart') {
      lines.push(`中止：${pause.from} 至 ${pause.to}（${pause.reason}），期限随后重新起算`);
    } else if (pause.to === null) {
      const cap = pause.capEndsAt ? `，至迟于 ${pause.capEndsAt} 恢复计算` : '，恢复后继续计算剩余期限';
      lines.push(`中止中：自 ${pause.from} 起（${pause.reason}）${cap}`);
    } else if (pause.notCounted === 0) {
      lines.push(`中止：${pause.from} 至 ${pause.to}（${pause.reason}），该期间依规定计入期限`);
    } else {
      const capped = pause.endedBy === 'cap' ? '，已达不计入时间上限' : '';
      lines.push(`中止：${pause.from} 至 ${pause.to}（${pause.reason}${capped}），不计 ${pause.notCounted ?? 0} ${counted}，恢复后继续计算剩余期限`);
    }
  }
  for (const extension of explanation.extensions) {
    const approver = extension.approverRole ? `，${extension.approverRole}批准` : '';
    lines.push(`延长：${extension.at} 延长 ${extension.amount} ${unitText[extension.unit]}${extension.reason ? `（${extension.reason}${approver}）` : approver ? `（${approver.slice(1)}）` : ''}`);
  }
  if (explanation.movedFromRestDay) {
    const { from, to } = explanation.movedFromRestDay;
    lines.push(`期限最后一日 ${from} 为休息日，依《民法典》第二百零三条顺延至 ${to}`);
  }
  for (const override of explanation.calendarOverridesUsed) {
    lines.push(`日历调整：${override.date} ${override.isWorkday ? '调整为工作日' : '调整为休息日'}${override.note ? `（${override.note}）` : ''}`);
  }
  if (explanation.stop) {
    lines.push(`已结束：${explanation.stop.at}${explanation.stop.isInTime ? '，在期限内' : '，已超期'}`);
  }
  lines.push(explanation.due === null ? '到期：中止期间暂停计算' : `到期：${explanation.due}`);
  return lines.map(readableInstants);
};

/** 2026-02-24T11:30:00+08:00 reads 2026-02-24 11:30 (every instant of a clock is in Shanghai time). */
const readableInstants = (line: string): string => line.replace(/(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):00\+08:00/g, '$1 $2');
