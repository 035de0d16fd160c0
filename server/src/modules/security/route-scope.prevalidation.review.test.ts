/**
 * Security review: who may call a route is settled before its input is read. For every /api/ route the app
 * registered (taken from the app itself, so a new route is covered without touching this file), requests with
 * an empty, a malformed and a schema-breaking body (and params and query that break theirs) are sent
 * (a) signed out: 401, unless the route is public — and only the expected few are;
 * (b) as each of the 12 roles that lacks the route's declared permission: 403 with the usual error body, one
 *     access.denied audit row naming the route and the permission, and no other row written.
 * Before the route guard ran ahead of validation, such requests got 400 (the schema spoke first).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { permissionsOf, Role, type Permission } from '../../../../common/access.js';
import { rowsOf } from '../../platform/db.js';
import { permissionsWanted, requireRouteAccess, routesOf, type DeclaredRoute } from '../../platform/http.js';
import { recordTypes } from '../../engine/records/record-type.js';
import { actingAs } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
let routes: DeclaredRoute[];

/** The routes anyone may call: the citizens' and systems' paths, signing in and out, the health check, the API's own document. */
const isExpectedPublic = ({ method, url }: DeclaredRoute) =>
  url.startsWith('/api/public/') ||
  url === '/api/docs' ||
  url.startsWith('/api/docs/') ||
  ['POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/health'].includes(`${method} ${url}`);

/**
 * The params a route is tried with: those it names kept (a route whose permission its path decides — a record type's —
 * is tried once per registered type), every other one filled with something its schema refuses.
 */
const paramSetsOf = (route: DeclaredRoute): Array<Record<string, string>> =>
  typeof route.access === 'object' && 'byParams' in route.access ? recordTypes().map((recordType) => ({ type: recordType.type })) : [{}];

/** The route's path with the given params, and every other one filled with `filler` (a uuid param gets "x"). */
const urlOf = (url: string, params: Record<string, string>, filler: string) =>
  url.replace(/:([A-Za-z_]+)/g, (_match, name: string) => params[name] ?? filler).replace(/\*$/, 'x');

type Variant = { name: string; url: string; headers: Record<string, string>; payload?: string };
/** The bad requests sent to a route: no body at all, JSON that does not parse, and an empty object with bad params and query. */
const variantsOf = ({ method, url }: DeclaredRoute, params: Record<string, string>): Variant[] => {
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const label = Object.values(params).join(',');
  const variants: Variant[] = [{ name: 'empty', url: urlOf(url, params, 'x'), headers: {} }];
  if (hasBody) {
    variants.push({ name: 'empty JSON', url: urlOf(url, params, 'x'), headers: { 'content-type': 'application/json' }, payload: '' });
    variants.push({ name: 'malformed JSON', url: urlOf(url, params, 'x'), headers: { 'content-type': 'application/json' }, payload: '{"version": ' });
    variants.push({ name: 'schema-breaking', url: `${urlOf(url, params, '%00')}?version=-1&limit=x`, headers: { 'content-type': 'application/json' }, payload: '{"version":"x","__proto__":{"a":1}}' });
  } else {
    variants.push({ name: 'bad params and query', url: `${urlOf(url, params, '%00')}?year=x&limit=-1&from=2025-13-45&unit=\u0000`, headers: {} });
  }
  return variants.map((variant) => (label ? { ...variant, name: `${label}: ${variant.name}` } : variant));
};

// ——— "nothing written": a counter every row change of every table but sessions adds to, with refusals counted apart ———
// (reading a session may touch it; the audit chain's tails — trail_seal, and audit_lanes once main's
// migration 0043 is in — move with every audit row). One row to read per request.
const fingerprint = async () =>
  rowsOf<{ n: string; denied: string; last: { route?: string; method?: string; permission?: string | null; code?: string } | null }>(
    await t.database.db.execute(sql.raw('select n::text as n, denied::text as denied, last from review_changes')),
  )[0]!;

before(async () => {
  t = await startTestApp({ config: { publicRequestsPerMinute: 100_000 } });
  routes = routesOf(t.app).filter((route) => route.method !== 'HEAD');
  const db = t.database.db;
  await db.execute(sql.raw('create table review_changes (n bigint not null, denied bigint not null, last jsonb)'));
  await db.execute(sql.raw('insert into review_changes values (0, 0, null)'));
  await db.execute(
    sql.raw(`create function review_count() returns trigger language plpgsql as $$ begin
      if tg_table_name = 'audit_log' and tg_op = 'INSERT' and to_jsonb(new) ->> 'action' = 'access.denied' then
        update review_changes set denied = denied + 1, last = to_jsonb(new) -> 'details'; return null;
      end if;
      update review_changes set n = n + 1; return null; end $$`),
  );
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql.raw(`select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('sessions', 'review_changes', 'trail_seal', 'audit_lanes')`)),
  ).map((row) => row.name);
  assert.ok(tables.includes('audit_log') && tables.includes('cases'));
  for (const table of tables) {
    await db.execute(sql.raw(`create trigger review_count after insert or update or delete on "${table}" for each row execute function review_count()`));
  }
});
after(() => t.close());

describe('security review: the route guard answers before the input is read', () => {
  test('every /api/ route is listed with its declared access, and only the expected few are public', () => {
    assert.ok(routes.length > 150, `the app's routes were listed (${routes.length})`);
    const publicRoutes = routes.filter((route) => route.access === 'public');
    assert.deepEqual(publicRoutes.filter((route) => !isExpectedPublic(route)).map((route) => `${route.method} ${route.url}`), []);
    assert.ok(publicRoutes.some((route) => route.url === '/api/public/mailbox/letters'), '市长信箱 stays public');
    assert.ok(publicRoutes.some((route) => route.url === '/api/public/open311/v2/requests.json'), 'Open311 stays public (its own api_key)');
    const guarded = routes.filter((route) => paramSetsOf(route).some((params) => permissionsWanted(route.access, params) !== null));
    assert.ok(guarded.length > 120, `most routes name a permission (${guarded.length})`);
  });

  test('a route that declares no access stops the app from starting', async () => {
    const app = Fastify({ logger: false });
    requireRouteAccess(app);
    app.get('/api/declared', { config: { access: 'signed-in' } }, async () => ({}));
    await assert.rejects(async () => {
      app.post('/api/forgotten', async () => ({}));
      await app.ready();
    }, /POST \/api\/forgotten: the route declares no config\.access/);
    await app.close().catch(() => undefined);
  });

  test('signed out, every route but the public ones answers 401 whatever the body, and writes nothing', async (context) => {
    const checked: string[] = [];
    for (const route of routes.filter((candidate) => candidate.access !== 'public')) {
      for (const variant of paramSetsOf(route).flatMap((params) => variantsOf(route, params))) {
        const before = await fingerprint();
        const response = await t.app.inject({ method: route.method as 'GET', url: variant.url, headers: variant.headers, ...(variant.payload === undefined ? {} : { payload: variant.payload }) });
        const name = `${route.method} ${route.url} (${variant.name})`;
        assert.equal(response.statusCode, 401, `${name}: ${response.body.slice(0, 200)}`);
        assert.equal(response.json().code, 'UNAUTHENTICATED', name);
        assert.deepEqual(await fingerprint(), before, `${name} wrote nothing`);
        checked.push(name);
      }
    }
    assert.ok(checked.length > 300, `${checked.length} requests`);
    context.diagnostic(`${checked.length} requests signed out to ${routes.length - routes.filter((route) => route.access === 'public').length} routes`);
  });

  test('as each of the 12 roles, every route whose permission the role lacks answers 403 whatever the body: audited, nothing else written', async (context) => {
    const db = t.database.db;
    const targets = routes.flatMap((route) => paramSetsOf(route).map((params) => ({ route, params, wanted: permissionsWanted(route.access, params) })));
    assert.ok(targets.some(({ route, wanted }) => route.url === '/api/records/:type' && wanted !== null), 'a record type names its permission');
    let refusals = 0;
    for (const role of Role.options) {
      const granted = new Set<Permission>(permissionsOf([role]));
      const who = await actingAs(t.app, db, [role]);
      for (const { route, params, wanted } of targets) {
        if (!wanted || wanted.some((permission) => granted.has(permission))) continue;
        for (const variant of variantsOf(route, params)) {
          const before = await fingerprint();
          const response = await t.app.inject({
            method: route.method as 'GET',
            url: variant.url,
            headers: { ...variant.headers, cookie: who.cookie },
            ...(variant.payload === undefined ? {} : { payload: variant.payload }),
          });
          const name = `${role} ${route.method} ${route.url} (${variant.name})`;
          assert.equal(response.statusCode, 403, `${name}: ${response.body.slice(0, 200)}`);
          assert.deepEqual(response.json(), { code: 'FORBIDDEN', message: '没有权限执行此操作' }, name);
          const now = await fingerprint();
          assert.equal(now.n, before.n, `${name} wrote nothing but its refusal`);
          assert.equal(Number(now.denied), Number(before.denied) + 1, `${name}: one access.denied row`);
          assert.deepEqual(
            [now.last?.method, now.last?.route, now.last?.permission, now.last?.code],
            [route.method, route.url, wanted[0], 'FORBIDDEN'],
            `${name}: the audit row names the route and the permission`,
          );
          refusals += 1;
        }
      }
    }
    assert.ok(refusals > 1000, `${refusals} refusals`);
    context.diagnostic(`${refusals} refusals as ${Role.options.length} roles`);
  });

  test('a role holding the permission still gets past the guard to the schema (400 for the malformed body)', async () => {
    const who = await actingAs(t.app, t.database.db, ['sysadmin']);
    const response = await who.request('POST', '/api/units', {} as never);
    assert.equal(response.statusCode, 400, response.body);
    const refused = await t.app.inject({ method: 'POST', url: '/api/units', headers: { cookie: who.cookie, 'content-type': 'application/json' }, payload: '{"name": ' });
    assert.equal(refused.statusCode, 400, refused.body);
  });
});
