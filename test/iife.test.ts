/**
 * The intranet case: a plain page with the JSON configuration, the element, and the
 * built classic script only (dist/support-widgets.iife.js, made by `npm run build`).
 * Nothing from src/ is imported here, so this is the shipped file at work.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createGlpiFake } from '../src/mocks/index.js';
import { useHandlers } from './support/msw.js';
import { REQUEST_TITLE, sendFrenchRequest } from './support/shipped-form.js';

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load: run npm run build first`));
    document.head.append(script);
  });
}

describe('dist/support-widgets.iife.js in a plain page', () => {
  it('registers the elements and creates a ticket from the JSON configuration', async () => {
    const fake = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php' });
    await useHandlers(...fake.handlers);
    document.body.insertAdjacentHTML(
      'beforeend',
      `<script type="application/json" id="helpdesk">
        { "backend": { "type": "glpi", "url": "/fake-glpi/apirest.php", "auth": { "userToken": "demo-user-token" } },
          "contacts": [ { "kind": "email", "label": "Support", "value": "support@example.fr", "from": "very-low" } ] }
      </script>
      <support-ticket-form config="helpdesk" lang="fr"></support-ticket-form>
      <ticket-list config="helpdesk" lang="fr"></ticket-list>`,
    );
    await loadScript('/dist/support-widgets.iife.js');
    expect(customElements.get('support-ticket-form')).to.exist;
    expect(customElements.get('contact-guidance')).to.exist;
    expect(customElements.get('ticket-list')).to.exist;
    expect(customElements.get('ticket-detail')).to.exist;
    expect((window as unknown as { SupportWidgets: object }).SupportWidgets).to.have.property('SupportTicketForm');

    const el = document.querySelector('support-ticket-form')!;
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('Ouvrir un ticket de support');

    const id = await sendFrenchRequest(el);
    expect(fake.state.tickets[0]!.name).to.equal(REQUEST_TITLE);
    expect(fake.state.tickets[0]!.type).to.equal(2);

    // The list on the same page shows the new ticket without a reload.
    const list = document.querySelector('ticket-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector(`[data-ticket="${id}"]`), 'the list shows the new ticket');
    expect(list.shadowRoot!.querySelector(`[data-ticket="${id}"] .title`)!.textContent).to.equal(REQUEST_TITLE);
  });
});
