/**
 * One msw worker for the whole test page: started once, handlers replaced per test.
 * The worker script is served at /mockServiceWorker.js by web-test-runner.config.mjs.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';

let worker: SetupWorker | undefined;
let starting: Promise<unknown> | undefined;

/** Starts the worker (once) and makes `handlers` the only ones answering. */
export async function useHandlers(...handlers: RequestHandler[]): Promise<SetupWorker> {
  if (!worker) {
    worker = setupWorker();
    starting = worker.start({
      serviceWorker: { url: '/mockServiceWorker.js' },
      quiet: true,
      onUnhandledRequest: 'bypass',
    });
  }
  await starting;
  worker.resetHandlers(...handlers);
  return worker;
}
