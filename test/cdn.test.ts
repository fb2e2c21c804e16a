/**
 * The script-tag fast path: a plain page with the JSON configuration, the element,
 * and the built loader only (dist/cdn/support-widgets.js, made by `npm run build`).
 * Nothing from src/ registers an element here, so these are the shipped files at work:
 * what the page requests is read from the browser's resource timing and compared
 * with the build's manifest.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createGlpiFake } from '../src/mocks/index.js';
import { useHandlers } from './support/msw.js';
import { REQUEST_TITLE, sendFrenchRequest } from './support/shipped-form.js';
import './support/benign-errors.js';

interface CdnManifest {
  elements: Record<string, string[]>;
  helpdesks: Record<string, string[]>;
  languages: Record<string, string[]>;
}

const CDN = '/dist/cdn/';

/** The files of the CDN folder this page has requested so far, relative to it. */
function requested(): Set<string> {
  const prefix = new URL(CDN, location.href).href;
  return new Set(
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name.split('?')[0])
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length))
      .filter((file) => file !== 'manifest.json'), // fetched by this test, not by the page
  );
}

/** The files a piece needs that no piece in `wanted` needs. */
function only(piece: string[], wanted: string[][]): string[] {
  const kept = new Set(wanted.flat());
  return piece.filter((file) => !kept.has(file));
}

describe('dist/cdn/support-widgets.js, the loader, in a plain page', () => {
  let manifest: CdnManifest;

  before(async () => {
    const answer = await fetch(`${CDN}manifest.json`);
    if (!answer.ok) throw new Error(`${CDN}manifest.json: ${answer.status} — run npm run build first`);
    manifest = (await answer.json()) as CdnManifest;
    // The test page has loaded hundreds of modules already, and the manifest: room for the files under test only.
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(5000);
  });

  it('loads only the form, French and GLPI, creates a ticket, and loads the list when a page inserts one later', async () => {
    expect(Object.keys(manifest.elements)).to.have.members(['support-ticket-form', 'ticket-list', 'ticket-detail', 'contact-guidance', 'support-launcher']);
    // The launcher is one file of its own: until it is opened, a page with it loads nothing else.
    expect(manifest.elements['support-launcher']).to.deep.equal(['support-launcher.js']);
    expect(Object.keys(manifest.helpdesks)).to.have.members(['glpi', 'rt', 'freshdesk', 'zammad', 'rest', 'email']);
    expect(manifest.languages).to.have.property('fr');
    expect(manifest.languages).to.have.property('en');

    const fake = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php' });
    await useHandlers(...fake.handlers);
    document.documentElement.lang = 'fr';
    document.body.insertAdjacentHTML(
      'beforeend',
      `<support-ticket-form config="helpdesk"></support-ticket-form>
      <script type="application/json" id="helpdesk">
        { "backend": { "type": "glpi", "url": "/fake-glpi/apirest.php", "auth": { "userToken": "demo-user-token" } },
          "contacts": [ { "kind": "email", "label": "Support", "value": "support@example.fr", "from": "very-low" } ] }
      </script>`,
    );
    const script = document.createElement('script');
    script.type = 'module';
    script.src = `${CDN}support-widgets.js`;
    document.head.append(script);

    await waitUntil(() => customElements.get('support-ticket-form'), 'the loader registers the form', { timeout: 5000 });
    const el = document.querySelector('support-ticket-form')!;
    await el.updateComplete;
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('#field-title'), 'the form shows its fields');
    expect(root.querySelector('h2')!.textContent).to.equal('Ouvrir un ticket de support');

    const id = await sendFrenchRequest(el);
    expect(fake.state.tickets[0]!.name).to.equal(REQUEST_TITLE);

    // What the page asked for: the loader, the form's files, French, GLPI's adapter — nothing else.
    const form = [manifest.elements['support-ticket-form'], manifest.languages.fr, manifest.helpdesks.glpi];
    const files = requested();
    const expected = new Set(['support-widgets.js', ...form.flat()]);
    expect([...files].filter((file) => !expected.has(file)), 'files the form page did not need').to.deep.equal([]);
    expect([...expected].filter((file) => !files.has(file)), 'files the form page needed but did not load').to.deep.equal([]);
    for (const [name, piece] of [
      ['the list', manifest.elements['ticket-list']],
      ['the thread', manifest.elements['ticket-detail']],
      ['English', manifest.languages.en],
      ...Object.entries(manifest.helpdesks).filter(([type]) => type !== 'glpi'),
    ] as [string, string[]][]) {
      const own = only(piece, form);
      expect(own, `${name} has files of its own`).to.not.be.empty;
      expect(own.filter((file) => files.has(file)), `${name}'s files were requested`).to.deep.equal([]);
    }
    expect([...files].some((file) => /purify/i.test(file)), 'the sanitiser was requested').to.equal(false);

    // A single-page application inserts a list later: its pieces come then, and it works.
    document.body.insertAdjacentHTML('beforeend', '<ticket-list config="helpdesk"></ticket-list>');
    await waitUntil(() => customElements.get('ticket-list') && customElements.get('ticket-detail'), 'the loader registers the list', { timeout: 5000 });
    const list = document.querySelector('ticket-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector(`[data-ticket="${id}"]`), 'the list shows the new ticket', { timeout: 5000 });
    const withList = requested();
    for (const file of manifest.elements['ticket-list']) expect(withList.has(file), `${file} requested for the list`).to.equal(true);

    // Then a launcher: its one file, and its panel shows the form (whose files this page has already).
    document.body.insertAdjacentHTML('beforeend', '<support-launcher config="helpdesk"></support-launcher>');
    await waitUntil(() => customElements.get('support-launcher'), 'the loader registers the launcher', { timeout: 5000 });
    expect([...requested()].filter((file) => !withList.has(file))).to.deep.equal(['support-launcher.js']);
    const launcher = document.querySelector('support-launcher')!;
    await launcher.open();
    const inPanel = launcher.shadowRoot!.querySelector('support-ticket-form')!;
    await waitUntil(() => inPanel.shadowRoot?.querySelector('#field-title, #success'), 'the launcher’s panel shows the form', { timeout: 5000 });
    launcher.close();
  });

  it('works from another origin under a strict policy: script-src that origin, style-src self', async () => {
    const fake = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php' });
    await useHandlers(...fake.handlers);
    // The same test server under its other name: another origin, as a CDN is (it answers CORS for /dist/cdn/).
    const cdn = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
    const policy = `script-src 'self' ${cdn}; style-src 'self'`;
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 800px; height: 1200px';
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="${policy}"></head><body></body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const doc = frame.contentDocument!;
    const violations: string[] = [];
    doc.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`), true);
    doc.body.innerHTML = `<script type="application/json" id="helpdesk">
        { "backend": { "type": "glpi", "url": "/fake-glpi/apirest.php", "auth": { "userToken": "demo-user-token" } } }
      </script>
      <support-ticket-form config="helpdesk"></support-ticket-form>`;
    const script = doc.createElement('script');
    script.type = 'module';
    script.src = `${cdn}${CDN}support-widgets.js`;
    const ran = new Promise<void>((resolve, reject) => {
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`${script.src} did not load`));
    });
    doc.head.append(script);
    await ran;

    const el = doc.querySelector('support-ticket-form')! as HTMLElement;
    await waitUntil(() => el.shadowRoot?.querySelector('#field-title'), 'the form shows, its pieces fetched from the other origin', { timeout: 5000 });
    const root = el.shadowRoot!;
    expect(frame.contentWindow!.getComputedStyle(root.querySelector('.base')!).paddingTop, 'styled').not.to.equal('0px');
    (root.querySelector('#type-incident') as HTMLInputElement).click();
    (root.querySelector('#urgency-high') as HTMLInputElement).click();
    for (const [selector, value] of [
      ['#field-title', 'Imprimante du 2e étage hors ligne'],
      ['#field-description', 'Elle affiche « hors ligne » sur tous les postes depuis 9 h.'],
    ]) {
      const control = root.querySelector<HTMLInputElement>(selector)!;
      control.value = value;
      control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    (root.querySelector('button[part="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => root.querySelector('#success'), 'the ticket is created', { timeout: 5000 });
    expect(fake.state.tickets.at(-1)!.name).to.equal('Imprimante du 2e étage hors ligne');
    const fromCdn = frame.contentWindow!.performance.getEntriesByType('resource').filter((entry) => entry.name.startsWith(`${cdn}${CDN}`));
    expect(fromCdn.length, 'files fetched from the other origin').to.be.greaterThan(3);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });
});
