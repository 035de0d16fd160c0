/**
 * Every route of the app, driven with generated bad input (fast-check): control characters, 1 MB
 * strings, dates that do not exist, integers past 2³¹, negative and fractional numbers, prototype
 * keys as path params and object keys, forged cursors, wrong types — in params, query and body, as
 * each role and signed out. No answer may be a 5xx, and a 4xx must leave every table as it was.
 *
 * The routes come from the app itself (its OpenAPI document lists every route with its params and
 * body schema), so a new route is covered without touching this file. Each input starts from a
 * plausible value for the route's schema with one part replaced, so that most requests get past the
 * first check and reach the use case and the database. Fixed seed: FUZZ_SEED and FUZZ_RUNS override.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { Role } from '../../common/access.js';
import { actingAs, buildUnit, buildUser } from '../test/factories.js';
import { startTestApp } from '../test/test-app.js';
import { rowsOf } from './platform/db.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
};
type Operation = { method: string; path: string; pathParams: string[]; query: Record<string, JsonSchema>; body: JsonSchema | undefined };

const t = await startTestApp();
t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
after(() => t.close());
const db = t.database.db;

// ——— data the routes can reach: real ids, so that input gets past "not found" ———
const unit = await buildUnit(db);
const target = await buildUser(db, { roles: ['liaison'], unitId: unit.id });
const clerk = await actingAs(t.app, db, ['clerk']);
const leader = await actingAs(t.app, db, ['leader']);
const incomingCase = (
  await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: { fromOrg: '省人民政府办公厅', docType: '通知', title: '关于做好冬季安全生产工作的通知', receivedOn: '2026-11-02' } })
).json() as { id: string };
const instructionCase = (
  await clerk.request('POST', '/api/cases', {
    kind: 'instruction',
    fields: { leaderId: leader.user.id, leaderName: '张明远', instructedOn: '2026-11-01', instruction: '请研究办理。', sourceTitle: '关于城东片区改造的请示' },
  })
).json() as { id: string };
assert.ok(incomingCase.id && instructionCase.id, 'the fixture cases exist');

const TODAY = '2026-11-02';
const realIds = [incomingCase.id, instructionCase.id, target.id, unit.id, '00000000-0000-4000-8000-000000000000'];
/** A plausible value for a path param, by its name. */
const validParam = (name: string): fc.Arbitrary<string> => {
  if (name === 'action') return fc.constantFrom('withdraw', 'review', 'assign', 'sign', 'reply', 'close');
  if (name === 'key') return fc.constantFrom('reminder.dueSoonWorkdays', ...realIds);
  if (name === 'date') return fc.constant(TODAY);
  if (name === 'year') return fc.constantFrom('2026', '2025');
  if (name === 'code') return fc.constantFrom('示政办发', '示政函');
  if (name === 'digest') return fc.constant('a'.repeat(64));
  return fc.constantFrom(...realIds, 'incoming.received');
};

const isDateName = (name: string) => /(date|On|^from$|^to$)$/i.test(name) || name === 'date';

// ——— the bad values: by the kind of place they go, so that each run tries what can hurt there ———
const forgedCursors = [
  'garbage!!',
  Buffer.from('{"id":"x"}').toString('base64url'),
  Buffer.from(JSON.stringify({ id: incomingCase.id, createdAt: '2025-13-45T00:00:00Z' })).toString('base64url'),
  Buffer.from(JSON.stringify({ id: incomingCase.id, dueDate: "2025-01-01' or 1=1" })).toString('base64url'),
  Buffer.from('[1,2,3]').toString('base64url'),
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty', 'valueOf'];
const controlStrings = ['a\u0000b', '\u0000', '\u0001\u0007\u001b[31m\u007f', '13800138000\u0000', '\ud800', '第一行\r\n第二行\t'];
const impossibleDates = ['2025-13-45', '2025-02-30', '2025-02-29', '0000-00-00', '99999-12-31', '2025-1-1', '2026-11-02T25:61:00Z'];
const hugeStrings = ['x'.repeat(1_048_576), '文'.repeat(100_001)];
const badNumbers = [2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 63, -1, -(2 ** 31) - 1, 0, 1.5, -0.5, 1e308];
const wrongTypes = [null, true, [], {}, [null], { id: 1 }, '1', 'abc', [1, [2, [3]]]];
const stringValues = [...controlStrings, ...PROTOTYPE_KEYS, ...impossibleDates, ...hugeStrings, ...forgedCursors, "'; drop table cases; --", '../../etc/passwd', '   ', ''];
/** Bad values for a place that takes a string (by name: dates and cursors get theirs more often), or a number. */
const candidatesFor = (kind: 'string' | 'number' | 'path', name: string): unknown[] => {
  if (kind === 'number') return [...badNumbers, ...wrongTypes];
  const favoured = /cursor/i.test(name) ? forgedCursors : isDateName(name) ? impossibleDates : controlStrings;
  if (kind === 'path') return [...PROTOTYPE_KEYS, ...favoured, ...controlStrings, String(2 ** 31), '-1', '1.5', 'x'.repeat(300), '..', '%00'];
  return [...favoured, ...favoured, ...stringValues, ...badNumbers, ...wrongTypes];
};
const anyBadValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...stringValues, ...badNumbers, ...wrongTypes),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.integer(),
  fc.double(),
);

// ——— plausible values from a route's schema ———
const sampleOf = (schema: JsonSchema | undefined, name = ''): unknown => {
  if (!schema) return undefined;
  if (schema.enum?.length) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return sampleOf(variants.find((variant) => variant.type !== 'null') ?? variants[0], name);
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== 'null') : schema.type;
  if (type === 'string') {
    if (schema.format === 'uuid') return name.toLowerCase().includes('unit') ? unit.id : target.id;
    if (schema.format === 'date-time') return '2026-11-02T09:00:00+08:00';
    if (isDateName(name)) return TODAY;
    return '测试内容'.padEnd(Math.max(4, schema.minLength ?? 0), '文');
  }
  if (type === 'integer' || type === 'number') return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
  if (type === 'boolean') return false;
  if (type === 'array') return schema.minItems ? [sampleOf(schema.items, name)] : [];
  if (type === 'object' || schema.properties) {
    const value: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (schema.required?.includes(key) || key === 'version') value[key] = sampleOf(property, key);
    }
    return value;
  }
  return schema.default ?? null;
};

/** Bodies that pass the route schema whole, for routes whose plausible value a schema cannot tell. */
const knownBodies: Record<string, () => Record<string, unknown>> = {
  'POST /api/cases': () => ({ kind: 'incoming', fields: { fromOrg: '省人民政府办公厅', docType: '通知', title: '关于冬季安全生产的通知', receivedOn: TODAY, remarks: '备注' } }),
  'POST /api/delegations': () => ({ toUserId: target.id, startDate: TODAY, endDate: TODAY, note: '出差' }),
  'POST /api/cases/{id}/actions/{action}': () => ({ version: 1, comment: '同意', units: [{ unitId: unit.id, role: 'lead' }] }),
  'PUT /api/calendar/overrides/{date}': () => ({ kind: 'holiday', note: '元旦', source: '国办发明电' }),
};

/** Where a value sits in a body: the path of keys down to it. */
const pathsOf = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
};
const replaceAt = (value: unknown, path: (string | number)[], replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = replaceAt(copy[path[0]!], path.slice(1), replacement);
  return copy;
};
/** JSON text of an object with one more key — written by hand, as `__proto__` cannot be an own key of a literal. */
const withRawKey = (value: unknown, key: string, item: unknown): string => {
  const rest = JSON.stringify(value ?? {});
  const inner = rest.startsWith('{') && rest !== '{}' ? `,${rest.slice(1)}` : '}';
  return `{${JSON.stringify(key)}:${JSON.stringify(item) ?? 'null'}${inner}`;
};

// ——— the routes ———
const spec = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    pathParams: (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
    query: Object.fromEntries((operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => [parameter.name, parameter.schema])),
    body: operation.requestBody?.content['application/json']?.schema,
  })),
);

// ——— what "nothing changed" means: a counter every row change of every table but sessions adds to ———
// (reading a session may touch it; rolled-back changes roll their count back too). One row to read per request.
await db.execute(sql.raw('create table fuzz_changes (n bigint not null)'));
await db.execute(sql.raw('insert into fuzz_changes values (0)'));
// A refusal (403) is meant to be written down: its access.denied audit row is not a change, and neither is
// the audit chain's tails (audit_lanes) that every audit row moves — any other audit row is counted on audit_log.
await db.execute(
  sql.raw(`create function fuzz_count() returns trigger language plpgsql as $$ begin
    if tg_table_name = 'audit_log' and tg_op = 'INSERT' then
      if to_jsonb(new) ->> 'action' = 'access.denied' then return null; end if;
    end if;
    update fuzz_changes set n = n + 1; return null; end $$`),
);
const watchedTables = rowsOf<{ name: string }>(
  await db.execute(sql.raw(`select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('sessions', 'fuzz_changes', 'trail_seal', 'audit_lanes')`)),
).map((row) => row.name);
assert.ok(watchedTables.includes('audit_log') && watchedTables.includes('cases'));
for (const table of watchedTables) {
  await db.execute(sql.raw(`create trigger fuzz_count after insert or update or delete on "${table}" for each row execute function fuzz_count()`));
}
const fingerprint = async () => rowsOf<{ n: string }>(await db.execute(sql.raw('select n::text as n from fuzz_changes')))[0]!.n;
let last: string | undefined;

// ——— sessions: one holding every role (most requests reach their use case), one per role, and none ———
type Who = 'every role' | Role | 'anonymous';
const whoArbitrary: fc.Arbitrary<Who> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Who>('every role') },
  { weight: 2, arbitrary: fc.constantFrom<Who>(...Role.options) },
  { weight: 1, arbitrary: fc.constant<Who>('anonymous') },
);
const sessions = new Map<Who, string>();
/** The session cookie of `who`; a new user signs in when there is none (first use, or the last request ended it). */
const cookieOf = async (who: Who): Promise<string | undefined> => {
  if (who === 'anonymous') return undefined;
  if (!sessions.has(who)) {
    const roles = who === 'every role' ? [...Role.options] : [who];
    sessions.set(who, (await actingAs(t.app, db, roles, { unitId: unit.id })).cookie);
    last = await fingerprint(); // the new user, its sign-in and audit row are not the request's doing
  }
  return sessions.get(who);
};

// A failed sign-in is meant to be written down (audit row, failed-login count): not a change by a 4xx.
const writesOnRefusal = new Set(['POST /api/auth/login', 'POST /api/auth/password']);
// Open311: a wrong api_key, and every call of the request list and of the batch intake (bad filters, an empty or over-limit batch included), is written down (audit row), as the hotline issue asks.
for (const name of ['POST /api/public/open311/v2/requests.json', 'POST /api/public/open311/v2/requests/batch.json', 'GET /api/public/open311/v2/requests.json', 'GET /api/public/open311/v2/requests/{id}']) writesOnRefusal.add(name);
const endsSession = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

// ——— where a bad value can go in a request of a route ———
type Location = (string | number)[];
type Slot =
  | { part: 'path'; index: number; name: string }
  | { part: 'query'; name: string; kind: 'string' | 'number' }
  | { part: 'query-key' }
  | { part: 'body'; at: Location; kind: 'string' | 'number' }
  | { part: 'body-key'; at: Location }
  | { part: 'raw' }
  | { part: 'multipart' };

const KEY_MARKER = '__fuzz_key__';
const badKeys = [...PROTOTYPE_KEYS, 'x\u0000y', 'a\u0007', ''];
const rawBodies = ['{"a":', '"text"', '123', 'null', '[]', '{"version":1e999}', `{"s":"${'x'.repeat(1_048_600)}"}`, '{"a":{"__proto__":{"polluted":1}}}', '{"constructor":{"prototype":{"polluted":1}}}'];

const plausibleBody = (operation: Operation): unknown => knownBodies[`${operation.method} ${operation.path}`]?.() ?? sampleOf(operation.body);
const hasBody = (operation: Operation) => !['GET', 'DELETE'].includes(operation.method);
const kindOfSchema = (schema: JsonSchema | undefined): 'string' | 'number' => (schema?.type === 'integer' || schema?.type === 'number' ? 'number' : 'string');

const slotsOf = (operation: Operation): Slot[] => {
  const slots: Slot[] = operation.pathParams.map((name, index) => ({ part: 'path' as const, index, name }));
  for (const [name, schema] of Object.entries(operation.query)) slots.push({ part: 'query', name, kind: kindOfSchema(schema) });
  slots.push({ part: 'query-key' });
  if (hasBody(operation) && operation.body) {
    const body = plausibleBody(operation);
    for (const at of pathsOf(body)) {
      const value = at.reduce<unknown>((item, key) => (item as Record<string | number, unknown>)[key], body);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) slots.push({ part: 'body-key', at });
      slots.push({ part: 'body', at, kind: typeof value === 'number' ? 'number' : 'string' });
    }
    slots.push({ part: 'raw' });
  } else if (hasBody(operation)) {
    slots.push({ part: 'multipart' }, { part: 'raw' }); // upload and import routes: multipart, no JSON schema
  }
  return slots;
};

type Input = { who: Who; params: string[]; slot: number; variant: number; generic: unknown; isGeneric: boolean };
const inputOf = (operation: Operation): fc.Arbitrary<Input> =>
  fc.record({
    who: whoArbitrary,
    params: operation.pathParams.length ? fc.tuple(...operation.pathParams.map(validParam)) : fc.constant([] as string[]),
    slot: fc.nat(),
    variant: fc.nat(),
    generic: anyBadValue,
    isGeneric: fc.boolean(),
  });

const text = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
// Byte by byte, so that a lone surrogate is sent (as U+FFFD) rather than refused by encodeURIComponent.
const encode = (value: string) => [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const multipart = (fileName: string, field: string) => {
  const boundary = 'fuzzboundary';
  const part = (name: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${field}\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.from(
      `${part('mode')}${part('mapping')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/["\r\n]/g, '')}"\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n${field}\r\n--${boundary}--\r\n`,
    ),
  };
};

/** The request of one run: plausible everywhere but in the one slot the run picked. */
const requestOf = (operation: Operation, input: Input) => {
  const slots = slotsOf(operation);
  const slot = slots[input.slot % slots.length]!;
  const pickFrom = (candidates: readonly unknown[]) => (input.isGeneric ? input.generic : candidates[input.variant % candidates.length]);

  const params = [...input.params];
  if (slot.part === 'path') params[slot.index] = text(pickFrom(candidatesFor('path', slot.name)));
  let index = 0;
  const url = operation.path.replace(/\{[^}]+\}/g, () => encode(params[index++] ?? ''));

  const query = sampleOf({ type: 'object', properties: operation.query, required: Object.keys(operation.query) }) as Record<string, unknown>;
  if (slot.part === 'query') query[slot.name] = pickFrom(candidatesFor(slot.kind, slot.name));
  if (slot.part === 'query-key') query[badKeys[input.variant % badKeys.length]!] = text(input.generic);
  const search = new URLSearchParams(Object.entries(query).map(([name, value]): [string, string] => [name, text(value)])).toString();

  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;
  if (hasBody(operation) && operation.body) {
    const body = plausibleBody(operation);
    headers['content-type'] = 'application/json';
    if (slot.part === 'body') payload = JSON.stringify(replaceAt(body, slot.at, pickFrom(candidatesFor(slot.kind, String(slot.at.at(-1) ?? '')))));
    else if (slot.part === 'body-key') {
      const object = slot.at.reduce<unknown>((item, key) => (item as Record<string | number, unknown>)[key], body) as Record<string, unknown>;
      const marked = JSON.stringify(replaceAt(body, slot.at, { ...object, [KEY_MARKER]: input.generic }));
      // `__proto__` cannot be an own key of an object literal: written into the JSON text instead.
      payload = marked.replace(JSON.stringify(KEY_MARKER), JSON.stringify(badKeys[input.variant % badKeys.length]));
    } else if (slot.part === 'raw') payload = rawBodies[input.variant % rawBodies.length];
    else payload = JSON.stringify(body);
  } else if (slot.part === 'multipart') {
    const value = text(pickFrom(candidatesFor('string', 'file')));
    const form = multipart(value, value);
    payload = form.payload;
    headers['content-type'] = form.contentType;
  } else if (slot.part === 'raw') {
    payload = rawBodies[input.variant % rawBodies.length];
    headers['content-type'] = 'application/json';
  }
  return { url: search ? `${url}?${search}` : url, headers, payload, slot };
};

const describeRequest = (who: Who, request: ReturnType<typeof requestOf>) =>
  JSON.stringify({ who, url: request.url, slot: request.slot, payload: request.payload instanceof Buffer ? '(multipart)' : request.payload }, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 200 ? `${value.slice(0, 100)}…(${value.length} chars)` : value,
  );

describe(`every route, bad input (fast-check seed ${SEED}, ${RUNS_PER_ROUTE} runs a route)`, () => {
  assert.ok(operations.length > 50, `the app's routes were listed (${operations.length})`);
  operations.forEach((operation, routeIndex) => {
    const name = `${operation.method} ${operation.path}`;
    test(name, async () => {
      const property = fc.asyncProperty(inputOf(operation), async (input) => {
        const request = requestOf(operation, input);
        const cookie = await cookieOf(input.who);
        last ??= await fingerprint();
        const response = await t.app.inject({
          method: operation.method as 'GET',
          url: request.url,
          headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
          ...(request.payload === undefined ? {} : { payload: request.payload }),
        });
        const [before, now] = [last, await fingerprint()];
        last = now;
        if ((endsSession.has(name) && response.statusCode < 300) || response.statusCode === 401 || response.statusCode === 423) sessions.delete(input.who);
        assert.ok(response.statusCode < 500, `${name} answered ${response.statusCode} ${response.body.slice(0, 300)} to ${describeRequest(input.who, request)}`);
        if (response.statusCode >= 400 && !writesOnRefusal.has(name)) {
          assert.equal(now, before, `${name} answered ${response.statusCode} but changed rows, for ${describeRequest(input.who, request)}`);
        }
      });
      try {
        await fc.assert(property, { seed: SEED + routeIndex, numRuns: RUNS_PER_ROUTE });
      } catch (error) {
        // fast-check's report names the seed and path that replay the failure; this says how to rerun the file.
        console.error(`${name}: FUZZ_SEED=${SEED} (this route's seed ${SEED + routeIndex})`);
        throw error;
      }
    });
  });
});
