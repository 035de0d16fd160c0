/**
 * The 年度工作总结 drafted from the records: an office-year with known counts (收文 5 this year, 3 the
 * year before; 文稿 2 this year, none before) gives a draft that states exactly those counts, each
 * linked to a drill-down of that length; 同比 only where last year holds data; 【待补充】 where a metric
 * has none; no digit that is not a metric or a date. Edits keep the numbers linked and refreshing,
 * versions are kept whole, a stale save is a 409, and the .docx carries the same text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { unzip } from '../../../test/office-files.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let clerk: Session;
let director: Session;
let leader: Session;
let liaison: Session;
let unitA = '';

const registerIncoming = async (title: string, receivedOn: string) => {
  const response = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: { fromOrg: '省人民政府办公厅', docType: '通知', title, receivedOn } });
  assert.equal(response.statusCode, 200, response.body);
};

const at = async (instant: string, work: () => Promise<void>) => {
  t.clock.set(new Date(instant));
  // Sessions end when the clock jumps: sign in again at the new time.
  clerk = await actingAs(t.app, t.database.db, ['clerk'], { unitId: unitA });
  await work();
};

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2025-04-01T09:00:00+08:00'));
  const db = t.database.db;
  const root = await buildUnit(db, { name: '示例县人民政府办公室', type: 'office' });
  unitA = (await buildUnit(db, { name: '秘书股', parentId: root.id, type: 'section' })).id;
  await at('2025-04-01T09:00:00+08:00', async () => {
    for (const n of ['甲', '乙', '丙']) await registerIncoming(`去年来文${n}`, '2025-04-01');
  });
  await at('2026-03-02T09:00:00+08:00', async () => {
    for (const n of ['甲', '乙', '丙', '丁', '戊']) await registerIncoming(`今年来文${n}`, '2026-03-02');
    // Two 文稿 written to 定稿 (drafts.written counts 定稿).
    const reviewer = await actingAs(t.app, t.database.db, ['director'], { unitId: unitA });
    for (const n of ['一', '二']) {
      const response = await clerk.request('POST', '/api/cases', { kind: 'draft', fields: { title: `文稿${n}`, draftType: '讲话稿' } });
      assert.equal(response.statusCode, 200, response.body);
      const id = response.json().id;
      for (const [who, action, body] of [[clerk, 'add_version', { text: '字'.repeat(3000) }], [clerk, 'submit', {}], [reviewer, 'approve', {}]] as const) {
        const { version } = (await who.request('GET', `/api/cases/${id}`)).json();
        const done = await who.request('POST', `/api/cases/${id}/actions/${action}`, { version, ...body });
        assert.equal(done.statusCode, 200, `${action}: ${done.body}`);
      }
    }
  });
  t.clock.set(new Date('2026-12-20T10:00:00+08:00'));
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: unitA });
  director = await actingAs(t.app, db, ['director'], { unitId: root.id });
  leader = await actingAs(t.app, db, ['leader'], { unitId: root.id });
  liaison = await actingAs(t.app, db, ['liaison'], { unitId: unitA });
});
after(() => t.close());

type Piece = { type: 'text' | 'number' | 'gap'; text: string; metricId?: string; kind?: string; value?: number };
type Summary = { id: string; version: number; title: string; sections: Array<{ heading: string; paragraphs: Array<{ source: string; pieces: Piece[] }> }>; gapCount: number; numberCount: number };

const pieces = (summary: Summary): Piece[] => summary.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.pieces));
const numberOf = (summary: Summary, metricId: string, kind = '值') => pieces(summary).find((piece) => piece.type === 'number' && piece.metricId === metricId && piece.kind === kind);
const textOf = (summary: Summary) => pieces(summary).map((piece) => piece.text).join('');

const draft = async (body: Record<string, unknown> = {}) => {
  const response = await director.request('POST', '/api/summaries', { templateKey: 'year-县', from: '2026-01-01', to: '2026-12-31', ...body });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as Summary;
};

describe('年度工作总结', () => {
  test('states the counts of the records, each opening a list of that length; 同比 only with last year’s data; gaps instead of invented numbers', async () => {
    const summary = await draft();
    assert.equal(summary.title, '示例县人民政府办公室2026年工作总结');
    assert.equal(numberOf(summary, 'incoming.received')?.text, '5件');
    assert.equal(numberOf(summary, 'drafts.written')?.text, '2篇');
    const drill = (await director.request('GET', '/api/metrics/incoming.received/records?from=2026-01-01&to=2026-12-31')).json();
    assert.equal(drill.total, 5);
    // 收文 held data last year: its 同比 is stated; 文稿 did not: none is invented.
    assert.equal(numberOf(summary, 'incoming.received', '同比')?.text, '，同比增长66.7%');
    assert.equal(numberOf(summary, 'drafts.written', '同比'), undefined);
    assert.match(textOf(summary), /起草各类文稿2篇，做到急事急办/);
    // Not connected (no module) and entered-but-not-entered metrics: visible gaps, never 0.
    assert.match(textOf(summary), /【待补充：公务车辆安全行驶里程（未接入）】/);
    assert.match(textOf(summary), /【待补充：政务信息工作考核得分】/);
    assert.ok(summary.gapCount > 5);
    // No number that is not a metric or a date: every digit in the text pieces belongs to a year.
    const loose = pieces(summary).filter((piece) => piece.type === 'text').map((piece) => piece.text.replace(/\d{4}年/g, '')).join('');
    assert.doesNotMatch(loose, /\d/);
    // The sections of the seeds' skeleton, and the plan for next year.
    assert.deepEqual(
      summary.sections.map((section) => section.heading),
      ['', '服务大局，参谋助手作用有效发挥', '规范运转，办文办会质效持续提升', '狠抓督查，决策部署落地见效', '心系群众，为民服务渠道更加畅通', '强化保障，服务效能不断提升', '存在的问题和不足', '2027年工作打算'],
    );
  });

  test('an edit keeps the numbers linked: they refresh when the records change; versions whole; a stale save is 409', async () => {
    const summary = await draft();
    const sections = structuredClone(summary.sections).map((section) => ({ heading: section.heading, paragraphs: section.paragraphs.map((paragraph) => paragraph.source) }));
    sections[0]!.paragraphs[0] = '这一年，全办办理收文{{incoming.received}}{{incoming.received|同比}}，工作有序推进。';
    const saved = await clerk.request('PUT', `/api/summaries/${summary.id}`, { version: summary.version, title: summary.title, sections });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, 2);
    assert.equal(saved.json().sections[0].paragraphs[0].pieces.map((piece: Piece) => piece.text).join(''), '这一年，全办办理收文5件，同比增长66.7%，工作有序推进。');
    const stale = await director.request('PUT', `/api/summaries/${summary.id}`, { version: summary.version, title: '改标题', sections });
    assert.equal(stale.statusCode, 409);

    await registerIncoming('年底来文', '2026-12-18');
    const reread = (await leader.request('GET', `/api/summaries/${summary.id}`)).json() as Summary;
    assert.equal(reread.sections[0]!.paragraphs[0]!.pieces.map((piece) => piece.text).join(''), '这一年，全办办理收文6件，同比增长100%，工作有序推进。');

    const versions = (await leader.request('GET', `/api/summaries/${summary.id}/versions`)).json();
    assert.deepEqual(versions.map((version: { version: number }) => version.version), [2, 1]);
    assert.match(versions[1].sections[0].paragraphs[0], /^2026年，示例县人民政府办公室在县委、县政府的坚强领导下/);

    const docx = await leader.request('GET', `/api/summaries/${summary.id}/document.docx`);
    assert.equal(docx.statusCode, 200);
    const xml = unzip(docx.rawPayload).get('word/document.xml')!;
    for (const text of ['示例县人民政府办公室2026年工作总结', '全办办理收文6件，同比增长100%', '一、', '【待补充：公务车辆安全行驶里程（未接入）】']) assert.ok(xml.includes(text), text);
    assert.ok(xml.includes('w:eastAsia="黑体"'), 'section headings in 黑体');
  });

  test('a half-year summary and a monthly 简报 from their templates; a unit’s summary counts the unit only', async () => {
    const half = await draft({ templateKey: 'half', from: '2026-01-01', to: '2026-06-30' });
    assert.equal(half.title, '示例县人民政府办公室2026年上半年工作总结');
    assert.equal(numberOf(half, 'incoming.received')?.text, '5件');
    const month = await draft({ templateKey: 'month', from: '2026-03-01', to: '2026-03-31' });
    assert.equal(month.title, '示例县人民政府办公室工作简报（2026年3月）');
    assert.match(textOf(month), /^2026年3月，示例县人民政府办公室办理收文5件/);
    const unit = await draft({ unitId: unitA });
    assert.match(unit.title, /^秘书股2026年工作总结$/);
  });

  test('who may: a 联络员 nothing, a leader reads but does not write; bad input changes nothing', async () => {
    assert.equal((await liaison.request('GET', '/api/summaries')).statusCode, 403);
    assert.equal((await leader.request('POST', '/api/summaries', { templateKey: 'year-市', from: '2026-01-01', to: '2026-12-31' })).statusCode, 403);
    const before = (await director.request('GET', '/api/summaries')).json().length;
    assert.equal((await director.request('POST', '/api/summaries', { templateKey: 'year-市', from: '2026-12-31', to: '2026-01-01' })).statusCode, 400);
    assert.equal((await director.request('POST', '/api/summaries', { templateKey: 'nothing', from: '2026-01-01', to: '2026-12-31' })).statusCode, 404);
    assert.equal((await director.request('GET', '/api/summaries')).json().length, before);
  });

  test('the director copies a template and edits it; drafts made from it follow the edit', async () => {
    const templates = (await director.request('GET', '/api/summaries/templates')).json();
    assert.deepEqual(templates.filter((template: { isBuiltIn: boolean }) => template.isBuiltIn).map((template: { key: string }) => template.key), ['year-市', 'year-县', 'year-区', 'year-开发区', 'half', 'month']);
    const base = templates.find((template: { key: string }) => template.key === 'year-开发区');
    const created = await director.request('POST', '/api/summaries/templates', {
      name: '高新区管委会办公室年度总结',
      level: '开发区',
      periodKind: 'year',
      basedOn: base.key,
      title: base.title,
      sections: [{ heading: '', paragraphs: ['{年度}，{机关}办理收文{{incoming.received}}。'] }],
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await clerk.request('POST', '/api/summaries/templates', { ...(created.json() as object), basedOn: 'x' })).statusCode, 403);
    const summary = await draft({ templateKey: created.json().key });
    assert.equal(textOf(summary), '2026年，示例县人民政府办公室办理收文6件。');
  });

  test('a number in the title or a heading is linked like one in a sentence: resolved on the page, in the list and in the .docx', async () => {
    const summary = await draft();
    const sections = summary.sections.map((section) => ({ heading: section.heading, paragraphs: section.paragraphs.map((paragraph) => paragraph.source) }));
    sections[2]!.heading = '规范运转，全年办理收文{{incoming.received}}';
    const title = '示例县人民政府办公室2026年工作总结（收文{{incoming.received|数}}件）';
    const saved = await clerk.request('PUT', `/api/summaries/${summary.id}`, { version: summary.version, title, sections });
    assert.equal(saved.statusCode, 200, saved.body);
    const view = saved.json() as Summary & { titlePieces: Piece[]; sections: Array<{ headingPieces: Piece[] }> };
    assert.equal(view.title, title, 'the stored title keeps its token');
    assert.equal(view.titlePieces.map((piece) => piece.text).join(''), '示例县人民政府办公室2026年工作总结（收文6件）');
    assert.deepEqual(view.titlePieces.filter((piece) => piece.type === 'number').map((piece) => [piece.metricId, piece.value]), [['incoming.received', 6]]);
    assert.equal(view.sections[2]!.headingPieces.map((piece) => piece.text).join(''), '规范运转，全年办理收文6件');
    assert.equal(view.numberCount, summary.numberCount + 2, 'the title’s and the heading’s numbers are counted');

    await registerIncoming('标题里的数字也会变', '2026-12-19');
    const reread = (await leader.request('GET', `/api/summaries/${summary.id}`)).json() as typeof view;
    assert.equal(reread.titlePieces.map((piece) => piece.text).join(''), '示例县人民政府办公室2026年工作总结（收文7件）');
    const listed = (await leader.request('GET', '/api/summaries')).json() as Array<{ id: string; title: string }>;
    assert.equal(listed.find((item) => item.id === summary.id)?.title, '示例县人民政府办公室2026年工作总结（收文7件）');
    const xml = unzip((await leader.request('GET', `/api/summaries/${summary.id}/document.docx`)).rawPayload).get('word/document.xml')!;
    for (const text of ['工作总结（收文7件）', '规范运转，全年办理收文7件']) assert.ok(xml.includes(text), text);
    assert.ok(!xml.includes('{{'), 'no token reaches the Word file');
  });
});
