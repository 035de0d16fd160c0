/** The 发文 module: its kind, approval chains, the 文号 ledger and the official document. */
import { outgoingKind } from './outgoing.kind.js';

export const outgoingModule = { kinds: [outgoingKind] };
