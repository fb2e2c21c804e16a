/**
 * Seed 003's "people to keep informed", after the ticket is open (issue 14, point 4): from
 * the thread, the person adds addresses the helpdesk then copies (GLPI: observers by email),
 * with the keyboard, checked as the form's Cc is; offered only where the helpdesk lets them.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createRestFake, REST_DEMO_PERSON, type GlpiFake } from '../../src/mocks/index.js';
import type { TicketDetailElement } from '../../src/elements/ticket-detail/ticket-detail.js';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { useHandlers } from '../support/msw.js';
import { useGlpiFake } from '../support/glpi.js';
import '../support/benign-errors.js';
import { $, focused, glpiConfig, press, text, type } from '../support/form.js';

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

async function detailOf(id: string, config: HelpdeskConfigInput = glpiConfig()): Promise<TicketDetailElement> {
  const el = await fixture<TicketDetailElement>(html`<ticket-detail lang="en" ticket-id=${id} .config=${config}></ticket-detail>`);
  await waitUntil(() => $(el, '#ticket-title') || $(el, '[part="failure"]'), 'the ticket loads', { timeout: 4000 });
  return el;
}

const addButton = (el: HTMLElement) => $(el, '.people > button') as HTMLButtonElement | null;

describe('adding people to keep informed on an open ticket', () => {
  it('with the keyboard: addresses checked, then added, shown with the ticket and announced', async () => {
    const ticket = fake.state.addTicket({ name: 'Partage réseau inaccessible', technician: 2 });
    const el = await detailOf(String(ticket.id));
    expect(addButton(el)!.textContent!.trim()).to.equal('Add people to keep informed');
    addButton(el)!.focus();
    await press(el, 'Enter');
    await waitUntil(() => focused(el)?.id === 'people', 'focus goes to the addresses');
    expect(text(el, 'label[for="people"]')).to.equal('People to keep informed');

    await type(el, '#people', 'anne.martin@example.fr, bob');
    await press(el, 'Enter');
    await waitUntil(() => $(el, '#people-error'), 'no error for a wrong address');
    expect(text(el, '#people-error')).to.equal('Enter their email addresses, separated by commas.');
    expect($(el, '#people')!.getAttribute('aria-invalid')).to.equal('true');
    expect(fake.state.ticket(ticket.id)!.observers, 'nothing sent').to.have.length(0);
    await expect(el).to.be.accessible();

    ($(el, '#people') as HTMLInputElement).select();
    await type(el, '#people', 'anne.martin@example.fr; bob.durand@example.fr');
    const updated = oneEvent(el, 'support-ticket-updated');
    await press(el, 'Enter');
    expect((await updated).detail).to.deep.equal({ id: String(ticket.id), backend: 'glpi', change: 'people' });
    await waitUntil(() => text(el, '.facts').includes('bob.durand@example.fr'), 'the ticket does not show them');
    expect(text(el, '#notice')).to.equal('They will be kept informed.');
    expect(fake.state.ticket(ticket.id)!.observers.map((observer) => observer.alternative_email)).to.have.members(['anne.martin@example.fr', 'bob.durand@example.fr']);
    expect(text(el, '.facts')).to.contain('People to keep informed').and.contain('anne.martin@example.fr');
    await expect(el).to.be.accessible();
  });

  it('says why when the helpdesk refuses, and keeps the addresses typed', async () => {
    const ticket = fake.state.addTicket({ name: 'Imprimante hors ligne', technician: 2 });
    const el = await detailOf(String(ticket.id));
    addButton(el)!.click();
    await waitUntil(() => focused(el)?.id === 'people', 'focus goes to the addresses');
    await type(el, '#people', 'anne.martin@example.fr');
    fake.state.failNext('500');
    await press(el, 'Enter');
    await waitUntil(() => $(el, '#action-failure'), 'no failure shown');
    expect(($(el, '#people') as HTMLInputElement).value).to.equal('anne.martin@example.fr');
    await expect(el).to.be.accessible();
  });

  it('is not offered on a closed ticket, nor where the helpdesk keeps no Cc (REST)', async () => {
    const closed = fake.state.addTicket({ name: 'Souris', technician: 2, status: 6 });
    expect(addButton(await detailOf(String(closed.id)))).to.equal(null);

    const rest = createRestFake({ baseUrl: '/people-app/api/support' });
    await useHandlers(...rest.handlers);
    const open = rest.state.addTicket({ title: 'Export CSV', status: 'in-progress' });
    const el = await detailOf(open.id, { backend: { type: 'rest', url: rest.baseUrl, auth: { userToken: REST_DEMO_PERSON.token } } });
    expect($(el, '#ticket-title')).to.exist;
    expect(addButton(el)).to.equal(null);
  });
});
