/** Where the 分工方案 import lives: its page, and its endpoints (see register-import/). */
import type { RegisterImportEndpoints } from '../register-import/types.js';

export const planImportPath = '/cases/supervision/import';

/** An import adds 督办 items (cases) and their units' work. */
export const planImportEndpoints: RegisterImportEndpoints = {
  previewUrl: '/api/supervision/import/preview',
  importUrl: '/api/supervision/import',
  invalidates: [['cases'], ['inbox'], ['supervision']],
};
