/** The 信访 module: the 信访件 kind (its screens live in web/src/modules/cases and web/src/modules/petition). */
import { petitionKind } from './petition.kind.js';

export const petitionModule = { kinds: [petitionKind] };
