/**
 * The demo office's meetings over fourteen months, arranged through the meeting use cases as 秘书科 would:
 * two rooms, 常务会议 every three weeks with units' 议题 (those needing it reviewed by 法制科 and put on the
 * agenda by the mayor), 专题会议, 市长办公会议, 党组会议, 电视电话会议 and two 重大会议活动; past ones held
 * (one cancelled), the next few planned or noticed; and two 会风会纪通报.
 */
import { eq } from 'drizzle-orm';
import { units } from '../db/schema/index.js';
import { addDays, todayInShanghai } from '../engine/calendar/dates.js';
import { insertRecord } from '../engine/records/records.store.js';
import { reviewAgendaItem, setAgenda, submitAgendaItem } from '../modules/meeting/agenda.service.js';
import { createMeeting, holdOrCancelMeeting, sendMeetingNotice } from '../modules/meeting/meeting.service.js';
import { disciplineNoticeRecord, meetingRoomRecord } from '../modules/meeting/meeting.types.js';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { registerAllRecordTypes } from '../modules/record-types.js';
import { actorFor } from './demo-actors.js';

type Plan = { type: string; subject: string; room: 0 | 1 | null; hour: number; units: string[]; items?: Array<{ unit: string; subject: string; review: boolean }> };

/** A weekday on or after `day` (weekends move to Monday). */
const weekday = (day: string): string => {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 6 ? addDays(day, 2) : dow === 0 ? addDays(day, 1) : day;
};

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

const topics = ['城市更新', '营商环境', '防汛备汛', '安全生产', '民生实事推进', '招商引资', '乡村振兴', '生态环境整改', '教育资源布局', '医疗服务提升'];

/** Meetings every few days back from today, and three ahead. */
const plans = (): Array<{ daysFromToday: number; plan: Plan }> => {
  const list: Array<{ daysFromToday: number; plan: Plan }> = [];
  let n = 0;
  for (let days = -420; days <= 14; days += 7) {
    n += 1;
    const topic = topics[n % topics.length]!;
    if (n % 3 === 0)
      list.push({
        daysFromToday: days,
        plan: {
          type: '常务会议',
          subject: `市政府第 ${Math.floor(n / 3)} 次常务会议`,
          room: 0,
          hour: 9,
          units: ['fgw', 'czj', 'zjj'],
          items: [
            { unit: 'fgw', subject: `关于${topic}工作方案的议题`, review: true },
            { unit: 'czj', subject: `关于${topic}资金安排的议题`, review: false },
          ],
        },
      });
    else if (n % 3 === 1) list.push({ daysFromToday: days + 1, plan: { type: '专题会议', subject: `${topic}专题会议`, room: 1, hour: 15, units: ['jyj', 'wjw'] } });
    else list.push({ daysFromToday: days + 2, plan: { type: n % 6 === 2 ? '党组会议' : '市长办公会议', subject: `${topic}${n % 6 === 2 ? '党组会议' : '市长办公会议'}`, room: 0, hour: 15, units: ['fgw'] } });
    if (n % 8 === 0) list.push({ daysFromToday: days + 3, plan: { type: '电视电话会议', subject: `全省${topic}电视电话会议（分会场）`, room: 1, hour: 10, units: ['yjj', 'sthjj'] } });
  }
  list.push({ daysFromToday: -300, plan: { type: '重大会议活动', subject: '全市经济工作会议', room: null, hour: 9, units: ['fgw', 'czj', 'swj'] } });
  list.push({ daysFromToday: -150, plan: { type: '重大会议活动', subject: '全市优化营商环境大会', room: null, hour: 9, units: ['fgw', 'scjgj'] } });
  return list;
};

/** Seeds the demo meetings dated around `now`; returns how many meetings were made. */
export const seedDemoMeetings = async ({ db, now, shouldStop = () => false }: { db: Db; now: Date; shouldStop?: () => boolean }): Promise<number> => {
  registerAllRecordTypes(); // the seed runs before buildApp registers them; registering twice is harmless
  const clerk = await actorFor(db, 'clerk');
  const mayor = await actorFor(db, 'mayor');
  const vicemayor = await actorFor(db, 'vicemayor');
  const legal = await actorFor(db, 'legal');
  const liaison = await actorFor(db, 'liaison');
  const unitIds = new Map((await db.select({ id: units.id, code: units.code }).from(units)).map((unit) => [unit.code, unit.id]));
  const today = todayInShanghai(now);
  const start = at(addDays(today, -430), 9);
  const rooms = await db.transaction(async (tx) => [
    await insertRecord(tx, { recordType: meetingRoomRecord, fields: { name: '第一会议室', location: '市政府大楼 3 楼', capacity: 40 }, unitId: null, actor: clerk, now: start }),
    await insertRecord(tx, { recordType: meetingRoomRecord, fields: { name: '第二会议室', location: '市政府大楼 5 楼', capacity: 20 }, unitId: null, actor: clerk, now: start }),
  ]);
  let made = 0;
  for (const { daysFromToday, plan } of plans()) {
    if (shouldStop()) return made;
    const day = weekday(addDays(today, daysFromToday));
    const startsAt = at(day, plan.hour);
    const arranged = new Date(startsAt.getTime() - 8 * 86_400_000);
    if (arranged > now) continue;
    try {
      let detail = await createMeeting({
        db,
        actor: clerk,
        now: arranged,
        schedule: {
          meetingType: plan.type,
          subject: plan.subject,
          ...(plan.room === null ? { location: '市民中心大礼堂' } : { roomId: rooms[plan.room]!.id }),
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + (plan.type === '重大会议活动' ? 3 : 2) * 3_600_000).toISOString(),
          leaderIds: plan.type === '专题会议' ? [vicemayor.userId] : [mayor.userId, vicemayor.userId],
          attendingUnitIds: plan.units.flatMap((code) => (unitIds.has(code) ? [unitIds.get(code)!] : [])),
          submissionDeadline: new Date(startsAt.getTime() - 3 * 86_400_000).toISOString(),
        },
      });
      made += 1;
      const id = detail.meeting.id;
      const itemIds: string[] = [];
      for (const [index, item] of (plan.items ?? []).entries()) {
        const submittedAt = new Date(arranged.getTime() + (index + 1) * 3_600_000);
        const submitter = item.unit === 'fgw' ? liaison : clerk;
        const submitted = await submitAgendaItem({ db, actor: submitter, meetingId: id, now: submittedAt, input: { subject: item.subject, summary: '', materials: ['议题材料', '起草说明'], needsLegalReview: item.review, unitId: unitIds.get(item.unit) } });
        if (item.review) {
          const reviewedAt = new Date(submittedAt.getTime() + 2 * 86_400_000);
          if (reviewedAt > now) continue;
          await reviewAgendaItem({ db, actor: legal, id: submitted.id, now: reviewedAt, input: { result: 'passed', opinion: '经审查，议题内容符合法律法规规定。', opinionCount: 1 + (made % 3), version: submitted.version } });
        }
        itemIds.push(submitted.id);
      }
      const agendaAt = new Date(startsAt.getTime() - 2 * 86_400_000);
      if (itemIds.length > 0 && agendaAt <= now) {
        await setAgenda({ db, actor: mayor, meetingId: id, now: agendaAt, input: { itemIds, version: detail.meeting.version } });
        detail = { ...detail, meeting: { ...detail.meeting, version: detail.meeting.version + 1 } };
      }
      const noticeAt = new Date(startsAt.getTime() - 86_400_000);
      if (noticeAt > now) continue;
      if (made === 20) {
        await holdOrCancelMeeting({ db, actor: clerk, id, action: 'cancel', version: detail.meeting.version, reason: '主要领导参加省里会议，会议延期', now: noticeAt });
        continue;
      }
      detail = await sendMeetingNotice({ db, actor: clerk, id, version: detail.meeting.version, now: noticeAt });
      const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
      if (endsAt <= now) await holdOrCancelMeeting({ db, actor: clerk, id, action: 'hold', version: detail.meeting.version, now: endsAt });
    } catch (error) {
      // A demo slot that clashes with another (a room taken) is left out rather than stopping the seed.
      if (error instanceof AppError && error.code === 'CONFLICT') continue;
      throw error;
    }
  }
  const director = await actorFor(db, 'director');
  await db.transaction(async (tx) => {
    for (const [daysAgo, code] of [[200, 'zjj'], [60, 'jtj']] as const) {
      const issuedOn = weekday(addDays(today, -daysAgo));
      await insertRecord(tx, {
        recordType: disciplineNoticeRecord,
        fields: { issuedOn, subject: '关于近期会议迟到早退情况的通报', content: '经查，个别单位参会人员迟到、会中离场，现予通报。', unitIds: unitIds.has(code) ? [unitIds.get(code)!] : [] },
        unitId: null,
        actor: director,
        now: at(issuedOn, 16),
      });
    }
  });
  return made;
};
