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

export type PreparedDatabase = Database & {
  seededDemo: boolean;
  /** The year of demo 收文 and 文稿, left for the server to make after it starts listening (it takes a while). */
  seedDemoDocuments?: (shouldStop: () => boolean) => Promise<number>;
};

/** How many demo 收文 a new embedded office gets (FUBAN_DEMO_INCOMING; 0 for none). */
const demoIncomingCount = (): number => {
  const raw = Number(process.env.FUBAN_DEMO_INCOMING ?? 300);
  return Number.isInteger(raw) && raw >= 0 ? Math.min(raw, 5_000) : 300;
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
    const count = demoIncomingCount();
    return { ...database, seededDemo, seedDemoDocuments: (shouldStop) => seedDemoIncoming({ db: database.db, now: new Date(), count, shouldStop }) };
  } catch (error) {
    await database.close();
    throw error;
  }
};
