/** The 政务公开 module: the 依申请公开 kind (its register and report live beside it). */
import { disclosureRequestKind } from './request.kind.js';

export const disclosureModule = { kinds: [disclosureRequestKind] };
