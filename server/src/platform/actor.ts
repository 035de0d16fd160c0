/** The one actor object that travels whole from the session to every use case. */
import type { Permission, Role, Scope } from '../../../common/access.js';

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  scope: Scope;
  ip: string | null;
  /**
   * False when the session found no delegation to this user (AB角) current or to come: the request's
   * queries then skip delegations. Unset (the command line, tests) means: look.
   */
  hasDelegations?: boolean;
};

/** The command line acts as this system actor; its audit rows say so. */
export const cliActor = (ip: string | null = null): Actor => ({
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'fuban-cli',
  displayName: '命令行',
  unitId: '00000000-0000-0000-0000-000000000000',
  roles: [],
  permissions: new Set(),
  scope: 'all',
  ip,
});

export const isCliActor = (actor: Actor): boolean => actor.username === 'fuban-cli';
