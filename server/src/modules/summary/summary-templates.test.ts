/**
 * The director's templates: listed with the one each kind of period uses (the built-in for the office's
 * level until the director chooses), copied, previewed for a chosen year with the numbers as the records
 * give them (nothing saved), made the default, retired. The editor's look-up of a token's value; and what a
 * save refuses — a token naming no metric, a form the grammar does not know, a placeholder that is not one —
 * with a 400 naming where, and nothing changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let clerk: Session;
let director: Session;
let leader: Session;

type Template = { key: string; name: string; periodKind: string; level: string | null; title: string; sections: Array<{ heading: string; paragraphs: string[] }>; isBuiltIn: boolean; isDefault: boolean; version: number | null };

const templates = async (): Promise<Template[]> => {
  const response = await director.request('GET', '/api/summaries/templates');
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};
const defaults = async () => Object.fromEntries((await templates()).filter((template) => template.isDefault).map((template) => [template.periodKind, template.key]));

const copyOf = async (key: string, over: Partial<Template> = {}): Promise<Template> => {
  const base = (await templates()).find((template) => template.key === key)!;
  const response = await director.request('POST', '/api/summaries/templates', { name: `本办${base.name}`, level: base.level, periodKind: base.periodKind, basedOn: base.key, title: base.title, sections: base.sections, ...over });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
};

before(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const root = await buildUnit(db, { name: '示例区人民政府办公室', type: 'office' });
  const section = await buildUnit(db, { name: '秘书科', parentId: root.id, type: 'section' });
  t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: section.id });
  for (const title of ['来文甲', '来文乙', '来文丙']) {
    const response = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: { fromOrg: '市人民政府办公室', docType: '通知', title, receivedOn: '2026-03-02' } });
    assert.equal(response.statusCode, 200, response.body);
  }
  t.clock.set(new Date('2026-12-20T10:00:00+08:00'));
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: section.id });
  director = await actingAs(t.app, db, ['director'], { unitId: root.id });
  leader = await actingAs(t.app, db, ['leader'], { unitId: root.id });
});
after(() => t.close());

describe('总结模板', () => {
  test('each kind of period has one default: the built-in for the office’s level until the director chooses another', async () => {
    assert.deepEqual(await defaults(), { year: 'year-区', half: 'half', month: 'month' });
    const own = await copyOf('year-区', { name: '示例区政府办年度总结' });
    assert.equal(own.isDefault, false);
    const set = await director.request('PUT', '/api/summaries/template-defaults', { periodKind: 'year', templateKey: own.key });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json().filter((template: Template) => template.isDefault).map((template: Template) => template.key), ['half', 'month', own.key]);
    // The wrong kind of period, a template that is not there, someone who may not: refused, nothing changes.
    assert.equal((await director.request('PUT', '/api/summaries/template-defaults', { periodKind: 'half', templateKey: own.key })).statusCode, 400);
    assert.equal((await director.request('PUT', '/api/summaries/template-defaults', { periodKind: 'year', templateKey: 'year-省' })).statusCode, 404);
    assert.equal((await clerk.request('PUT', '/api/summaries/template-defaults', { periodKind: 'year', templateKey: 'year-市' })).statusCode, 403);
    assert.deepEqual(await defaults(), { year: own.key, half: 'half', month: 'month' });

    // Retiring the default: it leaves the list, the built-in is the default again, drafts can no longer use it.
    const stale = await director.request('POST', `/api/summaries/templates/${own.key}/retire`, { version: own.version! + 5 });
    assert.equal(stale.statusCode, 409);
    assert.equal((await clerk.request('POST', `/api/summaries/templates/${own.key}/retire`, { version: own.version })).statusCode, 403);
    const retired = await director.request('POST', `/api/summaries/templates/${own.key}/retire`, { version: own.version });
    assert.equal(retired.statusCode, 204, retired.body);
    assert.equal((await templates()).some((template) => template.key === own.key), false);
    assert.deepEqual(await defaults(), { year: 'year-区', half: 'half', month: 'month' });
    assert.equal((await director.request('POST', '/api/summaries', { templateKey: own.key, from: '2026-01-01', to: '2026-12-31' })).statusCode, 404);
    assert.equal((await director.request('PUT', '/api/summaries/template-defaults', { periodKind: 'year', templateKey: own.key })).statusCode, 404);
  });

  test('a preview of unsaved text for a chosen year: placeholders filled, numbers from the records, chips’ values; nothing saved', async () => {
    const before = (await templates()).length;
    const response = await leader.request('POST', '/api/summaries/template-preview', {
      title: '{机关}{年度}工作总结',
      level: '区',
      periodKind: 'year',
      from: '2026-01-01',
      to: '2026-12-31',
      sections: [{ heading: '{下年}打算', paragraphs: ['{年度}，{机关}在{上级}领导下办理收文{{incoming.received}}{{incoming.received|同比}}；{信箱}来信{{mailbox.letters}}；车辆行驶{{vehicles.km}}。'] }],
    });
    assert.equal(response.statusCode, 200, response.body);
    const preview = response.json();
    assert.equal(preview.title, '示例区人民政府办公室2026年工作总结');
    assert.equal(preview.sections[0].heading, '2027年打算');
    const text = preview.sections[0].paragraphs[0].pieces.map((piece: { text: string }) => piece.text).join('');
    assert.match(text, /^2026年，示例区人民政府办公室在区委、区政府领导下办理收文3件；区长信箱来信/);
    assert.match(text, /车辆行驶【待补充：公务车辆安全行驶里程（未接入）】。$/);
    // No 收文 in 2025: its 同比 says nothing (empty), never an invented figure.
    assert.deepEqual(preview.values['incoming.received|值'], { metricId: 'incoming.received', kind: '值', label: '收文件数', type: 'number', text: '3件' });
    assert.equal(preview.values['incoming.received|同比'].type, 'empty');
    assert.equal(preview.values['vehicles.km|值'].type, 'gap');
    // A different year: other numbers.
    const earlier = (await leader.request('POST', '/api/summaries/template-preview', { title: '{年度}', level: null, periodKind: 'year', from: '2025-01-01', to: '2025-12-31', sections: [{ heading: '', paragraphs: ['{{incoming.received}}'] }] })).json();
    assert.equal(earlier.title, '2025年');
    // Before the office's first 收文 in Fuban the module was not in use: a visible gap, not "0件".
    assert.equal(earlier.values['incoming.received|值'].text, '【待补充：收文件数】');
    assert.equal((await templates()).length, before);
  });

  test('the editor asks what a token just inserted reads as for the draft’s period', async () => {
    const response = await clerk.request('POST', '/api/summaries/token-values', { from: '2026-01-01', to: '2026-12-31', tokens: ['{{incoming.received|数}}', '{{no.such}}', '不是数字'] });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(Object.keys(response.json()).sort(), ['incoming.received|数', 'no.such|值']);
    assert.equal(response.json()['incoming.received|数'].text, '3');
    assert.equal(response.json()['no.such|值'].type, 'unknown');
    assert.equal((await clerk.request('POST', '/api/summaries/token-values', { from: '2026-12-31', to: '2026-01-01', tokens: ['{{incoming.received}}'] })).statusCode, 400);
  });

  test('each save of an office template keeps its whole text: the versions read back newest first, and an old one saved again is a new version', async () => {
    const own = await copyOf('month', { name: '本办月度简报（版本）' });
    const firstSections = own.sections;
    const edited = [{ heading: '本月要情', paragraphs: ['{期间}，共收文{incoming.received}。'] }];
    const put = await director.request('PUT', `/api/summaries/templates/${own.key}`, { ...own, title: '{机关}工作简报（改）', sections: edited, version: own.version });
    assert.equal(put.statusCode, 200, put.body);
    const versions = async () => {
      const response = await leader.request('GET', `/api/summaries/templates/${own.key}/versions`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as Promise<Array<{ version: number; comment: string | null; template: { title: string; sections: unknown; name: string } }>>;
    };
    const listed = await versions();
    assert.deepEqual(listed.map((version) => version.version), [2, 1]);
    assert.deepEqual(listed[0]!.template.sections, edited);
    assert.equal(listed[0]!.template.title, '{机关}工作简报（改）');
    assert.deepEqual(listed[1]!.template.sections, firstSections);
    assert.equal(listed[1]!.template.title, own.title);
    // Restoring is saving the old text as the next version: nothing in the history is rewritten.
    const restored = await director.request('PUT', `/api/summaries/templates/${own.key}`, { ...listed[1]!.template, version: 2 });
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal(restored.json().title, own.title);
    assert.deepEqual((await versions()).map((version) => [version.version, version.template.title]), [[3, own.title], [2, '{机关}工作简报（改）'], [1, own.title]]);
    // A built-in template (its key is not an id) has no versions; an unknown id is not found.
    assert.equal((await director.request('GET', '/api/summaries/templates/month/versions')).statusCode, 400);
    assert.equal((await director.request('GET', '/api/summaries/templates/00000000-0000-0000-0000-000000000000/versions')).statusCode, 404);
  });

  test('a save with a token naming no metric, a form the grammar does not know or an unknown placeholder is a 400 naming where; nothing changes', async () => {
    const own = await copyOf('month');
    const edit = (paragraph: string, title = own.title) => director.request('PUT', `/api/summaries/templates/${own.key}`, { ...own, title, sections: [{ heading: '本月', paragraphs: ['{期间}概况。', paragraph] }] });
    const unknown = await edit('办理{{incoming.recieved}}。');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().message, /^第1部分第2段：“\{\{incoming\.recieved\}\}”中的指标“incoming\.recieved”不存在/);
    assert.equal(unknown.json().details.problems.length, 1);
    const badKind = await edit('办理{{incoming.received|环比}}，{单位}。');
    assert.equal(badKind.statusCode, 400);
    assert.deepEqual(badKind.json().details.problems.map((problem: { raw: string }) => problem.raw), ['{{incoming.received|环比}}', '{单位}']);
    assert.match(badKind.json().message, /等 2 处/);
    const badTitle = await edit('办理{{incoming.received}}。', '{{incoming received}}简报');
    assert.equal(badTitle.statusCode, 400);
    assert.match(badTitle.json().message, /^标题：/);
    assert.deepEqual((await templates()).find((template) => template.key === own.key)?.sections, own.sections);
    // A new template is checked the same way.
    assert.equal((await director.request('POST', '/api/summaries/templates', { ...own, name: '坏模板', sections: [{ heading: '', paragraphs: ['{{x.y}}'] }] })).statusCode, 400);
    // A good edit saves: the same words with a metric that exists and a placeholder that is one.
    const good = await edit('{机关}办理收文{{incoming.received}}。');
    assert.equal(good.statusCode, 200, good.body);
    assert.equal(good.json().version, own.version! + 1);

    // A draft: placeholders were filled when it was made, so braces are its own words; tokens are checked.
    const made = await director.request('POST', '/api/summaries', { templateKey: own.key, from: '2026-03-01', to: '2026-03-31' });
    assert.equal(made.statusCode, 201, made.body);
    const draft = made.json();
    assert.equal(draft.values['incoming.received|值'].text, '3件');
    const save = (paragraph: string) => director.request('PUT', `/api/summaries/${draft.id}`, { version: draft.version, title: draft.title, sections: [{ heading: '本月', paragraphs: [paragraph] }] });
    const refused = await save('收文{{incoming.received|怪}}件');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /^第1部分第1段：.*“怪”不是可用的形式/);
    assert.equal((await director.request('GET', `/api/summaries/${draft.id}`)).json().version, draft.version);
    const saved = await save('{按月}收文{{incoming.received}}。');
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().sections[0].paragraphs[0].pieces.map((piece: { text: string }) => piece.text).join(''), '{按月}收文3件。');
  });
});
