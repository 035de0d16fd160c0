/** Product and office names shown in the title bar and on the login page. */
import { useHealth } from './health.js';

export const productName = '府办';

/** The office this installation serves (its own unit), from /api/health; the product name until it loads. */
export const useOfficeName = (): string => useHealth(true).data?.officeName ?? '政府办公室';

export const titleFor = (officeName: string) => `${productName} · ${officeName}`;
