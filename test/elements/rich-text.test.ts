/**
 * DOMPurify loads only when a thread holds HTML: a plain-text thread never requests it.
 * While it loads, an HTML body shows its words as text — never its markup — then the
 * sanitised HTML. In its own file: the first test needs a page that has not loaded it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { createGlpiFake } from '../../src/mocks/index.js';
import type { TicketDetailElement } from '../../src/elements/ticket-detail/ticket-detail.js';
import { richText } from '../../src/elements/shared/rich-text.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import { $, $$, glpiConfig } from '../support/form.js';

/** Every resource this page requested, also those past the resource timing buffer. */
const seen = new Set(performance.getEntriesByType('resource').map((entry) => entry.name));
new PerformanceObserver((list) => list.getEntries().forEach((entry) => seen.add(entry.name))).observe({ type: 'resource', buffered: true });
const requested = (pattern: RegExp) => [...seen, ...performance.getEntriesByType('resource').map((entry) => entry.name)].some((name) => pattern.test(name));
const DOMPURIFY = /dompurify|purify\.es/i;

describe('rich text', () => {
  it('shows a plain-text thread without ever loading DOMPurify', async () => {
    const fake = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php' });
    await useHandlers(...fake.handlers);
    await clearStores();
    const ticket = fake.state.addTicket({ name: 'Imprimante hors ligne', technician: 2, content: 'Depuis ce matin.\nElle clignote en orange.' });
    fake.state.addFollowup(ticket.id, { content: 'Pouvez-vous la redémarrer ?', userId: 2 });
    const el = await fixture<TicketDetailElement>(html`<ticket-detail lang="en" ticket-id=${String(ticket.id)} .config=${glpiConfig()}></ticket-detail>`);
    await waitUntil(() => $$(el, '[part="entry"]').length === 2, 'the thread shows', { timeout: 4000 });
    expect($(el, '.rich.text')!.textContent).to.equal('Depuis ce matin.\nElle clignote en orange.');
    expect($(el, '.rich.html')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requested(DOMPURIFY)).to.equal(false);
  });

  it('shows an HTML body as words while DOMPurify loads, then sanitised', async () => {
    const w = window as unknown as { pwned?: number };
    w.pwned = 0;
    const container = document.createElement('div');
    document.body.append(container);
    const body = {
      format: 'html' as const,
      value: '<p>Depuis <strong>ce matin</strong>.</p><style>p{}</style><img src=x onerror="window.pwned++"><p><a href="javascript:window.pwned++">lien</a></p>',
    };
    render(richText(body), container);
    const pending = container.querySelector('.rich')!;
    expect(pending.classList.contains('pending')).to.equal(true);
    expect(pending.textContent).to.equal('Depuis ce matin.\nlien');
    expect(pending.querySelector('*')).to.equal(null);
    await waitUntil(() => container.querySelector('.rich.html'), 'the sanitised HTML');
    expect(requested(DOMPURIFY)).to.equal(true);
    const shown = container.querySelector('.rich.html')!;
    expect(shown.querySelector('strong')!.textContent).to.equal('ce matin');
    expect(shown.querySelector('img, style, script, [onerror]')).to.equal(null);
    expect(shown.querySelector('a')!.hasAttribute('href')).to.equal(false);
    // Loaded once: the next body is sanitised as it renders.
    render(richText({ format: 'html', value: '<em>vite</em>' }), container);
    expect(container.querySelector('.rich.html em')!.textContent).to.equal('vite');
    expect(w.pwned).to.equal(0);
    container.remove();
  });
});
