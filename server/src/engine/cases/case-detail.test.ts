/**
 * GET /api/cases/:id as each reader sees it, on a case with everything the page shows: two units (主办, 协办), an
 * extension granted, a reply, 催办, 传阅 read and unread, links to cases some readers cannot see, and an 办公室
 * reader standing in for the leader (AB角). The unit-scope rules are the ones asserted: a 联络员 sees their own
 * assignment in full and other units' by name and state, the trail and clocks of their own work, and only the
 * 传阅 addressed to them; a link shows only when its other case is visible.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { describeHolders } from '../../../../common/case-holders.js';
import { buildDetailScene, detailOf, type Detail } from './case-detail.fixture.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

describe('case detail as each reader sees it', () => {
  test('the office sees all; a 联络员 of the lead unit and of a co-unit see their own work; links follow visibility', async () => {
    const scene = await buildDetailScene(t);
    const { clerk, standIn, leader, liaisonA, liaisonB, liaisonC, unitA, unitB, x, y, z, assignmentA, assignmentB } = scene;

    const office = await detailOf(clerk, x);
    assert.equal(office.urgeCount, 2);
    assert.equal(office.canUrge, true);
    assert.deepEqual(office.leadUnits, ['市发改委']);
    assert.equal(office.ownerUnitName.length > 0, true);
    assert.equal(office.registeredByName, clerk.user.displayName);
    assert.equal(office.registeredByUnitName, office.ownerUnitName);
    assert.equal(office.assignments.find((a) => a.id === assignmentA)?.unitName, '市发改委');
    assert.equal(office.assignments.find((a) => a.id === assignmentA)?.reply, '已完成片区改造方案初稿。');
    assert.deepEqual(office.assignments.map((a) => a.id), [assignmentA, assignmentB], 'in assignment order');
    assert.deepEqual(new Set(office.clocks.map((clock) => clock.assignmentId)), new Set([assignmentA, assignmentB]));
    // The extension of 3 working days moved A's clock, not B's.
    const dueOf = (detail: Detail, id: string) => detail.clocks.find((clock) => clock.assignmentId === id)?.due;
    assert.notEqual(dueOf(office, assignmentA), dueOf(office, assignmentB));
    assert.equal(dueOf(office, assignmentA), office.assignments.find((a) => a.id === assignmentA)?.dueDate);
    assert.deepEqual(
      office.circulations.map((item) => [item.recipientType, item.sentByName, item.isMine, item.readByName, item.comment]),
      [
        ['unit', clerk.user.displayName, false, liaisonB.user.displayName, '已阅，将配合。'],
        ['user', clerk.user.displayName, false, null, null],
        ['unit', clerk.user.displayName, false, null, null],
      ],
    );
    assert.equal(office.circulations[1]!.recipientName, leader.user.displayName);
    assert.deepEqual(office.links.map((link) => [link.caseId, link.type]), [[y, 'related'], [z, 'child_of']]);
    assert.deepEqual(office.events.map((event) => event.action), ['create', 'assign', 'assign', 'sign', 'sign', 'ask_extension', 'grant_extension', 'urge', 'urge', 'circulate', 'circulate', 'circulate', 'read', 'link', 'link', 'reply']);
    // Whom it waits on: unit B's 联络员 (its 办理答复) and the handler (审核 of A's reply), by name, for every reader.
    const holdersOf = async (who: typeof clerk) => (await detailOf(who, x)).holders.map((h) => [h.type, h.name, h.awaits, h.isMine]);
    assert.deepEqual(await holdersOf(clerk), [['unit', unitB.name, '办理答复', false], ['user', clerk.user.displayName, '审核答复', true]]);
    assert.deepEqual(await holdersOf(liaisonA), [['unit', unitB.name, '办理答复', false], ['user', clerk.user.displayName, '审核答复', false]]);
    assert.deepEqual(await holdersOf(liaisonB), [['unit', unitB.name, '办理答复', true], ['user', clerk.user.displayName, '审核答复', false]]);
    assert.equal(describeHolders((await detailOf(liaisonA, x)).holders), `等待 ${clerk.user.displayName} 审核答复；当前在 ${unitB.name} 办理`);
    assert.equal(describeHolders(office.holders), `待您审核答复；当前在 ${unitB.name} 办理`);
    assert.match(office.events[0]!.at, /^2026-11-02T01:0\d:00\.000Z$/);

    // Standing in for the leader: the 传阅 to the leader is this reader's to read.
    assert.deepEqual((await detailOf(standIn, x)).circulations.map((item) => item.isMine), [false, true, false]);
    assert.deepEqual((await detailOf(leader, x)).circulations.map((item) => item.isMine), [false, true, false]);
    assert.equal((await detailOf(leader, x)).canUrge, false);

    // The lead unit: its own assignment, trail and clock in full; B's by name and state only; no 传阅 of others.
    const lead = await detailOf(liaisonA, x);
    assert.equal(lead.canUrge, false);
    assert.equal(lead.urgeCount, 2);
    const ownA = lead.assignments.find((a) => a.id === assignmentA)!;
    const otherB = lead.assignments.find((a) => a.id === assignmentB)!;
    assert.equal(ownA.reply, '已完成片区改造方案初稿。');
    assert.notEqual(ownA.deadline, null);
    assert.equal(otherB.deadline, null);
    assert.equal(otherB.instruction, null);
    assert.equal(otherB.unitName, unitB.name);
    assert.deepEqual(lead.clocks.map((clock) => clock.assignmentId), [assignmentA]);
    assert.deepEqual(lead.circulations, []);
    assert.ok(lead.events.every((event) => (event.data as { unitId?: string } | null)?.unitId === undefined || event.data?.unitId === unitA.id));
    assert.ok(!lead.events.some((event) => event.action === 'read'), 'B’s 阅知 is not in A’s trail');
    assert.deepEqual(lead.links.map((link) => link.caseId), [y], 'Z is out of A’s sight, Y is A’s own');

    // The co-unit: its own 传阅 (read), its own clock; A's reply hidden; no links it cannot see.
    const co = await detailOf(liaisonB, x);
    assert.equal(co.assignments.find((a) => a.id === assignmentA)!.reply, null);
    assert.deepEqual(co.clocks.map((clock) => clock.assignmentId), [assignmentB]);
    assert.deepEqual(co.circulations.map((item) => [item.recipientType, item.isMine, item.comment]), [['unit', true, '已阅，将配合。']]);
    assert.deepEqual(co.links, []);
    assert.ok(co.events.some((event) => event.action === 'read'));

    // A unit with only a 传阅: sees the case, its 传阅, no one's assignment in full.
    const reader = await detailOf(liaisonC, x);
    assert.deepEqual(reader.circulations.map((item) => [item.recipientType, item.isMine, item.readAt]), [['unit', true, null]]);
    assert.deepEqual(reader.clocks, []);
    assert.ok(reader.assignments.every((a) => a.reply === null && a.deadline === null));
    assert.equal((await liaisonC.request('GET', `/api/cases/${y}`)).statusCode, 404);
  });

  test('a case on a leader’s desk and on a unit’s before its 签收 says so in one line', async () => {
    const { clerk, leader, unitA, liaisonA, y, bare } = await buildDetailScene(t);
    // Y is assigned to unit A, not yet signed for: its 联络员 owes the 签收.
    assert.equal(describeHolders((await detailOf(clerk, y)).holders), `当前在 市发改委 办理（联络员待签收）`);
    assert.equal(describeHolders((await detailOf(liaisonA, y)).holders), '待您签收');
    assert.equal(unitA.name, '市发展和改革委员会', 'the line prints the 简称');
    // Registered only: the handler owes the 交办; another reader is told whose desk it is on.
    assert.equal(describeHolders((await detailOf(leader, bare)).holders), `等待 ${clerk.user.displayName} 交办`);
    // On the reader's own desk alone, 催办 would reach nobody: not offered to its handler, still to the 主任.
    const own = await detailOf(clerk, bare);
    assert.deepEqual([own.holders.every((holder) => holder.isMine), own.canUrge], [true, false]);
    const director = await actingAs(t.app, t.database.db, ['director']);
    assert.equal((await detailOf(director, bare)).canUrge, true);
    assert.equal((await detailOf(clerk, y)).canUrge, true, 'on a unit’s desk the handler may urge');
  });

  test('the line groups holders awaiting the same step and puts the reader’s own first', () => {
    assert.equal(
      describeHolders([
        { type: 'user', name: '张局长', awaits: '批示', isMine: false },
        { type: 'user', name: '李副市长', awaits: '批示', isMine: false },
        { type: 'unit', name: '市财政局', awaits: '签收', isMine: false },
        { type: 'unit', name: '市民政局', awaits: '签收', isMine: false },
        { type: 'unit', name: '市交通局', awaits: '申请延期', isMine: false },
        { type: 'user', name: '王科长', awaits: '审核答复', isMine: true },
      ]),
      '待您审核答复；等待 张局长、李副市长 批示；当前在 市财政局、市民政局 办理（联络员待签收）；当前在 市交通局 办理（待申请延期）',
    );
    assert.equal(describeHolders([]), null);
  });
});
