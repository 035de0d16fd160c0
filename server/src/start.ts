/**
 * Opening everything a server process needs: the database (migrated), the security
 * policy, and on an empty embedded database the demo office. Used by main.ts and the CLI.
 */
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/db.js';
import { ensureSecurityPolicy } from './modules/security/security.service.js';
import { registerAllKinds } from './modules/kinds.js';
import { seedDemoOffice } from './seed/demo-office.js';
import { seedDemoInstructions } from './seed/demo-instructions.js';
import { seedDemoIncoming } from './seed/demo-incoming.js';
import { seedDemoOutgoing } from './seed/demo-outgoing.js';

export type PreparedDatabase = Database & {
  seededDemo: boolean;
  /** The year of demo 收文, 文稿 and 发文, left for the server to make after it starts listening (it takes a while). */
  seedDemoDocuments?: (shouldStop: () => boolean) => Promise<number>;
};

/** How many demo documents a new embedded office gets (FUBAN_DEMO_INCOMING / FUBAN_DEMO_OUTGOING; 0 for none). */
const demoCount = (variable: string, fallback: number): number => {
  const raw = Number(process.env[variable] ?? fallback);
  return Number.isInteger(raw) && raw >= 0 ? Math.min(raw, 5_000) : fallback;
};

export const openAndPrepare = async (config: Config): Promise<PreparedDatabase> => {
  registerAllKinds();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await ensureSecurityPolicy({ db: database.db });
    // The demo office exists only in embedded mode: a real PostgreSQL starts empty, with no default account.
    const seededDemo = database.kind === 'pglite' && database.isNew ? await seedDemoOffice({ db: database.db, now: new Date() }) : false;
    if (!seededDemo) return { ...database, seededDemo };
    await seedDemoInstructions({ db: database.db, now: new Date() });
    const incoming = demoCount('FUBAN_DEMO_INCOMING', 300);
    const outgoing = demoCount('FUBAN_DEMO_OUTGOING', 60);
    const seedDemoDocuments = async (shouldStop: () => boolean) => {
      const made = await seedDemoIncoming({ db: database.db, now: new Date(), count: incoming, shouldStop });
      return made + (await seedDemoOutgoing({ db: database.db, now: new Date(), count: outgoing, shouldStop }));
    };
    return { ...database, seededDemo, seedDemoDocuments };
  } catch (error) {
    await database.close();
    throw error;
  }
};
