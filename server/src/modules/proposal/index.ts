/** The 建议提案 module: the kind `proposal` (人大代表建议 and 政协提案), its import, 交办会 and the deputy's survey. */
import { proposalKind } from './proposal.kind.js';

export const proposalModule = { kinds: [proposalKind] };
