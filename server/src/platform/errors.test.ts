/**
 * The one error handler, fed errors the database really raises (through the real driver, on either database): what a
 * client is told for each class of database error, and that nothing else about the error leaks out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { invalidInput, registerErrorHandler } from './errors.js';

let database: TestDatabase;
let app: FastifyInstance;

/** A statement that fails with the given SQLSTATE, and a message that must never reach the client. */
const raising = (sqlState: string) =>
  sql.raw(`do $$ begin raise exception 'secret detail 13800138000' using errcode = '${sqlState}'; end $$`);

before(async () => {
  database = await createTestDatabase();
  app = Fastify({ logger: false });
  registerErrorHandler(app);
  app.setValidatorCompiler(validatorCompiler);
  // A body checked by its route schema, and one checked by a use case with the checker's own labels.
  app.post('/schema', { schema: { body: z.object({ fields: z.object({ docNo: z.string().max(20), writtenOn: z.string().min(1) }) }) } }, async () => ({ ok: true }));
  app.post('/use-case', async (request) => {
    const parsed = z.object({ fields: z.object({ docNo: z.string().max(20) }) }).safeParse(request.body);
    if (!parsed.success) throw invalidInput(parsed.error.issues, { labels: { docNo: '来文字号' } });
    return { ok: true };
  });
  app.get<{ Params: { state: string } }>('/raise/:state', async (request) => {
    await database.db.execute(raising(request.params.state));
    return { ok: true };
  });
  await app.ready();
});

after(async () => {
  await app?.close();
  await database?.close();
});

const answerTo = async (sqlState: string) => {
  const response = await app.inject({ method: 'GET', url: `/raise/${sqlState}` });
  assert.doesNotMatch(response.body, /secret|13800138000/, 'the database message stays on the server');
  return { status: response.statusCode, body: response.json() as { code: string; message: string } };
};

describe('database errors as answers', () => {
  test('a deadlock or a serialization failure is a lost race: 409, retry', async () => {
    for (const sqlState of ['40P01', '40001']) {
      const { status, body } = await answerTo(sqlState);
      assert.equal(status, 409, sqlState);
      assert.equal(body.code, 'CONFLICT');
      assert.match(body.message, /请刷新后重试/);
    }
  });

  test('a unique violation is 409, refused input 400, anything else 500 without detail', async () => {
    assert.deepEqual(await answerTo('23505'), { status: 409, body: { code: 'CONFLICT', message: '记录已存在（编号或名称重复）' } });
    assert.equal((await answerTo('22P02')).status, 400);
    assert.equal((await answerTo('54000')).status, 400);
    assert.deepEqual(await answerTo('XX000'), { status: 500, body: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
    assert.deepEqual(await answerTo('40P02'), { status: 500, body: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  });
});

describe('a refused body names its field by label, never by its path', () => {
  const refused = async (url: string, payload: unknown) => {
    const response = await app.inject({ method: 'POST', url, payload: payload as object });
    assert.equal(response.statusCode, 400, response.body);
    return response.json() as { code: string; message: string; details: { fields: Array<{ path: string; label?: string; message: string }> } };
  };

  test('the route schema: 「文号」, and the path only in details', async () => {
    const body = await refused('/schema', { fields: { docNo: 'x'.repeat(21), writtenOn: '' } });
    assert.equal(body.code, 'VALIDATION');
    assert.match(body.message, /「文号」不能超过 20 个字/);
    assert.match(body.message, /「成文日期」不能为空/);
    assert.doesNotMatch(body.message, /fields|docNo|writtenOn|[./]/);
    assert.deepEqual(body.details.fields.map((field) => [field.path, field.label]), [['fields.docNo', '文号'], ['fields.writtenOn', '成文日期']]);
  });

  test('a missing envelope is named too: 内容, not fields', async () => {
    const body = await refused('/schema', {});
    assert.equal(body.message, '输入有误：「内容」必须填写');
  });

  test("a use case's check: its own label comes first", async () => {
    const body = await refused('/use-case', { fields: { docNo: 'x'.repeat(21) } });
    assert.equal(body.message, '输入有误：「来文字号」不能超过 20 个字');
    assert.equal(body.details.fields[0]!.path, 'fields.docNo');
  });
});
