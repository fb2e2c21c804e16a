/**
 * Where the sign-in is the host application's own (REST, Freshdesk's relay), the widget has
 * no sign-in block to show when the helpdesk refuses the session: a queued ticket must not
 * wait for one for ever. The person is told to sign in to the application again, the host
 * hears `support-auth-required`, and the ticket goes once the host sets credentials or the
 * configuration again, or calls `resumeSending()`.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { createFreshdeskFake, createRestFake, REST_DEMO_PERSON, REST_SESSION_COOKIE, type RestFake } from '../../src/mocks/index.js';
import { signOutEverywhere } from '../../src/index.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import { $, fillGoodTicket, formIn, reloadForm, submit, text } from '../support/form.js';

const API = '/fake-app/api/support';
const page = () => fixture<HTMLDivElement>(html`<div></div>`);
let fake: RestFake;

beforeEach(async () => {
  fake = createRestFake({ baseUrl: API });
  await useHandlers(...fake.handlers);
  await clearStores();
  sessionStorage.clear();
});

afterEach(async () => {
  document.cookie = `${REST_SESSION_COOKIE}=; path=/; max-age=0`;
  await signOutEverywhere();
});

describe('<support-ticket-form> when the host’s own session ends', () => {
  it('REST with a token: keeps the ticket, says to sign in to the application, fires support-auth-required, sends once credentials are set again', async () => {
    const config: HelpdeskConfigInput = { backend: { type: 'rest', url: API } };
    const el = await formIn(await page(), config);
    el.credentials = { userToken: 'token-of-a-session-that-ended' };
    await fillGoodTicket(el);
    const required = oneEvent(el, 'support-auth-required');
    await submit(el);
    expect((await required).detail).to.deep.equal({ backend: 'rest' });

    await waitUntil(() => $(el, '#queued'), 'kept, not given back');
    expect(text(el, '#queued')).to.contain('sign in to your application again');
    expect(text(el, '[part="outbox"] li')).to.contain('Printer on 3rd floor offline since 9am');
    expect(fake.state.tickets).to.have.length(0);
    await expect(el).to.be.accessible();

    const created = oneEvent(el, 'support-ticket-created');
    el.credentials = { userToken: REST_DEMO_PERSON.token };
    const { detail } = await created;
    expect(fake.state.tickets).to.have.length(1);
    await waitUntil(() => $(el, '#success'), 'confirmed');
    expect(text(el, '#success-heading')).to.equal(`Ticket ${detail.id} is registered`);
  });

  it('REST with the session cookie: after a reload too, the ticket waits for resumeSending(), in French', async () => {
    document.cookie = `${REST_SESSION_COOKIE}=expired; path=/`;
    const config: HelpdeskConfigInput = { backend: { type: 'rest', url: API } };
    let el = await formIn(await page(), config, 'fr');
    await fillGoodTicket(el);
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'kept');
    expect(text(el, '#queued')).to.contain('reconnectez-vous à votre application');

    // Reloaded before the person signed in again: the new page says it again, and the host hears it again.
    const required = new Promise((resolve) => document.addEventListener('support-auth-required', resolve, { once: true }));
    el = await reloadForm(el, config, 'fr');
    await required;
    await waitUntil(() => text(el, '#queued').includes('reconnectez-vous'), 'still waiting for the application’s sign-in');
    expect(fake.state.tickets).to.have.length(0);

    document.cookie = `${REST_SESSION_COOKIE}=${REST_DEMO_PERSON.session}; path=/`;
    const created = oneEvent(el, 'support-ticket-created');
    await el.resumeSending();
    await created;
    expect(fake.state.tickets).to.have.length(1);
  });

  it('Freshdesk through the relay: the same, once the host signed the person in again', async () => {
    const freshdesk = createFreshdeskFake({ baseUrl: '/fake-freshdesk' });
    await useHandlers(...freshdesk.handlers);
    const signedIn = freshdesk.state.signedIn;
    freshdesk.state.signedIn = undefined;
    const el = await formIn(await page(), { backend: { type: 'freshdesk', url: '/fake-freshdesk' } });
    await fillGoodTicket(el);
    const required = oneEvent(el, 'support-auth-required');
    await submit(el);
    expect((await required).detail.backend).to.equal('freshdesk');
    await waitUntil(() => text(el, '#queued').includes('sign in to your application again'), 'told');

    freshdesk.state.signedIn = signedIn;
    const created = oneEvent(el, 'support-ticket-created');
    await el.resumeSending();
    await created;
    expect(freshdesk.state.tickets).to.have.length(1);
  });
});
