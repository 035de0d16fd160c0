/** The 收文 module: its kind declaration, and (later) its registers, import and metrics. */
import { incomingKind } from './incoming.kind.js';

export const incomingModule = { kinds: [incomingKind] };
