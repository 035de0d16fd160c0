/** The 12345 热线 module: the kind `ticket`, its records (分类, 职责清单) and routes (台账, 三率). */
import { ticketKind } from './hotline.kind.js';
import { hotlineRecordTypes } from './hotline.records.js';

export const hotlineModule = { kinds: [ticketKind], recordTypes: hotlineRecordTypes };
