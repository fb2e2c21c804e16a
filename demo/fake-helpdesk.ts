/**
 * Starts the built-in fake GLPI in the browser (msw service worker), so every demo
 * page works with no helpdesk at hand. A real page does not load this.
 */
import { setupWorker } from 'msw/browser';
import { createGlpiFake } from '../src/mocks/index.js';

// With the demo person's tickets in every status, so the list has something to show.
export const fake = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php', demoTickets: true });

export const ready = setupWorker(...fake.handlers).start({
  serviceWorker: { url: '/mockServiceWorker.js' },
  quiet: true,
  onUnhandledRequest: 'bypass',
});
