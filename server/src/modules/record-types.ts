/** Every record type modules declare (engine/records). Adding a type = adding it here. */
import type { RecordType } from '../engine/records/record-type.js';
import { registerRecordType } from '../engine/records/record-type.js';
import { meetingModule } from './meeting/index.js';
import { metricEntryRecord } from './metrics/entered.metrics.js';
import { summaryModule } from './summary/index.js';
import { supervisionModule } from './supervision/index.js';
import { hotlineModule } from './hotline/index.js';

const types: readonly RecordType[] = [...meetingModule.recordTypes, ...supervisionModule.recordTypes, metricEntryRecord, ...summaryModule.recordTypes, ...hotlineModule.recordTypes];

export const registerAllRecordTypes = (): void => {
  for (const recordType of types) registerRecordType(recordType);
};
