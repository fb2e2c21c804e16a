/**
 * Starts the built-in fake helpdesks in the browser (one msw service worker for
 * all of them), so every demo page works with no helpdesk at hand. A real page
 * does not load this.
 */
import { setupWorker } from 'msw/browser';
import { desks } from './desks.js';

export const ready = setupWorker(...Object.values(desks).flatMap((desk) => desk.handlers)).start({
  serviceWorker: { url: '/mockServiceWorker.js' },
  quiet: true,
  onUnhandledRequest: 'bypass',
});
