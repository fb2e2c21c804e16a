import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createZammadFake, ZAMMAD_CUSTOMER } from '../../src/mocks/index.js';
import { signOutEverywhere } from '../../src/index.js';
import type { TicketList } from '../../src/elements/ticket-list/ticket-list.js';
import { useHandlers } from '../support/msw.js';
import '../support/benign-errors.js';
import { text } from '../support/form.js';

const API = '/fake-zammad/api/v1';

afterEach(() => signOutEverywhere());

describe('<ticket-list> on a list longer than it reads', () => {
  // 1000 pages at most: past that the list says it stopped, in the person's language, instead of ending silently.
  it('says the list is cut and how many tickets it holds', async function () {
    this.timeout(120_000);
    const fake = createZammadFake({ baseUrl: API });
    fake.state.generateTickets(10_005, { title: 'Ticket', article: false });
    await useHandlers(...fake.handlers);
    for (const lang of ['en', 'fr']) {
      const config = { backend: { type: 'zammad', url: API, auth: { userToken: ZAMMAD_CUSTOMER.tokens[0] } }, tickets: { pageSize: 10 } };
      const el = await fixture<TicketList>(html`<ticket-list lang=${lang} .config=${config}></ticket-list>`);
      await waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy="true"]') && /10[, ]000/.test(text(el, '.count')), 'the list stops', { timeout: 110_000 });
      const line = text(el, '.count');
      // Counts as each language writes them: a comma in English, a thin no-break space in French (text() makes it plain).
      expect(line).to.contain(lang === 'en' ? 'only the 10,000 most recent of 10,005 are listed here' : 'seuls les 10 000 plus récents sur 10 005 sont listés ici');
      expect(el.shadowRoot!.querySelector('.count')!.textContent).to.contain(lang === 'en' ? '10,000' : '10\u202f000');
      expect(text(el, 'fieldset[part="filters"] label')).to.equal(lang === 'en' ? 'All 10,000' : 'Tous 10 000');
      // Zammad's walk reads the newest first: those are the ones kept ("Ticket 1" is the newest, id 10005).
      await waitUntil(() => el.shadowRoot!.querySelector('[data-ticket="10005"]'), 'the newest ticket is listed');
      expect(text(el, '[data-ticket="10005"] .title')).to.equal('Ticket 1');
      await expect(el).to.be.accessible();
      // The next language's list in its place (the virtualiser renders no row below the fold).
      el.remove();
    }
  });
});
