/* global window, document, performance, requestAnimationFrame, getComputedStyle, innerWidth, innerHeight */
/**
 * Runs in every benchmark page before the page's own scripts (bench/startup.mjs hands it to
 * `Page.addScriptToEvaluateOnNewDocument`, after a line that sets `window.__startupBench`
 * to `{ label, deadline }`).
 *
 * Once per frame (requestAnimationFrame) it looks for the title input the way a person
 * does: the `<label>` whose text is the title's label (in the document or any open shadow
 * root), then that label's control. The field counts once it is
 * - visible: a box of non-zero size, inside the viewport, not `visibility: hidden`, not
 *   under `display: none` or `opacity: 0` (`checkVisibility`);
 * - focusable: `focus()` makes it the active element of its own root (the shadow root's
 *   `activeElement` for our form, the document's for the static one).
 * `performance.now()` at the first frame where both hold is the figure (navigation start =
 * timeOrigin = 0). A rAF callback runs between tasks, so a field built during a long task
 * counts when that task ends, as it would for a person clicking it.
 *
 * `window.__startupBench.done` resolves with the figures once the field holds and the load
 * event has passed — or, past the deadline, with `failed` saying what was missing.
 */
(() => {
  const bench = window.__startupBench;
  const { label, deadline } = bench;
  const state = { at: undefined, failed: undefined, frames: 0 };
  let resolve;
  bench.done = new Promise((settle) => {
    resolve = settle;
  });

  const isTitleLabel = (text) => {
    const normalised = text.replace(/\s+/g, ' ').trim();
    // "Titre", "Titre *", "Titre (obligatoire)", but not "Titres" or "Titre du poste".
    return normalised.startsWith(label) && /^(\s*[*(]|$)/.test(normalised.slice(label.length));
  };

  function* rootsOf(root) {
    yield root;
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) yield* rootsOf(element.shadowRoot);
  }

  function titleControl() {
    for (const root of rootsOf(document)) {
      for (const candidate of root.querySelectorAll('label')) {
        if (!isTitleLabel(candidate.textContent ?? '')) continue;
        const control = candidate.control ?? candidate.querySelector('input, textarea');
        if (control) return control;
      }
    }
    return undefined;
  }

  /** Why the control does not count yet, or '' when it does. */
  function notReady(control) {
    const box = control.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) return 'zero-size box';
    if (box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) return 'outside the viewport';
    if (getComputedStyle(control).visibility === 'hidden') return 'visibility: hidden';
    if (!control.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return 'hidden (display: none or opacity: 0)';
    control.focus({ preventScroll: true });
    if (control.getRootNode().activeElement !== control) return 'focus() does not focus it';
    return '';
  }

  const navigation = () => performance.getEntriesByType('navigation')[0];
  const loaded = () => (navigation()?.loadEventEnd ?? 0) > 0;
  let lastReason = 'no label found';

  function settle() {
    const timing = navigation();
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    resolve({
      at: state.at,
      failed: state.failed,
      frames: state.frames,
      load: timing && timing.loadEventStart > 0 ? timing.loadEventStart : undefined,
      domContentLoaded: timing && timing.domContentLoadedEventStart > 0 ? timing.domContentLoadedEventStart : undefined,
      firstContentfulPaint: paint?.startTime,
    });
  }

  function frame() {
    const now = performance.now();
    if (state.at === undefined && state.failed === undefined) {
      state.frames += 1;
      const control = titleControl();
      lastReason = control ? notReady(control) : 'no label found';
      if (control && lastReason === '') {
        state.at = performance.now();
        // For traces (`--profile`): where the figure was taken.
        performance.mark('bench:title-ready');
      }
      else if (now > deadline) state.failed = `${lastReason} after ${Math.round(now)} ms`;
    }
    if (state.failed !== undefined || (state.at !== undefined && loaded())) settle();
    else if (now > deadline) {
      state.failed = `no load event after ${Math.round(now)} ms`;
      settle();
    } else requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();
