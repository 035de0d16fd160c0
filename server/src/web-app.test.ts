import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { precompressDirectory } from '../../scripts/precompress.js';
import { startTestApp, type TestContext } from '../test/test-app.js';

// A build as vite writes it (an index and a hashed asset), compressed by the same step the build runs.
const webDir = mkdtempSync(path.join(tmpdir(), 'fuban-web-'));
const script = `console.log(${JSON.stringify('府办'.repeat(2000))});\n`;
let t: TestContext;
before(async () => {
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><title>府办</title>${'<!-- padding -->'.repeat(100)}<script type="module" src="/assets/index-Bx7f3k2a.js"></script>`);
  writeFileSync(path.join(webDir, 'assets', 'index-Bx7f3k2a.js'), script);
  assert.equal(precompressDirectory(webDir), 2);
  t = await startTestApp({ config: { isProduction: true }, webDir });
});
after(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('the web app as sent', () => {
  test('a hashed asset goes compressed (br, else gzip) and is cached for good; index.html is always revalidated', async () => {
    const br = await t.app.inject({ method: 'GET', url: '/assets/index-Bx7f3k2a.js', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['cache-control']), /immutable/);
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.ok(br.rawPayload.length < script.length / 4, `${br.rawPayload.length} bytes sent for ${script.length}`);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), script);

    const gzip = await t.app.inject({ method: 'GET', url: '/assets/index-Bx7f3k2a.js', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    const plain = await t.app.inject({ method: 'GET', url: '/assets/index-Bx7f3k2a.js' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, script);

    for (const url of ['/', '/index.html', '/cases/outgoing']) {
      const page = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(page.statusCode, 200, url);
      assert.equal(page.headers['cache-control'], 'no-cache', url);
    }
  });
});
