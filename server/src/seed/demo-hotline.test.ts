/**
 * The demo 12345 year runs through the use cases: the tickets asked for exist, in every state a real
 * center has (直接办结, 办理中, 待回访, 办结, with 退单 and 重办 among them), every trail verifies, and the
 * 三率 of a month read them, a number typed into a content is masked; the week of `now` shows the 西街街道 停水
 * burst as the 热点 page's 突增.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../platform/db.js';
import { verifyAllTrails } from '../engine/cases/trail.js';
import { readRateFacts } from '../modules/hotline/hotline.rates.js';
import { readHotspots } from '../modules/hotline/hotline.hotspots.js';
import { actorOf } from '../../test/factories.js';
import { startTestApp, type TestContext } from '../../test/test-app.js';
import { seedDemoOffice } from './demo-office.js';
import { seedDemoYear } from './demo-year.js';

let t: TestContext;
const now = new Date('2026-11-20T10:00:00+08:00');
before(async () => {
  t = await startTestApp();
  assert.equal(await seedDemoOffice({ db: t.database.db, now: new Date('2026-01-01T00:00:00+08:00') }), true);
  const counts = await seedDemoYear({ db: t.database.db, now, counts: { incoming: 0, outgoing: 0, instructions: 0, drafts: 0, disclosures: 0, petitions: 0, proposals: 0, tickets: 120 } });
  assert.equal(counts.tickets, 120);
});
after(() => t.close());

test('demo tickets: every state, 退单 and 重办 among them, sound trails, and a month of 三率', async () => {
  const db = t.database.db;
  const states = rowsOf<{ state: string; n: number }>(await db.execute(sql`select state, count(*)::int as n from cases where kind = 'ticket' group by 1`));
  const byState = Object.fromEntries(states.map((row) => [row.state, row.n]));
  for (const state of ['answered_on_spot', 'closed']) assert.ok((byState[state] ?? 0) > 0, `${state}: ${JSON.stringify(byState)}`);
  assert.ok((byState.handling ?? 0) + (byState.replied ?? 0) > 0, `recent tickets still open: ${JSON.stringify(byState)}`);
  const [steps] = rowsOf<{ returns: number; redos: number; visits: number }>(
    await db.execute(sql`select count(*) filter (where e.action = 'unit_return')::int as returns, count(*) filter (where e.action = 'redo')::int as redos,
      count(*) filter (where e.action = 'revisit')::int as visits from case_events e join cases c on c.id = e.case_id where c.kind = 'ticket'`),
  );
  assert.ok(steps!.returns > 0 && steps!.redos > 0 && steps!.visits > 0, JSON.stringify(steps));
  const report = await verifyAllTrails(db);
  assert.equal(report.breaks.length, 0, JSON.stringify(report.breaks.slice(0, 3)));
  const facts = await readRateFacts({ db, range: { from: '2026-06-01', to: '2026-06-30' }, group: 'unit', now });
  assert.ok(facts.length > 0 && facts.some((item) => item.responseDue > 0 && item.reached > 0), JSON.stringify(facts));
  // The number a demo caller left in the content is masked in the rows and sealed beside them.
  const [typed] = rowsOf<{ masked: number; clear: number; sealed: number }>(
    await db.execute(sql`select count(*) filter (where c.fields->>'content' like '%137****1234%')::int as masked, count(*) filter (where c::text like '%13700001234%')::int as clear,
      count(*) filter (where exists (select 1 from case_personal p where p.case_id = c.id and p.field = 'content'))::int as sealed from cases c where c.kind = 'ticket'`),
  );
  assert.ok(typed!.masked > 0 && typed!.clear === 0 && typed!.sealed === typed!.masked, JSON.stringify(typed));
});

test('demo tickets: the week of now has a 突增 the center sees (the 西街街道 停水 burst), the year still the count asked for', async () => {
  const db = t.database.db;
  const [staff] = rowsOf<{ id: string; username: string; display_name: string; unit_id: string }>(
    await db.execute(sql`select u.id, u.username, u.display_name, u.unit_id from users u join user_roles r on r.user_id = u.id where r.role = 'hotline_staff' order by u.created_at limit 1`),
  );
  const actor = actorOf({ id: staff!.id, username: staff!.username, displayName: staff!.display_name, unitId: staff!.unit_id }, ['hotline_staff']);
  const view = await readHotspots({ db, actor, query: {}, now });
  assert.deepEqual(view.week, { from: '2026-11-16', to: '2026-11-22' });
  const burst = view.surges.find((surge) => surge.category === '城乡建设/供水供气' && surge.area === '西街街道');
  assert.ok(burst && burst.thisWeek >= 6, JSON.stringify(view.surges));
  assert.ok(view.words.some((word) => word.key === '停水' && word.thisWeek >= 6), JSON.stringify(view.words.slice(0, 5)));
});
