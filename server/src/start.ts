/**
 * Opening everything a server process needs: the database (migrated), the security
 * policy, and on an empty embedded database the demo office. Used by main.ts and the CLI.
 */
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/db.js';
import { ensureSecurityPolicy } from './modules/security/security.service.js';
import { registerAllKinds } from './modules/kinds.js';
import { seedDemoOffice } from './seed/demo-office.js';
import { seedDemoPublished } from './seed/demo-published.js';
import { seedDemoMeetings } from './seed/demo-meetings.js';
import { demoDefaults, seedDemoYear, type DemoCounts } from './seed/demo-year.js';
import { bindTrailKey, loadTrailKey } from './platform/trail-key.js';
import { sealLegacyRecords } from './engine/cases/trail-legacy.js';
import { bindPersonalKey, loadPersonalKey } from './engine/personal/personal-key.js';

export type PreparedDatabase = Database & {
  seededDemo: boolean;
  /** The demo year (收文, 批示件, 文稿, 发文, 依申请公开, 信访), left for the server to make after it starts listening; gives what the database then holds. */
  seedDemoDocuments?: (shouldStop: () => boolean) => Promise<DemoCounts>;
};

/** How many demo documents a new embedded office gets (FUBAN_DEMO_INCOMING / _OUTGOING / _INSTRUCTIONS / _DRAFTS / … / _PROPOSALS; 0 for none). */
const demoCount = (variable: string, fallback: number): number => {
  const raw = Number(process.env[variable] ?? fallback);
  return Number.isInteger(raw) && raw >= 0 ? Math.min(raw, 5_000) : fallback;
};

export const openAndPrepare = async (config: Config): Promise<PreparedDatabase> => {
  registerAllKinds();
  const key = loadTrailKey({ envKey: config.trailKey, dataDir: config.dataDir });
  const personalKey = loadPersonalKey({ envKey: config.personalKey, dataDir: config.dataDir });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await bindTrailKey({ db: database.db, source: key.source });
    await bindPersonalKey({ db: database.db, source: personalKey.source });
    // A key made just now has sealed nothing: records without a MAC can only be from before 0011. Sealing them
    // is safe only then; later, a record without a MAC may be one whose MAC was removed, so it waits for
    // `fuban seal-trail`, run by a person who has looked at verify-trail.
    if (key.isNew) await sealLegacyRecords(database.db);
    await ensureSecurityPolicy({ db: database.db });
    // The demo office exists only in embedded mode: a real PostgreSQL starts empty, with no default account.
    const seededDemo = database.kind === 'pglite' && database.isNew ? await seedDemoOffice({ db: database.db, now: new Date() }) : false;
    if (!seededDemo) return { ...database, seededDemo };
    await seedDemoPublished({ db: database.db, now: new Date() });
    const counts = {
      incoming: demoCount('FUBAN_DEMO_INCOMING', demoDefaults.incoming),
      outgoing: demoCount('FUBAN_DEMO_OUTGOING', demoDefaults.outgoing),
      instructions: demoCount('FUBAN_DEMO_INSTRUCTIONS', demoDefaults.instructions),
      drafts: demoCount('FUBAN_DEMO_DRAFTS', demoDefaults.drafts),
      disclosures: demoCount('FUBAN_DEMO_DISCLOSURES', demoDefaults.disclosures),
      petitions: demoCount('FUBAN_DEMO_PETITIONS', demoDefaults.petitions),
      proposals: demoCount('FUBAN_DEMO_PROPOSALS', demoDefaults.proposals),
      tickets: demoCount('FUBAN_DEMO_TICKETS', demoDefaults.tickets),
    };
    const seedDemoDocuments = async (shouldStop: () => boolean) => {
      const made = await seedDemoYear({ db: database.db, now: new Date(), counts, shouldStop });
      await seedDemoMeetings({ db: database.db, now: new Date(), shouldStop }); // in the background too: about half a minute
      return made;
    };
    return { ...database, seededDemo, seedDemoDocuments };
  } catch (error) {
    await database.close();
    throw error;
  }
};
