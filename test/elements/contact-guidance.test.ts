import { expect, fixture, html } from '@open-wc/testing';
import type { ContactGuidance } from '../../src/elements/contact-guidance/contact-guidance.js';
import '../../src/contact-guidance.js';

const config = {
  backend: { type: 'glpi', url: '/fake-glpi/apirest.php' },
  contacts: [
    { kind: 'email', label: 'Support', value: 'support@example.fr' },
    { kind: 'phone', label: 'Agence', value: '+33 4 00 00 00 00', from: 'medium', note: '9h–18h' },
    { kind: 'phone', label: 'Ingénieur', value: '+33 6 00 00 00 00', from: 'high' },
  ],
};

function channels(el: ContactGuidance): string[] {
  return [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
}

describe('<contact-guidance>', () => {
  it('alone on a page, reads the shared configuration and offers each channel from its level up', async () => {
    const el = await fixture<ContactGuidance>(html`<contact-guidance lang="fr" urgency="low" .config=${config}></contact-guidance>`);
    expect(channels(el)).to.deep.equal(['E-mail · Support — support@example.fr']);
    expect(el.shadowRoot!.textContent).to.contain('un ticket est nécessaire');
    await expect(el).to.be.accessible();

    el.urgency = 'medium';
    await el.updateComplete;
    expect(channels(el)).to.have.length(2);
    expect(channels(el)[1]).to.contain('(9h–18h)');
    expect(el.shadowRoot!.textContent).to.contain('Après un appel, ce ticket garde la trace écrite.');

    el.urgency = 'very-high';
    await el.updateComplete;
    expect(channels(el)).to.have.length(3);
    expect(el.shadowRoot!.querySelector('a[href="tel:+33600000000"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('names each channel and its hours in the page’s language when the configuration gives one per language', async () => {
    const bilingual = {
      ...config,
      contacts: [{ kind: 'phone', label: { fr: 'Agence', en: 'Agency' }, value: '+33 4 00 00 00 00', note: { fr: '9h–18h', en: '9am–6pm' } }],
    };
    const fr = await fixture<ContactGuidance>(html`<contact-guidance lang="fr" urgency="high" .config=${bilingual}></contact-guidance>`);
    expect(channels(fr)).to.deep.equal(['Téléphone · Agence — +33 4 00 00 00 00 (9h–18h)']);
    const en = await fixture<ContactGuidance>(html`<contact-guidance lang="en-GB" urgency="high" .config=${bilingual}></contact-guidance>`);
    expect(channels(en)).to.deep.equal(['Phone · Agency — +33 4 00 00 00 00 (9am–6pm)']);
  });

  it('keeps a phone number and its hours each on one line, even in a narrow column', async () => {
    const el = await fixture<ContactGuidance>(html`<contact-guidance style="width: 12rem" lang="fr" urgency="very-high" .config=${config}></contact-guidance>`);
    for (const piece of el.shadowRoot!.querySelectorAll('a[href^="tel:"], .note')) {
      const range = document.createRange();
      range.selectNodeContents(piece);
      expect(new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size, piece.textContent!).to.equal(1);
    }
  });

  it('shows nothing until an urgency is chosen, and says to send the ticket when no channel is configured', async () => {
    const el = await fixture<ContactGuidance>(html`<contact-guidance lang="en" .contacts=${[]}></contact-guidance>`);
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
    el.urgency = 'high';
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Send this ticket');
  });

  it('shows the bad key of an invalid configuration', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const el = await fixture<ContactGuidance>(
        html`<contact-guidance lang="en" urgency="high" .config=${{ ...config, contacts: [{ kind: 'fax', label: 'x', value: '1' }] }}></contact-guidance>`,
      );
      expect(el.shadowRoot!.textContent).to.contain('contacts[0].kind');
    } finally {
      console.error = original;
    }
  });
});
