#!/usr/bin/env node
/**
 * `npm run bench:suggestions`: how soon the helpdesk's articles show under the form once a
 * person stops typing a problem (issue 15: ≤ 300 ms at CPU ×4, median of ≥ 15 runs), and
 * that typing asks one search per pause, never one per key.
 *
 * A page holding only `<support-ticket-form config="helpdesk" lang="fr">` with `articles`
 * on, its configuration (GLPI, or the REST protocol, on this server) and the built
 * script-tag loader (`dist/cdn/support-widgets.js`), served by a small Node server. The
 * helpdesk is the msw fake of the tests and the demo, with the demo's articles, answering
 * from Node (`dist/mocks.js`, through msw's `getResponse`).
 *
 * Every load is cold — a fresh browser context, cache disabled — in headless Chromium at
 * CPU ×1 and ×4 (`Emulation.setCPUThrottlingRate`), the rates interleaved in an order
 * shuffled from a printed seed. Per load, once the title field shows, a title is typed
 * into it one real key at a time (CDP `Input.dispatchKeyEvent`, as bench/ticket-list.mjs
 * does) with `--gap` ms between keys, as a brisk typist does. The figure is the time from
 * the last key's keydown (its event timestamp) to the first animation frame where a
 * suggested article is laid out and visible. Beside it: the searches the helpdesk
 * received while the title was typed and shown (one is the target), and the fake's own
 * time per search, to be subtracted by the reader. The pause the widget waits before it
 * searches (150 ms, `PAUSE_MS`) is part of the figure, as a person feels it.
 *
 *   node bench/suggestions.mjs              # 15 loads per rate, GLPI
 *   node bench/suggestions.mjs --helpdesk rest
 *   node bench/suggestions.mjs --check      # exit 1 when the median at ×4 exceeds 300 ms, or a load typed without a pause searched more than once
 *   node bench/suggestions.mjs --help
 */
/* global window, document -- for the code handed to the page */
import http from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import puppeteer from 'puppeteer-core';
import { getResponse } from 'msw';
import { CHROME, CONTENT_TYPES, FLAGS, press, quantile, random, shuffled, sleep, table, within } from './support.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const DIST = resolve(repo, 'dist');
const TARGET_MS = 300;

const USAGE = `Usage: node bench/suggestions.mjs [options]
  --runs N          cold loads per CPU rate (default 15, as the issue asks)
  --rates 1,4       CPU slowdowns (default 1,4)
  --helpdesk NAME   glpi (default) or rest
  --title TEXT      what is typed (default "vpn se deconnecte", which one demo article answers)
  --gap MS          between two keys (default 70)
  --seed N          order of each round (default: drawn, and printed)
  --timeout MS      a suggestion not shown by then is a failure (default 5000)
  --check           exit 1 when the median at ×4 exceeds ${TARGET_MS} ms, or a load typed without a pause searched more than once
  --verbose         each load`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '15' },
      rates: { type: 'string', default: '1,4' },
      helpdesk: { type: 'string', default: 'glpi' },
      title: { type: 'string', default: 'vpn se deconnecte' },
      gap: { type: 'string', default: '70' },
      seed: { type: 'string' },
      timeout: { type: 'string', default: '5000' },
      check: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (name, min) => {
    if (!/^\d+$/.test(values[name]) || Number(values[name]) < min) fail(`--${name} wants a whole number ≥ ${min}, got "${values[name]}"`);
    return Number(values[name]);
  };
  const rates = [...new Set(values.rates.split(',').map(Number))];
  if (rates.some((rate) => !(rate >= 1))) fail(`--rates: unexpected "${values.rates}"`);
  if (!HELPDESKS[values.helpdesk]) fail(`--helpdesk is one of ${Object.keys(HELPDESKS).join(', ')}`);
  if (!/^[a-z0-9 ]+$/.test(values.title)) fail('--title: lower-case letters, digits and spaces (typed as keys)');
  return {
    runs: whole('runs', 1),
    rates,
    helpdesk: values.helpdesk,
    title: values.title,
    // The words the widget searches for this title (core/articles.ts wordsOf): lower case, three letters or more, no stop word.
    words: values.title.split(' ').filter((word) => word.length >= 3 && !['les', 'des', 'une', 'the', 'and', 'for'].includes(word)).join(' '),
    gap: whole('gap', 0),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : whole('seed', 0),
    timeout: whole('timeout', 500),
    check: values.check,
    verbose: values.verbose,
  };
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** Each helpdesk's fake, its backend configuration, and how a search reaches it. */
const HELPDESKS = {
  glpi: {
    path: '/glpi/apirest.php',
    make: (mocks, url) => mocks.createGlpiFake({ baseUrl: url, demoTickets: true }),
    backend: (url) => ({ type: 'glpi', url, auth: { userToken: 'demo-user-token' } }),
    isSearch: (url) => /\/search\/KnowbaseItem$/.test(url.pathname),
  },
  rest: {
    path: '/app/api/support',
    make: (mocks, url) => mocks.createRestFake({ baseUrl: url, demoTickets: true }),
    backend: (url, mocks) => ({ type: 'rest', url, auth: { userToken: mocks.REST_DEMO_PERSON.token }, features: { articles: true } }),
    isSearch: (url) => url.pathname.endsWith('/articles'),
  },
};

const PAGE = (config) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Ouvrir un ticket — banc d’essai</title><link rel="icon" href="data:,">
<script type="application/json" id="helpdesk">${JSON.stringify(config)}</script>
<script type="module" src="/dist/cdn/support-widgets.js"></script>
</head><body><support-ticket-form config="helpdesk" lang="fr"></support-ticket-form></body></html>`;

/**
 * In the page: each keydown's timestamp, and the first frame where a suggested article is
 * laid out for the words of the whole title (the section's \`data-words\`): suggestions
 * for the first words, shown during a pause in the typing, do not count.
 */
const PROBE = (words) => `(() => {
  const probe = (window.__suggestBench = { keys: [], shown: undefined, early: 0 });
  document.addEventListener('keydown', (event) => probe.keys.push(event.timeStamp), true);
  const section = () => document.querySelector('support-ticket-form')?.shadowRoot?.querySelector('support-suggestions')?.shadowRoot?.querySelector('section');
  let last = '';
  const frame = () => {
    const found = section();
    const item = found?.querySelector('li button');
    const shownFor = item && item.getBoundingClientRect().height > 0 ? found.dataset.words : '';
    if (shownFor && shownFor !== last && shownFor !== ${JSON.stringify(words)}) probe.early += 1;
    if (shownFor === ${JSON.stringify(words)} && probe.shown === undefined) probe.shown = performance.now();
    last = shownFor;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

async function startServer(options, mocks) {
  const helpdesk = HELPDESKS[options.helpdesk];
  const server = { origin: '', fake: undefined, searches: 0, searchMs: [] };
  server.http = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', server.origin || 'http://bench');
    const path = decodeURIComponent(url.pathname);
    const send = (status, type, body) => response.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' }).end(body);
    if (path === '/form.html') return send(200, CONTENT_TYPES['.html'], Buffer.from(PAGE(server.config)));
    if (path.startsWith(`${helpdesk.path}/`)) {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', async () => {
        const started = performance.now();
        const headers = Object.entries(request.headers).flatMap(([name, value]) => (name.startsWith(':') ? [] : [[name, String(value)]]));
        const body = ['GET', 'HEAD'].includes(request.method) ? undefined : Buffer.concat(chunks);
        const answer = (await getResponse(server.fake.handlers, new Request(url, { method: request.method, headers, body }))) ?? new Response('Not found', { status: 404 });
        const bytes = Buffer.from(await answer.arrayBuffer());
        if (helpdesk.isSearch(url)) {
          server.searches += 1;
          server.searchMs.push(performance.now() - started);
        }
        const kept = [...answer.headers].filter(([name]) => !/^(content-length|content-encoding|transfer-encoding)$/i.test(name));
        response.writeHead(answer.status, { ...Object.fromEntries(kept), 'Content-Length': bytes.length, 'Cache-Control': 'no-store' }).end(bytes);
      });
      return;
    }
    const file = path.startsWith('/dist/') ? resolve(DIST, `.${path.slice('/dist'.length)}`) : undefined;
    const inside = file && relative(DIST, file);
    if (!file || !inside || inside.startsWith('..') || inside.startsWith(sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(404, 'text/plain; charset=utf-8', Buffer.from(`not found: ${path}`));
    }
    send(200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  await new Promise((done) => server.http.listen(0, '127.0.0.1', done));
  server.origin = `http://127.0.0.1:${server.http.address().port}`;
  const url = `${server.origin}${helpdesk.path}`;
  server.reset = () => {
    // A fresh helpdesk per load: nothing cached on its side either.
    server.fake = helpdesk.make(mocks, url);
    server.searches = 0;
  };
  server.config = { backend: helpdesk.backend(url, mocks), articles: { enabled: true } };
  return server;
}

/** One cold load at CPU `rate`: the title typed, then the time until a suggestion shows. */
async function coldLoad(browser, server, rate, options) {
  server.reset();
  const context = await browser.createBrowserContext();
  const result = { rate, errors: [] };
  try {
    const tab = await context.newPage();
    tab.on('pageerror', (error) => result.errors.push(String(error.message ?? error).split('\n')[0]));
    const cdp = await tab.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await cdp.send('Page.enable');
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE(options.words) });
    await tab.goto(`${server.origin}/form.html`, { waitUntil: 'domcontentloaded', timeout: options.timeout * 4 });
    await tab.waitForFunction(() => document.querySelector('support-ticket-form')?.shadowRoot?.querySelector('#field-title'), { timeout: options.timeout * 4 });
    await tab.evaluate(() => document.querySelector('support-ticket-form').shadowRoot.querySelector('#field-title').focus());
    for (const char of options.title) {
      await press(cdp, char);
      await sleep(options.gap);
    }
    const shown = await within(
      options.timeout,
      tab.waitForFunction(() => window.__suggestBench.shown !== undefined, { timeout: options.timeout }).then(() => true),
      false,
    );
    const probe = await tab.evaluate(() => window.__suggestBench);
    if (!shown) result.failed = `no suggestion within ${options.timeout} ms`;
    else result.ms = probe.shown - probe.keys.at(-1);
    result.keys = probe.keys.length;
    result.early = probe.early;
    // How long the page took between two keys (what a pause is measured against).
    result.keyGap = median(probe.keys.slice(1).map((at, index) => at - probe.keys[index]));
    // What a late search would add: a moment more for one to arrive.
    await sleep(200);
    result.searches = server.searches;
  } catch (error) {
    result.failed = String(error.message ?? error).split('\n')[0];
  } finally {
    await context.close();
  }
  return result;
}

const median = (values) => quantile(values, 0.5);

async function main() {
  const options = readOptions();
  for (const file of ['cdn/support-widgets.js', 'mocks.js']) {
    if (!existsSync(resolve(DIST, file))) fail(`dist/${file} is not built: run npm run build (or npx vite build --mode cdn and --mode es)`);
  }
  const mocks = await import(pathToFileURL(resolve(DIST, 'mocks.js')).href);
  const server = await startServer(options, mocks);
  const browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: FLAGS });
  console.log(`Chromium ${await browser.version()}, ${options.helpdesk} fake, "${options.title}" typed with ${options.gap} ms between keys, seed ${options.seed}`);
  const draw = random(options.seed);
  const results = [];
  try {
    // One untimed load per rate first: the browser's own first-run costs are not the widget's.
    for (const rate of options.rates) await coldLoad(browser, server, rate, options);
    for (let round = 0; round < options.runs; round += 1) {
      for (const rate of shuffled(options.rates, draw)) {
        const result = await coldLoad(browser, server, rate, options);
        results.push(result);
        if (options.verbose || result.failed) console.log(`  ×${rate} ${result.failed ?? `${result.ms.toFixed(0)} ms, ${result.searches} search(es)`}${result.errors.length ? ` — ${result.errors.join('; ')}` : ''}`);
      }
    }
  } finally {
    await browser.close();
    server.http.close();
  }
  const rows = options.rates.map((rate) => {
    const loads = results.filter((result) => result.rate === rate);
    const ok = loads.filter((result) => !result.failed);
    const times = ok.map((result) => result.ms);
    return [
      `×${rate}`,
      ok.length,
      loads.length - ok.length,
      median(times).toFixed(0),
      quantile(times, 0.75).toFixed(0),
      Math.max(...times).toFixed(0),
      median(ok.map((result) => result.keyGap)).toFixed(0),
      median(ok.map((result) => result.searches)),
      Math.max(...ok.map((result) => result.searches)),
      ok.filter((result) => result.early > 0).length,
    ];
  });
  console.log(`\nFrom the last key to a suggestion on screen (ms; target at ×4: median ≤ ${TARGET_MS})\n`);
  console.log(table(['CPU', 'loads', 'failed', 'median', 'p75', 'max', 'key gap', 'searches (median)', 'searches (max)', 'loads with early suggestions'], rows));
  console.log(`\nkey gap: the median time between two keydowns in the page (--gap plus the page's own work per key);`);
  console.log('searches: what the helpdesk received per load (one per pause: a gap over 150 ms is a pause);');
  console.log('early suggestions: shown for the first words during a pause, before the whole title was typed.');
  console.log(`\nThe fake's own time per search: median ${median(server.searchMs).toFixed(1)} ms (it runs in this Node process, not in the page).`);
  if (!options.check) return;
  const slow = results.filter((result) => result.rate === 4);
  const misses = [];
  if (!slow.length) misses.push('no load at ×4 (add 4 to --rates)');
  else if (!(median(slow.filter((result) => !result.failed).map((result) => result.ms)) <= TARGET_MS)) misses.push(`median at ×4 over ${TARGET_MS} ms`);
  if (results.some((result) => result.failed)) misses.push('failed loads');
  // One search per pause: a load with no pause inside the title (its key gap under the pause) searches once.
  if (results.some((result) => result.keyGap < 150 && result.searches > 1)) misses.push('a load searched more than once without a pause in the typing');
  if (misses.length) {
    console.error(`\ncheck: ${misses.join('; ')}`);
    process.exit(1);
  }
  console.log('\ncheck: met');
}

await main();
