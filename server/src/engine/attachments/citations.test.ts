import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { actingAs, actorOf, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { storeAttachment } from './attachments.service.js';

let t: TestContext;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuban-citations-'));
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Person = Awaited<ReturnType<typeof actingAs>>;

const upload = (who: Person, text: string) =>
  storeAttachment({ db: t.database.db, actor: actorOf(who.user, ['liaison']), dataDir, fileName: '办理情况.txt', content: Buffer.from(text) });

const act = async (who: Person, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = (await who.request('GET', `/api/cases/${caseId}`)).json();
  return who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};

describe('citing a file', () => {
  test('another unit’s reply file cannot be cited; one’s own upload can', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const [unitA, unitB] = [await buildUnit(db), await buildUnit(db)];
    const liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA.id });
    const liaisonB = await actingAs(t.app, db, ['liaison'], { unitId: unitB.id });
    const created = (
      await clerk.request('POST', '/api/cases', {
        kind: 'instruction',
        fields: { leaderId: leader.user.id, instructedOn: '2026-11-01', instruction: '请两单位分别研究办理。', sourceTitle: '关于城东片区改造的请示' },
      })
    ).json();
    assert.equal((await act(clerk, created.id, 'assign', { units: [{ unitId: unitA.id, role: 'lead' }, { unitId: unitB.id, role: 'assist' }] })).statusCode, 200);
    for (const who of [liaisonA, liaisonB]) assert.equal((await act(who, created.id, 'sign')).statusCode, 200);

    const fileA = await upload(liaisonA, `甲单位的办理情况 ${Math.random()}`);
    const repliedA = await act(liaisonA, created.id, 'reply', { reply: '已办理', attachments: [{ digest: fileA.digest, name: fileA.name }] });
    assert.equal(repliedA.statusCode, 200, repliedA.body);

    const copied = await act(liaisonB, created.id, 'reply', { reply: '已办理', attachments: [{ digest: fileA.digest, name: '抄来的.txt' }] });
    assert.equal(copied.statusCode, 400, copied.body);
    assert.match(copied.json().message, /只能引用本人上传或本人可查看的附件/);
    assert.equal((await liaisonB.request('GET', `/api/cases/${created.id}/attachments/${fileA.digest}`)).statusCode, 404);

    const fileB = await upload(liaisonB, `乙单位的办理情况 ${Math.random()}`);
    const repliedB = await act(liaisonB, created.id, 'reply', { reply: '已办理', attachments: [{ digest: fileB.digest, name: fileB.name }] });
    assert.equal(repliedB.statusCode, 200, repliedB.body);

    // The office sees both replies, so it may cite their files in a record of its own.
    const registered = await clerk.request('POST', '/api/cases', {
      kind: 'incoming',
      fields: { fromOrg: '省人民政府办公厅', docType: '通知', title: '关于报送办理情况的通知', receivedOn: '2026-11-02', attachments: [{ digest: fileA.digest, name: '甲单位材料.txt' }] },
    });
    assert.equal(registered.statusCode, 200, registered.body);
    // A 联络员 cannot smuggle the other unit's file into a case either.
    const stranger = await actingAs(t.app, db, ['clerk']);
    const unseen = await upload(liaisonA, `只有甲单位看过 ${Math.random()}`);
    const refused = await stranger.request('POST', '/api/cases', {
      kind: 'incoming',
      fields: { fromOrg: '省人民政府办公厅', docType: '通知', title: '关于报送材料的通知', receivedOn: '2026-11-02', attachments: [{ digest: unseen.digest, name: '材料.txt' }] },
    });
    assert.equal(refused.statusCode, 400, refused.body);
  });
});
