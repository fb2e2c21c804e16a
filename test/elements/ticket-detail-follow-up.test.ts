/**
 * Issue 11 points 5 and 8 in the thread: a closed GLPI ticket the profile may not reopen (the default
 * Self-Service status matrix forbids Closed → New and → Processing, Ticket::canReopen) offers a new ticket
 * that refers to it instead; a closing date reckoned from the configured delay is said to be approximate.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CLOSED, COLLEAGUE, SOLVED, type GlpiFake } from '../../src/mocks/index.js';
import type { TicketDetailElement } from '../../src/elements/ticket-detail/ticket-detail.js';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { useGlpiFake } from '../support/glpi.js';
import '../support/benign-errors.js';
import { $, glpiConfig, text, type } from '../support/form.js';

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

const asColleague = (): HelpdeskConfigInput => {
  const config = glpiConfig();
  return { ...config, backend: { type: 'glpi', url: '/fake-glpi/apirest.php', auth: { userToken: COLLEAGUE.userToken } } };
};

async function detailOf(id: number, config: HelpdeskConfigInput, lang = 'en'): Promise<TicketDetailElement> {
  const el = await fixture<TicketDetailElement>(html`<ticket-detail lang=${lang} ticket-id=${String(id)} .config=${config}></ticket-detail>`);
  await waitUntil(() => $(el, '#ticket-title') || $(el, '[part="failure"]'), 'the ticket loads', { timeout: 4000 });
  return el;
}

const buttons = (el: TicketDetailElement) => [...el.shadowRoot!.querySelectorAll('button')].map((button) => button.textContent!.trim());

describe('<ticket-detail> on a closed ticket GLPI will not reopen', () => {
  it('offers a new ticket that refers to it, prefilled, instead of Reopen, and opens it once', async () => {
    const closed = fake.state.addTicket({ name: 'Imprimante bloquée', requester: COLLEAGUE.id, urgency: 4, type: 1, status: CLOSED });
    const el = await detailOf(closed.id, asColleague());
    expect(buttons(el)).not.to.include('Reopen this ticket');
    expect(el.shadowRoot!.textContent).to.contain('does not let it be reopened');
    await expect(el).to.be.accessible();

    ($(el, '.closing button') as HTMLButtonElement).click();
    await el.updateComplete;
    await type(el, '#reason', 'Elle bloque de nouveau');
    const created = oneEvent(el, 'support-ticket-created');
    ($(el, '.closing button[type="submit"]') as HTMLButtonElement).click();
    const { detail } = await created;
    await waitUntil(() => $(el, '#notice'), 'the new ticket is confirmed');
    expect(text(el, '#notice')).to.contain(`Ticket ${detail.id} is open`);

    expect(fake.state.tickets).to.have.length(2);
    const follow = fake.state.tickets[1];
    expect([follow.name, follow.requester, follow.urgency, follow.type]).to.deep.equal([`Follow-up of #${closed.id}: Imprimante bloquée`, COLLEAGUE.id, 4, 1]);
    expect(follow.content).to.contain('Elle bloque de nouveau');
    expect(follow.content).to.contain(`Follows up ticket #${closed.id}`);
    expect(fake.state.ticket(closed.id)?.status).to.equal(CLOSED);
    await expect(el).to.be.accessible();
  });

  it('says it in French', async () => {
    const closed = fake.state.addTicket({ name: 'Badge', requester: COLLEAGUE.id, status: CLOSED });
    const el = await detailOf(closed.id, asColleague(), 'fr');
    expect(el.shadowRoot!.textContent).to.contain('ne permet pas de le rouvrir');
    expect(buttons(el)).to.include('Ouvrir un nouveau ticket à ce sujet');
  });

  it('still offers Reopen where the profile’s status matrix allows it', async () => {
    const closed = fake.state.addTicket({ name: 'Écran', status: CLOSED });
    const el = await detailOf(closed.id, glpiConfig());
    expect(buttons(el)).to.include('Reopen this ticket');
    expect(buttons(el)).not.to.include('Open a new ticket about this one');
  });

  it('says “around” for a closing date reckoned from the configured delay (GLPI may count working days only)', async () => {
    const solved = fake.state.addTicket({ name: 'Wi-Fi', technician: 2 });
    fake.state.proposeSolution(solved.id, '<p>Borne redémarrée</p>');
    expect(fake.state.ticket(solved.id)?.status).to.equal(SOLVED);
    const config = glpiConfig();
    const el = await detailOf(solved.id, { ...config, tickets: { autoCloseDays: 7 } });
    expect(el.shadowRoot!.textContent).to.contain('closes by itself around');
  });
});
