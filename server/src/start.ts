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

export const openAndPrepare = async (config: Config): Promise<Database & { seededDemo: boolean }> => {
  registerAllKinds();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await ensureSecurityPolicy({ db: database.db });
    // The demo office exists only in embedded mode: a real PostgreSQL starts empty, with no default account.
    const seededDemo = database.kind === 'pglite' && database.isNew ? await seedDemoOffice({ db: database.db, now: new Date() }) : false;
    if (seededDemo) {
      await seedDemoInstructions({ db: database.db, now: new Date() });
      await seedDemoIncoming({ db: database.db, now: new Date() });
    }
    return { ...database, seededDemo };
  } catch (error) {
    await database.close();
    throw error;
  }
};
