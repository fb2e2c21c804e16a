// Tests run in Debian's Chromium (never a downloaded one), TypeScript through esbuild,
// msw's service worker served from node_modules at the root so it controls test pages.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { realRt } from './test/support/real-rt.mjs';

/** A real Request Tracker 5, started on first use and stopped by its process id (test/support/real-rt.mjs). */
const rt = realRt();

const root = fileURLToPath(new URL('.', import.meta.url));
const workerPath = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

/** Serves msw's worker at /mockServiceWorker.js (npm here skips msw's postinstall copy). */
const mswWorker = {
  name: 'msw-worker',
  async serve(context) {
    if (context.path === '/mockServiceWorker.js') {
      return { body: await readFile(workerPath, 'utf8'), type: 'js', headers: { 'Service-Worker-Allowed': '/' } };
    }
    return undefined;
  },
};

export default {
  rootDir: root,
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-gpu',
        ],
      },
    }),
  ],
  middleware: [
    rt.middleware,
    // As README asks of a CDN: the fast path's files may be loaded from another origin.
    (context, next) => {
      if (context.path.startsWith('/dist/cdn/')) context.set('Access-Control-Allow-Origin', '*');
      return next();
    },
  ],
  plugins: [mswWorker, rt, esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['src/mocks/**', 'node_modules/**'],
    threshold: { statements: 85, branches: 75, functions: 85, lines: 85 },
  },
  testsFinishTimeout: 300000,
};
