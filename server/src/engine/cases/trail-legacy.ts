/** Sealing records written before the trail key existed (0011): 留痕 events whose SM3 chain holds, and the old audit rows. */
import type { Db } from '../../platform/db.js';
import { sealLegacyAudit } from '../../platform/audit-chain.js';
import { sealLegacyEvents } from './trail.js';

export const sealLegacyRecords = async (db: Db): Promise<{ events: number; auditRows: number }> => ({
  events: await sealLegacyEvents(db),
  auditRows: await sealLegacyAudit(db),
});
