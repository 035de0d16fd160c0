/** The 文稿 module: its kind declaration. */
import { draftKind } from './draft.kind.js';

export const draftModule = { kinds: [draftKind] };
