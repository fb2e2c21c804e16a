#!/usr/bin/env node
/**
 * `npm run screenshots`: the README's pictures, taken from the demo as a person sees it, so
 * that they stay true. Starts the demo's dev server (Vite, the fake helpdesks in the page),
 * drives headless Chromium through it, and writes docs/screenshots/<what>-<light|dark>.png:
 *   form       the form on GLPI in French, an incident of high urgency being written;
 *   list       the demo person's tickets;
 *   thread     a ticket whose solution waits for approval, read as a conversation;
 *   launcher   the SaaS page's "Help" button opened on its panel;
 *   article    a suggested FAQ article opened under the form, with the person's own open ticket on the same problem.
 * The colour scheme is the browser's (prefers-color-scheme), which the elements follow.
 *
 *   npm run screenshots
 */
/* global document -- for the functions handed to page.waitForFunction() and evaluate(), which run in the page */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(repo, 'docs/screenshots');
mkdirSync(out, { recursive: true });

const server = await createServer({ configFile: resolve(repo, 'vite.config.ts'), server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

/** Runs `find` in the page until it returns an element (through shadow roots, as written), then gives its handle. */
async function element(page, find, what, ...args) {
  const handle = await page.waitForFunction(find, { timeout: 20_000, polling: 100 }, ...args).catch(() => {
    throw new Error(`screenshots: ${what} did not show`);
  });
  return handle.asElement();
}

async function playground(scheme) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1180, height: 900 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(`${base}index.html`);
  const form = await element(page, () => document.querySelector('support-ticket-form')?.shadowRoot?.querySelector('#field-title') && document.querySelector('support-ticket-form'), 'the form');
  // The demo person's token in the configuration: no sign-in block on the pictures. The playground
  // listens once its fake helpdesks are up, which the form showing says.
  await page.click('input[name="auth"][value="token"]');
  await element(page, () => !document.querySelector('support-ticket-form').shadowRoot.querySelector('#login') && document.body, 'the form without its sign-in');
  const inForm = (selector) => element(page, (selector) => document.querySelector('support-ticket-form').shadowRoot.querySelector(selector), selector, selector);
  await (await inForm('#type-incident')).click();
  await (await inForm('#urgency-high')).click();
  await (await inForm('#field-title')).focus();
  await page.keyboard.type('Imprimante du 2e étage hors ligne depuis 9 h');
  await (await inForm('#field-description')).focus();
  await page.keyboard.type('Elle affiche « hors ligne » sur tous les postes du 2e étage ; le redémarrage n’a rien changé.');
  await (await inForm('#q-account')).focus();
  await page.keyboard.type('durand-fils');
  await pause(400);
  await form.screenshot({ path: resolve(out, `form-${scheme}.png`) });

  // Another problem, which the FAQ answers and one of the person's open tickets already is.
  const title = await inForm('#field-title');
  await title.click({ clickCount: 3 });
  await page.keyboard.type('Le VPN se déconnecte');
  const suggestions = await element(
    page,
    () => {
      const found = document.querySelector('support-ticket-form').shadowRoot.querySelector('support-suggestions');
      return found?.shadowRoot?.querySelector('li button')?.textContent.includes('VPN') && found;
    },
    'the suggestions for the VPN',
  );
  await suggestions.evaluate((el) => el.shadowRoot.querySelector('li button').click());
  await element(page, () => document.querySelector('support-ticket-form').shadowRoot.querySelector('support-suggestions').shadowRoot.querySelector('article .rich'), 'the article');
  await pause(400);
  await suggestions.screenshot({ path: resolve(out, `article-${scheme}.png`) });

  const list = await element(page, () => document.querySelector('ticket-list')?.shadowRoot?.querySelector('[data-ticket]') && document.querySelector('ticket-list'), 'the list');
  await list.evaluate((el) => el.scrollIntoView());
  await pause(400);
  await list.screenshot({ path: resolve(out, `list-${scheme}.png`) });

  // A ticket whose solution waits for the person: the conversation and its question.
  await page.evaluate(() => {
    const rows = [...document.querySelector('ticket-list').shadowRoot.querySelectorAll('[data-ticket]')];
    (rows.find((row) => /Résolu|Solved/.test(row.textContent)) ?? rows[0]).click();
  });
  const detail = await element(
    page,
    () => {
      const detail = document.querySelector('ticket-list').shadowRoot.querySelector('ticket-detail');
      return detail?.shadowRoot?.querySelector('[part~="entry"]') && detail;
    },
    'the thread',
  );
  await pause(600);
  await detail.screenshot({ path: resolve(out, `thread-${scheme}.png`) });
  await page.close();
}

async function launcher(scheme) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1180, height: 760 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(`${base}admin.html`);
  const launcher = await element(page, () => document.querySelector('support-launcher')?.shadowRoot?.querySelector('.launcher') && document.querySelector('support-launcher'), 'the launcher');
  // The SaaS page is dark by its own choice; here the launcher follows the scheme asked for.
  await launcher.evaluate((el) => el.removeAttribute('theme'));
  await launcher.evaluate((el) => el.open());
  await element(page, () => document.querySelector('support-launcher').shadowRoot.querySelector('support-ticket-form')?.shadowRoot?.querySelector('#field-title'), 'the launcher’s form');
  await pause(600);
  await page.screenshot({ path: resolve(out, `launcher-${scheme}.png`) });
  await page.close();
}

try {
  for (const scheme of ['light', 'dark']) {
    await playground(scheme);
    await launcher(scheme);
  }
  console.log(`screenshots: written to ${out}`);
} finally {
  await browser.close();
  await server.close();
}
