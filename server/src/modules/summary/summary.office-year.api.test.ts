/**
 * The 年度工作总结 of an office-year scripted through the HTTP API (test/office-year.ts): 收文 over two years
 * (2 in 2025, 3 in 2026: one 拟办 two working days after it came and filed), two meetings and one 文稿 in 2026
 * only, no 发文 and no 督查 at all. The draft made from the 县 template by POST /api/summaries must state exactly
 * the test's own tally: every digit run in its text is a linked number whose value is the tally (and whose
 * drill-down lists that many records) or a year; a metric with no data is a 【待补充：…】 gap (未接入 for a
 * module not built), never 0; 同比 only where 2025 holds data; one more 收文 moves the number by one; an edited
 * sentence keeps its number linked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUnit } from '../../../test/factories.js';
import { unzip } from '../../../test/office-files.js';
import { officeYear, YEAR, type YearUser } from '../../../test/office-year.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
let y: ReturnType<typeof officeYear>;
before(async () => {
  t = await startTestApp();
  y = officeYear(t);
});
after(() => t.close());

type Piece = { type: 'text' | 'number' | 'gap'; text: string; metricId?: string; kind?: string; value?: number };
type Summary = {
  id: string;
  version: number;
  title: string;
  titlePieces: Piece[];
  sections: Array<{ heading: string; headingPieces: Piece[]; paragraphs: Array<{ source: string; pieces: Piece[] }> }>;
  numberCount: number;
  gapCount: number;
};

const allPieces = (summary: Summary): Piece[] => [
  ...summary.titlePieces,
  ...summary.sections.flatMap((section) => [...section.headingPieces, ...section.paragraphs.flatMap((paragraph) => paragraph.pieces)]),
];
const textOf = (pieces: Piece[]) => pieces.map((piece) => piece.text).join('');
const numbersOf = (summary: Summary, metricId: string, kind = '值') => allPieces(summary).filter((piece) => piece.type === 'number' && piece.metricId === metricId && piece.kind === kind);
const oneNumber = (summary: Summary, metricId: string, kind = '值') => {
  const found = numbersOf(summary, metricId, kind);
  assert.ok(found.length > 0, `${metricId}|${kind} is stated`);
  assert.ok(new Set(found.map((piece) => piece.text)).size === 1, `${metricId}|${kind} reads the same everywhere`);
  return found[0]!;
};

/** A digit run outside a linked number may only be a year (2026年), a date (3月2日) or an ordinal (第3). */
const DATE_OR_ORDINAL = /^(\d{4}年|\d{1,2}月|\d{1,2}日|第\d+)$/;
const looseDigits = (pieces: Piece[]) =>
  pieces
    .filter((piece) => piece.type !== 'number')
    .flatMap((piece) => [...piece.text.matchAll(/第?\d+(?:\.\d+)?[年月日]?/g)].map((match) => match[0]))
    .filter((run) => !DATE_OR_ORDINAL.test(run));

describe('the 年度工作总结 of a scripted year', () => {
  let clerk: YearUser;
  let director: YearUser;
  let summary: Summary;
  let dept = '';

  const register = (title: string, receivedOn: string) => y.create(clerk, 'incoming', { fromOrg: '省人民政府办公厅', docType: '通知', title, receivedOn });
  const draftSummary = async () => {
    const response = await (await y.as(director)).request('POST', '/api/summaries', { templateKey: 'year-县', from: YEAR[0], to: YEAR[1] });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as Summary;
  };
  const read = async (id: string) => {
    const response = await (await y.as(director)).request('GET', `/api/summaries/${id}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as Summary;
  };

  before(async () => {
    y.at('2025-03-01T09:00');
    const office = await buildUnit(y.db, { name: '示范县人民政府办公室', type: 'office' });
    const secretariat = await buildUnit(y.db, { name: '秘书股', parentId: office.id, type: 'section' });
    clerk = await y.user(['clerk'], secretariat.id);
    director = await y.user(['director'], office.id);
    const mayor = await y.user(['leader'], office.id);
    dept = (await y.unit('应急管理局')).id;

    // 2025: two 收文, nothing else.
    y.at('2025-04-01T09:00');
    await register('去年来文甲', '2025-04-01');
    y.at('2025-11-03T09:00');
    await register('去年来文乙', '2025-11-03');

    // 2026: X1 registered Monday 03-02, 拟办 Wednesday 03-04 (2 working days), filed; X2 accepted only; X3 just registered.
    y.at('2026-03-02T09:00');
    const x1 = await register('今年来文一', '2026-03-02');
    await y.act(clerk, x1, 'accept');
    y.at('2026-03-04T10:00');
    await y.act(clerk, x1, 'propose', { comment: '拟请秘书股阅办。' });
    await y.act(clerk, x1, 'file', { comment: '阅件，办结' });
    y.at('2026-05-11T09:00');
    const x2 = await register('今年来文二', '2026-05-11');
    await y.act(clerk, x2, 'accept');
    y.at('2026-09-01T09:00');
    await register('今年来文三', '2026-09-01');

    // Two meetings held in 2026 (a 常务会议 that 应急管理局 attended, and a 专题会议), none in 2025.
    for (const [meetingType, startsAt] of [['常务会议', '2026-04-08T09:00'], ['专题会议', '2026-06-10T15:00']] as const) {
      y.at(`${startsAt.slice(0, 10)}T08:00`);
      const session = await y.as(clerk);
      const created = await session.request('POST', '/api/meetings', { meetingType, subject: `${meetingType}（${startsAt.slice(0, 10)}）`, location: '第一会议室', startsAt: `${startsAt}:00+08:00`, endsAt: `${startsAt.slice(0, 10)}T18:00:00+08:00`, attendingUnitIds: meetingType === '常务会议' ? [dept] : [], leaderIds: [mayor.id] });
      assert.equal(created.statusCode, 201, created.body);
      const row = (created.json() as { meeting: { id: string; version: number } }).meeting;
      const noticed = await session.request('POST', `/api/meetings/${row.id}/notice`, { version: row.version });
      assert.equal(noticed.statusCode, 200, noticed.body);
      const held = await session.request('POST', `/api/meetings/${row.id}/hold`, { version: (noticed.json() as { meeting: { version: number } }).meeting.version });
      assert.equal(held.statusCode, 200, held.body);
    }

    // One 文稿 written to 定稿 in July.
    y.at('2026-07-15T09:00');
    const speech = await y.create(clerk, 'draft', { title: '全县经济工作会议讲话', draftType: '讲话稿' });
    await y.act(clerk, speech, 'add_version', { text: '同志们：今年以来，全县经济稳中向好。'.repeat(20) });
    await y.act(clerk, speech, 'submit');
    await y.act(director, speech, 'approve');

    y.at('2026-12-28T09:00');
    summary = await draftSummary();
  });

  /** The test's own tally of 2026 as the draft must state it: token → [text, value]. */
  const tally = () => ({
    'incoming.received|值': [`${received}件`, received],
    'incoming.received|同比': [`，同比增长${((received - 2) / 2) * 100}%`, received - 2], // 2025 held 2
    'incoming.closedRate|值': [`${Math.round((1 / received) * 1000) / 10}%`, Math.round((1 / received) * 1000) / 10], // X1 of them
    'incoming.daysToProposal|值': ['2个工作日', 2],
    'incoming.returnedNonCompliant|值': ['0件', 0], // 收文 is in use and none was returned: a true 0
    'docs.circulatedOnline|值': ['0件', 0], // the system is in use and nothing was circulated: a true 0
    'meetings.held|值': ['2次', 2],
    'meetings.held|分项': ['（其中专题会议1次、常务会议1次）', 2],
    'drafts.written|值': ['1篇', 1],
  });
  let received = 3;

  const statedNumbers = (view: Summary) =>
    Object.fromEntries(allPieces(view).filter((piece) => piece.type === 'number').map((piece) => [`${piece.metricId}|${piece.kind}`, [piece.text, piece.value]]));

  test('states exactly the tally: every digit run is a linked number of the tally or a year', async () => {
    assert.equal(summary.title, '示范县人民政府办公室2026年工作总结');
    assert.deepEqual(statedNumbers(summary), tally());
    // Each number reads the same wherever it stands (收文 is in the opening and in 办文), and is counted.
    for (const [key, [text]] of Object.entries(tally())) {
      const [metricId, kind] = key.split('|');
      assert.equal(oneNumber(summary, metricId!, kind).text, text);
    }
    const pieces = allPieces(summary);
    assert.equal(summary.numberCount, pieces.filter((piece) => piece.type === 'number').length);
    assert.equal(summary.gapCount, pieces.filter((piece) => piece.type === 'gap').length);
    // Every digit run: inside a linked number, or a year of the period (2026年, 2027年 the plan's).
    assert.deepEqual(looseDigits(pieces), []);
    const years = new Set(pieces.filter((piece) => piece.type !== 'number').flatMap((piece) => [...piece.text.matchAll(/\d+/g)].map((match) => match[0])));
    assert.deepEqual([...years].sort(), ['2026', '2027']);
    // The parts stated add up to the whole.
    for (const piece of pieces.filter((candidate) => candidate.type === 'number' && candidate.kind === '分项')) {
      assert.equal([...piece.text.matchAll(/\d+/g)].reduce((sum, match) => sum + Number(match[0]), 0), piece.value, piece.text);
    }
    // A gap carries no digit either.
    assert.ok(pieces.filter((piece) => piece.type === 'gap').every((piece) => !/\d/.test(piece.text)));
  });

  test('each linked number agrees with its metric and opens a list of that many records', async () => {
    // A value and its parts (（其中…）) open the same list.
    for (const piece of allPieces(summary).filter((candidate) => candidate.type === 'number' && (candidate.kind === '值' || candidate.kind === '分项'))) {
      const id = piece.metricId!;
      const answer = await y.metric(director, id, ...YEAR);
      assert.equal(answer.value, piece.value, id);
      const total = await y.recordsTotal(director, id, ...YEAR);
      // A count lists its records; a rate or a mean lists the records it is taken over.
      const expected = id === 'incoming.closedRate' ? received : id === 'incoming.daysToProposal' ? 1 : piece.value;
      assert.equal(total, expected, `${id}: ${total} records behind ${piece.text}`);
    }
    const parts = await y.metric(director, 'meetings.held', ...YEAR);
    assert.deepEqual(parts.parts, { 常务会议: 1, 专题会议: 1 });
  });

  test('a metric with no data is a marked gap, never 0; a module not built is 未接入', async () => {
    const gaps = Object.fromEntries(allPieces(summary).filter((piece) => piece.type === 'gap').map((piece) => [piece.metricId, piece.text]));
    // Built, but no 发文 and no 督查 were ever recorded: a gap without 未接入.
    assert.equal(gaps['outgoing.issued'], '【待补充：发文件数】');
    assert.equal(gaps['supervision.opened'], '【待补充：立项督办事项数】');
    assert.equal(gaps['minutes.issued'], '【待补充：印发会议纪要】');
    // Modules Fuban does not have: 未接入.
    assert.equal(gaps['info.submitted'], '【待补充：上报政务信息条数（未接入）】');
    assert.equal(gaps['duty.calls'], '【待补充：值班电话处理次数（未接入）】');
    // Entered figures nobody entered: a gap.
    assert.equal(gaps['info.score'], '【待补充：政务信息工作考核得分】');
    const outgoing = await y.metric(director, 'outgoing.issued', ...YEAR);
    assert.deepEqual([outgoing.value, outgoing.hasData], [null, false]);
    const info = await y.metric(director, 'info.submitted', ...YEAR);
    assert.deepEqual([info.value, info.hasData], [null, false]);
    assert.doesNotMatch(textOf(allPieces(summary)), /印发公文0|立项督查事项0|上报政务信息0/);
  });

  test('同比 only where last year holds data', async () => {
    const sources = summary.sections.flatMap((section) => section.paragraphs.map((paragraph) => paragraph.source)).join('');
    for (const token of ['{{incoming.received|同比}}', '{{meetings.held|同比}}', '{{drafts.written|同比}}', '{{outgoing.issued|同比}}']) assert.ok(sources.includes(token), token);
    assert.equal(oneNumber(summary, 'incoming.received', '同比').text, '，同比增长50%');
    // 会议 and 文稿 began in 2026, 发文 never: no 同比 is said of them.
    for (const id of ['meetings.held', 'drafts.written', 'outgoing.issued']) assert.deepEqual(numbersOf(summary, id, '同比'), [], id);
    assert.doesNotMatch(textOf(allPieces(summary)), /同比(增长|下降|增加|减少|提高|降低)[^，。；]*?(次|篇)|与上年同期持平/);
    const meetings = await y.metric(director, 'meetings.held', ...YEAR);
    assert.equal(meetings.hasData, true);
  });

  test('one more 收文 through the API moves the number by one when the draft is read again', async () => {
    y.at('2026-12-28T10:00');
    await register('年底来文', '2026-12-28');
    received += 1;
    const again = await read(summary.id);
    assert.equal(oneNumber(again, 'incoming.received').value, oneNumber(summary, 'incoming.received').value! + 1);
    assert.deepEqual(statedNumbers(again), tally());
    assert.equal(await y.recordsTotal(director, 'incoming.received', ...YEAR), received);
    assert.deepEqual(looseDigits(allPieces(again)), []);
    summary = again;
  });

  test('an edited sentence keeps its number linked, and it still follows the records', async () => {
    const sections = summary.sections.map((section) => ({ heading: section.heading, paragraphs: section.paragraphs.map((paragraph) => paragraph.source) }));
    sections[0]!.paragraphs[0] = '2026年，全办共办理各类来文{{incoming.received}}{{incoming.received|同比}}，召开会议{{meetings.held}}。';
    const saved = await (await y.as(clerk)).request('PUT', `/api/summaries/${summary.id}`, { version: summary.version, title: summary.title, sections });
    assert.equal(saved.statusCode, 200, saved.body);
    const edited = saved.json() as Summary;
    const opening = edited.sections[0]!.paragraphs[0]!.pieces;
    assert.equal(textOf(opening), `2026年，全办共办理各类来文${received}件，同比增长${((received - 2) / 2) * 100}%，召开会议2次。`);
    assert.deepEqual(opening.filter((piece) => piece.type === 'number').map((piece) => [piece.metricId, piece.kind, piece.value]), [
      ['incoming.received', '值', received],
      ['incoming.received', '同比', received - 2],
      ['meetings.held', '值', 2],
    ]);
    assert.deepEqual(looseDigits(allPieces(edited)), []);

    y.at('2026-12-29T09:00');
    await register('编辑后来文', '2026-12-29');
    received += 1;
    const reread = await read(summary.id);
    assert.equal(textOf(reread.sections[0]!.paragraphs[0]!.pieces), `2026年，全办共办理各类来文${received}件，同比增长${((received - 2) / 2) * 100}%，召开会议2次。`);
    assert.equal(reread.version, 2);
    assert.deepEqual(statedNumbers(reread), tally());
  });

  test('the .docx carries the same numbers, and no other digit than a date', async () => {
    const view = await read(summary.id);
    const response = await t.app.inject({ method: 'GET', url: `/api/summaries/${summary.id}/document.docx`, headers: { cookie: (await y.as(director)).cookie } });
    assert.equal(response.statusCode, 200);
    const xml = unzip(response.rawPayload).get('word/document.xml')!;
    let text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
    assert.ok(!text.includes('{{'), 'no token reaches the Word file');
    const numbers = [...new Set(allPieces(view).filter((piece) => piece.type === 'number').map((piece) => piece.text))].sort((a, b) => b.length - a.length);
    for (const number of numbers) {
      assert.ok(text.includes(number), `${number} in the .docx`);
      text = text.replaceAll(number, '');
    }
    const loose = [...text.matchAll(/第?\d+(?:\.\d+)?[年月日]?/g)].map((match) => match[0]).filter((run) => !DATE_OR_ORDINAL.test(run));
    assert.deepEqual(loose, []);
  });

  test('a unit’s summary states the unit’s numbers, each opening the unit’s list', async () => {
    const response = await (await y.as(director)).request('POST', '/api/summaries', { templateKey: 'year-县', from: YEAR[0], to: YEAR[1], unitId: dept });
    assert.equal(response.statusCode, 201, response.body);
    const unitDraft = response.json() as Summary;
    assert.equal(unitDraft.title, '应急管理局2026年工作总结');
    for (const piece of allPieces(unitDraft).filter((candidate) => candidate.type === 'number' && candidate.kind === '值')) {
      const answer = await y.metric(director, piece.metricId!, ...YEAR, dept);
      assert.equal(answer.value, piece.value, piece.metricId);
      assert.equal(await y.recordsTotal(director, piece.metricId!, ...YEAR, dept), piece.value, `${piece.metricId} records of the unit`);
    }
    // The unit's own tally: the 常务会议 it attended; no 收文 given to it in either year (a true 0, and level); no 文稿 of its own.
    assert.deepEqual(statedNumbers(unitDraft), {
      'incoming.received|值': ['0件', 0],
      'incoming.received|同比': ['，与上年同期持平', 0],
      'incoming.returnedNonCompliant|值': ['0件', 0],
      'docs.circulatedOnline|值': ['0件', 0],
      'meetings.held|值': ['1次', 1],
      'drafts.written|值': ['0篇', 0],
    });
    // Nothing to average for the unit: gaps, not 0.
    assert.ok(numbersOf(unitDraft, 'incoming.closedRate').length === 0 && allPieces(unitDraft).some((piece) => piece.type === 'gap' && piece.metricId === 'incoming.closedRate'));
    assert.deepEqual(looseDigits(allPieces(unitDraft)), []);
  });
});
