/** The 年度工作总结 module: drafts written from the metrics (no kind of its own; records for drafts and templates). */
import { summaryRecordTypes } from './summary.records.js';

export const summaryModule = { recordTypes: summaryRecordTypes };
