/** Twelve small month grids, Monday first: 休 days red, 调休上班 weekends marked 班, overridden days outlined. */
import { Card, Col, Row, Tooltip } from 'antd';
import { useMemo } from 'react';
import type { CalendarDay } from './api.js';
import './calendar.css';

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];

const describe = (day: CalendarDay): string => {
  const kind = day.isWorkday ? (day.isWeekend ? '调休上班' : '工作日') : day.isWeekend && !day.name ? '休息日' : '放假';
  const origin = { override: '（本地调整）', official: '（国务院办公厅安排）', weekday: '' }[day.source];
  return `${day.date} ${day.name ? `${day.name} · ` : ''}${kind}${origin}`;
};

const classOf = (day: CalendarDay): string => {
  const classes = ['fb-cal-day'];
  if (!day.isWorkday && (!day.isWeekend || day.name)) classes.push('fb-cal-holiday');
  else if (!day.isWorkday) classes.push('fb-cal-weekend');
  if (day.isWorkday && day.isWeekend) classes.push('fb-cal-makeup');
  if (day.source === 'override') classes.push('fb-cal-override');
  return classes.join(' ');
};

const MonthGrid = ({
  month,
  days,
  today,
  onPick,
}: {
  month: number;
  days: CalendarDay[];
  today: string;
  onPick?: (day: CalendarDay) => void;
}) => {
  const first = days[0];
  if (!first) return null;
  // Monday = 0 … Sunday = 6.
  const offset = (new Date(`${first.date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return (
    <Card size="small" title={`${month} 月`} className="fb-cal-month">
      <div className="fb-cal-grid" role="grid" aria-label={`${month} 月`}>
        {weekdays.map((name) => (
          <div key={name} className="fb-cal-weekday" role="columnheader">
            {name}
          </div>
        ))}
        {Array.from({ length: offset }, (_, index) => (
          <div key={`blank-${index}`} />
        ))}
        {days.map((day) => {
          const isMakeup = day.isWorkday && day.isWeekend;
          const isHoliday = !day.isWorkday && (!day.isWeekend || Boolean(day.name));
          return (
            <Tooltip key={day.date} title={describe(day)} mouseEnterDelay={0.3}>
              <div
                role="gridcell"
                aria-label={describe(day)}
                data-date={day.date}
                className={`${classOf(day)}${day.date === today ? ' fb-cal-today' : ''}${onPick ? ' fb-cal-clickable' : ''}`}
                onClick={onPick ? () => onPick(day) : undefined}
              >
                {Number(day.date.slice(8))}
                {isMakeup && <span className="fb-cal-mark">班</span>}
                {isHoliday && day.name && <span className="fb-cal-mark">休</span>}
              </div>
            </Tooltip>
          );
        })}
      </div>
    </Card>
  );
};

export const YearGrid = ({
  days,
  today,
  onPick,
}: {
  days: readonly CalendarDay[];
  today: string;
  /** Set for calendar administrators: a click on a day edits its override. */
  onPick?: (day: CalendarDay) => void;
}) => {
  const months = useMemo(() => {
    const byMonth: CalendarDay[][] = Array.from({ length: 12 }, () => []);
    for (const day of days) byMonth[Number(day.date.slice(5, 7)) - 1]?.push(day);
    return byMonth;
  }, [days]);
  return (
    <Row gutter={[12, 12]}>
      {months.map((monthDays, index) => (
        <Col key={index} xs={24} sm={12} lg={8} xxl={6}>
          <MonthGrid month={index + 1} days={monthDays} today={today} onPick={onPick} />
        </Col>
      ))}
    </Row>
  );
};
