/**
 * 依申请公开 deadlines, case by case, as an examiner would check them. The rule (《政府信息公开条例》):
 * - 第三十一条: 收到申请之日 — in person, the day handed in; by post, the day signed for (an ordinary letter nobody
 *   signs for: the day it is confirmed with the applicant); online or by fax, the day both sides confirm it.
 * - 第三十三条: answer within 20 个工作日 of that day (the day itself not counted); extended once, by at
 *   most 20 个工作日, with the 负责人's consent. Time spent consulting a third party (第三十二条, it has 15
 *   个工作日) is not counted.
 * - 第三十条: 补正 is asked once, within 7 个工作日; the answer period then runs afresh from the day the
 *   corrected application is received.
 * Working days skip Saturdays, Sundays and statutory holidays and include the 调休 Saturdays and Sundays.
 * The State Council's arrangements (国办发明电〔2024〕12号 for 2025, 国办发明电〔2025〕7号 for 2026):
 * 2025 春节 01-28…02-04 off, 01-26 (Sun) and 02-08 (Sat) worked;
 * 2026 元旦 01-01…01-03 off, 01-04 (Sun) worked; 春节 02-15…02-23 off, 02-14 (Sat) and 02-28 (Sat) worked;
 * 清明 04-04…04-06; 劳动节 05-01…05-05 off, 05-09 (Sat) worked; 中秋 09-25…09-27; 国庆 10-01…10-07 off,
 * 09-20 (Sun) and 10-10 (Sat) worked. Every due date below is counted by hand in its row.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser } from '../../../test/factories.js';
import { deadlineSteps, type Person } from '../../../test/deadline-cases.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
let steps: ReturnType<typeof deadlineSteps>;
let clerk: Person;
let director: Person;
before(async () => {
  t = await startTestApp();
  steps = deadlineSteps(t);
  clerk = await buildUser(t.database.db, { roles: ['clerk'] });
  director = await buildUser(t.database.db, { roles: ['director'] });
});
after(() => t.close());

const applicant = {
  applicantType: 'natural',
  applicantName: '王建国',
  phone: '13912345678',
  address: '示例市东城区和平路 8 号',
  subject: '2025 年城区老旧小区改造项目资金安排情况',
  preferredForm: 'paper',
};

type Step = { at: string; action: string; by?: 'clerk' | 'director'; input?: Record<string, unknown> };
type Row = {
  name: string;
  /** When the clerk registers it (Beijing time). */
  registeredAt: string;
  channel: { channel: 'in_person' | 'post' | 'online' | 'fax'; submittedOn?: string; signedForOn?: string; confirmedOn?: string };
  steps?: Step[];
  /** The clock read at this time (default: the last step's, or registration). */
  readAt?: string;
  answer: { due: string | null; state?: string; line?: RegExp };
  notice?: string;
};

const extend = (amount: number): Step[] => [
  { at: '', action: 'request_extension', input: { extension: { amount, reason: '涉及多个单位，需协调' } } },
  { at: '', action: 'approve_extension', by: 'director', input: { notice: 'letter', comment: '同意' } },
];

const rows: Row[] = [
  {
    name: 'in person on Friday evening before 中秋 and 国庆: the 调休 Sunday 09-20 counts, both holidays do not',
    registeredAt: '2026-09-18T18:40',
    channel: { channel: 'in_person', submittedOn: '2026-09-18' },
    // From Fri 09-18 (not counted): Sun 09-20 worked (1), 09-21…24 (5), 中秋 09-25…27, 09-28…30 (8), 国庆 10-01…07,
    // 10-08 (9), 10-09 (10), Sat 10-10 worked (11), 10-12…16 (16), 10-19…22 (20).
    answer: { due: '2026-10-22', line: /以提交之日 2026-09-18 为收到申请之日/ },
    // 7: 09-20 (1), 09-21…24 (5), 09-28 (6), 09-29 (7).
    notice: '2026-09-29',
  },
  {
    name: 'online, confirmed on 09-30, the day before 国庆',
    registeredAt: '2026-09-30T16:00',
    channel: { channel: 'online', submittedOn: '2026-09-30', confirmedOn: '2026-09-30' },
    // 10-08 (1), 10-09 (2), Sat 10-10 (3), 10-12…16 (8), 10-19…23 (13), 10-26…30 (18), 11-02 (19), 11-03 (20).
    answer: { due: '2026-11-03', line: /以双方确认之日 2026-09-30 为收到申请之日/ },
    // 10-08 (1), 10-09 (2), Sat 10-10 (3), 10-12…15 (7).
    notice: '2026-10-15',
  },
  {
    name: 'online, sent on 国庆 10-03 and confirmed on the first working day 10-08: the confirmation fixes the day',
    registeredAt: '2026-10-08T09:00',
    channel: { channel: 'online', submittedOn: '2026-10-03', confirmedOn: '2026-10-08' },
    // From Thu 10-08: 10-09 (1), Sat 10-10 (2), 10-12…16 (7), 10-19…23 (12), 10-26…30 (17), 11-02…04 (20).
    answer: { due: '2026-11-04' },
  },
  {
    name: 'online, confirmed by the platform automatically on 国庆 10-03: counted from the holiday, the first day after is 10-08',
    registeredAt: '2026-10-08T09:00',
    channel: { channel: 'online', submittedOn: '2026-10-03', confirmedOn: '2026-10-03' },
    // No working day between 10-03 and 10-08, so the same as confirmed on 09-30.
    answer: { due: '2026-11-03' },
  },
  {
    name: 'posted Thursday before 春节, signed for on the 调休 Saturday 02-14',
    registeredAt: '2026-02-14T11:00',
    channel: { channel: 'post', submittedOn: '2026-02-12', signedForOn: '2026-02-14' },
    // 春节 02-15…23; 02-24…27 (4), Sat 02-28 worked (5), 03-02…06 (10), 03-09…13 (15), 03-16…20 (20).
    answer: { due: '2026-03-20', line: /2026-02-12 寄出，以签收之日 2026-02-14 为收到申请之日/ },
    // 02-24…27 (4), 02-28 (5), 03-02 (6), 03-03 (7).
    notice: '2026-03-03',
  },
  {
    name: 'an ordinary letter nobody signs for, arrived Saturday 02-14, confirmed with the applicant that day (第三十一条第（二）项)',
    registeredAt: '2026-02-14T15:00',
    channel: { channel: 'post', submittedOn: '2026-02-11', confirmedOn: '2026-02-14' },
    // As signed for on 02-14: 03-20.
    answer: { due: '2026-03-20', line: /以平常信函等无需签收的方式邮寄，2026-02-11 寄出，以与申请人确认之日 2026-02-14 为收到申请之日/ },
  },
  {
    name: 'posted in December, signed for on 12-31, registered after 元旦: counted from the day signed for',
    registeredAt: '2026-01-05T09:00',
    channel: { channel: 'post', submittedOn: '2025-12-27', signedForOn: '2025-12-31' },
    // 元旦 2026-01-01…03; Sun 01-04 worked (1), 01-05…09 (6), 01-12…16 (11), 01-19…23 (16), 01-26…29 (20).
    answer: { due: '2026-01-29' },
  },
  {
    name: 'in person on 2026-12-31, before 2027\'s notice is out: 元旦 2027-01-01 is a rest day by the 放假办法 all the same',
    registeredAt: '2026-12-31T16:00',
    channel: { channel: 'in_person', submittedOn: '2026-12-31' },
    // 元旦 Fri 2027-01-01 (第二条), weekend; 01-04…08 (5), 01-11…15 (10), 01-18…22 (15), 01-25…29 (20).
    // (Re-timed if the 2027 notice, once entered, moves a working day.)
    answer: { due: '2027-01-29', line: /2027-01-01 至 2027-01-03 元旦/ },
  },
  {
    name: 'in person on Friday 2025-01-24, the week before 春节 2025',
    registeredAt: '2025-01-24T17:00',
    channel: { channel: 'in_person', submittedOn: '2025-01-24' },
    // Sun 01-26 worked (1), Mon 01-27 (2), 春节 01-28…02-04, 02-05…07 (5), Sat 02-08 worked (6), 02-10…14 (11),
    // 02-17…21 (16), 02-24…27 (20).
    answer: { due: '2025-02-27' },
  },
  {
    name: '补正 asked on the 调休 Saturday 05-09, corrected on Friday 05-15: 20 working days again from 05-15',
    registeredAt: '2026-04-30T10:00',
    channel: { channel: 'in_person', submittedOn: '2026-04-30' },
    steps: [
      { at: '2026-05-09T10:00', action: 'request_correction', input: { items: '请写明所需信息涉及的具体项目名称，并于 15 日内补正。' } },
      { at: '2026-05-15T15:00', action: 'corrected', input: { comment: '申请人补正了项目名称' } },
    ],
    // 05-18…22 (5), 05-25…29 (10), 06-01…05 (15), 06-08…12 (20).
    answer: { due: '2026-06-12', state: 'running', line: /重新/ },
    // From Thu 04-30: 劳动节 05-01…05, 05-06 (1), 05-07, 05-08, Sat 05-09 (4) … 05-13 (7); stopped in time on 05-09.
    notice: '2026-05-13',
  },
  {
    name: 'waiting for the 补正: no due date while the applicant has not answered',
    registeredAt: '2026-04-30T10:00',
    channel: { channel: 'in_person', submittedOn: '2026-04-30' },
    steps: [{ at: '2026-05-06T10:00', action: 'request_correction', input: { items: '请写明所需信息的名称或文号。' } }],
    readAt: '2026-06-30T10:00',
    answer: { due: null, state: 'paused' },
  },
  {
    name: 'corrected on a Sunday (online, received by the platform): the restart counts from that Sunday',
    registeredAt: '2026-03-02T10:00',
    channel: { channel: 'online', submittedOn: '2026-03-01', confirmedOn: '2026-03-02' },
    steps: [
      { at: '2026-03-04T10:00', action: 'request_correction', input: { items: '请写明所需信息的名称或文号。' } },
      { at: '2026-03-08T20:00', action: 'corrected', input: { comment: '网上补正' } },
    ],
    // From Sun 03-08: 03-09…13 (5), 03-16…20 (10), 03-23…27 (15), 03-30…04-03 (20).
    answer: { due: '2026-04-03' },
  },
  {
    name: '补正 signed for by post on Friday 03-06, entered on Monday 03-09: the restart counts from the day signed for',
    registeredAt: '2026-03-02T10:00',
    channel: { channel: 'in_person', submittedOn: '2026-03-02' },
    steps: [
      { at: '2026-03-04T10:00', action: 'request_correction', input: { items: '请写明所需信息的名称或文号。' } },
      { at: '2026-03-09T09:00', action: 'corrected', input: { receivedOn: '2026-03-06', comment: '邮寄补正，03-06 签收' } },
    ],
    // From Fri 03-06: 03-09…13 (5), 03-16…20 (10), 03-23…27 (15), 03-30…04-03 (20). (From the Monday it would be 04-07.)
    answer: { due: '2026-04-03', line: /重新起算：2026-03-06/ },
  },
  {
    name: '补正 handed in the afternoon of the notice day (03-04), entered the next morning: restarts from 03-04',
    registeredAt: '2026-03-02T10:00',
    channel: { channel: 'in_person', submittedOn: '2026-03-02' },
    steps: [
      { at: '2026-03-04T10:00', action: 'request_correction', input: { items: '请写明所需信息的名称或文号。' } },
      { at: '2026-03-05T09:00', action: 'corrected', input: { receivedOn: '2026-03-04', comment: '当面补正' } },
    ],
    // From Wed 03-04: 03-05, 03-06 (2), 03-09…13 (7), 03-16…20 (12), 03-23…27 (17), 03-30, 03-31, 04-01 (20).
    answer: { due: '2026-04-01', state: 'running' },
  },
  {
    name: 'extended by 20 working days over 国庆: 40 working days from the day received',
    registeredAt: '2026-09-04T10:00',
    channel: { channel: 'in_person', submittedOn: '2026-09-04' },
    steps: [{ at: '2026-09-07T10:00', action: 'accept' }, ...extend(20).map((step) => ({ ...step, at: '2026-10-09T09:00' }))],
    // 20: 09-07…11 (5), 09-14…18 (10), Sun 09-20 (11), 09-21…24 (15), 09-28…30 (18), 10-08 (19), 10-09 (20);
    // +20: Sat 10-10 (21), 10-12…16 (26), 10-19…23 (31), 10-26…30 (36), 11-02…05 (40).
    answer: { due: '2026-11-05', line: /延长/ },
  },
  {
    name: 'a third party consulted Tue 03-10 to Fri 03-20: 8 working days not counted, then over 清明',
    registeredAt: '2026-03-02T10:00',
    channel: { channel: 'in_person', submittedOn: '2026-03-02' },
    steps: [
      { at: '2026-03-03T10:00', action: 'accept' },
      { at: '2026-03-10T10:00', action: 'consult', input: { thirdParty: '示例市城投公司', comment: '涉及商业秘密' } },
      { at: '2026-03-20T16:00', action: 'consulted', input: { opinion: 'disagree', comment: '不同意公开' } },
    ],
    // 20 from Mon 03-02: 03-03…06 (4), 03-09…13 (9), 03-16…20 (14), 03-23…27 (19), 03-30 (20). Not counted: 03-11…13, 03-16…20
    // (8; the day the letter went out counts, the day the answer came does not). 03-31 (1), 04-01…03 (4), 清明 04-04…06, 04-07…10 (8).
    answer: { due: '2026-04-10' },
  },
  {
    name: 'a third party that never answers: the pause ends at its 15 working days, so the date is known while waiting',
    registeredAt: '2026-03-02T10:00',
    channel: { channel: 'in_person', submittedOn: '2026-03-02' },
    steps: [
      { at: '2026-03-03T10:00', action: 'accept' },
      { at: '2026-03-10T10:00', action: 'consult', input: { thirdParty: '示例市城投公司', comment: '涉及商业秘密' } },
    ],
    readAt: '2026-03-20T10:00',
    // 03-30 + 15: 03-31 (1), 04-01…03 (4), 04-07…10 (8), 04-13…17 (13), 04-20 (14), 04-21 (15).
    answer: { due: '2026-04-21', state: 'paused' },
  },
];

describe('依申请公开：statutory deadlines', () => {
  test('an extension is decided within the 20 working days: on the last day (03-30) it is, the day after it is refused', async () => {
    steps.at('2026-03-02T10:00');
    const late = await steps.register(clerk, 'disclosure', { ...applicant, channel: 'in_person', submittedOn: '2026-03-02' });
    const onTime = await steps.register(clerk, 'disclosure', { ...applicant, channel: 'in_person', submittedOn: '2026-03-02' });
    steps.at('2026-03-03T10:00');
    await steps.ok(clerk, late, 'accept');
    await steps.ok(clerk, onTime, 'accept');
    // Due 03-30 (20 working days from Mon 03-02). On 03-31 it has run out.
    steps.at('2026-03-31T09:00');
    const refused = await steps.act(clerk, late, 'request_extension', { extension: { amount: 20, reason: '需协调' }, approverId: director.id });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().message, /答复期限已于 2026-03-30 届满/);
    steps.at('2026-03-30T16:00');
    await steps.ok(clerk, onTime, 'request_extension', { extension: { amount: 20, reason: '需协调' }, approverId: director.id });
    await steps.ok(director, onTime, 'approve_extension', { notice: 'letter', comment: '同意' });
    // + 20: 03-31 (1), 04-01…03 (4), 清明, 04-07…10 (8), 04-13…17 (13), 04-20…24 (18), 04-27, 04-28 (20).
    assert.equal((await steps.clockOf(clerk, onTime, 'answer')).due, '2026-04-28');
  });

  test('a 补正 dated before the notice asking for it, or in the future, is refused', async () => {
    steps.at('2026-03-02T10:00');
    const id = await steps.register(clerk, 'disclosure', { ...applicant, channel: 'in_person', submittedOn: '2026-03-02' });
    steps.at('2026-03-04T10:00');
    await steps.ok(clerk, id, 'request_correction', { items: '请写明所需信息的名称或文号。' });
    steps.at('2026-03-09T10:00');
    const early = await steps.act(clerk, id, 'corrected', { receivedOn: '2026-03-03' });
    assert.equal(early.statusCode, 400, early.body);
    assert.match(early.json().message, /不能早于告知补正之日 2026-03-04/);
    assert.equal((await steps.act(clerk, id, 'corrected', { receivedOn: '2026-03-10' })).statusCode, 400);
  });

  for (const row of rows) {
    test(row.name, async () => {
      steps.at(row.registeredAt);
      const id = await steps.register(clerk, 'disclosure', { ...applicant, ...row.channel });
      for (const step of row.steps ?? []) {
        if (step.at) steps.at(step.at);
        const input = step.action === 'request_extension' ? { ...step.input, approverId: director.id } : (step.input ?? {});
        await steps.ok(step.by === 'director' ? director : clerk, id, step.action, input);
      }
      if (row.readAt) steps.at(row.readAt);
      const answer = await steps.clockOf(clerk, id, 'answer');
      assert.equal(answer.due, row.answer.due, answer.lines.join('\n'));
      if (row.answer.state) assert.equal(answer.state, row.answer.state);
      if (row.answer.line) assert.ok(answer.lines.some((line) => row.answer.line!.test(line)), answer.lines.join('\n'));
      if (row.notice) assert.equal((await steps.clockOf(clerk, id, 'correction_notice')).due, row.notice);
    });
  }
});
