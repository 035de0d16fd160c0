/**
 * Preparation for the 文号 crash test (scripts/crash-docnumbers.mjs): N 发文 drafted by the clerk and
 * walked 送审 → 签发 → 复核 to 待登记, through the same use cases the routes call (createCase,
 * performAction), in-process and a few at a time — a quarter of the cost of doing it over HTTP.
 * `DATABASE_URL=… node --import tsx scripts/crash/prepare-outgoing.ts <代字> <clerk> <signer> <count> [concurrency]`
 * prints one JSON line: { prepared, ms }. The 代字, both users and a chain [签发] must already exist.
 */
import type { OutgoingFieldsInput } from '../../common/schemas/outgoing.js';
import { createCase } from '../../server/src/engine/cases/create-case.js';
import { performAction } from '../../server/src/engine/cases/perform-action.js';
import { registerAllKinds } from '../../server/src/modules/kinds.js';
import { readConfig } from '../../server/src/platform/config.js';
import { loadTrailKey } from '../../server/src/platform/trail-key.js';
import { openDatabase } from '../../server/src/platform/db.js';
import { actorFor } from '../../server/src/seed/demo-actors.js';

const [issuerCode, clerkName, signerName, countText, concurrencyText] = process.argv.slice(2);
const databaseUrl = process.env.DATABASE_URL;
if (!issuerCode || !clerkName || !signerName || !countText || !databaseUrl) {
  console.error('usage: DATABASE_URL=… node --import tsx scripts/crash/prepare-outgoing.ts <代字> <clerk> <signer> <count> [concurrency]');
  process.exit(2);
}
const count = Number(countText);
const concurrency = Number(concurrencyText ?? 6);

const started = Date.now();
registerAllKinds();
// The pool is a little larger than the workers, so no worker waits on another's connection.
process.env.FUBAN_DB_POOL ??= String(concurrency + 2);
loadTrailKey({ envKey: process.env.FUBAN_TRAIL_KEY, dataDir: readConfig().dataDir }); // the servers' key: same data directory or FUBAN_TRAIL_KEY
const database = await openDatabase({ databaseUrl, dataDir: '' });
const db = database.db;
try {
  const [clerk, signer] = [await actorFor(db, clerkName), await actorFor(db, signerName)];
  const fieldsOf = (index: number): OutgoingFieldsInput => ({
    issuerCode,
    docType: '通知',
    direction: '下行文',
    title: `崩溃测试市人民政府关于做好第${index + 1}项重点工作的通知`,
    mainTo: [{ name: '各县（市、区）人民政府' }, { name: '市政府各部门' }],
    copyTo: [{ name: '市委办公室' }],
    body: [
      { level: 0, text: `为做好第${index + 1}项重点工作，现将有关事项通知如下。` },
      { level: 1, text: '工作要求' },
      { level: 0, text: '各地各部门要明确责任分工，逐项抓好落实。' },
    ],
    copies: 10,
    signerId: signer.userId,
  });
  // Each case walks its own steps in order; the cases go a few at a time, as the servers' pools would.
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const created = await createCase({ db, actor: clerk, kindId: 'outgoing', fields: fieldsOf(index) as Record<string, unknown>, now: new Date() });
      const id = created.id;
      let version = (await performAction({ db, actor: clerk, caseId: id, action: 'submit', input: { version: created.version }, now: new Date() })).version;
      version = (await performAction({ db, actor: signer, caseId: id, action: 'sign_off', input: { version, comment: '同意。' }, now: new Date() })).version;
      const { state } = await performAction({ db, actor: clerk, caseId: id, action: 'check', input: { version }, now: new Date() });
      if (state !== 'registering') throw new Error(`case ${id} is ${state} after 复核, not registering`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  console.log(JSON.stringify({ prepared: count, ms: Date.now() - started }));
} finally {
  await database.close();
}
