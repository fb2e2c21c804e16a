#!/usr/bin/env node
/**
 * `npm run bench:floor`: how much of what the form page downloads actually runs (issue 12's
 * byte floor). One load of the startup benchmark's fast-path page (bench/startup/: only
 * `<support-ticket-form>` on GLPI in French, through the loader), then what a person does
 * through a first ticket: sign in, choose incident and urgency, type a title and a
 * description with the keyboard, send, see the ticket's number. V8's block coverage of every
 * script of `dist/` says which bytes ran; the table gives, per file, its size and the size of
 * the code that ran, raw and gzip -9 (the ranges that ran, joined, compressed), then the
 * original modules those bytes come from (source maps).
 *
 * The code that ran is a floor, not a budget: a page must also carry what runs only when
 * something goes wrong (a 401, a 429, an offline send, a refused file), and any split costs
 * bytes of its own.
 *
 *   node bench/floor.mjs            # needs `npm run build` (dist/cdn)
 *   node bench/floor.mjs --json     # the figures as JSON
 */
/* global document -- for the functions handed to page.evaluate(), which run in the page */
import http from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import process from 'node:process';
import puppeteer from 'puppeteer-core';
import { answerGlpi } from './startup/fake-glpi.mjs';
import { SourceMap } from './startup/profile.mjs';
import { table } from './support.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const here = fileURLToPath(new URL('./startup/', import.meta.url));
const DIST = resolve(repo, 'dist');
const json = process.argv.includes('--json');

if (!existsSync(resolve(DIST, 'cdn/support-widgets.js'))) {
  console.error('bench:floor: dist/cdn is not built (npm run build)');
  process.exit(2);
}

function pageHtml(origin) {
  const [main, scripts] = readFileSync(resolve(here, 'pages/fast-path.html'), 'utf8').split('<!-- scripts -->');
  return readFileSync(resolve(here, 'layout.html'), 'utf8')
    .replace('{{main}}', main.trim())
    .replace('{{scripts}}', scripts.trim().replaceAll('{{dist}}', '/dist'))
    .replace('{{glpi}}', `${origin}/glpi/apirest.php`);
}

const server = http.createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://floor').pathname);
  if (path.startsWith('/glpi/apirest.php/')) {
    if (!answerGlpi(request, response, path.slice('/glpi/apirest.php/'.length))) console.error(`  the fake GLPI does not know ${request.method} ${path}`);
    return;
  }
  if (path === '/') {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(pageHtml(origin));
    return;
  }
  const file = resolve(DIST, `.${path.replace(/^\/dist/, '')}`);
  const inside = relative(DIST, file);
  if (!path.startsWith('/dist/') || inside.startsWith('..') || inside.startsWith(sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end();
    return;
  }
  const type = { '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json' }[extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(readFileSync(file));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let coverage;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 900 });
  await page.coverage.startJSCoverage({ resetOnNavigation: false });
  await page.goto(`${origin}/`);
  const inForm = (selector) =>
    page.waitForFunction((selector) => document.querySelector('support-ticket-form')?.shadowRoot?.querySelector(selector), { timeout: 15_000 }, selector);
  const typeInto = async (selector, text) => {
    await (await inForm(selector)).focus();
    await page.keyboard.type(text);
  };
  await typeInto('#login', 'marie.durand');
  await typeInto('#password', 'secret');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('support-ticket-form').shadowRoot.querySelector('#login'), { timeout: 15_000 });
  await (await inForm('#type-incident')).click();
  await (await inForm('#urgency-medium')).click();
  await typeInto('#field-title', 'Imprimante du 3e étage hors ligne depuis 9 h');
  await typeInto('#field-description', 'L’imprimante HP près de la salle 312 est « hors ligne » sur tous les postes depuis ce matin.');
  await (await inForm('button[part="submit"]')).click();
  await inForm('[part~="success"]');
  coverage = await page.coverage.stopJSCoverage();
} finally {
  await browser.close();
  server.close();
}

const gzip = (text) => gzipSync(text, { level: 9 }).length;
const files = [];
const modules = new Map();
for (const entry of coverage) {
  const path = new URL(entry.url).pathname;
  if (!path.startsWith('/dist/')) continue;
  const ranges = entry.ranges.map(({ start, end }) => [start, end]);
  const ran = ranges.map(([start, end]) => entry.text.slice(start, end)).join('\n');
  files.push({ file: path.slice('/dist/'.length), raw: entry.text.length, gzip: gzip(entry.text), ranRaw: ran.length, ranGzip: gzip(ran) });
  // Which original module each byte that ran comes from: the source map's segments, cut by the ranges.
  const map = SourceMap.fromFile(resolve(DIST, `.${path.replace(/^\/dist/, '')}.map`));
  if (!map) continue;
  const lineStarts = [0];
  for (let at = entry.text.indexOf('\n'); at >= 0; at = entry.text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const segments = [];
  map.lines.forEach((line, index) => line.forEach(([column, source]) => segments.push([lineStarts[index] + column, map.sources[source]])));
  segments.sort((a, b) => a[0] - b[0]);
  segments.forEach(([start, source], index) => {
    const end = segments[index + 1]?.[0] ?? entry.text.length;
    let ranBytes = 0;
    for (const [from, to] of ranges) ranBytes += Math.max(0, Math.min(end, to) - Math.max(start, from));
    const name = source.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, '$1').replace(/^.*?\/?src\//, 'src/');
    const entryOf = modules.get(name) ?? { name, raw: 0, ran: 0 };
    entryOf.raw += end - start;
    entryOf.ran += ranBytes;
    modules.set(name, entryOf);
  });
}

const sum = (key) => files.reduce((total, file) => total + file[key], 0);
const total = { raw: sum('raw'), gzip: sum('gzip'), ranRaw: sum('ranRaw'), ranGzip: sum('ranGzip') };
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
if (json) {
  console.log(JSON.stringify({ files, total, modules: [...modules.values()].sort((a, b) => b.ran - a.ran) }, null, 2));
} else {
  console.log('The form page (fast path, GLPI, French) through a first ticket: what was downloaded, and what of it ran.\n');
  console.log(
    table(
      ['file', 'raw', 'gzip', 'ran, raw', 'ran, gzip', 'ran'],
      [...files.map((f) => [f.file, kb(f.raw), kb(f.gzip), kb(f.ranRaw), kb(f.ranGzip), `${Math.round((100 * f.ranRaw) / f.raw)} %`]), ['all', kb(total.raw), kb(total.gzip), kb(total.ranRaw), kb(total.ranGzip), `${Math.round((100 * total.ranRaw) / total.raw)} %`]],
    ),
  );
  console.log('\nBy original module, the 25 that ran most (raw bytes of minified code):\n');
  const rows = [...modules.values()].sort((a, b) => b.ran - a.ran).slice(0, 25);
  console.log(table(['module', 'downloaded', 'ran', 'ran'], rows.map((m) => [m.name, kb(m.raw), kb(m.ran), `${Math.round((100 * m.ran) / Math.max(1, m.raw))} %`])));
  console.log('\nKB = 1000 bytes. "ran, gzip" compresses the ranges that ran, joined: a floor for a page that would download nothing else.');
}
