#!/usr/bin/env node
/**
 * The browser fault suite: the built script-tag files — the loader of the fast path
 * (`dist/cdn/support-widgets.js`) in even scenarios, the one-file bundle
 * (`dist/support-widgets.iife.js`) in odd ones — in real pages of a real Chromium, each scenario a person who opens a ticket while the
 * helpdesk is slow (1–5 s per create, writing the ticket before or after it answers), down
 * (proxy 502/503 pages, 500, 429, connections reset), loses the answer of a create, or ends
 * the session — and while the person reloads, closes the tab and comes back, clicks twice,
 * goes offline, or writes a second ticket in a second tab of the same browser.
 *
 * The helpdesks answer from Node (test/faults/browser/helpdesks.mjs), so that they go on
 * working when a page goes away, as a real server does. At the end of each scenario the
 * helpdesk is asked how many tickets each person's text made; the suite also checks that
 * each person saw their ticket's number in the tab they wrote it in, and that
 * `support-ticket-created` fired once per ticket.
 *
 *   npm run test:faults                  # 200 scenarios, the default seed
 *   FAULT_SEED=1234 npm run test:faults  # other scenarios; FAULT_ONLY=17 replays one of them
 *   FAULT_SCENARIOS=40 FAULT_PARALLEL=4  # how many, and how many at once
 *
 * Ends with `N scenarios, 0 lost, 0 duplicated` and exits non-zero on any loss, duplicate,
 * ticket the person was not told of, or created event missing or fired twice.
 */
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import puppeteer from 'puppeteer-core';
import { getResponse } from 'msw';
import { createHelpdesk, HELPDESK_WEIGHTS } from './helpdesks.mjs';

/** The build under test; FAULT_DIST=/path/to/another/dist runs the same scenarios on another build (e.g. the previous one). */
const DIST = process.env.FAULT_DIST ? `${process.env.FAULT_DIST.replace(/\/$/, '')}/` : fileURLToPath(new URL('../../../dist/', import.meta.url));
const env = (name, fallback) => (/^\d+$/.test(process.env[name] ?? '') ? Number(process.env[name]) : fallback);
const SEED = env('FAULT_SEED', 20_261_206);
const COUNT = env('FAULT_SCENARIOS', 200);
const ONLY = process.env.FAULT_ONLY ? env('FAULT_ONLY', 0) : undefined;
const PARALLEL = env('FAULT_PARALLEL', 16);
/** FAULT_VERBOSE=1: a failed scenario also lists every request its helpdesk saw. */
const VERBOSE = Boolean(process.env.FAULT_VERBOSE);
/** What the widget gives a helpdesk call before giving up (ms): the slowest creates outlast it. */
const TIMEOUT = 2500;
/** How long after a helpdesk's answer a page that went away may have been handing the ticket over (ms). */
const UNLUCKY = 5000;
/**
 * A scenario not over by then counts what is missing as lost or untold. 16 scenarios with
 * two tabs each on 2 cores starve pages: slow creates with backoff were seen still sending,
 * then done, past 75 s.
 */
const DEADLINE = 120_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** mulberry32, as src/core/retry.ts: the same seed, the same scenarios. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOWN_KINDS = ['503', '502', '500', 'reset', '429', '429-retry-after'];

/** What happens in scenario `index` of `seed`: drawn once, the same on every replay. */
function planOf(seed, index) {
  const draw = random((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const chance = (p) => draw() < p;
  const between = (min, max) => Math.floor(min + draw() * (max - min));
  const pick = (list) => list[Math.floor(draw() * list.length)];
  const weighted = Object.entries(HELPDESK_WEIGHTS).flatMap(([name, weight]) => Array(weight).fill(name));
  return {
    index,
    helpdesk: pick(weighted),
    tabs: chance(0.3) ? 2 : 1,
    slow: chance(0.6) ? { ms: between(1000, 5000), writes: chance(0.5) ? 'first' : 'last' } : undefined,
    lostAnswer: chance(0.2),
    down: chance(0.45) ? { from: between(0, 1500), for: between(500, 5000), kind: pick(DOWN_KINDS) } : undefined,
    offline: chance(0.15) ? { from: between(0, 2000), for: between(300, 3000) } : undefined,
    expireSessionAt: chance(0.25) ? between(0, 4000) : undefined,
    reloadAt: chance(0.3) ? between(50, 3000) : undefined,
    close: chance(0.25) ? { at: between(50, 3000), away: between(200, 2500) } : undefined,
    doubleClick: chance(0.15),
  };
}

/** Milliseconds between the last keystroke and the click on "send". */
const READING = 1000;

/** Even scenarios load the fast path, odd ones the one-file bundle: both shipped ways are tried. */
const fastPath = (plan) => plan.index % 2 === 0;

const describe = (plan) =>
  [
    fastPath(plan) ? 'loader' : 'one file',
    plan.helpdesk,
    plan.tabs === 2 && 'two tabs',
    plan.slow && `slow create ${plan.slow.ms} ms (written ${plan.slow.writes})`,
    plan.lostAnswer && 'answer lost',
    plan.down && `down ${plan.down.kind} at ${plan.down.from} for ${plan.down.for} ms`,
    plan.offline && `offline at ${plan.offline.from} for ${plan.offline.for} ms`,
    plan.expireSessionAt !== undefined && `session ends at ${plan.expireSessionAt}`,
    plan.reloadAt !== undefined && `reload at ${plan.reloadAt}`,
    plan.close && `tab closed at ${plan.close.at}, back after ${plan.close.away} ms`,
    plan.doubleClick && 'double click',
  ]
    .filter(Boolean)
    .join(', ');

const PROXY_PAGE = (status) => `<html><head><title>${status}</title></head><body><h1>${status}</h1><hr>nginx</body></html>`;

class Scenario {
  constructor(seed, index, origin, browser) {
    this.seed = seed;
    this.plan = planOf(seed, index);
    this.root = `/s/${index}`;
    this.origin = origin;
    this.browser = browser;
    this.helpdesk = createHelpdesk(this.plan.helpdesk, `${origin}${this.root}`);
    /** Set on the first submit: the faults' times count from there. */
    this.start = undefined;
    this.creates = 0;
    this.creating = 0;
    this.offline = false;
    this.people = Array.from({ length: this.plan.tabs }, (_, tab) => ({
      tab,
      marker: `[fault ${seed}/${index}/${tab + 1}]`,
      page: undefined,
      told: undefined,
      givenBack: 0,
    }));
    this.notes = [];
    /** Every request the helpdesk saw, for a failed scenario's report. */
    this.requests = [];
    /** When the helpdesk answered a call with success, and when a page went away (reload, closed tab). */
    this.answeredAt = [];
    this.leftAt = [];
    /** Created events heard from the pages as they fired. */
    this.heard = [];
    /** Idempotency-Keys of the tickets created so far. */
    this.keysDone = new Set();
  }

  get elapsed() {
    return this.start === undefined ? -1 : Date.now() - this.start;
  }

  pageHtml() {
    const config = {
      backend: { ...this.helpdesk.backend, timeout: TIMEOUT },
      // No lists to load: every request of a scenario is one of sending.
      fields: { category: 'hidden', equipment: 'hidden' },
    };
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fault scenario ${this.plan.index}</title>
<script type="application/json" id="helpdesk">${JSON.stringify(config)}</script>
${fastPath(this.plan) ? '<script type="module" src="/dist/cdn/support-widgets.js"></script>' : '<script src="/dist/support-widgets.iife.js"></script>'}
<script>
  // As a host would count them: synchronously, in storage that outlives a page that fires and goes away at once.
  const page = Math.random().toString(36).slice(2);
  const fired = [];
  addEventListener('support-ticket-created', (event) => {
    fired.push({ ...event.detail, page, n: fired.length });
    localStorage.setItem('fault-created:' + page, JSON.stringify(fired));
    // And straight to the suite: a page closed at once may not have written its storage yet.
    window.faultCreated?.(JSON.stringify(fired.at(-1)));
  });
</script></head>
<body><support-ticket-form config="helpdesk" lang="en"></support-ticket-form></body></html>`;
  }

  /** The scenario's helpdesk, behind what goes wrong on the way. */
  async answer(request, response, url, body) {
    const { plan } = this;
    const t = this.elapsed;
    const create = this.helpdesk.isCreate(request.method, url.pathname);
    const submission = create ? (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(body.toString('latin1'))?.[0] ?? '') : '';
    const line = `${t} ms ${request.method} ${url.pathname.slice(this.root.length)}${url.search} ${submission}`;
    response.on('finish', () => {
      this.requests.push(`${line} → ${response.statusCode} at ${this.elapsed} ms`);
      if (response.statusCode < 300) this.answeredAt.push(Date.now());
    });
    response.on('close', () => response.writableFinished || this.requests.push(`${line} → no answer`));
    const down = plan.down && t >= plan.down.from && t < plan.down.from + plan.down.for ? plan.down.kind : undefined;
    if (this.offline || down === 'reset') return request.socket.destroy();
    if (down === '503' || down === '502') return send(response, Number(down), { 'Content-Type': 'text/html' }, PROXY_PAGE(down));
    if (down === '500') return send(response, 500, { 'Content-Type': 'application/json' }, '{"error":"Internal Server Error"}');
    if (down?.startsWith('429')) return send(response, 429, down === '429' ? {} : { 'Retry-After': '1' }, 'Too Many Requests');

    const fetchRequest = new Request(url, {
      method: request.method,
      headers: Object.entries(request.headers).flatMap(([name, value]) => (name.startsWith(':') ? [] : [[name, String(value)]])),
      body: ['GET', 'HEAD'].includes(request.method) ? undefined : body,
    });
    const real = async () => (await getResponse(this.helpdesk.handlers, fetchRequest)) ?? new Response('Not found', { status: 404 });
    if (!create) return relay(response, await real());

    const nth = ++this.creates;
    // A helpdesk that knows the submission by its key (REST, email endpoint) answers a repeat at once.
    const key = request.headers['idempotency-key'];
    const slow = this.keysDone.has(key) ? undefined : plan.slow;
    this.creating++;
    try {
      let answer;
      if (slow?.writes === 'last') {
        await sleep(slow.ms);
        answer = await real();
      } else {
        answer = await real();
        if (slow) await sleep(slow.ms);
      }
      if (key && answer.ok) this.keysDone.add(key);
      // Written, and the answer is cut on the way back. Cut after its first bytes: a connection
      // closed before any byte comes back makes Chrome send the request again by itself when the
      // connection was a reused one (a browser's own retry, which no page can turn off).
      if (plan.lostAnswer && nth === 1) {
        response.writeHead(answer.status, { 'Content-Type': 'application/json' });
        response.flushHeaders();
        return setTimeout(() => request.socket.destroy(), 20);
      }
      return await relay(response, answer);
    } finally {
      this.creating--;
    }
  }

  async openTab(person, context) {
    const page = await context.newPage();
    person.page = page;
    page.on('pageerror', (error) => this.notes.push(`tab ${person.tab + 1}: page error ${error.message}`));
    await page.exposeFunction('faultCreated', (detail) => this.heard.push(JSON.parse(detail)));
    await page.goto(`${this.origin}${this.root}/page.html`);
    await page.waitForFunction(() => document.querySelector('support-ticket-form')?.shadowRoot?.querySelector('form, #success, #queued'), {
      timeout: 15_000,
    });
    if (this.offline) {
      // A tab opened again while offline gets the widget's files from the browser's cache. Here they come
      // from the server first, the loader's pieces and the adapter it preloads included (a piece cut off
      // half-way would leave the form unbuilt, which no cache would do); the helpdesk stays unreachable
      // meanwhile, as the server refuses its calls while offline.
      await page.waitForNetworkIdle({ idleTime: 150, timeout: 5_000 }).catch(() => undefined);
      if (this.offline) await page.setOfflineMode(true);
    }
    return page;
  }

  /** Fills the form as a person would, through its controls' events. */
  async fill(person) {
    await person.page.evaluate((marker) => {
      const root = document.querySelector('support-ticket-form').shadowRoot;
      root.querySelector('#type-incident').click();
      root.querySelector('#urgency-medium').click();
      for (const [selector, value] of [
        ['#field-title', `Printer jammed ${marker}`],
        ['#field-description', `The printer on the second floor jams on every page since this morning. ${marker}`],
        ['#field-followUpEmail', 'camille.martin@example.fr'],
      ]) {
        const input = root.querySelector(selector);
        if (!input) continue;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
    }, person.marker);
  }

  async submit(person, twice = false) {
    await person.page.evaluate((twice) => {
      const button = () => document.querySelector('support-ticket-form')?.shadowRoot?.querySelector('button[part="submit"]');
      button()?.click();
      if (twice) button()?.click();
    }, twice);
  }

  /** What the person sees: their ticket's number, their text given back, or something under way. */
  async look(person) {
    return person.page.evaluate((marker) => {
      const root = document.querySelector('support-ticket-form')?.shadowRoot;
      if (!root) return { state: 'loading' };
      const success = root.querySelector('#success-heading')?.textContent ?? '';
      const number = /Ticket (\S+) is registered/.exec(success)?.[1] ?? (/sent to/.test(success) ? 'email' : undefined);
      const items = [...root.querySelectorAll('[part="outbox"] li')].filter((item) => item.textContent.includes(marker));
      const sentItem = items.map((item) => /Sent: ticket (\S+?)\.|Sent by email/.exec(item.textContent)).find(Boolean);
      if (number) return { state: 'told', number };
      if (sentItem) return { state: 'told', number: sentItem[1] ?? 'email' };
      const title = root.querySelector('#field-title')?.value ?? '';
      if (root.querySelector('#failure')) return { state: 'refused' };
      if (root.querySelector('#queued') || items.length) return { state: 'queued' };
      if (root.querySelector('#login')) return { state: 'sign-in' };
      if (root.querySelector('button[part="submit"][aria-disabled="true"]')) return { state: 'sending' };
      return { state: title.includes(marker) ? 'given-back' : 'empty' };
    }, person.marker);
  }

  async run() {
    const { plan } = this;
    const context = await this.browser.createBrowserContext();
    const started = Date.now();
    const timers = [];
    const at = (ms, action) => timers.push(setTimeout(() => void action().catch((error) => this.notes.push(`${error.message}`)), ms));
    try {
      for (const person of this.people) await this.openTab(person, context);
      for (const person of this.people) await this.fill(person);
      // A person reads what they wrote before sending: the draft kept as they type is on disk by
      // then (a page killed within 0.6 s of a submit made the instant its form appeared, on a
      // machine running 16 scenarios on 2 cores, could lose the ticket: nothing was written yet).
      await new Promise((resolve) => setTimeout(resolve, READING));
      this.start = Date.now();
      for (const person of this.people) await this.submit(person, plan.doubleClick);

      if (plan.offline) {
        at(plan.offline.from, async () => {
          this.offline = true;
          await Promise.all(this.people.map((person) => person.page?.setOfflineMode(true).catch(() => undefined)));
        });
        at(plan.offline.from + plan.offline.for, async () => {
          this.offline = false;
          await Promise.all(this.people.map((person) => person.page?.setOfflineMode(false).catch(() => undefined)));
        });
      }
      if (plan.expireSessionAt !== undefined && this.helpdesk.expireSession) at(plan.expireSessionAt, async () => this.helpdesk.expireSession());
      const first = this.people[0];
      let moving = Promise.resolve();
      // Timers run late on a busy machine: a scenario is over only once its reload and closed tab happened.
      let movesDone = 0;
      const movesPlanned = (plan.reloadAt !== undefined ? 1 : 0) + (plan.close ? 1 : 0);
      // A page loaded again must show the person their ticket again: what they saw before is gone with it.
      if (plan.reloadAt !== undefined) {
        at(plan.reloadAt, () =>
          (moving = moving.then(async () => {
            // Nothing of the page being left counts: the person must see the number in the new one.
            first.moving = true;
            this.leftAt.push(Date.now());
            await first.page.reload().catch((error) => this.notes.push(`reload: ${error.message}`));
            first.told = undefined;
            first.moving = false;
            movesDone++;
          })),
        );
      }
      if (plan.close) {
        const last = this.people.at(-1);
        at(plan.close.at, () =>
          (moving = moving.then(async () => {
            const page = last.page;
            last.page = undefined;
            last.told = undefined;
            this.leftAt.push(Date.now());
            await page.close();
            await sleep(plan.close.away);
            await this.openTab(last, context);
            movesDone++;
          })),
        );
      }

      // The person watches: a ticket given back (refused, or back in the form with nothing
      // queued) is sent again, as a person in a hurry does.
      while (Date.now() - started < DEADLINE) {
        await sleep(250);
        if (this.elapsed > 7000) await moving;
        for (const person of this.people) {
          if (!person.page || person.told || person.moving) continue;
          let seen;
          try {
            seen = await this.look(person);
          } catch {
            continue; // the page is reloading or closing
          }
          if (seen.state === 'told') person.told = seen.number;
          // A page reloaded while offline is the browser's error page: once back online, the person reloads it.
          person.loading = seen.state === 'loading' ? (person.loading ?? 0) + 1 : 0;
          if (person.loading >= 8 && !this.offline) {
            person.loading = 0;
            this.notes.push(`tab ${person.tab + 1} reloaded a page that did not load, at ${this.elapsed} ms`);
            moving = moving.then(() => person.page?.reload().catch(() => undefined));
          }
          const givenBack = seen.state === 'refused' || seen.state === 'given-back';
          person.givenBack = givenBack ? person.givenBack + 1 : 0;
          if (person.givenBack >= 3) {
            person.givenBack = 0;
            this.notes.push(`tab ${person.tab + 1} sent again at ${this.elapsed} ms (${seen.state})`);
            await this.submit(person).catch(() => undefined);
          }
        }
        const moves = Math.max(plan.expireSessionAt ?? 0, plan.reloadAt ?? 0, plan.close ? plan.close.at + plan.close.away : 0);
        if (this.elapsed > moves + 500) await moving;
        const over = movesDone === movesPlanned && this.elapsed > moves + 500;
        if (over && this.people.every((person) => person.told) && this.creating === 0) break;
      }
      // Anything a page still had under way: a late duplicate must have time to show.
      while (this.creating > 0 && Date.now() - started < DEADLINE + 10_000) await sleep(100);
      await sleep(300);
      // Every created event any page of the scenario fired, from the origin's storage.
      const reader = this.people.find((person) => person.page)?.page;
      this.fired = await reader
        ?.evaluate(() => Object.keys(localStorage).flatMap((key) => (key.startsWith('fault-created:') ? JSON.parse(localStorage.getItem(key)) : [])))
        .catch(() => undefined);
      for (const person of this.people.filter((one) => !one.told && one.page)) {
        const seen = await this.look(person).catch((error) => ({ state: error.message }));
        const text = await person.page.evaluate(() => document.querySelector('support-ticket-form')?.shadowRoot?.textContent.replace(/\s+/g, ' ').slice(0, 400));
        this.notes.push(`tab ${person.tab + 1} in the end: ${seen.state}: ${text}`);
      }
    } finally {
      timers.forEach(clearTimeout);
      await context.close().catch(() => undefined);
    }
    return this.outcome(Date.now() - started);
  }

  outcome(ms) {
    const trouble = [];
    let lost = 0;
    let duplicated = 0;
    let untold = 0;
    let events = 0;
    for (const person of this.people) {
      const count = this.helpdesk.count(person.marker);
      const who = `tab ${person.tab + 1}`;
      if (count === 0) lost++;
      if (count > 1) duplicated += count - 1;
      if (count !== 1) trouble.push(`${who}: ${count} tickets`);
      if (count > 0 && !person.told) {
        untold++;
        trouble.push(`${who}: never shown its ticket`);
      }
    }
    // Heard as they fired, or read from storage at the end: each event once.
    const fired = [...new Map([...this.heard, ...(this.fired ?? [])].map((event) => [`${event.page} ${event.n}`, event])).values()];
    const created = this.people.reduce((sum, person) => sum + Math.min(this.helpdesk.count(person.marker), 1), 0);
    // The event and taking the ticket out of the outbox cannot be one step: a page that goes away in
    // the moment between them, soon after the helpdesk's answer, fires none (the next page still shows
    // the number). Counted apart when a page went away within UNLUCKY ms of a successful answer: on a
    // loaded machine the page reaches that moment seconds after the answer.
    const unlucky = this.leftAt.some((left) => this.answeredAt.some((answered) => left >= answered && left - answered < UNLUCKY));
    let eventsLostInMoves = 0;
    if (fired.length < created && unlucky) eventsLostInMoves = created - fired.length;
    else if (fired.length !== created) {
      events++;
      trouble.push(`support-ticket-created fired ${fired.length} times for ${created} tickets`);
    }
    return { requests: this.requests, plan: this.plan, submitted: this.people.length, lost, duplicated, untold, events, eventsLostInMoves, trouble, notes: this.notes, ms };
  }
}

function send(response, status, headers, body) {
  response.writeHead(status, headers);
  response.end(body);
}

async function relay(response, answer) {
  const headers = Object.fromEntries([...answer.headers].filter(([name]) => !/^(content-length|content-encoding|transfer-encoding)$/i.test(name)));
  const body = Buffer.from(await answer.arrayBuffer());
  if (response.destroyed) return;
  response.writeHead(answer.status, headers);
  response.end(body);
}

async function main() {
  const scenarios = new Map();
  const bundle = await readFile(new URL('support-widgets.iife.js', `file://${DIST}`)).catch(() => undefined);
  if (!bundle) throw new Error('dist/support-widgets.iife.js is missing: run `npm run build` first');
  const cdnFiles = new Map();
  /** A file of the fast path's folder, read once; undefined when it is not there. */
  const cdnFile = async (path) => {
    if (!/^[\w./-]+$/.test(path) || path.includes('..')) return undefined;
    if (!cdnFiles.has(path)) cdnFiles.set(path, await readFile(new URL(`cdn/${path}`, `file://${DIST}`)).catch(() => undefined));
    return cdnFiles.get(path);
  };
  if (!(await cdnFile('support-widgets.js'))) throw new Error('dist/cdn/support-widgets.js is missing: run `npm run build` first');

  const server = http.createServer((request, response) => {
    response.on('error', () => undefined);
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('error', () => undefined);
    request.on('end', () => {
      const url = new URL(request.url, `http://${request.headers.host}`);
      if (url.pathname === '/dist/support-widgets.iife.js') return send(response, 200, { 'Content-Type': 'text/javascript' }, bundle);
      if (url.pathname.startsWith('/dist/cdn/')) {
        cdnFile(url.pathname.slice('/dist/cdn/'.length)).then((file) =>
          file ? send(response, 200, { 'Content-Type': 'text/javascript' }, file) : send(response, 404, {}, 'not built'),
        );
        return undefined;
      }
      const [, index, rest] = /^\/s\/(\d+)(\/.*)$/.exec(url.pathname) ?? [];
      const scenario = scenarios.get(Number(index));
      if (!scenario) return send(response, 404, {}, 'no such scenario');
      if (rest === '/page.html') return send(response, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, scenario.pageHtml());
      scenario.answer(request, response, url, Buffer.concat(chunks)).catch((error) => {
        scenario.notes.push(`server: ${error.message}`);
        if (!response.headersSent) send(response, 500, {}, String(error));
      });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;

  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
  });

  const indexes = ONLY === undefined ? Array.from({ length: COUNT }, (_, index) => index) : [ONLY];
  console.log(`browser fault suite: seed ${SEED}, ${indexes.length} scenarios, ${PARALLEL} at once (replay: FAULT_SEED=${SEED} FAULT_ONLY=<n> npm run test:faults)`);
  const began = Date.now();
  const outcomes = [];
  const queue = [...indexes];
  const lane = async () => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const scenario = new Scenario(SEED, index, origin, browser);
      scenarios.set(index, scenario);
      const outcome = await scenario.run().catch((error) => ({ ...scenario.outcome(0), trouble: [`harness: ${error.stack}`], broken: true }));
      scenarios.delete(index);
      outcomes.push(outcome);
      const bad = outcome.trouble.length > 0;
      console.log(`${bad ? 'FAIL' : 'ok  '} scenario ${index} (FAULT_SEED=${SEED} FAULT_ONLY=${index}) ${outcome.ms} ms: ${describe(outcome.plan)}${bad ? `\n       ${[...outcome.trouble, ...outcome.notes, ...(VERBOSE ? outcome.requests : [])].join('\n       ')}` : ''}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, indexes.length) }, lane));
  } finally {
    await browser.close();
    server.close();
  }

  const total = (field) => outcomes.reduce((sum, outcome) => sum + (outcome[field] ?? 0), 0);
  const by = (test) => outcomes.filter((outcome) => test(outcome.plan)).length;
  console.log(
    [
      `browser fault suite, seed ${SEED}: ${outcomes.length} scenarios in ${Math.round((Date.now() - began) / 1000)} s`,
      `  helpdesks: ${Object.keys(HELPDESK_WEIGHTS).map((name) => `${name} ${by((plan) => plan.helpdesk === name)}`).join(', ')}`,
      `  slow creates ${by((p) => p.slow)}, lost answers ${by((p) => p.lostAnswer)}, helpdesk down ${by((p) => p.down)}, offline ${by((p) => p.offline)}, ` +
        `sessions ended ${by((p) => p.expireSessionAt !== undefined)}, reloads ${by((p) => p.reloadAt !== undefined)}, closed tabs ${by((p) => p.close)}, ` +
        `two tabs ${by((p) => p.tabs === 2)}, double clicks ${by((p) => p.doubleClick)}`,
      `  tickets submitted ${total('submitted')}; never shown to the person ${total('untold')}; scenarios with created events missing or doubled ${total('events')}`,
      `  created events not fired by a page that went away within ${UNLUCKY / 1000} s of the helpdesk's answer (the number is shown in the next page): ${total('eventsLostInMoves')}`,
    ].join('\n'),
  );
  console.log(`${outcomes.length} scenarios, ${total('lost')} lost, ${total('duplicated')} duplicated`);
  const failed = total('lost') + total('duplicated') + total('untold') + total('events') + outcomes.filter((o) => o.broken).length;
  process.exitCode = failed ? 1 : 0;
}

await main();
