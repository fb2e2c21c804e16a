/* global window, document, performance, requestAnimationFrame, PerformanceObserver, MessageChannel, innerWidth, innerHeight */
/**
 * Runs in the benchmark's page before the page's own scripts (bench/ticket-list.mjs hands
 * it to `Page.addScriptToEvaluateOnNewDocument`, after a line that sets
 * `window.__listBench` to `{ deadline, full }`). Times are `performance.now()`: ms from
 * navigation start.
 *
 * Loading, checked once per frame (requestAnimationFrame, so a row built during a long
 * task counts when that task ends, as a person would see it):
 * - first rows: the first frame where a `[role="option"]` of the `<ticket-list>`'s shadow
 *   root exists and is visible (a box of non-zero size inside the viewport, and
 *   `checkVisibility`);
 * - all read: the first frame where its count line (`.count`) reads `full` (French:
 *   "10 000 tickets", `list.shown` of src/i18n/fr.ts) and no `aria-busy="true"` remains.
 * `__listBench.loaded` resolves with both, with when the helpdesk's answers were in
 * (Resource Timing's `responseEnd` of the `/glpi/` requests), or with `failed` past the
 * deadline.
 *
 * Key presses, once `__listBench.keys(true)` turned them on:
 * - Event Timing (what INP is made of): a `PerformanceObserver` of type `event` with
 *   `durationThreshold: 16` (the lowest Chromium takes; shorter events give no entry).
 *   An entry's `duration` runs from the event's `timeStamp` (when the browser received the
 *   key) to the next frame presented after its handlers ran, rounded to 8 ms.
 * - Our own probe: a capturing `keydown` listener on `window` notes the event's
 *   `timeStamp`, asks a `requestAnimationFrame`, and from it posts a `MessageChannel`
 *   message, which runs once that frame's style, layout and paint are done on the main
 *   thread: `afterFrame` − `timeStamp` approximates input → next paint (the pixels reach
 *   the screen a little later, in the compositor).
 * `__listBench.settled(n)` resolves once the n-th key's frame is done and one more frame
 * has passed (what the virtualiser lays out after the first frame), with the search box's
 * value and the count line then.
 */
(() => {
  const bench = window.__listBench;
  const { deadline, full } = bench;
  // 1000 pages of 10 would pass the default buffer of 250 entries.
  performance.setResourceTimingBufferSize(5000);

  // ---- loading ----
  const state = { firstRows: undefined, allRead: undefined, failed: undefined, frames: 0 };
  let resolveLoaded;
  bench.loaded = new Promise((resolve) => (resolveLoaded = resolve));
  const listRoot = () => document.querySelector('ticket-list')?.shadowRoot;

  const visible = (element) => {
    const box = element.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) return false;
    if (box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) return false;
    return element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };

  const countLine = () => listRoot()?.querySelector('.count')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  function answers() {
    const helpdesk = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/glpi/apirest.php/'));
    const pages = helpdesk.filter((entry) => entry.name.includes('/search/Ticket'));
    const min = (list) => (list.length ? Math.min(...list.map((entry) => entry.responseEnd)) : undefined);
    return {
      // The first answer of the helpdesk (the session, usually), and the first page of tickets.
      firstAnswer: min(helpdesk),
      firstPageAnswer: min(pages),
      lastAnswer: helpdesk.length ? Math.max(...helpdesk.map((entry) => entry.responseEnd)) : undefined,
      requests: helpdesk.length,
      pageRequests: pages.length,
    };
  }

  function settleLoad() {
    resolveLoaded({ ...state, ...answers(), count: countLine() });
  }

  function frame() {
    const now = performance.now();
    state.frames += 1;
    const root = listRoot();
    if (root) {
      if (state.firstRows === undefined) {
        const row = root.querySelector('[role="option"]');
        if (row && visible(row)) state.firstRows = performance.now();
      }
      if (state.firstRows !== undefined && countLine() === full && !root.querySelector('[aria-busy="true"]')) {
        state.allRead = performance.now();
        performance.mark('bench:all-read');
        return settleLoad();
      }
    }
    if (now > deadline) {
      state.failed = `${state.firstRows === undefined ? 'no visible row' : 'not all read'} after ${Math.round(now)} ms (count line: "${countLine()}")`;
      return settleLoad();
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);

  // ---- key presses ----
  const events = [];
  const plain = (entry) => ({
    name: entry.name,
    startTime: entry.startTime,
    duration: entry.duration,
    processingStart: entry.processingStart,
    processingEnd: entry.processingEnd,
    interactionId: entry.interactionId,
  });
  try {
    const observer = new PerformanceObserver((list) => events.push(...list.getEntries().map(plain)));
    observer.observe({ type: 'event', durationThreshold: 16, buffered: true });
    bench.events = () => events.concat(observer.takeRecords().map(plain));
  } catch {
    bench.events = () => [];
  }

  let on = false;
  const keys = [];
  const waiters = [];
  bench.keys = (value) => (on = value);
  bench.keyList = () => keys;

  const wake = () => {
    for (const waiter of [...waiters]) {
      const key = keys[waiter.n - 1];
      if (key?.afterFrame === undefined) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      // One more frame: the virtualiser measures its new rows after the first one.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const search = listRoot()?.querySelector('#search');
          waiter.resolve({ value: search?.value, count: countLine() });
        };
        channel.port2.postMessage(0);
      });
    }
  };

  window.addEventListener(
    'keydown',
    (event) => {
      if (!on) return;
      const key = { key: event.key, timeStamp: event.timeStamp, listener: performance.now(), keyUp: undefined, frame: undefined, afterFrame: undefined };
      keys.push(key);
      requestAnimationFrame(() => {
        key.frame = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          key.afterFrame = performance.now();
          wake();
        };
        channel.port2.postMessage(0);
      });
    },
    { capture: true },
  );
  window.addEventListener(
    'keyup',
    (event) => {
      if (on && keys.length) keys[keys.length - 1].keyUp = event.timeStamp;
    },
    { capture: true },
  );

  bench.settled = (n) =>
    new Promise((resolve) => {
      waiters.push({ n, resolve });
      wake();
    });
})();
