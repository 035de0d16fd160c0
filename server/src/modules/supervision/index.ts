/** The 督查督办 module: the kind `supervision` (立项 → 调度 → 节点 → 申报办结 → 销号) and its routes. */
import { supervisionRecordTypes } from './office/office.records.js';
import { supervisionKind } from './supervision.kind.js';

export const supervisionModule = { kinds: [supervisionKind], recordTypes: supervisionRecordTypes };
