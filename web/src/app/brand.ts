/** Product and office names shown in the title bar and on the login page. */
export const productName = '府办';
// TODO: take the office name from the server once it exposes it (the root unit's name).
export const officeName = '示例市人民政府办公室';
export const appTitle = `${productName} · ${officeName}`;
