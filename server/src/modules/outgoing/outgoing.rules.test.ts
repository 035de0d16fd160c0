/** 发文 rules beyond the main flow: the format check, 代 signatures, chain versions, 无文号, 规范性文件, access. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { docNumbers } from '../../db/schema/index.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

type Who = Awaited<ReturnType<typeof actingAs>>;
let serial = 0;
const detailOf = async (who: Who, id: string) => (await who.request('GET', `/api/cases/${id}`)).json();
const act = async (who: Who, id: string, action: string, body: Record<string, unknown> = {}) =>
  who.request('POST', `/api/cases/${id}/actions/${action}`, { version: (await detailOf(who, id)).version, ...body });
const ok = async (response: ReturnType<Who['request']>) => {
  const settled = await response;
  assert.equal(settled.statusCode, 200, settled.body);
  return settled;
};

/** A fresh 代字 whose 主要负责人 is `principal`, with a chain 核稿 → [合法性审查] → 签发. */
const office = async () => {
  const db = t.database.db;
  const sysadmin = await actingAs(t.app, db, ['sysadmin']);
  const principal = await actingAs(t.app, db, ['leader']);
  const clerk = await actingAs(t.app, db, ['clerk']);
  const director = await actingAs(t.app, db, ['director']);
  serial += 1;
  const code = `规${'甲乙丙丁戊己庚辛壬癸'[serial]}办发`;
  await ok(sysadmin.request('POST', '/api/issuer-codes', { code, label: '测试', issuerName: '测试市人民政府办公室文件', organName: '测试市人民政府办公室', printerName: '测试市人民政府办公室', principalId: principal.user.id }));
  const chain = (await ok(sysadmin.request('POST', '/api/approval-chains', {
    name: `${code}流程`,
    issuerCode: code,
    steps: [
      { label: '核稿', type: 'review', roles: ['director'] },
      { label: '合法性审查', type: 'review', roles: ['legal_staff'], onlyNormative: true },
      { label: '签发', type: 'sign', roles: ['leader'] },
    ],
  }))).json();
  return { db, sysadmin, principal, clerk, director, code, chain };
};

const notice = (code: string, signerId: string, overrides: Record<string, unknown> = {}) => ({
  issuerCode: code,
  docType: '通知',
  direction: '下行文',
  title: '关于做好冬季安全生产工作的通知',
  mainTo: [{ name: '各县人民政府' }],
  body: [{ level: 0, text: '请各地认真贯彻落实。' }],
  signerId,
  ...overrides,
});

const toSigning = async ({ clerk, director }: { clerk: Who; director: Who }, id: string) => {
  await ok(act(clerk, id, 'submit'));
  await ok(act(director, id, 'approve'));
};

describe('发文 rules', () => {
  test('the format check: errors block 签发 and say why, warnings do not; nothing changes on a refusal', async () => {
    const o = await office();
    const fields = notice(o.code, o.principal.user.id, {
      body: [{ level: 0, text: '根据示政发[2025]3号和示政办发〔2025〕07号文件精神，请认真落实。' }],
      attachments: [],
      attachmentNotes: ['工作方案'],
      title: '关于做好冬季安全生产工作的通知。',
    });
    const id: string = (await ok(o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields }))).json().id;
    await toSigning(o, id);
    const check = (await o.principal.request('GET', `/api/cases/${id}/format-check`)).json();
    const codes = check.errors.map((e: { code: string }) => e.code).sort();
    assert.deepEqual(codes, ['attachment_notes', 'doc_number', 'doc_number']);
    assert.ok(check.errors.some((e: { message: string }) => /示政发\[2025\]3号.*六角括号/.test(e.message)));
    assert.ok(check.errors.some((e: { message: string }) => /07号.*前导 0/.test(e.message)));
    assert.ok(check.warnings.some((w: { code: string }) => w.code === 'title_punctuation'));
    const before = await detailOf(o.clerk, id);
    const refused = await act(o.principal, id, 'sign_off');
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().message, /格式检查未通过/);
    const after = await detailOf(o.clerk, id);
    assert.equal(after.version, before.version);
    assert.equal(after.state, 'signing');

    // Fixed after 退回修改: only warnings are left, and 签发 goes through.
    await ok(act(o.principal, id, 'return', { reason: '请规范引用文号并删除附件说明' }));
    await ok(act(o.clerk, id, 'edit', { document: { ...fields, body: [{ level: 0, text: '根据示政发〔2025〕3号文件精神，请认真落实。' }], attachmentNotes: [] } }));
    await toSigning(o, id);
    const fixed = (await o.principal.request('GET', `/api/cases/${id}/format-check`)).json();
    assert.deepEqual(fixed.errors, []);
    assert.ok(fixed.warnings.length > 0);
    await ok(act(o.principal, id, 'sign_off'));
  });

  test('成文日期 earlier than the day of 签发 is refused; a 上行文 names its signer', async () => {
    const o = await office();
    const id: string = (await ok(o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: notice(o.code, o.principal.user.id, { writtenOn: '2026-10-30' }) }))).json().id;
    await toSigning(o, id);
    const refused = await act(o.principal, id, 'sign_off');
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.json().message, /成文日期（2026-10-30）早于签发日期（2026-11-02）/);
  });

  test('AB角: the deputy signs for the principal, and the signature reads 代', async () => {
    const o = await office();
    const deputy = await actingAs(t.app, o.db, ['leader']);
    await ok(o.principal.request('POST', '/api/delegations', { toUserId: deputy.user.id, startDate: '2026-11-01', endDate: '2026-11-30', note: '出差' }));
    const id: string = (await ok(o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: notice(o.code, o.principal.user.id, { direction: '上行文', docType: '报告', title: '关于冬季安全生产工作情况的报告', mainTo: [{ name: '省人民政府' }] }) }))).json().id;
    await toSigning(o, id);
    await ok(act(deputy, id, 'sign_off', { onBehalfOf: o.principal.user.id, comment: '同意' }));
    const signed = (await detailOf(o.clerk, id)).fields.signOff;
    assert.equal(signed.onBehalf, true);
    assert.equal(signed.signerId, o.principal.user.id);
    assert.equal(signed.byId, deputy.user.id);
    // The 发文登记簿 names both: the one who signed, for the one they stood in for.
    const ledger = await o.clerk.request('GET', '/api/cases/export.xlsx?kind=outgoing');
    assert.equal(ledger.statusCode, 200, ledger.body);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String);
    assert.ok(cells.includes(`${deputy.user.displayName}（代${o.principal.user.displayName}）`), cells.join('|'));
  });

  test('chains are versioned: a case in flight keeps its version; a stale edit is a 409', async () => {
    const o = await office();
    const inspector = await actingAs(t.app, o.db, ['inspector']);
    const first: string = (await ok(o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: notice(o.code, o.principal.user.id) }))).json().id;
    await ok(act(o.clerk, first, 'submit'));
    const edited = await o.sysadmin.request('PUT', `/api/approval-chains/${o.chain.chainKey}`, {
      name: `${o.code}流程`, issuerCode: o.code, baseVersion: 1,
      steps: [
        { label: '核稿', type: 'review', roles: ['director'] },
        { label: '督查审核', type: 'review', roles: ['inspector'], parallel: true },
        { label: '签发', type: 'sign', roles: ['leader'] },
      ],
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().version, 2);
    const stale = await o.sysadmin.request('PUT', `/api/approval-chains/${o.chain.chainKey}`, { name: 'x流程', issuerCode: o.code, baseVersion: 1, steps: [{ label: '签发', type: 'sign', roles: ['leader'] }] });
    assert.equal(stale.statusCode, 409);

    // The first case walks version 1: 核稿 alone, then 签发.
    assert.equal((await detailOf(o.clerk, first)).fields.chain.version, 1);
    await ok(act(o.director, first, 'approve'));
    assert.equal((await detailOf(o.clerk, first)).state, 'signing');
    // A new case meets version 2: 核稿 and 督查审核 in parallel; both must agree before 签发.
    const second: string = (await ok(o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: notice(o.code, o.principal.user.id) }))).json().id;
    await ok(act(o.clerk, second, 'submit'));
    await ok(act(inspector, second, 'approve'));
    assert.equal((await detailOf(o.clerk, second)).state, 'reviewing');
    await ok(act(o.director, second, 'approve'));
    assert.equal((await detailOf(o.clerk, second)).state, 'signing');
    const history = (await o.sysadmin.request('GET', '/api/approval-chains?history=true')).json().filter((c: { chainKey: string }) => c.chainKey === o.chain.chainKey);
    assert.deepEqual(history.map((c: { version: number; isActive: boolean }) => [c.version, c.isActive]), [[2, true], [1, false]]);
  });

  test('规范性文件 goes through 合法性审查 and counts its opinions; 无文号 documents are registered without a number', async () => {
    const o = await office();
    const legal = await actingAs(t.app, o.db, ['legal_staff']);
    const id: string = (await ok(o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: notice(o.code, o.principal.user.id, { normative: true, numbered: false }) }))).json().id;
    await ok(act(o.clerk, id, 'submit'));
    await ok(act(o.director, id, 'approve'));
    assert.equal((await detailOf(o.clerk, id)).state, 'reviewing');
    await ok(act(legal, id, 'approve', { comment: '第三条应明确实施期限。\n建议增加解释机关条款。\n' }));
    const reviewed = await detailOf(o.clerk, id);
    assert.deepEqual(reviewed.fields.normativeReview.opinions, ['第三条应明确实施期限。', '建议增加解释机关条款。']);
    await ok(act(o.principal, id, 'sign_off'));
    await ok(act(o.clerk, id, 'check'));
    await ok(act(o.clerk, id, 'register'));
    const registered = await detailOf(o.clerk, id);
    assert.equal(registered.fields.docNumber, null);
    assert.equal(registered.fields.registeredOn, '2026-11-02');
    assert.equal((await o.db.select().from(docNumbers).where(eq(docNumbers.caseId, id))).length, 0);
  });

  test('who sees a 发文: not a 联络员 of a unit outside it; bad input changes nothing; 撤销 needs a reason', async () => {
    const o = await office();
    const outsider = await actingAs(t.app, o.db, ['liaison'], { unitId: (await buildUnit(o.db)).id });
    const bad = await o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: notice(o.code, o.principal.user.id, { disclosure: '不予公开', docType: '报表' }) });
    assert.equal(bad.statusCode, 400);
    const id: string = (await ok(o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: notice(o.code, o.principal.user.id) }))).json().id;
    assert.equal((await outsider.request('GET', `/api/cases/${id}`)).statusCode, 404);
    assert.equal((await outsider.request('GET', `/api/cases/${id}/format-check`)).statusCode, 404);
    assert.equal((await act(o.clerk, id, 'withdraw')).statusCode, 400);
    await ok(act(o.clerk, id, 'withdraw', { reason: '情况变化，不再发文' }));
    assert.equal((await detailOf(o.clerk, id)).state, 'withdrawn');
  });

  test('预留: a retried request gets the same number; 登记 can use a reservation, once', async () => {
    const o = await office();
    const reserve = (requestKey: string) =>
      o.clerk.request('POST', '/api/doc-numbers/reserve', { issuerCode: o.code, until: '2026-11-30T18:00:00+08:00', note: '留给年度工作要点', requestKey });
    const key = '5b0d3f8e-6f0b-4f7e-9a55-2f1c9b1c0a01';
    const first = (await ok(reserve(key))).json();
    const retried = (await ok(reserve(key))).json();
    assert.equal(retried.id, first.id);
    assert.equal(first.text, `${o.code}〔2026〕1号`);
    const ledger = (await o.clerk.request('GET', `/api/doc-numbers?issuer=${encodeURIComponent(o.code)}`)).json();
    assert.equal(ledger.rows.length, 1);

    const registered: string[] = [];
    for (const title of ['关于印发2027年政府工作要点的通知', '关于做好元旦春节期间有关工作的通知']) {
      const id: string = (await ok(o.clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: notice(o.code, o.principal.user.id, { title }) }))).json().id;
      await toSigning(o, id);
      await ok(act(o.principal, id, 'sign_off'));
      await ok(act(o.clerk, id, 'check'));
      registered.push(id);
    }
    await ok(act(o.clerk, registered[0]!, 'register', { reservationId: first.id }));
    assert.equal((await detailOf(o.clerk, registered[0]!)).fields.docNumber, first.text);
    const again = await act(o.clerk, registered[1]!, 'register', { reservationId: first.id });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal((await detailOf(o.clerk, registered[1]!)).state, 'registering'); // nothing changed
    await ok(act(o.clerk, registered[1]!, 'register'));
    assert.equal((await detailOf(o.clerk, registered[1]!)).fields.docNumber, `${o.code}〔2026〕2号`);
    const after = (await o.clerk.request('GET', `/api/doc-numbers?issuer=${encodeURIComponent(o.code)}`)).json();
    assert.deepEqual(after.rows.map((row: { no: number; status: string; caseId: string }) => [row.no, row.status, row.caseId]), [[1, 'used', registered[0]], [2, 'used', registered[1]]]);
    assert.deepEqual(after.gaps, []);
  });
});
