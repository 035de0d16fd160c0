/** The 领导批示件 module: its kind declaration (its screens live in web/src/modules/cases). */
import { instructionKind } from './instruction.kind.js';

export const instructionModule = { kinds: [instructionKind] };
