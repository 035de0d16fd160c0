/** Where the historical 发文登记簿 import lives: its page, and its endpoints (see register-import/). */
import type { RegisterImportEndpoints } from '../register-import/types.js';

export const outgoingImportPath = '/cases/outgoing/import';

/** An import adds cases, and its 文号 enter the 文号 ledger. */
export const outgoingImportEndpoints: RegisterImportEndpoints = {
  previewUrl: '/api/outgoing/import/preview',
  importUrl: '/api/outgoing/import',
  invalidates: [['cases'], ['doc-numbers']],
};
