/** Every module that declares kinds of case. Adding a kind = adding its module here. */
import { registerKind } from '../engine/kinds/registry.js';
import type { KindDefinition } from '../engine/kinds/kind.types.js';
import { disclosureModule } from './disclosure/index.js';
import { draftModule } from './draft/index.js';
import { incomingModule } from './incoming/index.js';
import { instructionModule } from './instruction/index.js';
import { outgoingModule } from './outgoing/index.js';
import { petitionModule } from './petition/index.js';
import { supervisionModule } from './supervision/index.js';
import { proposalModule } from './proposal/index.js';
import { hotlineModule } from './hotline/index.js';

const modules: ReadonlyArray<{ kinds: readonly KindDefinition[] }> = [instructionModule, incomingModule, draftModule, outgoingModule, disclosureModule, petitionModule, supervisionModule, proposalModule, hotlineModule];

export const registerAllKinds = (): void => {
  for (const module of modules) for (const kind of module.kinds) registerKind(kind as KindDefinition);
};
