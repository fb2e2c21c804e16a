/**
 * The same elements on every helpdesk, each through its fake with demo data: the
 * form offers only what the backend can take, the list shows the person's tickets
 * and opens one, and no button is shown that the backend would refuse. An email
 * provider gets a note saying where its answers come instead of a list.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { HttpHandler } from 'msw';
import { createBackend } from '../../src/backends/index.js';
import { parseConfig, type HelpdeskConfigInput } from '../../src/config/index.js';
import { signOutEverywhere } from '../../src/index.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import type { TicketList } from '../../src/elements/ticket-list/ticket-list.js';
import {
  createEmailFake,
  createFreshdeskFake,
  createGlpiFake,
  createRestFake,
  createRtFake,
  createZammadFake,
  REST_DEMO_PERSON,
  RT_REQUESTER,
  RT_SUPPORT_QUEUE,
  ZAMMAD_CUSTOMER,
} from '../../src/mocks/index.js';
import '../support/benign-errors.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import { $, $$, text } from '../support/form.js';

interface Desk {
  name: string;
  start(): { handlers: HttpHandler[]; backend: HelpdeskConfigInput['backend'] };
}

const DESKS: Desk[] = [
  {
    name: 'GLPI',
    start: () => {
      const fake = createGlpiFake({ baseUrl: '/desk-glpi/apirest.php', demoTickets: true });
      return { handlers: fake.handlers, backend: { type: 'glpi', url: fake.baseUrl, auth: { userToken: 'demo-user-token' } } };
    },
  },
  {
    name: 'Request Tracker',
    start: () => {
      const fake = createRtFake({ baseUrl: '/desk-rt/REST/2.0', demoTickets: true });
      return { handlers: fake.handlers, backend: { type: 'rt', url: fake.baseUrl, queue: RT_SUPPORT_QUEUE.name, auth: { userToken: RT_REQUESTER.token! } } };
    },
  },
  {
    name: 'Freshdesk',
    start: () => {
      const fake = createFreshdeskFake({ baseUrl: '/desk-freshdesk', demoTickets: true });
      return { handlers: fake.handlers, backend: { type: 'freshdesk', url: fake.baseUrl } };
    },
  },
  {
    name: 'Zammad',
    start: () => {
      const fake = createZammadFake({ baseUrl: '/desk-zammad/api/v1', demoTickets: true });
      return { handlers: fake.handlers, backend: { type: 'zammad', url: fake.baseUrl, auth: { userToken: ZAMMAD_CUSTOMER.tokens[0] } } };
    },
  },
  {
    name: 'REST',
    start: () => {
      const fake = createRestFake({ baseUrl: '/desk-rest/api/support', demoTickets: true });
      return {
        handlers: fake.handlers,
        backend: { type: 'rest', url: fake.baseUrl, auth: { userToken: REST_DEMO_PERSON.token }, features: { attachments: true, approval: true } },
      };
    },
  },
];

beforeEach(async () => {
  await clearStores();
  sessionStorage.clear();
});

afterEach(() => signOutEverywhere());

/** What the backend declares, as the elements read it. */
function capabilitiesOf(backend: HelpdeskConfigInput['backend']) {
  const parsed = parseConfig({ backend });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return createBackend(parsed.config.backend).capabilities;
}

const rows = (list: TicketList) => $$(list, '[part~="row"]');

async function listOf(backend: HelpdeskConfigInput['backend']): Promise<TicketList> {
  const list = await fixture<TicketList>(html`<ticket-list lang="en" .config=${{ backend }}></ticket-list>`);
  await waitUntil(() => rows(list).length > 0, 'the demo tickets are listed', { timeout: 5000 });
  return list;
}

for (const desk of DESKS) {
  describe(`the elements on ${desk.name}`, () => {
    let backend: HelpdeskConfigInput['backend'];

    beforeEach(async () => {
      const started = desk.start();
      backend = started.backend;
      await useHandlers(...started.handlers);
    });

    it('offer in the form only what the helpdesk takes', async () => {
      const form = await fixture<SupportTicketForm>(html`<support-ticket-form lang="en" .config=${{ backend }}></support-ticket-form>`);
      await form.updateComplete;
      const capabilities = capabilitiesOf(backend);
      expect(Boolean($(form, '#field-title'))).to.equal(true);
      expect(Boolean($(form, '#field-attachments')), 'files').to.equal(capabilities.attachments);
      if (!capabilities.categories) expect($(form, '#field-category'), 'no category field').to.equal(null);
      if (!capabilities.equipment) expect($(form, '#field-equipment'), 'no equipment field').to.equal(null);
      await expect(form).to.be.accessible();
    });

    it('list the person’s tickets and open one with only the actions it allows', async () => {
      const list = await listOf(backend);
      await expect(list).to.be.accessible();
      rows(list)[0].click();
      await waitUntil(() => list.shadowRoot!.querySelector('ticket-detail'), 'the ticket opens');
      const detail = list.shadowRoot!.querySelector('ticket-detail')!;
      await waitUntil(() => $(detail, '[part~="thread"]'), 'its thread is shown', { timeout: 5000 });
      const capabilities = capabilitiesOf(backend);
      const buttons = $$(detail, 'button').map((button) => button.textContent!.trim());
      if (!capabilities.approval) expect(buttons.join('|')).to.not.match(/approve|refuse/i);
      if (!capabilities.closeReopen) expect(buttons.join('|')).to.not.match(/close|reopen/i);
      if (!capabilities.reply) expect($(detail, '[part~="reply"]')).to.equal(null);
      await expect(detail).to.be.accessible();
    });
  });
}

describe('the elements on an email-only provider', () => {
  beforeEach(async () => {
    await useHandlers(...createEmailFake({ endpoint: '/desk-mail/send' }).handlers);
  });

  it('say where the answers come instead of showing an empty list, and call nothing', async () => {
    const list = await fixture<TicketList>(html`<ticket-list lang="fr" .config=${{ backend: { type: 'email', to: 'support@example.fr' } }}></ticket-list>`);
    await list.updateComplete;
    expect(text(list, '[part~="notice"]')).to.contain('répondez à l’accusé de réception');
    expect(rows(list)).to.have.length(0);
    await expect(list).to.be.accessible();
    const detail = await fixture(html`<ticket-detail lang="en" ticket-id="12" .config=${{ backend: { type: 'email', to: 'support@example.fr' } }}></ticket-detail>`);
    expect(text(detail as HTMLElement, '[part~="notice"]')).to.contain('reply to the acknowledgement');
  });
});
