/**
 * Starts the built-in fake helpdesks in the browser (one msw service worker for
 * all of them), so every demo page works with no helpdesk at hand. A real page
 * does not load this.
 */
import { setupWorker } from 'msw/browser';
import { offlineLikeTheNetwork } from '../src/mocks/faults.js';
import { desks } from './desks.js';

// The browser set offline (DevTools › Network › Offline) reaches the fakes too: the outbox keeps
// what is sent meanwhile and sends it once the browser is back online, as with a real helpdesk.
const offline = offlineLikeTheNetwork(['/fake-']);

export const ready = setupWorker(offline, ...Object.values(desks).flatMap((desk) => desk.handlers)).start({
  serviceWorker: { url: '/mockServiceWorker.js' },
  quiet: true,
  onUnhandledRequest: 'bypass',
});
