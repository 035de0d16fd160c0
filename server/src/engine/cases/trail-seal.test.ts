import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { actorOf, buildUnit, buildUser } from '../../../test/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.js';
import { checkTrails, formatTrailReport } from '../../cli/verify-trail-command.js';
import { registerAllKinds } from '../../modules/kinds.js';
import { writeAudit } from '../../platform/audit.js';
import { rowsOf } from '../../platform/db.js';
import { hmacSm3, sm3 } from '../../platform/seal.js';
import { createCase } from './create-case.js';
import { performAction } from './perform-action.js';
import { GENESIS_HASH } from './trail.js';

describe('HMAC-SM3 (RFC 2104 over SM3)', () => {
  const hex = (text: string) => Buffer.from(text, 'hex');
  test('gives the published GM/T 0042-2015 Appendix D.3 answers', () => {
    const message1 = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2);
    assert.equal(hmacSm3(hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20'))(message1), 'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a');
    const key2 = hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425');
    assert.equal(hmacSm3(key2)(Buffer.alloc(50, 0xcd)), '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae');
  });
  test('agrees with OpenSSL HMAC-SM3 for short, block-sized and long (hashed) keys, and is reusable', () => {
    for (const length of [1, 32, 64, 65, 200]) {
      const key = Buffer.alloc(length, 0x5a);
      const mac = hmacSm3(key);
      for (const message of ['', '留痕', 'x'.repeat(1000)]) {
        assert.equal(mac(message), createHmac('sm3', key).update(message, 'utf8').digest('hex'), `key ${length} bytes`);
      }
    }
  });
});

const superuser = async (db: TestDatabase['db'], statement: ReturnType<typeof sql>) => {
  // What someone with database rights can do: step around the append-only triggers.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
};

describe('verify-trail against someone who can write the database', () => {
  let database: TestDatabase;
  before(async () => {
    registerAllKinds();
    database = await createTestDatabase();
  });
  after(() => database.close());

  const makeCase = async () => {
    const db = database.db;
    const clerkUser = await buildUser(db, { roles: ['clerk'] });
    const clerk = actorOf(clerkUser, ['clerk']);
    const leader = await buildUser(db, { roles: ['leader'] });
    const unit = await buildUnit(db);
    const now = new Date('2026-11-02T09:00:00+08:00');
    const created = await createCase({
      db,
      actor: clerk,
      kindId: 'instruction',
      fields: { leaderId: leader.id, leaderName: '李红梅', instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle: '留痕测试' },
      now,
    });
    await performAction({ db, actor: clerk, caseId: created.id, action: 'assign', input: { version: 1, units: [{ unitId: unit.id, role: 'lead' }] }, now });
    await writeAudit(db, { actor: clerk }, { action: 'test.one', result: 'success', details: { at: new Date(now) } });
    await writeAudit(db, { actor: clerk }, { action: 'test.two', result: 'success' });
    return created;
  };

  test('an untouched database is clean, and events record the version they left', async () => {
    const created = await makeCase();
    const report = await checkTrails(database.db);
    assert.deepEqual(report.problems, [], formatTrailReport(report));
    assert.equal(report.auditProblem, undefined, formatTrailReport(report));
    assert.match(formatTrailReport(report), /全部完好/);
    // The seal and the chain are kept as their 32 bytes (migration 0037), read back as the hex the code compares.
    const events = rowsOf<{ case_version: number; mac: string | null; bytes: number }>(
      await database.db.execute(sql`select case_version, encode(mac, 'hex') as mac, octet_length(mac) + octet_length(hash) + octet_length(prev_hash) as bytes from case_events where case_id = ${created.id} order by seq`),
    );
    assert.deepEqual(events.map((event) => event.case_version), [1, 2]);
    assert.ok(events.every((event) => event.mac?.length === 64 && Number(event.bytes) === 96));
  });

  test('the newest event deleted: names the case and the missing version', async () => {
    const created = await makeCase();
    await superuser(database.db, sql`delete from case_events where case_id = ${created.id} and seq = 2`);
    const report = await checkTrails(database.db);
    const problem = report.problems.find((item) => item.caseId === created.id);
    assert.ok(problem, formatTrailReport(report));
    assert.equal(problem.seq, 1);
    assert.match(formatTrailReport(report), new RegExp(`${created.serialNo}：第 1 条记录（事件编号 \\d+）之后缺少记录：事项已到第 2 版，留痕只记到第 1 版`));
  });

  test('an event rewritten and the chain recomputed with plain SM3: names the event', async () => {
    const created = await makeCase();
    const [first] = rowsOf<{ id: number; hash: string }>(await database.db.execute(sql`select id, encode(hash, 'hex') as hash from case_events where case_id = ${created.id} and seq = 1`));
    const [second] = rowsOf<Record<string, unknown>>(await database.db.execute(sql`select * from case_events where case_id = ${created.id} and seq = 2`));
    assert.ok(first && second);
    // The forger knows the hashing rule (it is in the source): recompute the SM3 hash of the edited record.
    const { hashEvent } = await import('./trail.js');
    const comment = '（事后改写的意见）';
    const hash = hashEvent(first.hash, {
      caseId: created.id,
      seq: 2,
      caseVersion: 2,
      at: new Date(second.at as string).toISOString(),
      actorId: second.actor_id as string,
      actorName: second.actor_name as string,
      onBehalfOfId: null,
      onBehalfOfName: null,
      action: second.action as string,
      fromState: second.from_state as string,
      toState: second.to_state as string,
      comment,
      data: second.data as Record<string, unknown>,
    });
    assert.notEqual(hash, GENESIS_HASH);
    await superuser(database.db, sql`update case_events set comment = ${comment}, hash = decode(${hash}, 'hex'), mac = decode(${sm3(hash)}, 'hex') where id = ${second.id as number}`);
    const report = await checkTrails(database.db);
    const problem = report.problems.find((item) => item.caseId === created.id);
    assert.ok(problem, formatTrailReport(report));
    assert.equal(problem.seq, 2);
    assert.equal(problem.eventId, Number(second.id));
    assert.match(problem.reason, /密钥封印不符/);
  });

  test('an audit row deleted: names the gap; the newest one deleted: names the missing tail', async () => {
    await makeCase();
    const [row] = rowsOf<{ lane: number; seq: string | number }>(
      await database.db.execute(sql`select lane, seq from audit_log where action = 'test.one' order by id desc limit 1`),
    );
    const seq = Number(row!.seq);
    const lane = Number(row!.lane);
    await superuser(database.db, sql`delete from audit_log where lane = ${lane} and seq = ${seq}`);
    const report = await checkTrails(database.db);
    assert.equal(report.auditProblem?.seq, seq + 1, formatTrailReport(report));
    assert.equal(report.auditProblem?.lane, lane);
    assert.match(formatTrailReport(report), new RegExp(`审计日志 ${lane} 号链：第 ${seq + 1} 条（记录编号 \\d+）之前缺少第 ${seq} 条审计记录`));

    const fresh = await createTestDatabase();
    try {
      await writeAudit(fresh.db, { actorName: 'a', ip: null }, { action: 'test.one', result: 'success' });
      await writeAudit(fresh.db, { actorName: 'a', ip: null }, { action: 'test.two', result: 'success' });
      assert.equal((await checkTrails(fresh.db)).auditProblem, undefined);
      const [newest] = rowsOf<{ lane: number; seq: string | number }>(await fresh.db.execute(sql`select lane, seq from audit_log order by id desc limit 1`));
      await superuser(fresh.db, sql`delete from audit_log where lane = ${Number(newest!.lane)} and seq = ${Number(newest!.seq)}`);
      const cut = await checkTrails(fresh.db);
      assert.match(cut.auditProblem?.reason ?? '', new RegExp(`之后缺少第 ${Number(newest!.seq)} 条审计记录（最新的记录被删除）`), formatTrailReport(cut));
    } finally {
      await fresh.close();
    }
  });
});
