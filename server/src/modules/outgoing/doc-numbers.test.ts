import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { docNumbers, issuerCodes } from '../../db/schema/index.js';
import { createCase } from '../../engine/cases/create-case.js';
import { actingAs, actorOf } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { allocateDocNumber, checkDocNumberText, formatDocNumber } from './doc-numbers.service.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

const issuer = async () => {
  const code = `示测${String.fromCharCode(0x4e00 + Math.floor(Math.random() * 2000))}${String.fromCharCode(0x4e00 + Math.floor(Math.random() * 2000))}发`;
  await t.database.db.insert(issuerCodes).values({ code, label: '测试文件', issuerName: '示例市测试文件' });
  return code;
};

describe('文号 format', () => {
  test('六角括号, full year, no leading zeros, no 第', () => {
    assert.equal(formatDocNumber('示政办发', 2026, 12), '示政办发〔2026〕12号');
    assert.deepEqual(checkDocNumberText('示政办发〔2026〕12号'), []);
    assert.match(checkDocNumberText('秦港股份政字[2018]246号').join(), /六角括号/);
    assert.match(checkDocNumberText('示政办发〔2026〕012号').join(), /不编虚位/);
    assert.match(checkDocNumberText('示政办发〔2026〕第12号').join(), /不加“第”/);
    assert.match(checkDocNumberText('示政办发〔26〕12号').join(), /全称/);
  });
});

describe('the 文号 ledger', () => {
  test('concurrent registrations get unique numbers with no gap; a case never gets two', async () => {
    const db = t.database.db;
    const code = await issuer();
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const actor = actorOf(clerk.user, ['clerk']);
    const caseIds: string[] = [];
    for (let index = 0; index < 40; index += 1) {
      const created = await createCase({
        db,
        actor,
        kindId: 'instruction',
        fields: { leaderId: leader.user.id, leaderName: '张明远', instructedOn: '2026-11-01', instruction: '请办理', sourceTitle: `编号测试${index}` },
        now: t.clock.now(),
      });
      caseIds.push(created.id);
    }
    const results = await Promise.allSettled(
      [...caseIds, caseIds[0]!, caseIds[1]!].map((caseId) => db.transaction((tx) => allocateDocNumber({ tx, actor, issuerCode: code, year: 2026, caseId, now: t.clock.now() }))),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 40);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 2);
    const rows = await db.select().from(docNumbers).where(eq(docNumbers.issuerCode, code));
    assert.deepEqual(rows.map((row) => row.no).sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));
    assert.equal(new Set(rows.map((row) => row.caseId)).size, 40);
  });

  test('预留 takes the next number; a void keeps its place and reason; a lapsed reservation becomes a void', async () => {
    const code = await issuer();
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const reserve = (until: string, note: string) => clerk.request('POST', '/api/doc-numbers/reserve', { issuerCode: code, until, note });
    const first = await reserve('2026-11-30T18:00:00+08:00', '为市政府常务会议纪要预留');
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().text, `${code}〔2026〕1号`);
    const second = (await reserve('2026-11-03T18:00:00+08:00', '为防汛通知预留')).json();
    assert.equal(second.no, 2);

    const voided = await clerk.request('POST', `/api/doc-numbers/${first.json().id}/void`, { version: 1, reason: '会议延期，纪要不再印发' });
    assert.equal(voided.statusCode, 200, voided.body);
    assert.equal((await clerk.request('POST', `/api/doc-numbers/${first.json().id}/void`, { version: 1, reason: '再次作废' })).statusCode, 409);
    assert.equal((await clerk.request('POST', `/api/doc-numbers/${first.json().id}/void`, { version: 2, reason: '' })).statusCode, 400);

    t.clock.set(new Date('2026-11-05T09:00:00+08:00'));
    try {
      const viewer = await actingAs(t.app, t.database.db, ['clerk']);
      const ledger = (await viewer.request('GET', `/api/doc-numbers?issuer=${encodeURIComponent(code)}&year=2026`)).json();
      assert.deepEqual(ledger.rows.map((r: { no: number; status: string; voidReason: string }) => [r.no, r.status, r.voidReason]), [
        [1, 'void', '会议延期，纪要不再印发'],
        [2, 'void', '预留到期未使用'],
      ]);
      assert.deepEqual(ledger.gaps, []);
    } finally {
      t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
    }
  });

  test('only the office manages numbers; only the system administrator adds a 机关代字', async () => {
    const liaison = await actingAs(t.app, t.database.db, ['liaison']);
    assert.equal((await liaison.request('POST', '/api/doc-numbers/reserve', { issuerCode: '示政发', until: '2026-12-01T00:00:00+08:00', note: '预留测试' })).statusCode, 403);
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    assert.equal((await clerk.request('POST', '/api/issuer-codes', { code: '示政办字', label: '测试', issuerName: '示例市人民政府办公室', organName: '示例市人民政府办公室', printerName: '示例市人民政府办公室' })).statusCode, 403);
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const created = await admin.request('POST', '/api/issuer-codes', { code: '示政办字', label: '办公室便函', issuerName: '示例市人民政府办公室', organName: '示例市人民政府办公室', printerName: '示例市人民政府办公室', format: 'letter' });
    assert.equal(created.statusCode, 200, created.body);
    assert.equal((await admin.request('POST', '/api/issuer-codes', { code: '示政[办]', label: 'x', issuerName: 'xx' })).statusCode, 400);
  });
});
