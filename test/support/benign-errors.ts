/**
 * Chromium reports "ResizeObserver loop completed with undelivered notifications" as a
 * window error when a ResizeObserver callback (the list's virtualiser) changes layout:
 * the remaining notifications simply come in the next frame, nothing is lost (see
 * w3c/csswg-drafts#5488). Mocha would count it as a failure, so this one message, and
 * only it, is stopped before mocha's `onerror` sees it.
 */
window.addEventListener(
  'error',
  (event) => {
    if (/^ResizeObserver loop/.test(event.message)) event.stopImmediatePropagation();
  },
  true,
);
