/**
 * The office a hotline benchmark runs in: the 12345 center with its agents (hotline_staff) and director,
 * the 市 departments that answer tickets, the 街乡 (township units: a ticket's area, dispatched to directly),
 * two 联络员 per unit, and one Open311 key for the province's platform. Small: plain inserts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '../../../server/src/platform/password.js';
import { sm3 } from '../../../server/src/platform/seal.js';
import { DEPARTMENTS, GIVEN, SURNAMES, townshipName } from './texts.js';

export const HOTLINE_BENCH_PASSWORD = 'Bench#Hotline2026';

export type Person = { id: string; name: string; unitId: string; username: string };
export type Unit = { id: string; name: string; liaisons: Person[] };
export type Office = {
  centerUnitId: string;
  /** The agents in creation order: the first is the one centerIntakeActor places outside tickets with. */
  agents: Person[];
  director: Person;
  departments: Map<string, Unit>;
  townships: Unit[];
  open311: { keyId: string; apiKey: string; name: string };
};

export const createOffice = async (client: pg.ClientBase, { townships, agents, now }: { townships: number; agents: number; now: Date }): Promise<Office> => {
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    for (let from = 0; from < rows.length; from += 500) {
      const slice = rows.slice(from, from + 500);
      const params: unknown[] = [];
      const tuples = slice.map((row) => `(${row.map((value) => (params.push(value), `$${params.length}`)).join(', ')})`);
      await client.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
    }
  };
  const officeId = randomUUID();
  const centerUnitId = randomUUID();
  const unitRows: unknown[][] = [
    [officeId, null, '基准市人民政府办公室', 'hb-office', 'office', 0],
    [centerUnitId, officeId, '市12345政务服务便民热线中心', 'hb-center', 'section', 1],
  ];
  const departments = new Map<string, Unit>();
  for (const [index, name] of DEPARTMENTS.entries()) {
    const id = randomUUID();
    departments.set(name, { id, name: `市${name}`, liaisons: [] });
    unitRows.push([id, null, `市${name}`, `hb-d${index}`, 'department', 10 + index]);
  }
  const streets: Unit[] = [];
  for (let index = 0; index < townships; index += 1) {
    const id = randomUUID();
    streets.push({ id, name: townshipName(index), liaisons: [] });
    unitRows.push([id, null, townshipName(index), `hb-t${index}`, 'township', 100 + index]);
  }
  await insert('units', ['id', 'parent_id', 'name', 'code', 'type', 'sort_order'], unitRows);

  const passwordHash = await hashPassword(HOTLINE_BENCH_PASSWORD);
  const userRows: unknown[][] = [];
  const roleRows: unknown[][] = [];
  const addUser = (username: string, name: string, unitId: string, role: string, createdAt: Date): Person => {
    const id = randomUUID();
    userRows.push([id, username, name, unitId, passwordHash, now, false, createdAt]);
    roleRows.push([id, role]);
    return { id, name, unitId, username };
  };
  const people: Person[] = [];
  for (let index = 0; index < agents; index += 1) {
    // Distinct creation instants: the first agent is the one tickets from outside are placed with.
    const name = `${SURNAMES[index % SURNAMES.length]}${GIVEN[Math.floor(index / SURNAMES.length) % GIVEN.length]}`;
    people.push(addUser(`hb.agent${index + 1}`, `${name}${index >= SURNAMES.length * GIVEN.length ? index : ''}`, centerUnitId, 'hotline_staff', new Date(now.getTime() - 86_400_000 + index * 1000)));
  }
  const director = addUser('hb.director', '周主任', officeId, 'director', now);
  for (const unit of [...departments.values(), ...streets]) {
    const short = unit.name.replace(/^市/, '').slice(0, 4);
    for (let n = 1; n <= 2; n += 1) unit.liaisons.push(addUser(`hb.liaison.${unit.id.slice(0, 8)}.${n}`, `${short}联络员${n}`, unit.id, 'liaison', now));
  }
  await insert('users', ['id', 'username', 'display_name', 'unit_id', 'password_hash', 'password_changed_at', 'must_change_password', 'created_at'], userRows);
  await insert('user_roles', ['user_id', 'role'], roleRows);

  const apiKey = randomBytes(24).toString('base64url');
  const keyId = randomUUID();
  const keyName = '省12345平台';
  await client.query('insert into open311_keys (id, name, key_hash, created_by, created_at) values ($1, $2, $3, $4, $5)', [keyId, keyName, sm3(`open311-key:${apiKey}`), director.id, now]);
  return { centerUnitId, agents: people, director, departments, townships: streets, open311: { keyId, apiKey, name: keyName } };
};
