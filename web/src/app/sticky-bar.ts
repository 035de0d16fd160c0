/**
 * On a phone the 签批/签发 bar sticks to the bottom of the screen. A browser scrolls a focused box into
 * view only until it is "visible", which counts the part hidden under a sticky bar; so the opinion box
 * asks to be scrolled clear of it (its CSS scroll-margin-bottom is the bar's height).
 */
export const keepClearOfStickyBar = (event: { currentTarget: HTMLElement }) => {
  const box = event.currentTarget;
  // After the on-screen keyboard has resized the viewport.
  window.setTimeout(() => box.scrollIntoView({ block: 'nearest' }), 150);
};
