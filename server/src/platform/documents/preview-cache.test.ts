import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { actingAs, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.js';
import { isPreviewAvailable, officeConversionCount } from './preview.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fuban-previews-'));
let database: TestDatabase;
let t: TestContext;
before(async () => {
  database = await createTestDatabase();
  t = await startTestApp({ database, config: { dataDir, isPreviewPrerendered: true } });
});
after(async () => {
  await t.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const draft = (code: string, title: string) => ({
  issuerCode: code,
  docType: '通知',
  direction: '下行文',
  title,
  mainTo: [{ name: '各县（市、区）人民政府' }],
  copyTo: [],
  body: [{ level: 0, text: '现将有关事项通知如下。' }],
  disclosure: '主动公开',
  copies: 5,
});

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

/** Waits for the background render of a case's version to land on disk. */
const previewFilesOf = (caseId: string) => {
  try {
    return readdirSync(path.join(dataDir, 'previews', caseId)).filter((name) => !name.endsWith('.tmp'));
  } catch {
    return [];
  }
};
const waitForPreview = async (caseId: string) => {
  for (let waited = 0; waited < 120_000; waited += 200) {
    if (previewFilesOf(caseId).some((name) => name.endsWith('.png'))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail('the background render did not finish');
};

describe('版式预览: rendered once per version', () => {
  test('a saved version renders in the background; later views read it at once; a new version renders anew, once, even when viewed mid-render; a restart keeps them', async () => {
    assert.ok(isPreviewAvailable(), 'LibreOffice (soffice) is not on PATH: apt-get install libreoffice-writer-nogui poppler-utils (.ci/run does this)');
    const db = database.db;
    const sysadmin = await actingAs(t.app, db, ['sysadmin']);
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const code = '预政发';
    const issuer = await sysadmin.request('POST', '/api/issuer-codes', {
      code, label: '预览市政府文件', issuerName: '预览市人民政府文件', organName: '预览市人民政府', printerName: '预览市人民政府办公室', format: 'file', principalId: leader.user.id,
    });
    assert.equal(issuer.statusCode, 200, issuer.body);
    const created = await clerk.request('POST', '/api/cases', { kind: 'outgoing', fields: draft(code, '关于做好冬季安全生产工作的通知') });
    assert.equal(created.statusCode, 200, created.body);
    const { id } = created.json();

    await waitForPreview(id); // started by the save, after its commit
    const rendered = officeConversionCount();
    const png = await timed(() => clerk.request('GET', `/api/cases/${id}/document.png`));
    const pdf = await timed(() => clerk.request('GET', `/api/cases/${id}/document.pdf`));
    assert.equal(png.result.statusCode, 200, png.result.body);
    assert.equal(pdf.result.statusCode, 200, pdf.result.body);
    assert.equal(png.result.headers['content-type'], 'image/png');
    assert.equal(pdf.result.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal(officeConversionCount(), rendered, 'a view of a rendered version does not run LibreOffice');
    assert.ok(png.ms < 1000 && pdf.ms < 1000, `cached previews are served at once (png ${png.ms} ms, pdf ${pdf.ms} ms)`);

    // A new version: the view arrives while its background render runs and waits for that same render.
    const { version } = (await clerk.request('GET', `/api/cases/${id}`)).json();
    const edited = await clerk.request('POST', `/api/cases/${id}/actions/edit`, { version, document: draft(code, '关于做好冬季森林防火工作的通知') });
    assert.equal(edited.statusCode, 200, edited.body);
    const [newPdf, newPng] = await Promise.all([clerk.request('GET', `/api/cases/${id}/document.pdf`), clerk.request('GET', `/api/cases/${id}/document.png`)]);
    assert.equal(newPdf.statusCode, 200, newPdf.body);
    assert.equal(newPng.statusCode, 200, newPng.body);
    assert.notDeepEqual(newPdf.rawPayload, pdf.result.rawPayload);
    assert.equal(officeConversionCount(), rendered + 1, 'one render for the new version, shared by the save and both views');
    assert.deepEqual(previewFilesOf(id).length, 2, 'only the latest version is kept');

    // Another process (here: a restarted app on the same data directory) reads the same files.
    await t.close();
    t = await startTestApp({ database, config: { dataDir, isPreviewPrerendered: true } });
    const again = await sessionFor(t.app, clerk.user);
    const afterRestart = await timed(() => again.request('GET', `/api/cases/${id}/document.png`));
    assert.equal(afterRestart.result.statusCode, 200);
    assert.deepEqual(afterRestart.result.rawPayload, newPng.rawPayload);
    assert.equal(officeConversionCount(), rendered + 1);
  });
});
