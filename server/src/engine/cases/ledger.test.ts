import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { CaseQuery } from '../../../../common/schemas/cases.js';
import { actingAs, actorOf, buildUnit } from '../../../test/factories.js';
import { countCases } from './ledger.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

const fieldsFor = (leaderId: string, sourceTitle: string) => ({
  leaderId,
  leaderName: '李红梅',
  instructedOn: '2026-11-01',
  instruction: '请抓紧研究办理。',
  sourceTitle,
});

describe('the ledger API', () => {
  test('lists kinds with what this user may do', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const kinds = (await clerk.request('GET', '/api/kinds')).json();
    const instruction = kinds.find((k: { id: string }) => k.id === 'instruction');
    assert.equal(instruction.label, '领导批示件');
    assert.equal(instruction.canCreate, true);
    const liaison = await actingAs(t.app, t.database.db, ['liaison']);
    assert.equal((await liaison.request('GET', '/api/kinds')).json().find((k: { id: string }) => k.id === 'instruction').canCreate, false);
  });

  test('filters by keyword, unit, state and due colour; pages by cursor without gaps or repeats; exports the same rows', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const leader = await actingAs(t.app, t.database.db, ['leader']);
    const unit = await buildUnit(t.database.db);
    const marker = `标记${Math.random().toString(16).slice(2, 8)}`;
    const ids: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      t.clock.advance(60_000);
      const created = (await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: fieldsFor(leader.user.id, `${marker} 第${index}件`) })).json();
      ids.push(created.id);
    }
    // Two of them go to the unit, one due in 2 working days (yellow), one in 10 (green).
    await clerk.request('POST', `/api/cases/${ids[0]}/actions/assign`, { version: 1, units: [{ unitId: unit.id, role: 'lead', dueDays: 2 }] });
    await clerk.request('POST', `/api/cases/${ids[1]}/actions/assign`, { version: 1, units: [{ unitId: unit.id, role: 'lead' }] });

    const list = async (query: string) => (await clerk.request('GET', `/api/cases?${query}`)).json();
    const byMarker = await list(`kind=instruction&q=${encodeURIComponent(marker)}&limit=50`);
    assert.equal(byMarker.items.length, 7);
    assert.deepEqual(byMarker.items.map((i: { id: string }) => i.id), [...ids].reverse()); // newest first

    const byUnit = await list(`unit=${unit.id}`);
    assert.deepEqual(byUnit.items.map((i: { id: string }) => i.id).sort(), [ids[0], ids[1]].sort());
    assert.deepEqual(byUnit.items.map((i: { leadUnits: string[] }) => i.leadUnits[0]), [unit.name, unit.name]);
    assert.deepEqual((await list(`unit=${unit.id}&due=yellow`)).items.map((i: { id: string }) => i.id), [ids[0]]);
    assert.deepEqual((await list(`unit=${unit.id}&due=green`)).items.map((i: { id: string }) => i.id), [ids[1]]);
    assert.equal((await list(`q=${encodeURIComponent(marker)}&state=registered&limit=50`)).items.length, 5);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`q=${encodeURIComponent(marker)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
    assert.deepEqual(pages.flat(), [...ids].reverse());

    const dueFirst = await list(`q=${encodeURIComponent(marker)}&sort=due_asc&limit=2`);
    assert.deepEqual(dueFirst.items.map((i: { id: string }) => i.id), [ids[0], ids[1]]);
    const rest = await list(`q=${encodeURIComponent(marker)}&sort=due_asc&limit=10&cursor=${dueFirst.nextCursor}`);
    assert.equal(rest.items.length, 5);
    assert.ok(rest.items.every((i: { dueDate: string | null }) => i.dueDate === null));

    const exported = await clerk.request('GET', `/api/cases/export.xlsx?q=${encodeURIComponent(marker)}`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-disposition']), /attachment/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1, 5), ['序号', '编号', '类型', '标题']);
    assert.equal(sheet.rowCount, 8);
    assert.equal(sheet.getRow(2).getCell(4).value, `${leader.user.displayName}批示：${marker} 第6件`); // the leader's name comes from the account
  });

  test('a page by number with the total; each kind its register columns on the page and in a named Excel', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const unit = await buildUnit(t.database.db);
    const marker = `页码${Math.random().toString(16).slice(2, 8)}`;
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      t.clock.advance(60_000);
      const fields = { fromOrg: '省人民政府办公厅', docNumber: `省政办发〔2026〕${index}号`, docType: '通知', title: `${marker} 第${index}件`, urgency: '平急', copies: 1, receivedOn: '2026-11-02' };
      ids.push((await clerk.request('POST', '/api/cases', { kind: 'incoming', fields })).json().id);
    }
    const list = async (query: string) => (await clerk.request('GET', `/api/cases?kind=incoming&q=${encodeURIComponent(marker)}&${query}`)).json();
    const third = await list('limit=2&page=3');
    assert.deepEqual(third.items.map((i: { id: string }) => i.id), [ids[0]]);
    assert.deepEqual(third.total, { count: 5, isEstimate: false });
    assert.deepEqual((await list('limit=2&page=2')).items.map((i: { id: string }) => i.id), [ids[2], ids[1]]);

    // 收文 shows 来文机关, 来文字号 and 承办单位, not the always-empty generic 主办单位 column.
    const titles = third.columns.map((c: { title: string }) => c.title);
    assert.ok(['来文机关', '来文字号', '承办单位', '标题'].every((title) => titles.includes(title)), titles.join());
    assert.ok(!titles.includes('份数')); // Excel only
    assert.equal(third.items[0].cells.docNumber, '省政办发〔2026〕0号');
    const detail = (await clerk.request('GET', `/api/cases/${ids[0]}`)).json();
    assert.equal(detail.kind, 'incoming');
    const instruction = (await clerk.request('GET', '/api/cases?kind=instruction&limit=1')).json();
    assert.equal(instruction.columns, null); // no register declared: the generic columns

    assert.equal((await clerk.request('GET', '/api/cases?kind=incoming&limit=200&page=52')).statusCode, 400); // past the offset bound
    const exported = await clerk.request('GET', `/api/cases/export.xlsx?kind=incoming&q=${encodeURIComponent(marker)}&page=3`);
    assert.match(String(exported.headers['content-disposition']), new RegExp(`filename\\*=UTF-8''${encodeURIComponent('收文登记簿-2026-11-02.xlsx')}`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const header = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    assert.ok(header.includes('承办单位') && header.includes('份数'));
    assert.equal(workbook.worksheets[0]!.rowCount, 6); // every matching row, not the jumped-to page
    void unit;

    // Above the cap the planner's estimate stands in, marked as such (the page says 约).
    const estimate = await countCases({ db: t.database.db, actor: actorOf(clerk.user, ['clerk']), query: CaseQuery.parse({ kind: 'incoming' }), now: t.clock.now(), exactUpTo: 2 });
    assert.equal(estimate.isEstimate, true);
    assert.ok(estimate.count >= 3);
  });

  test('a bad cursor or unknown kind is a clear error', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    assert.equal((await clerk.request('GET', '/api/cases?cursor=not-a-cursor')).statusCode, 400);
    assert.equal((await clerk.request('GET', '/api/cases?kind=nonsense')).statusCode, 404);
  });
});

describe('attachments', () => {
  const upload = (cookie: string, name: string, content: Buffer) => {
    const boundary = '----fuban' + Math.random().toString(16).slice(2);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  };

  test('stored by SM3 digest, refused by type, served only as a download through a visible case', async () => {
    const db = t.database.db;
    const unit = await buildUnit(db);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    const stranger = await actingAs(t.app, db, ['liaison']);

    const refused = await upload(liaison.cookie, 'evil.html', Buffer.from('<script>alert(1)</script>'));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /不支持的附件类型/);
    const pathy = await upload(liaison.cookie, '../../etc/passwd.txt', Buffer.from('x'));
    assert.equal(pathy.json().name, 'passwd.txt');

    const content = Buffer.from('关于城东片区改造的办理情况报告');
    const stored = (await upload(liaison.cookie, '办理情况.docx', content)).json();
    assert.match(stored.digest, /^[0-9a-f]{64}$/);

    const created = (await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: fieldsFor(leader.user.id, '附件测试') })).json();
    await clerk.request('POST', `/api/cases/${created.id}/actions/assign`, { version: 1, units: [{ unitId: unit.id, role: 'lead' }] });
    await liaison.request('POST', `/api/cases/${created.id}/actions/sign`, { version: 2 });
    const replied = await liaison.request('POST', `/api/cases/${created.id}/actions/reply`, {
      version: 3,
      reply: '见附件',
      attachments: [{ digest: stored.digest, name: '办理情况.docx' }],
    });
    assert.equal(replied.statusCode, 200, replied.body);
    const detail = (await clerk.request('GET', `/api/cases/${created.id}`)).json();
    const replyEvent = detail.events.find((e: { action: string }) => e.action === 'reply');
    assert.equal(replyEvent.data.attachments[0].digest, stored.digest);

    const url = `/api/cases/${created.id}/attachments/${stored.digest}`;
    const download = await clerk.request('GET', url);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/octet-stream');
    assert.match(String(download.headers['content-disposition']), /^attachment;/);
    assert.equal(download.rawPayload.toString(), content.toString());
    assert.equal((await stranger.request('GET', url)).statusCode, 404);

    const missing = await liaison.request('POST', `/api/cases/${created.id}/actions/reply`, { version: 4, reply: 'x', attachments: [{ digest: 'f'.repeat(64), name: 'x.pdf' }] });
    assert.notEqual(missing.statusCode, 200);
  });

  test('a 收文’s own scan goes to whoever sees the case, including the unit it was given to', async () => {
    const db = t.database.db;
    const unit = await buildUnit(db);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    const stranger = await actingAs(t.app, db, ['liaison']);
    const scan = (await upload(clerk.cookie, '省政办发.pdf', Buffer.from('%PDF-1.4 scan'))).json();
    const created = (await clerk.request('POST', '/api/cases', {
      kind: 'incoming',
      fields: { fromOrg: '省人民政府办公厅', docType: '通知', title: '扫描件下载测试', receivedOn: '2026-11-02', scan: { digest: scan.digest, name: '省政办发.pdf' } },
    })).json();
    const url = `/api/cases/${created.id}/attachments/${scan.digest}`;
    assert.equal((await clerk.request('GET', url)).statusCode, 200);
    assert.equal((await liaison.request('GET', url)).statusCode, 404); // not given to the unit yet
    for (const action of ['accept', 'propose', 'assign']) {
      const detail = (await clerk.request('GET', `/api/cases/${created.id}`)).json();
      const body = action === 'propose' ? { comment: '拟交办' } : action === 'assign' ? { units: [{ unitId: unit.id, role: 'lead' }] } : {};
      assert.equal((await clerk.request('POST', `/api/cases/${created.id}/actions/${action}`, { version: detail.version, ...body })).statusCode, 200);
    }
    const download = await liaison.request('GET', url);
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /filename\*=UTF-8''/);
    assert.equal((await stranger.request('GET', url)).statusCode, 404);
  });
});

describe('links between cases', () => {
  test('office staff link two cases; both trails record it; a 联络员 may not', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const leader = await actingAs(t.app, t.database.db, ['leader']);
    const parent = (await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: fieldsFor(leader.user.id, '母件') })).json();
    const child = (await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: fieldsFor(leader.user.id, '子件') })).json();
    const linked = await clerk.request('POST', `/api/cases/${child.id}/links`, { toCaseId: parent.id, type: 'child_of' });
    assert.equal(linked.statusCode, 204, linked.body);
    assert.equal((await clerk.request('POST', `/api/cases/${child.id}/links`, { toCaseId: parent.id, type: 'child_of' })).statusCode, 409);
    const childDetail = (await clerk.request('GET', `/api/cases/${child.id}`)).json();
    assert.deepEqual(childDetail.links.map((l: { caseId: string; type: string }) => [l.caseId, l.type]), [[parent.id, 'child_of']]);
    assert.equal(childDetail.events.at(-1).action, 'link');
    const parentDetail = (await clerk.request('GET', `/api/cases/${parent.id}`)).json();
    assert.equal(parentDetail.links[0].caseId, child.id);
    assert.match(parentDetail.events.at(-1).comment, /被关联/);
    const liaison = await actingAs(t.app, t.database.db, ['liaison']);
    assert.equal((await liaison.request('POST', `/api/cases/${child.id}/links`, { toCaseId: parent.id, type: 'related' })).statusCode, 404);
  });
});

describe('search', () => {
  test('a word finds it (督办 in 督办通知), and so does a fragment of a number', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const leader = await actingAs(t.app, t.database.db, ['leader']);
    const created = (await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: { ...fieldsFor(leader.user.id, '关于开展安全生产专项督办通知的报告'), sourceRef: '示应急〔2026〕37号' } })).json();
    const other = (await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: fieldsFor(leader.user.id, '关于督查工作的安排') })).json();
    const find = async (q: string) => (await clerk.request('GET', `/api/cases?q=${encodeURIComponent(q)}&limit=200`)).json().items.map((i: { id: string }) => i.id);
    assert.ok((await find('督办')).includes(created.id));
    assert.ok(!(await find('督办')).includes(other.id));
    assert.ok((await find('专项督办')).includes(created.id));
    assert.ok((await find('〔2026〕37号')).includes(created.id));
    assert.ok((await find("督办' & ! ()")).includes(created.id)); // operators in a query are words, not syntax
  });
});

describe('传阅', () => {
  test('sent with a purpose to a leader and a unit; who has not read shows; 阅知 with a comment goes into the trail', async () => {
    const db = t.database.db;
    const unit = await buildUnit(db);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const reader = await actingAs(t.app, db, ['leader']);
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    const outsider = await actingAs(t.app, db, ['liaison']);
    const created = (await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: fieldsFor(leader.user.id, '传阅测试') })).json();
    assert.equal((await liaison.request('GET', `/api/cases/${created.id}`)).statusCode, 404);

    const sent = await clerk.request('POST', `/api/cases/${created.id}/circulations`, {
      recipients: [{ userId: reader.user.id }, { unitId: unit.id }],
      purpose: '请阅知',
    });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal((await liaison.request('GET', '/api/inbox/counts')).json().toread, 1);
    const seen = (await liaison.request('GET', `/api/cases/${created.id}`)).json();
    assert.equal(seen.circulations.length, 1);
    assert.equal(seen.circulations[0].isMine, true);
    assert.equal((await outsider.request('GET', `/api/cases/${created.id}`)).statusCode, 404);

    const read = await liaison.request('POST', `/api/cases/${created.id}/circulations/${seen.circulations[0].id}/read`, { comment: '已阅，将抓好落实' });
    assert.equal(read.statusCode, 204, read.body);
    assert.equal((await liaison.request('POST', `/api/cases/${created.id}/circulations/${seen.circulations[0].id}/read`, {})).statusCode, 409);
    assert.equal((await liaison.request('GET', '/api/inbox/counts')).json().toread, 0);

    const office = (await clerk.request('GET', `/api/cases/${created.id}`)).json();
    const unread = office.circulations.filter((c: { readAt: string | null }) => c.readAt === null).map((c: { recipientName: string }) => c.recipientName);
    assert.deepEqual(unread, [reader.user.displayName]);
    assert.deepEqual(office.events.slice(-2).map((e: { action: string; comment: string }) => [e.action, e.comment]), [
      ['circulate', `请阅知（传阅：${reader.user.displayName}、${unit.name}）`],
      ['read', '已阅，将抓好落实'],
    ]);
    assert.equal((await liaison.request('POST', `/api/cases/${created.id}/circulations`, { recipients: [{ unitId: unit.id }], purpose: '请阅' })).statusCode, 403);
  });
});
