import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { createGlpiFake, type GlpiFake, type GlpiFakeOptions } from '../../src/mocks/index.js';
import { offlineLikeTheNetwork } from '../../src/mocks/faults.js';
import { signOutEverywhere } from '../../src/index.js';
import { outboxSender, senderOptions } from '../../src/services/outbox-sender.js';
import { drafts } from '../../src/store/drafts.js';
import { outbox } from '../../src/store/outbox.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import { replace } from '../store/storage-helpers.js';
import { $, $$, fillGoodTicket, focused, formIn, glpiConfig, reloadForm, signIn, submit, text, type } from '../support/form.js';

const API = '/fake-glpi/apirest.php';
const KEY = `glpi:${API}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let fake: GlpiFake;
let restore: (() => void)[] = [];

/** The demo's gate (demo/fake-helpdesk.ts) first: the browser's offline mode reaches the fake. */
async function startFake(options: GlpiFakeOptions = {}) {
  fake = createGlpiFake({ baseUrl: API, ...options });
  await useHandlers(offlineLikeTheNetwork(['/fake-glpi/']), ...fake.handlers);
}

/** No network at all, as the browser says: every call to the helpdesk fails before reaching it. */
function goOffline() {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  dispatchEvent(new Event('offline'));
}
function goOnline() {
  delete (navigator as { onLine?: boolean }).onLine;
  dispatchEvent(new Event('online'));
}

/** Retries after `ms` (full jitter pinned to its ceiling); 0 retries at once. */
const backoffOf = (ms: number) => (senderOptions.backoff = { base: Math.max(ms, 1), random: () => (ms ? 0.9999 : 0) });

const page = () => fixture<HTMLDivElement>(html`<div></div>`);
const queuedEntries = () => outbox().list(KEY);

beforeEach(async () => {
  await startFake();
  await clearStores();
  sessionStorage.clear();
  backoffOf(60_000);
});

afterEach(async () => {
  delete (navigator as { onLine?: boolean }).onLine;
  restore.forEach((undo) => undo());
  restore = [];
  delete senderOptions.backoff;
  await signOutEverywhere();
});

describe('<support-ticket-form> outbox', () => {
  it('keeps a ticket the helpdesk cannot take now, says so plainly, and sends it by itself, once', async () => {
    backoffOf(1500);
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    fake.state.failNext('500', { endpoint: 'Ticket' });
    const queued = oneEvent(el, 'support-ticket-queued');
    await submit(el);
    const { detail } = await queued;
    expect(detail.id).to.match(UUID);
    expect(detail).to.deep.include({ backend: 'glpi', reason: 'server' });

    await waitUntil(() => focused(el)?.id === 'queued', 'focus moves to the message');
    expect(text(el, '#queued-heading')).to.equal('Your ticket is saved and will be sent');
    expect(text(el, '#queued')).to.contain('even after a reload');
    expect(text(el, '[part="outbox"] li')).to.contain('Printer on 3rd floor offline since 9am');
    expect(text(el, '[part="outbox"] li')).to.contain('Will be sent when the helpdesk is reachable.');
    expect(text(el, '[part="outbox"] li')).to.match(/Next try at \d/);
    await expect(el).to.be.accessible();

    const created = await oneEvent(el, 'support-ticket-created');
    await el.updateComplete;
    expect(text(el, '#success-heading')).to.equal(`Ticket ${created.detail.id} is registered`);
    expect(fake.state.tickets).to.have.length(1);
    expect(fake.state.tickets[0]!.externalid).to.equal(detail.id);
    expect(await queuedEntries()).to.have.length(0);
    // What was typed is done with: only the number is kept, for a reload.
    expect(JSON.stringify(await drafts().storage.entries())).not.to.contain('Printer on 3rd floor');
  });

  it('sends what was kept while offline when the connection comes back, and not before', async () => {
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    goOffline();
    const queued = oneEvent(el, 'support-ticket-queued');
    await submit(el);
    expect((await queued).detail.reason).to.equal('network');
    await waitUntil(() => $(el, '#queued'), 'kept');
    expect(text(el, '#queued')).to.contain('This device is offline.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.state.tickets).to.have.length(0);

    const created = oneEvent(el, 'support-ticket-created');
    goOnline();
    await created;
    expect(fake.state.tickets).to.have.length(1);
  });

  it('sends again when the page is shown again', async () => {
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    fake.state.failNext('503', { endpoint: 'Ticket' });
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'kept');
    await outbox().update((await queuedEntries())[0]!.id, { nextAttemptAt: Date.now() });
    const created = oneEvent(el, 'support-ticket-created');
    document.dispatchEvent(new Event('visibilitychange'));
    await created;
    expect(fake.state.tickets).to.have.length(1);
  });

  it('waits as long as a 429’s Retry-After says', async () => {
    backoffOf(0);
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    fake.state.failNext('429', { endpoint: 'Ticket', retryAfter: '1' });
    const queued = oneEvent(el, 'support-ticket-queued');
    const started = Date.now();
    await submit(el);
    expect((await queued).detail.reason).to.equal('rate-limited');
    // Said as it is: too many requests, not a helpdesk that cannot be reached.
    await el.updateComplete;
    expect(text(el, '#queued')).to.contain('The helpdesk is receiving too many requests right now. Your ticket is kept on this device');
    await oneEvent(el, 'support-ticket-created');
    expect(Date.now() - started).to.be.at.least(1000);
    expect(fake.state.tickets).to.have.length(1);
  });

  it('keeps and sends tickets refused by a proxy (502) or rate-limited without Retry-After', async () => {
    backoffOf(0);
    const el = await formIn(await page(), glpiConfig());
    for (const failure of ['502', '429'] as const) {
      await fillGoodTicket(el);
      fake.state.failNext(failure, { endpoint: 'Ticket', retryAfter: null });
      const queued = oneEvent(el, 'support-ticket-queued');
      const created = oneEvent(el, 'support-ticket-created');
      await submit(el);
      expect((await queued).detail.reason).to.equal(failure === '502' ? 'server' : 'rate-limited');
      await el.updateComplete;
      expect(text(el, '#queued')).to.contain(failure === '502' ? 'The helpdesk is failing right now.' : 'The helpdesk is receiving too many requests right now.');
      await created;
      await el.updateComplete;
      ($(el, '#success button') as HTMLButtonElement).click();
      await el.updateComplete;
    }
    expect(fake.state.tickets).to.have.length(2);
  });

  it('creates one ticket when the answer was lost after GLPI created it', async () => {
    backoffOf(0);
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    fake.state.failNext('lost-answer', { endpoint: 'Ticket' });
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    expect((await created).detail.id).to.equal(String(fake.state.tickets[0]!.id));
    expect(fake.state.tickets).to.have.length(1);
    // Looked for, first by the sender (the lost attempt may still be running), then by the adapter before it attaches files.
    expect(fake.state.requests.filter((request) => request.endpoint === 'search/Ticket')).to.have.length(2);
  });

  it('creates one ticket when GLPI answered after the widget gave up', async () => {
    await startFake({ hangMs: 1300 });
    backoffOf(0);
    const config = glpiConfig();
    (config.backend as { timeout?: number }).timeout = 1000;
    const el = await formIn(await page(), config);
    await fillGoodTicket(el);
    fake.state.failNext('timeout', { endpoint: 'Ticket' });
    const queued = oneEvent(el, 'support-ticket-queued');
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    expect((await queued).detail.reason).to.equal('timeout');
    // The next attempt waits twice the timeout, by when GLPI created the ticket: it is found, not created again.
    expect((await queuedEntries())[0]!.nextAttemptAt - Date.now()).to.be.greaterThan(1000);
    await created;
    expect(fake.state.tickets).to.have.length(1);
  });

  it('after an answer it cannot read, tells the person, and sending again finds the ticket', async () => {
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    fake.state.failNext('truncated', { endpoint: 'Ticket' });
    const failed = oneEvent(el, 'support-error');
    await submit(el);
    expect((await failed).detail.kind).to.equal('bad-response');
    await waitUntil(() => $(el, '#failure'), 'the failure is shown');
    expect(await queuedEntries()).to.have.length(0);
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    expect((await created).detail.id).to.equal(String(fake.state.tickets[0]!.id));
    expect(fake.state.tickets).to.have.length(1);
  });

  it('keeps one ticket for a double click while the helpdesk is down', async () => {
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    goOffline();
    const button = $(el, 'button[part="submit"]')!;
    button.click();
    button.click();
    button.click();
    await waitUntil(() => $(el, '#queued'), 'kept');
    expect(await queuedEntries()).to.have.length(1);
    const created = oneEvent(el, 'support-ticket-created');
    goOnline();
    await created;
    expect(fake.state.tickets).to.have.length(1);
  });

  it('creates one ticket per form when two forms send at once, even through a lost answer', async () => {
    backoffOf(0);
    const container = await page();
    const first = await formIn(container, glpiConfig());
    const second = await formIn(container, glpiConfig({ questions: [{ id: 'room', label: 'Room' }] }));
    await fillGoodTicket(first);
    await fillGoodTicket(second);
    await type(second, '#field-title', ' (second form)');
    fake.state.failNext('lost-answer', { endpoint: 'Ticket' });
    const created = [oneEvent(first, 'support-ticket-created'), oneEvent(second, 'support-ticket-created')];
    $(first, 'button[part="submit"]')!.click();
    $(second, 'button[part="submit"]')!.click();
    const [a, b] = await Promise.all(created);
    expect(a.detail.id).not.to.equal(b.detail.id);
    expect(fake.state.tickets).to.have.length(2);
    expect(new Set(fake.state.tickets.map((ticket) => ticket.externalid)).size).to.equal(2);
    await first.updateComplete;
    await second.updateComplete;
    expect(text(first, '#success-heading')).to.equal(`Ticket ${a.detail.id} is registered`);
    expect(text(second, '#success-heading')).to.equal(`Ticket ${b.detail.id} is registered`);
  });

  it('keeps a queued ticket across a reload: the new form shows it, and confirms it once sent', async () => {
    const config = glpiConfig();
    let el = await formIn(await page(), config);
    await fillGoodTicket(el);
    goOffline();
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'kept');

    const announced: Event[] = [];
    el.parentElement!.addEventListener('support-ticket-queued', (event) => announced.push(event));
    el = await reloadForm(el, config);
    await waitUntil(() => $(el, '#queued'), 'still kept after the reload');
    // Announced when the person sent it, not again at each reload.
    expect(announced).to.have.length(0);
    expect(text(el, '[part="outbox"] li')).to.contain('Printer on 3rd floor offline since 9am');
    const created = oneEvent(el, 'support-ticket-created');
    goOnline();
    await created;
    await waitUntil(() => $(el, '#success'), 'confirmed');
    expect(fake.state.tickets).to.have.length(1);
    expect(JSON.stringify(await drafts().storage.entries())).not.to.contain('Printer on 3rd floor');
  });

  it('confirms in the next form a ticket sent while no form was on the page', async () => {
    const config = glpiConfig();
    const el = await formIn(await page(), config);
    const container = el.parentElement!;
    await fillGoodTicket(el);
    goOffline();
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'kept');
    el.remove();
    goOnline();
    await waitUntil(() => fake.state.tickets.length === 1, 'sent with no form on the page');

    const next = await formIn(container, config);
    await waitUntil(() => $(next, '#success'), 'confirmed by the next form');
    expect(text(next, '#success-heading')).to.equal(`Ticket ${fake.state.tickets[0]!.id} is registered`);
    expect(await queuedEntries()).to.have.length(0);
  });

  it('cancels a queued ticket: it comes back into the form as typed, and is never sent', async () => {
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    goOffline();
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'kept');
    const cancel = $$(el, '[part="outbox"] button').find((button) => button.textContent!.trim() === 'Cancel')!;
    cancel.click();
    await waitUntil(() => $(el, '#field-title'), 'back to the form');
    expect(($(el, '#field-title') as HTMLInputElement).value).to.equal('Printer on 3rd floor offline since 9am');
    expect($(el, '[part="outbox"]')).not.to.exist;
    expect(await queuedEntries()).to.have.length(0);
    goOnline();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.state.tickets).to.have.length(0);
  });

  it('lists a queued ticket while the person opens another, sends it on request, and announces it', async () => {
    const el = await formIn(await page(), glpiConfig());
    await fillGoodTicket(el);
    fake.state.failNext('500', { endpoint: 'Ticket' });
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'kept');
    ($(el, '#queued button') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '#field-title'), 'a fresh form');
    expect(($(el, '#field-title') as HTMLInputElement).value).to.equal('');
    expect(text(el, '[part="outbox"]')).to.contain('Printer on 3rd floor offline since 9am');
    expect(text(el, '#outbox-heading')).to.equal('Tickets waiting to be sent');
    await expect(el).to.be.accessible();

    const created = oneEvent(el, 'support-ticket-created');
    $$(el, '[part="outbox"] button').find((button) => button.textContent!.trim() === 'Send now')!.click();
    const { detail } = await created;
    await waitUntil(() => text(el, '[part="outbox"]').includes(`Sent: ticket ${detail.id}.`), 'listed as sent');
    // Nothing waits any more: the heading no longer says so.
    expect(text(el, '#outbox-heading')).to.equal('Tickets sent meanwhile');
    expect(fake.state.tickets).to.have.length(1);
  });

  it('asks to sign in again when the session ended while a ticket waited, then sends it once', async () => {
    const el = await formIn(await page(), glpiConfig({}, false));
    await signIn(el);
    await waitUntil(() => !$(el, '#login'), 'signed in');
    await fillGoodTicket(el);
    goOffline();
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'kept');
    fake.state.expireSessions();
    goOnline();
    await waitUntil(() => text(el, '#sign-in-intro').includes('session has ended'), 'asked to sign in again');
    expect(($(el, '#field-title') as HTMLInputElement).value).to.equal('Printer on 3rd floor offline since 9am');
    const created = oneEvent(el, 'support-ticket-created');
    await signIn(el);
    await created;
    expect(fake.state.tickets).to.have.length(1);
  });

  it('says when the browser will not keep the ticket once the page is closed, in French', async () => {
    restore.push(
      replace(IDBObjectStore.prototype, 'put', () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }),
    );
    const el = await formIn(await page(), glpiConfig() as HelpdeskConfigInput, 'fr');
    await fillGoodTicket(el);
    goOffline();
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'kept');
    expect(text(el, '#queued-heading')).to.equal('Votre ticket est enregistré et sera envoyé');
    expect(text(el, '#queued')).to.contain('laissez cette page ouverte');
    expect(text(el, '[part="outbox"] li')).to.contain('Partira dès que le support sera joignable.');
    await expect(el).to.be.accessible();
  });

  it('never sends one ticket twice from two tabs sending at once', async () => {
    const { createOutbox } = await import('../../src/store/outbox.js');
    const { OutboxSender } = await import('../../src/services/outbox-sender.js');
    const { GlpiBackend } = await import('../../src/backends/glpi/glpi-backend.js');
    const backend = new GlpiBackend({ type: 'glpi', url: API, timeout: 5000, auth: { userToken: 'demo-user-token' } });
    // Another tab: its own outbox object on the same database, its own sender.
    const here = outboxSender(KEY);
    const there = new OutboxSender(KEY, createOutbox());
    here.use(backend);
    there.use(backend);
    const ticket = { type: 'incident', urgency: 'low', title: 'Tab', description: 'Two tabs', answers: [], attachments: [] } as const;
    for (let i = 0; i < 5; i++) await outbox().add({ backend: KEY, payload: { ...ticket, title: `Tab ${i}`, answers: [], attachments: [] } });
    fake.state.failNext('lost-answer', { endpoint: 'Ticket', times: 2 });
    backoffOf(0);
    await Promise.all([here.send(), there.send(), here.send()]);
    await waitUntil(async () => (await queuedEntries()).length === 0 || fake.state.tickets.length === 5, 'all sent', { timeout: 5000 });
    await waitUntil(() => fake.state.tickets.length === 5, 'five tickets', { timeout: 5000 });
    expect(new Set(fake.state.tickets.map((t) => t.name)).size).to.equal(5);
  });
});
