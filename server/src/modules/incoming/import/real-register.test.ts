/** A real office's 收文登记簿, taken through the routes as a clerk would: messy, and imported all the same. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { cases, workItems } from '../../../db/schema/index.js';
import { createCase } from '../../../engine/cases/create-case.js';
import { verifyCaseTrail } from '../../../engine/cases/trail.js';
import { actingAs, actorOf } from '../../../../test/factories.js';
import { excelRowOf, messyRegister } from '../../../../test/register-fixtures.js';
import { startTestApp, type TestContext } from '../../../../test/test-app.js';
import { normalizeDocNumber } from '../../../../../common/documents/doc-number.js';
import { inferDocumentType } from '../../../../../common/documents/official.js';
import { readRegisterDate } from '../../../platform/registers/register-dates.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

type Session = Awaited<ReturnType<typeof actingAs>>;

const upload = (who: Session, url: string, file: Buffer, fields: Record<string, string> = {}) => {
  const boundary = '----fuban' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="2025年收文登记簿.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
};

describe('a real 收文登记簿', () => {
  test('文号 typed every way become one form; titles tell the 文种; dates are read generously', () => {
    for (const typed of ['示教发［2025］003号', '示教发(2025)3号', '示教发〔２０２５〕３号', '示教发（2025）第3号', '示教发 〔2025〕 3 号', '示教发﹝2025﹞3号']) {
      assert.equal(normalizeDocNumber(typed), '示教发〔2025〕3号', typed);
    }
    assert.equal(normalizeDocNumber('无'), '无');
    assert.deepEqual(['关于开展检查的通知', '会议纪要', '关于同意的复函', '关于……的通知（征求意见稿）', '嘉奖令', '工作简报'].map(inferDocumentType), ['通知', '纪要', '函', '通知', '命令', undefined]);
    assert.deepEqual(readRegisterDate('3月5日', { year: 2025 }), { date: '2025-03-05' });
    assert.deepEqual(readRegisterDate('25.3.5'), { date: '2025-03-05' });
    assert.deepEqual(readRegisterDate('3月5日'), { reason: '未写年份，登记簿标题中也没有年份' });
    assert.deepEqual(readRegisterDate('2025-2-29'), { reason: '2025年2月没有29日' });
    assert.deepEqual(readRegisterDate('2025.13.1'), { reason: '没有13月' });
  });

  test('previewed with every row behind every count, imported with 文号 normalised (typed form kept), then a second run adds nothing', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const register = messyRegister();
    const file = await register.file();
    // Registered at 登记 before the import: the register's row 12 is the same document.
    const earlier = await createCase({
      db: t.database.db,
      actor: actorOf(clerk.user, ['clerk']),
      kindId: 'incoming',
      fields: { fromOrg: '市发展和改革委员会', docNumber: '示发改〔2025〕9号', docType: '报告', title: '关于重点项目调度情况的报告', receivedOn: '2025-03-15' },
      now: new Date('2025-03-15T02:00:00Z'),
    });
    const rowsOf = (expect: string) => register.rows.flatMap((row, index) => (row.expect === expect ? [excelRowOf(index)] : []));

    const withoutDefault = (await upload(clerk, '/api/incoming/import/preview', file)).json();
    assert.deepEqual(withoutDefault.invalid.find((row: { row: number }) => row.row === excelRowOf(10)).errors, [`第 ${excelRowOf(10)} 行：缺少文种，标题也看不出文种：请在登记簿中补写，或在列对应中选择默认文种`]);

    const response = await upload(clerk, '/api/incoming/import/preview', file, { defaultDocType: '通报' });
    assert.equal(response.statusCode, 200, response.body);
    const preview = response.json();
    assert.equal(preview.mapping.docType, null);
    assert.equal(preview.defaultDocType, '通报');
    assert.equal(preview.rows, register.rows.length);
    assert.deepEqual(preview.invalid, [
      { row: excelRowOf(6), errors: [`第 ${excelRowOf(6)} 行：收文日期「2025-02-30」不是有效日期：2025年2月没有30日`] },
      { row: excelRowOf(7), errors: [`第 ${excelRowOf(7)} 行：密级「机密」：涉密公文不得在本系统登记和处理，请按保密规定通过机要渠道线下办理`] },
      { row: excelRowOf(8), errors: [`第 ${excelRowOf(8)} 行：缺少标题`] },
    ]);
    assert.deepEqual(preview.duplicateRows, [
      { row: excelRowOf(5), fromOrg: '市教育局', docNumber: '示教发〔2025〕3号', title: '关于开展校园安全检查的通知', earlierRow: excelRowOf(0), earlierSerialNo: null, reason: `第 ${excelRowOf(5)} 行：与第 ${excelRowOf(0)} 行是同一份来文（来文机关、来文字号相同）` },
      {
        row: excelRowOf(11), fromOrg: '市发展和改革委员会', docNumber: '示发改〔2025〕9号', title: '关于重点项目调度情况的报告', earlierRow: null, earlierSerialNo: earlier.serialNo,
        reason: `第 ${excelRowOf(11)} 行：市发展和改革委员会 示发改〔2025〕9号 已登记过（${earlier.serialNo}）`,
      },
    ]);
    assert.equal(preview.duplicates, 2);
    assert.equal(preview.inProgress, 2);
    const toWrite = [...rowsOf('valid'), ...rowsOf('open')].sort((a, b) => a - b);
    assert.deepEqual(preview.validRows.map((row: { row: number }) => row.row), toWrite);
    for (const row of preview.validRows) {
      const expected = register.rows[row.row - 3]!;
      assert.equal(row.docNumber, expected.docNumber ?? null, `row ${row.row}`);
      assert.equal(row.docNumberAsWritten, expected.asWritten ?? null, `row ${row.row}`);
      assert.equal(row.docType, expected.docType, `row ${row.row}`);
      assert.equal(row.isDocTypeInferred, true);
      assert.equal(row.secrecy, '非涉密');
      assert.equal(row.finalStateLabel, expected.expect === 'open' ? '待拟办' : row.row === excelRowOf(9) ? '已归档' : '已办结');
    }
    assert.equal(preview.validRows.find((row: { row: number }) => row.row === excelRowOf(4)).receivedOn, '2025-03-09'); // 3月9日 in a 2025 register

    const refused = await upload(clerk, '/api/incoming/import', file, { defaultDocType: '通报' });
    assert.equal(refused.statusCode, 400);
    const imported = await upload(clerk, '/api/incoming/import', file, { defaultDocType: '通报', mode: 'valid-only' });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.deepEqual(imported.json(), { imported: toWrite.length, skippedDuplicates: 2, invalid: preview.invalid });

    const written = await t.database.db
      .select()
      .from(cases)
      .where(and(eq(cases.kind, 'incoming'), eq(cases.createdBy, clerk.user.id)));
    assert.equal(written.length, toWrite.length + 1); // and the one registered at 登记
    const safety = written.find((row) => row.title === '关于开展校园安全检查的通知')!;
    assert.equal(safety.fields.docNumber, '示教发〔2025〕3号');
    assert.equal(safety.fields.docNumberAsWritten, '示教发［2025］003号');
    assert.equal(safety.state, 'closed');
    const open = written.filter((row) => row.state === 'proposing');
    assert.deepEqual(open.map((row) => row.title).sort(), ['关于商请协助开展义诊的函', '关于追加预算的请示']);
    assert.ok(open.every((row) => !row.isClosed && row.handlerId === clerk.user.id));
    const waiting = await t.database.db.select().from(workItems).where(inArray(workItems.caseId, open.map((row) => row.id)));
    assert.deepEqual(waiting.map((item) => [item.userId, item.label]), [[clerk.user.id, '拟办'], [clerk.user.id, '拟办']]);
    for (const row of written) assert.equal(await verifyCaseTrail(t.database.db, row.id), undefined, row.title);
    const detail = (await clerk.request('GET', `/api/cases/${open[0]!.id}`)).json();
    assert.deepEqual(detail.events.map((event: { action: string }) => event.action), ['create', 'accept']);
    assert.ok(written.filter((row) => row.id !== earlier.id).every((row) => /^收〔2025〕\d+号$/.test(row.serialNo)));

    const again = await upload(clerk, '/api/incoming/import', file, { defaultDocType: '通报', mode: 'valid-only' });
    assert.equal(again.json().imported, 0);
    assert.equal(again.json().skippedDuplicates, toWrite.length + 2);
    const after = await t.database.db.select({ id: cases.id }).from(cases).where(and(eq(cases.kind, 'incoming'), eq(cases.createdBy, clerk.user.id)));
    assert.equal(after.length, written.length);
  });

  test('a default 文种 that is not one of the 15 is refused', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const response = await upload(clerk, '/api/incoming/import/preview', await messyRegister().file(), { defaultDocType: '简报' });
    assert.equal(response.statusCode, 400);
    assert.match(response.json().message, /默认文种/);
  });
});
