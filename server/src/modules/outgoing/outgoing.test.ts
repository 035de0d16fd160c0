import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { caseUnitVisibility, docNumbers } from '../../db/schema/index.js';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { unzip } from '../../../test/office-files.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00')); // Monday
});
after(() => t.close());

type Who = Awaited<ReturnType<typeof actingAs>>;
let codeNo = 0;

/** A 机关代字 with its 主要负责人, and a chain 核稿 (director) → [合法性审查] → 会签 → 签发 (leader). */
const setUpIssuer = async (principal: Who, steps?: unknown[]) => {
  const sysadmin = await actingAs(t.app, t.database.db, ['sysadmin']);
  codeNo += 1;
  const code = `测${'甲乙丙丁戊己庚辛壬癸'[codeNo]}政发`;
  const issuer = await sysadmin.request('POST', '/api/issuer-codes', {
    code, label: '测试市政府文件', issuerName: '测试市人民政府文件', organName: '测试市人民政府', printerName: '测试市人民政府办公室', format: 'file', principalId: principal.user.id,
  });
  assert.equal(issuer.statusCode, 200, issuer.body);
  const chain = await sysadmin.request('POST', '/api/approval-chains', {
    name: `${code}流程`,
    issuerCode: code,
    steps: steps ?? [
      { label: '核稿', type: 'review', roles: ['director'] },
      { label: '合法性审查', type: 'review', roles: ['legal_staff'], onlyNormative: true },
      { label: '会签', type: 'countersign', roles: [] },
      { label: '签发', type: 'sign', roles: ['leader'] },
    ],
  });
  assert.equal(chain.statusCode, 200, chain.body);
  return { code, sysadmin, chain: chain.json() };
};

const request = (code: string, overrides: Record<string, unknown> = {}) => ({
  issuerCode: code,
  docType: '请示',
  direction: '上行文',
  title: '关于申请支持示例市冬季供暖保障资金的请示',
  mainTo: [{ name: '省人民政府' }],
  copyTo: [],
  body: [
    { level: 0, text: '为保障今冬群众温暖过冬，现将有关事项请示如下。' },
    { level: 1, text: '基本情况' },
    { level: 0, text: '全市集中供暖面积 2860 万平方米。' },
    { level: 1, text: '请求事项' },
    { level: 0, text: '恳请省政府安排专项资金 3000 万元。妥否，请批示。' },
  ],
  disclosure: '不予公开',
  disclosureReason: '涉及资金安排，属过程性信息',
  copies: 5,
  contact: { name: '陈静', phone: '0000-1234567' },
  ...overrides,
});

const detailOf = async (who: Who, caseId: string) => (await who.request('GET', `/api/cases/${caseId}`)).json();
const act = async (who: Who, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = await detailOf(who, caseId);
  return who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};
const ok = async (response: ReturnType<Who['request']>) => {
  const settled = await response;
  assert.equal(settled.statusCode, 200, settled.body);
  return settled;
};

describe('发文', () => {
  test('请示 (上行文): principal signs, two units 会签, 登记 gives the next 文号 once, 核发 delivers a 收文 to a unit in Fuban', async () => {
    const db = t.database.db;
    const mayor = await actingAs(t.app, db, ['leader']);
    const vice = await actingAs(t.app, db, ['leader']);
    const { code } = await setUpIssuer(mayor);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    const unitA = await buildUnit(db);
    const unitB = await buildUnit(db);
    const liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA.id });
    const liaisonB = await actingAs(t.app, db, ['liaison'], { unitId: unitB.id });

    const created = await ok(clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: request(code, { signerId: vice.user.id, countersignUnitIds: [unitA.id, unitB.id] }) }));
    const { id, serialNo } = created.json();
    assert.match(serialNo, /^发稿〔2026〕\d+号$/);
    // A 上行文 signed by someone other than the 主要负责人 is refused, and nothing moves.
    const refused = await act(clerk, id, 'submit');
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.json().message, /主要负责人/);
    assert.equal((await detailOf(clerk, id)).state, 'drafting');

    const fields = { ...request(code), signerId: mayor.user.id, countersignUnitIds: [unitA.id, unitB.id], copyTo: [{ name: '甲单位', unitId: unitA.id }] };
    await ok(act(clerk, id, 'edit', { document: fields }));
    await ok(act(clerk, id, 'submit'));
    assert.equal((await detailOf(clerk, id)).state, 'reviewing');
    assert.ok((await director.request('GET', '/api/inbox')).json().some((item: { caseId: string; label: string }) => item.caseId === id && item.label === '核稿'));
    assert.equal((await act(clerk, id, 'approve')).statusCode, 403); // not the 核稿 step's
    await ok(act(director, id, 'approve', { comment: '请市发改委、市财政局会签。' }));
    assert.equal((await detailOf(clerk, id)).state, 'countersigning');

    await ok(act(clerk, id, 'send_countersign', { units: [{ unitId: unitA.id, role: 'consult' }, { unitId: unitB.id, role: 'consult' }] }));
    const early = await act(clerk, id, 'finish_countersign');
    assert.equal(early.statusCode, 422);
    const assignments = (await detailOf(clerk, id)).assignments as Array<{ id: string; unitId: string }>;
    const of = (unitId: string) => assignments.find((a) => a.unitId === unitId)!.id;
    await ok(act(liaisonA, id, 'countersign', { assignmentId: of(unitA.id), reply: '同意' }));
    await ok(act(liaisonB, id, 'countersign', { assignmentId: of(unitB.id), reply: '建议补充资金测算依据。' }));
    await ok(act(clerk, id, 'finish_countersign'));
    assert.equal((await detailOf(clerk, id)).state, 'signing');

    assert.equal((await act(vice, id, 'sign_off')).statusCode, 403);
    const check = (await mayor.request('GET', `/api/cases/${id}/format-check`)).json();
    assert.deepEqual(check.errors, []);
    assert.ok(!check.warnings.some((w: { code: string }) => w.code === 'one_matter'), '「妥否，请批示。」 is one ask, not two matters');
    const signers = (await clerk.request('GET', '/api/signers?roles=leader')).json().map((p: { id: string }) => p.id);
    assert.ok(signers.includes(mayor.user.id) && signers.includes(vice.user.id) && !signers.includes(director.user.id));
    assert.deepEqual((await clerk.request('GET', '/api/signers?roles=sysadmin')).json(), []);
    await ok(act(mayor, id, 'sign_off', { comment: '同意上报。' }));
    let signed = await detailOf(clerk, id);
    assert.equal(signed.state, 'checking');
    assert.equal(signed.fields.signOff.signedOn, '2026-11-02'); // a full date
    assert.equal(signed.fields.signOff.onBehalf, false);
    assert.equal(signed.fields.writtenOn, '2026-11-02');

    await ok(act(clerk, id, 'check'));
    // Two tabs register the same draft with the same version: one 文号, one 409.
    const version = (await detailOf(clerk, id)).version;
    const [first, second] = await Promise.all([
      clerk.request('POST', `/api/cases/${id}/actions/register`, { version }),
      clerk.request('POST', `/api/cases/${id}/actions/register`, { version }),
    ]);
    assert.deepEqual([first.statusCode, second.statusCode].sort(), [200, 409]);
    signed = await detailOf(clerk, id);
    assert.equal(signed.fields.docNumber, `${code}〔2026〕1号`);
    const numbers = await db.select().from(docNumbers).where(eq(docNumbers.issuerCode, code));
    assert.deepEqual(numbers.map((n) => [n.no, n.status, n.caseId]), [[1, 'used', id]]);

    // The registered document as Word (GB/T 9704) names its 文号 and signer, in the office fonts.
    const docx = await clerk.request('GET', `/api/cases/${id}/document.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-disposition']), /^attachment;/);
    const xml = unzip(docx.rawPayload).get('word/document.xml')!;
    assert.ok(xml.includes(`${code}〔2026〕1号`));
    assert.ok(xml.includes('签发人：') && xml.includes(mayor.user.displayName));
    assert.ok(xml.includes('测试市人民政府文件') && xml.includes('w:eastAsia="方正小标宋简体"'));
    assert.ok(xml.includes('（联系人：陈静，电话：0000-1234567）'));
    assert.equal((await liaisonB.request('GET', `/api/cases/${id}/document.docx`)).statusCode, 200); // it 会签ed
    assert.equal((await (await actingAs(t.app, db, ['liaison'], { unitId: (await buildUnit(db)).id })).request('GET', `/api/cases/${id}/document.docx`)).statusCode, 404);

    await ok(act(clerk, id, 'print'));
    await ok(act(clerk, id, 'distribute'));
    const issued = await detailOf(clerk, id);
    assert.equal(issued.state, 'issued');
    const delivered = issued.fields.deliveries.find((d: { unitId?: string }) => d.unitId === unitA.id);
    assert.ok(delivered?.caseId, 'the unit in Fuban gets a 收文');
    assert.equal(issued.fields.deliveries.find((d: { name: string }) => d.name === '省人民政府').caseId, undefined);
    const inbox = (await liaisonA.request('GET', '/api/inbox')).json();
    assert.ok(inbox.some((item: { caseId: string; label: string }) => item.caseId === delivered.caseId && item.label === '签收'));
    const copy = await detailOf(liaisonA, delivered.caseId);
    assert.equal(copy.fields.docNumber, `${code}〔2026〕1号`);
    assert.equal(copy.fields.fromOrg, '测试市人民政府');
    // The copy is the unit's: first in the unit's own register, waiting to be signed for, registered by the clerk who 核发ed it.
    assert.equal(copy.state, 'to_sign');
    assert.equal(copy.stateLabel, '待签收');
    assert.equal(copy.serialNo, `${unitA.shortName || unitA.name}收〔2026〕1号`);
    assert.equal(copy.registeredByName, clerk.user.displayName);
    assert.notEqual(copy.ownerUnitName, copy.registeredByUnitName);
    assert.equal((await clerk.request('POST', `/api/cases/${delivered.caseId}/actions/accept`, { version: copy.version })).statusCode, 422, 'never the office\'s to 初审');
    await ok(act(liaisonA, delivered.caseId, 'acknowledge'));
    assert.equal((await detailOf(liaisonA, delivered.caseId)).state, 'signed');
    assert.equal((await liaisonB.request('GET', `/api/cases/${delivered.caseId}`)).statusCode, 404);
    // Visibility rows after 核发: the 会签 units see the 发文 through their assignments; the delivered 收文 has none
    // (its 联络员 holds it as handler), and the ledgers say the same as the detail pages.
    const unitsSeeing = async (caseId: string) =>
      (await db.select({ unitId: caseUnitVisibility.unitId }).from(caseUnitVisibility).where(eq(caseUnitVisibility.caseId, caseId))).map((row) => row.unitId).sort();
    assert.deepEqual(await unitsSeeing(id), [unitA.id, unitB.id].sort());
    assert.deepEqual(await unitsSeeing(delivered.caseId), []);
    const ledgerIds = async (who: Who, kind: string) => (await who.request('GET', `/api/cases?kind=${kind}`)).json().items.map((item: { id: string }) => item.id);
    assert.deepEqual(await ledgerIds(liaisonA, 'incoming'), [delivered.caseId]);
    assert.deepEqual(await ledgerIds(liaisonB, 'incoming'), []);
    assert.deepEqual(await ledgerIds(liaisonB, 'outgoing'), [id]);

    await ok(act(clerk, id, 'archive'));
    assert.equal(await verifyCaseTrail(db, id), undefined);
  });

  test('a substantive change after 签发 goes back to the signer; a change of 份数 does not', async () => {
    const db = t.database.db;
    const mayor = await actingAs(t.app, db, ['leader']);
    const { code } = await setUpIssuer(mayor, [
      { label: '核稿', type: 'review', roles: ['director'] },
      { label: '签发', type: 'sign', roles: ['leader'] },
    ]);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    const fields = request(code, { signerId: mayor.user.id });
    const caseId: string = (await ok(clerk.request('POST', '/api/cases', { kind: 'outgoing', fields }))).json().id;
    await ok(act(clerk, caseId, 'submit'));
    await ok(act(director, caseId, 'approve'));
    await ok(act(mayor, caseId, 'sign_off'));
    await ok(act(clerk, caseId, 'edit', { document: { ...fields, copies: 8 } }));
    assert.equal((await detailOf(clerk, caseId)).state, 'checking');
    await ok(act(clerk, caseId, 'edit', { document: { ...fields, copies: 8, title: '关于申请支持示例市冬季供暖和燃气保障资金的请示' } }));
    const back = await detailOf(clerk, caseId);
    assert.equal(back.state, 'signing');
    assert.equal(back.fields.signOff, null);
    assert.ok((await mayor.request('GET', '/api/inbox')).json().some((item: { caseId: string; label: string }) => item.caseId === caseId && item.label === '签发'));
    // Signed again the next day: the 成文日期 the first 签发 filled in goes with it, and follows the new signature.
    t.clock.set(new Date('2026-11-03T09:00:00+08:00'));
    await ok(act(await sessionFor(t.app, mayor.user), caseId, 'sign_off'));
    const resigned = await detailOf(await sessionFor(t.app, clerk.user), caseId);
    assert.equal(resigned.fields.signOff.signedOn, '2026-11-03');
    assert.equal(resigned.fields.writtenOn, '2026-11-03');
  });

  test('saving 修改 without a change writes nothing: no new version, no trail entry, no revision', async () => {
    const db = t.database.db;
    const mayor = await actingAs(t.app, db, ['leader']);
    const { code } = await setUpIssuer(mayor);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const fields = request(code, { signerId: mayor.user.id });
    const caseId: string = (await ok(clerk.request('POST', '/api/cases', { kind: 'outgoing', fields }))).json().id;
    const before = await detailOf(clerk, caseId);
    // The same document, as the form sends it back with its keys in another order.
    const reordered = Object.fromEntries(Object.entries(fields).reverse());
    const same = await ok(act(clerk, caseId, 'edit', { document: reordered }));
    assert.equal(same.json().version, before.version);
    const after = await detailOf(clerk, caseId);
    assert.equal(after.version, before.version);
    assert.equal(after.events.length, before.events.length);
    assert.equal(after.fields.revisions ?? 0, before.fields.revisions ?? 0);

    await ok(act(clerk, caseId, 'edit', { document: { ...fields, copies: 9 } }));
    const changed = await detailOf(clerk, caseId);
    assert.equal(changed.version, before.version + 1);
    assert.equal(changed.events.length, before.events.length + 1);
    assert.equal(changed.fields.revisions, (before.fields.revisions ?? 0) + 1);
  });
});
