import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { addHostileTicket, createGlpiFake, HOSTILE_TEXTS, type GlpiFake } from '../../src/mocks/index.js';
import { signOutEverywhere } from '../../src/index.js';
import type { TicketList } from '../../src/elements/ticket-list/ticket-list.js';
import type { TicketDetailElement } from '../../src/elements/ticket-detail/ticket-detail.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import '../support/benign-errors.js';
import { $, $$, fillGoodTicket, focused, glpiConfig, press, signIn, submit, text, type } from '../support/form.js';

let fake: GlpiFake;

beforeEach(async () => {
  fake = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php', hangMs: 1500 });
  await useHandlers(...fake.handlers);
  // A form beside the list would otherwise show the last test's ticket, kept for a reload.
  await clearStores();
  sessionStorage.clear();
});

afterEach(async () => {
  await signOutEverywhere();
  history.replaceState(null, '', location.pathname + location.search);
});

async function listWith(config: HelpdeskConfigInput = glpiConfig(), lang = 'en', attrs = ''): Promise<TicketList> {
  const el = await fixture<TicketList>(
    attrs === 'hash'
      ? html`<ticket-list lang=${lang} hash-prefix="ticket-" .config=${config}></ticket-list>`
      : html`<ticket-list lang=${lang} .config=${config}></ticket-list>`,
  );
  await el.updateComplete;
  return el;
}

const loaded = (el: TicketList) => waitUntil(() => /\d+ tickets?$|of \d+ tickets shown|sur \d+$|^\d+ tickets?$/.test(text(el, '.count')), 'the list loads', { timeout: 4000 });
/** The ticket the listbox's cursor is on. */
const activeRow = (el: TicketList) => $(el, '#rows')!.getAttribute('aria-activedescendant')?.replace(/^row-/, '');
const rowIds = (el: TicketList) => $$(el, '[part="row"]').map((row) => row.dataset.ticket);
/** The virtualiser renders rows in the frame after the list changes. */
const rowsRendered = (el: TicketList, count: number) =>
  waitUntil(() => $$(el, '[part="row"]').length === count, `${count} rows are rendered`);
/** Waits for the rows on screen to be these tickets, in this order. */
async function rowsAre(el: TicketList, ids: string[]): Promise<void> {
  await waitUntil(() => JSON.stringify(rowIds(el)) === JSON.stringify(ids), `rows ${ids.join(', ')} (shown: ${rowIds(el).join(', ')})`);
}

function seedTickets() {
  const { state } = fake;
  const printer = state.addTicket({ name: 'Imprimante du 3e étage hors ligne', urgency: 4, date: '2026-11-02 09:00:00', dateMod: '2026-11-02 10:00:00' });
  const wifi = state.addTicket({ name: 'Réseau Wi-Fi lent & coupures', technician: 2, date: '2026-11-03 09:00:00', dateMod: '2026-11-03 09:30:00' });
  state.addFollowup(wifi.id, { content: '<p>Depuis quand ?</p>', pending: true, date: '2026-11-04 08:00:00' });
  const laptop = state.addTicket({ name: 'Nouveau portable pour Léa', type: 2, technician: 2, date: '2026-10-01 09:00:00' });
  state.proposeSolution(laptop.id, '<p>Livré</p>', { date: '2026-10-02 09:00:00' });
  const old = state.addTicket({ name: 'Ancien souci de messagerie', status: 6, technician: 2, date: '2026-09-01 09:00:00', dateMod: '2026-09-02 09:00:00' });
  return { printer, wifi, laptop, old };
}

describe('<ticket-list>', () => {
  it('shows the person’s tickets newest activity first, with number, title, status, urgency and dates', async () => {
    const { printer, wifi, laptop, old } = seedTickets();
    const el = await listWith();
    await loaded(el);
    // The technician's question (4 Nov) makes the Wi-Fi ticket the most recent.
    await rowsAre(el, [wifi, printer, laptop, old].map((t) => String(t.id)));
    const first = $(el, `[data-ticket="${printer.id}"]`)!;
    expect(first.textContent).to.contain(`No. ${printer.id}`);
    expect(first.textContent).to.contain('Imprimante du 3e étage hors ligne');
    expect(first.textContent).to.contain('New');
    expect(first.textContent).to.contain('Urgency: High');
    expect(text(el, `[data-ticket="${wifi.id}"] .title`)).to.equal('Réseau Wi-Fi lent & coupures');
    expect(text(el, `[data-ticket="${wifi.id}"] .status`)).to.equal('Pending');
    expect(text(el, '.count')).to.equal('4 tickets');
    await expect(el).to.be.accessible();
  });

  it('filters by status group and finds by number or title words, with the keyboard', async () => {
    const { printer, wifi, laptop } = seedTickets();
    const el = await listWith();
    await loaded(el);
    expect(text(el, 'fieldset[part="filters"]')).to.contain('Waiting for you 1');

    // Radio group: arrows move between groups.
    $(el, 'input[name="group"]')!.focus();
    await press(el, 'ArrowRight'); // Open
    await press(el, 'ArrowRight'); // Waiting for you
    await rowsAre(el, [String(wifi.id)]);
    expect(text(el, '.count')).to.equal('1 of 4 tickets shown');
    await press(el, 'ArrowRight'); // Solved
    await rowsAre(el, [String(laptop.id)]);
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowLeft'); // All

    await type(el, '#search', 'imprimante etage');
    await rowsAre(el, [String(printer.id)]);
    ($(el, '#search') as HTMLInputElement).select();
    await type(el, '#search', `#${laptop.id}`);
    await rowsAre(el, [String(laptop.id)]);

    ($(el, '#search') as HTMLInputElement).select();
    await type(el, '#search', 'nothing like this');
    expect(text(el, '.empty')).to.contain('No ticket matches this search.');
    await expect(el).to.be.accessible();
    ($(el, '.empty button') as HTMLButtonElement).click();
    await el.updateComplete;
    await rowsRendered(el, 4);
    expect(focused(el)?.id).to.equal('search');
  });

  it('says so when there is no ticket yet', async () => {
    const el = await listWith();
    await waitUntil(() => text(el, '.empty') !== '', 'the empty state shows');
    expect(text(el, '.empty')).to.equal('No ticket yet. Tickets you open appear here.');
    await expect(el).to.be.accessible();
  });

  it('is busy while loading, then says what failed, keeps what it had and retries', async () => {
    fake.state.failNext('timeout', { endpoint: 'search' });
    const el = await listWith(glpiConfig({ backend: { type: 'glpi', url: '/fake-glpi/apirest.php', auth: { userToken: 'demo-user-token' }, timeout: 1000 } }));
    await waitUntil(() => text(el, '.count') === 'Loading your tickets…', 'loading shows');
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await waitUntil(() => $(el, '[part="failure"]'), 'the failure shows', { timeout: 4000 });
    expect(text(el, '[part="failure"]')).to.contain('The helpdesk took too long to answer.');
    await expect(el).to.be.accessible();

    fake.state.addTicket({ name: 'Écran qui clignote' });
    ($(el, '[part="failure"] button') as HTMLButtonElement).click();
    await loaded(el);
    expect(text(el, '.count')).to.equal('1 ticket');
    expect($(el, '[part="failure"]')).to.equal(null);
  });

  it('reads long lists page after page (range + Content-Range) and shows the first page at once', async () => {
    fake.state.generateTickets(250);
    const el = await listWith(glpiConfig({ tickets: { pageSize: 100 } }));
    await waitUntil(() => text(el, '.count') === '250 tickets', 'every page is read', { timeout: 8000 });
    const ranges = fake.state.requests.filter((r) => r.endpoint === 'search/Ticket').map((r) => new URL(r.url).searchParams.get('range'));
    expect(ranges).to.deep.equal(['0-99', '100-199', '200-299']);
    // Virtualised: only what fits on screen is in the page.
    expect($$(el, '[part="row"]').length).to.be.within(3, 60);
    expect(text(el, 'fieldset[part="filters"]')).to.contain('All 250');
  });

  it('offers the organisation’s tickets when the configuration allows it', async () => {
    seedTickets();
    const colleague = fake.state.addUser({ firstname: 'Jean', realname: 'Dupont', entities_id: 0 });
    fake.state.addTicket({ name: 'Badge perdu', requester: colleague.id });
    const el = await listWith(glpiConfig({ tickets: { organisation: true } }));
    await loaded(el);
    await rowsRendered(el, 4);
    ($$(el, 'input[name="scope"]')[1] as HTMLInputElement).click();
    await waitUntil(() => text(el, '.count') === '5 tickets', 'the organisation’s tickets load');
    await rowsRendered(el, 5);
    expect($$(el, '[part="row"]').map((row) => row.textContent).join(' ')).to.contain('Badge perdu');
  });

  it('opens a ticket’s thread in place, at its heading, and comes back to the same row', async () => {
    const { printer, wifi } = seedTickets();
    const el = await listWith();
    await loaded(el);
    await rowsRendered(el, 4);
    $(el, '#rows')!.focus();
    await press(el, 'ArrowDown');
    expect(activeRow(el)).to.equal(String(printer.id));
    await press(el, 'Enter');
    expect(el.getAttribute('ticket-id')).to.equal(String(printer.id));
    // "Back to the list" lines up with the column, as a link would.
    const back = $(el, '#back')!;
    const column = back.parentElement!;
    const words = document.createRange();
    words.selectNodeContents(back);
    expect(words.getBoundingClientRect().left).to.be.closeTo(column.getBoundingClientRect().left + parseFloat(getComputedStyle(column).paddingLeft), 0.5);
    const detail = $(el, 'ticket-detail')!;
    // Focus goes to the ticket's heading once it is loaded.
    await waitUntil(() => detail.shadowRoot?.activeElement?.id === 'ticket-title', 'focus goes to the ticket’s heading');
    expect(detail.shadowRoot!.querySelector('#ticket-title')!.textContent).to.equal('Imprimante du 3e étage hors ligne');
    await expect(el).to.be.accessible();

    ($(el, '#back') as HTMLElement).focus();
    await press(el, 'Enter');
    await waitUntil(() => focused(el)?.id === 'rows', 'focus returns to the list');
    expect(activeRow(el)).to.equal(String(printer.id));
    expect(el.hasAttribute('ticket-id')).to.equal(false);
    // A click opens a row too, and coming back puts the cursor on it.
    $(el, `[data-ticket="${wifi.id}"]`)!.click();
    await waitUntil(() => detail.isConnected || $(el, 'ticket-detail'), 'the thread opens');
    ($(el, '#back') as HTMLButtonElement).click();
    await waitUntil(() => activeRow(el) === String(wifi.id) && focused(el)?.id === 'rows', 'the cursor is on the clicked ticket');
  });

  it('hands its refresh-interval to the thread it opens', async () => {
    const { wifi } = seedTickets();
    const el = await fixture<TicketList>(html`<ticket-list lang="en" refresh-interval="60" .config=${glpiConfig()}></ticket-list>`);
    await loaded(el);
    await rowsRendered(el, 4);
    $(el, `[data-ticket="${wifi.id}"]`)!.click();
    await el.updateComplete;
    expect(($(el, 'ticket-detail') as TicketDetailElement).refreshInterval).to.equal(60);
  });

  it('is one Tab stop, a listbox the arrows, Home, End and Page keys walk, with its ring in full view', async () => {
    fake.state.generateTickets(250);
    const el = await listWith(glpiConfig({ tickets: { pageSize: 100 } }));
    await waitUntil(() => text(el, '.count') === '250 tickets', 'every page is read', { timeout: 8000 });
    const rows = $(el, '#rows')!;
    expect(rows.getAttribute('role')).to.equal('listbox');
    expect(rows.getAttribute('aria-describedby')).to.equal('rows-hint');
    expect(text(el, '#rows-hint')).to.equal('Up and down arrows move from ticket to ticket, Enter opens one.');
    // No row is a Tab stop: from the last status filter, Tab reaches the list, and the next Tab leaves it.
    $(el, 'input[name="group"]:checked')!.focus();
    await press(el, 'Tab');
    expect(focused(el)?.id).to.equal('rows');
    const ids = () => $$(el, '[role="option"]').map((row) => row.dataset.ticket!);
    const first = ids()[0]!;
    expect(activeRow(el)).to.equal(first);
    const option = $(el, `#row-${first}`)!;
    expect([option.getAttribute('aria-selected'), option.getAttribute('aria-posinset'), option.getAttribute('aria-setsize')]).to.deep.equal(['true', '1', '250']);
    // The ring is drawn inside the row, and the row is inside the scrolling list: nothing cuts it off.
    expect(getComputedStyle(option).outlineStyle).to.equal('solid');
    expect(parseFloat(getComputedStyle(option).outlineOffset)).to.be.at.most(-parseFloat(getComputedStyle(option).outlineWidth));
    expect(option.getBoundingClientRect().top).to.be.at.least(rows.getBoundingClientRect().top);
    await expect(el).to.be.accessible();

    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    expect($(el, `#${rows.getAttribute('aria-activedescendant')}`)!.getAttribute('aria-posinset')).to.equal('3');
    await press(el, 'ArrowUp');
    expect($(el, `#${rows.getAttribute('aria-activedescendant')}`)!.getAttribute('aria-posinset')).to.equal('2');
    await press(el, 'PageDown');
    const afterPage = Number($(el, `#${rows.getAttribute('aria-activedescendant')}`)!.getAttribute('aria-posinset'));
    expect(afterPage).to.be.above(3);
    await press(el, 'End');
    // The last ticket is rendered (the virtualiser scrolled to it) and is the active option.
    await waitUntil(() => $(el, `#${rows.getAttribute('aria-activedescendant')}`)?.getAttribute('aria-posinset') === '250', 'the last row is shown');
    const last = $(el, `#${rows.getAttribute('aria-activedescendant')}`)!;
    const box = last.getBoundingClientRect();
    const list = rows.getBoundingClientRect();
    expect(box.top).to.be.at.least(list.top - 1);
    expect(box.bottom).to.be.at.most(list.bottom + 1);
    await expect(el).to.be.accessible();
    await press(el, 'ArrowDown');
    expect(activeRow(el)).to.equal(last.dataset.ticket);
    await press(el, 'Home');
    await waitUntil(() => activeRow(el) === first && $(el, `#row-${first}`), 'the first row again');
    await press(el, 'Tab');
    expect(focused(el)).to.equal(null);
  });

  it('says how many tickets a search finds, once the person stops typing', async () => {
    seedTickets();
    const el = await listWith();
    await loaded(el);
    const live = () => $(el, '[role="status"]')!;
    await waitUntil(() => live().textContent === '4 tickets', 'the count is said once loaded');
    await type(el, '#search', 'imprimante');
    // Not a word per key press: the region holds still while the person types.
    expect(live().textContent).to.equal('4 tickets');
    await waitUntil(() => live().textContent === '1 of 4 tickets shown', 'the count is said after the search');
    await expect(el).to.be.accessible();
  });

  it('exposes its rows while the list is further down the page, before it is scrolled into view', async () => {
    seedTickets();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <div style="height: 3000px">A long page</div>
      <ticket-list lang="en" .config=${glpiConfig()}></ticket-list>
    </div>`);
    const el = wrapper.querySelector('ticket-list')!;
    await loaded(el);
    expect(el.getBoundingClientRect().top).to.be.above(innerHeight);
    await waitUntil(() => $$(el, '[role="option"]').length === 4, 'the rows exist although the list is out of view');
    expect($(el, '#rows')!.getAttribute('aria-activedescendant')).to.equal(`row-${$$(el, '[role="option"]')[0]!.dataset.ticket}`);
  });

  it('opens the ticket named in the URL hash, and follows the browser’s history', async () => {
    const { wifi } = seedTickets();
    location.hash = `#ticket-${wifi.id}`;
    const el = await listWith(glpiConfig(), 'en', 'hash');
    expect(el.ticketId).to.equal(String(wifi.id));
    await waitUntil(() => $(el, 'ticket-detail'), 'the thread shows');
    ($(el, '#back') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(location.hash).to.equal('');
    await loaded(el);
    await rowsRendered(el, 4);
    $(el, `[data-ticket="${wifi.id}"]`)!.click();
    await el.updateComplete;
    expect(location.hash).to.equal(`#ticket-${wifi.id}`);
    // Focus goes to the ticket's heading with a hash prefix too.
    const detail = $(el, 'ticket-detail')!;
    await waitUntil(() => detail.shadowRoot?.activeElement?.id === 'ticket-title', 'focus goes to the ticket’s heading');
    history.back();
    await waitUntil(() => !el.ticketId, 'back closes the thread');
  });

  it('shows a ticket the form creates on the same page, without reloading', async () => {
    seedTickets();
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <support-ticket-form lang="en" .config=${glpiConfig()}></support-ticket-form>
      <ticket-list lang="en" .config=${glpiConfig()}></ticket-list>
    </div>`);
    const form = wrapper.querySelector('support-ticket-form') as SupportTicketForm;
    const list = wrapper.querySelector('ticket-list') as TicketList;
    await loaded(list);
    await fillGoodTicket(form);
    const created = oneEvent(form, 'support-ticket-created');
    await submit(form);
    const { detail } = await created;
    await waitUntil(() => text(list, '.count') === '5 tickets', 'the new ticket joins the list');
    await waitUntil(() => rowIds(list)[0] === detail.id, 'the new ticket comes first');
    const requests = fake.state.requests.filter((r) => r.endpoint === 'search/Ticket');
    expect(requests).to.have.length(2);
  });

  it('asks the person to sign in when no token is configured, then loads', async () => {
    seedTickets();
    const el = await listWith(glpiConfig({}, false));
    expect($(el, '[part="sign-in"]')).to.exist;
    await expect(el).to.be.accessible();
    await signIn(el);
    await loaded(el);
    expect(text(el, '.count')).to.equal('4 tickets');
  });

  it('signs in once for the page: the form beside the list stops asking', async () => {
    seedTickets();
    const config = glpiConfig({}, false);
    // A column narrower than either element's own widest: both fill it.
    const page = await fixture<HTMLDivElement>(html`<div style="width: 40rem">
      <support-ticket-form lang="en" .config=${config}></support-ticket-form>
      <ticket-list lang="en" .config=${config}></ticket-list>
    </div>`);
    const form = page.querySelector('support-ticket-form')!;
    const list = page.querySelector('ticket-list')!;
    await form.updateComplete;
    await list.updateComplete;
    expect($(form, '[part="sign-in"]'), 'both ask at first').to.exist;
    await waitUntil(() => $(list, '[part="sign-in"]'), 'the list asks too');
    // One look for both: the same block, laid out alike (the list's own .row style once reached it).
    const layout = (el: HTMLElement) =>
      ['[part="sign-in"]', '.sign-in-fields', '#login', '#password', '[part="sign-in"] button'].map((selector) => {
        const box = $(el, selector)!.getBoundingClientRect();
        const style = getComputedStyle($(el, selector)!);
        return [Math.round(box.width), Math.round(box.height), style.padding, style.backgroundColor];
      });
    expect(layout(list)).to.deep.equal(layout(form));
    await signIn(list);
    await loaded(list);
    await waitUntil(() => !$(form, '[part="sign-in"]'), 'the form no longer asks');
    // The form goes on as if it had signed in itself: its lists load.
    $(form, '#type-incident')!.click();
    await waitUntil(() => (($(form, '#field-category') as HTMLSelectElement | null)?.options.length ?? 0) > 1, 'categories load');
  });

  it('speaks French, with GLPI’s own status names', async () => {
    const { wifi } = seedTickets();
    const el = await listWith(glpiConfig(), 'fr');
    await loaded(el);
    await rowsRendered(el, 4);
    expect(text(el, 'h2')).to.equal('Vos tickets');
    expect(text(el, `[data-ticket="${wifi.id}"] .status`)).to.equal('En attente');
    expect(text(el, 'fieldset[part="filters"]')).to.contain('En attente de votre part 1');
    expect(text(el, `[data-ticket="${wifi.id}"] .meta`)).to.contain('Ouvert le 3 novembre 2026');
  });

  it('lists a ticket whose every field is hostile as text, requester included', async () => {
    const w = window as unknown as { __hostile?: number };
    delete w.__hostile;
    const colleague = fake.state.addUser({ firstname: HOSTILE_TEXTS[1], realname: HOSTILE_TEXTS[2], entities_id: 0 });
    addHostileTicket(fake.state, colleague.id);
    const el = await listWith(glpiConfig({ tickets: { organisation: true } }));
    ($$(el, 'input[name="scope"]')[1] as HTMLInputElement).click();
    await waitUntil(() => text(el, '.count') === '1 ticket', 'the organisation’s ticket loads');
    await rowsRendered(el, 1);
    expect(el.shadowRoot!.querySelector('[part="rows"] :is(script, img, svg, a, iframe, form, style)')).to.equal(null);
    expect(text(el, '.title')).to.contain('<script>window.__hostile=1</script>');
    await expect(el).to.be.accessible();
    expect(w.__hostile).to.equal(undefined);
  });

  it('renders hostile titles as text', async () => {
    (window as unknown as { pwned?: boolean }).pwned = false;
    fake.state.addTicket({ name: '<img src=x onerror="window.pwned=true"><script>window.pwned=true</script>' });
    fake.state.addTicket({ name: '<svg onload="window.pwned=true">' });
    const el = await listWith();
    await loaded(el);
    await rowsRendered(el, 2);
    expect($$(el, '.title').map((t) => t.textContent)).to.include('<svg onload="window.pwned=true">');
    expect(el.shadowRoot!.querySelector('img, script, svg')).to.equal(null);
    expect((window as unknown as { pwned?: boolean }).pwned).to.equal(false);
  });
});

