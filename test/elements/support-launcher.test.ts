/**
 * `<support-launcher>` (issue 14, point 3): a floating button that opens a side panel on a
 * wide screen and a modal dialog on a phone, with the form and the person's tickets; Escape
 * closes it and focus goes back to the button; a badge counts the tickets that wait for
 * the person; `open()`/`close()` and their events.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { type GlpiFake } from '../../src/mocks/index.js';
import type { SupportLauncher } from '../../src/elements/support-launcher/support-launcher.js';
import { useGlpiFake } from '../support/glpi.js';
import '../support/benign-errors.js';
import { glpiConfig } from '../support/form.js';

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

afterEach(() => setViewport({ width: 800, height: 600 }));

const root = (el: SupportLauncher) => el.shadowRoot!;
const button = (el: SupportLauncher) => root(el).querySelector<HTMLButtonElement>('.launcher')!;
const dialog = (el: SupportLauncher) => root(el).querySelector('dialog')!;

async function launcher(lang = 'fr', config = glpiConfig()): Promise<SupportLauncher> {
  return fixture<SupportLauncher>(html`<support-launcher lang=${lang} .config=${config}></support-launcher>`);
}

describe('<support-launcher>', () => {
  it('is a button in the page’s language that opens a side panel with the form on a wide screen, and Escape closes it', async () => {
    await setViewport({ width: 1366, height: 768 });
    const el = await launcher('fr');
    expect(button(el).textContent!.trim()).to.equal('Aide');
    expect(button(el).getAttribute('aria-expanded')).to.equal('false');
    expect(getComputedStyle(button(el)).position).to.equal('fixed');
    // Nothing of the form's code is asked for before it is opened.
    expect(customElements.get('support-ticket-form'), 'the test page has the form registered already').to.exist;

    const opened = oneEvent(el, 'support-launcher-open');
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await opened;
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).matches(':modal'), 'a side panel beside the page').to.equal(false);
    expect(dialog(el).getBoundingClientRect().right).to.be.closeTo(1366, 1);
    expect(root(el).activeElement?.id, 'focus on the panel’s title').to.equal('title');
    await waitUntil(() => root(el).querySelector('support-ticket-form'), 'no form in the panel');
    const form = root(el).querySelector('support-ticket-form')!;
    expect(form.getAttribute('lang')).to.equal('fr');
    await waitUntil(() => form.shadowRoot?.querySelector('#field-title'), 'the form does not show');

    // What is typed stays when the panel closes and opens again.
    const title = form.shadowRoot!.querySelector<HTMLInputElement>('#field-title')!;
    title.focus();
    await sendKeys({ type: 'Imprimante hors ligne' });
    const closed = oneEvent(el, 'support-launcher-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(dialog(el).open).to.equal(false);
    expect(root(el).activeElement, 'focus back on the button').to.equal(button(el));
    expect(button(el).getAttribute('aria-expanded')).to.equal('false');
    await el.open();
    expect(root(el).querySelector('support-ticket-form')).to.equal(form);
    expect(title.value).to.equal('Imprimante hors ligne');
    await expect(el).to.be.accessible();
    el.close();
  });

  it('is a modal dialog on a phone, closed by its close button', async () => {
    await setViewport({ width: 375, height: 700 });
    const el = await launcher('en');
    expect(button(el).textContent!.trim()).to.equal('Help');
    await el.open();
    expect(dialog(el).matches(':modal')).to.equal(true);
    const box = dialog(el).getBoundingClientRect();
    expect([Math.round(box.width), Math.round(box.height)]).to.deep.equal([375, 700]);
    const close = root(el).querySelector<HTMLButtonElement>('.close')!;
    expect(close.getAttribute('aria-label')).to.equal('Close');
    close.click();
    expect(dialog(el).open).to.equal(false);
    expect(root(el).activeElement).to.equal(button(el));
  });

  it('shows the person’s tickets in their tab, and counts on its badge those that wait for them', async () => {
    const { state } = fake;
    const wifi = state.addTicket({ name: 'Réseau Wi-Fi lent', technician: 2 });
    state.addFollowup(wifi.id, { content: '<p>Depuis quand ?</p>', pending: true });
    const laptop = state.addTicket({ name: 'Nouveau portable', type: 2, technician: 2 });
    state.proposeSolution(laptop.id, '<p>Livré</p>');
    state.addTicket({ name: 'Imprimante' });
    const el = await launcher('fr');
    expect(root(el).querySelector('.badge')!.hasAttribute('hidden')).to.equal(true);
    await el.open('tickets');
    const tab = root(el).getElementById('tab-tickets')!;
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    expect(root(el).getElementById('form')!.hidden).to.equal(true);
    await waitUntil(() => root(el).querySelector('ticket-list'), 'no list in the panel');
    await waitUntil(() => !root(el).querySelector('.badge')!.hasAttribute('hidden'), 'no badge');
    expect(root(el).querySelector('.badge')!.textContent).to.equal('2');
    // Heard as "Aide, 2 tickets attendent votre réponse": the figure itself is for the eyes.
    expect(root(el).querySelector('.badge')!.getAttribute('aria-hidden')).to.equal('true');
    expect(root(el).querySelector('.hidden-text')!.textContent).to.equal(', 2 tickets attendent votre réponse');
    // Arrows move between the tabs.
    tab.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(root(el).activeElement?.id).to.equal('tab-form');
    expect(root(el).getElementById('form')!.hidden).to.equal(false);
    el.close();

    // The next page of this tab shows the count before anything is loaded.
    el.remove();
    const next = await launcher('fr');
    expect(root(next).querySelector('.badge')!.textContent).to.equal('2');
  });

  it('takes a label, a side and a count from the host', async () => {
    const el = await fixture<SupportLauncher>(html`<support-launcher lang="en" label="Support" position="bottom-left" waiting="3" .config=${glpiConfig()}></support-launcher>`);
    expect(root(el).querySelector('.label')!.textContent).to.equal('Support');
    expect(root(el).querySelector('.badge')!.textContent).to.equal('3');
    expect(button(el).getBoundingClientRect().left).to.be.lessThan(100);
    el.setAttribute('waiting', '0');
    expect(root(el).querySelector('.badge')!.hasAttribute('hidden')).to.equal(true);
  });

  it('writes the host’s label as text, never as markup', async () => {
    const w = window as unknown as { launcherPwned?: number };
    const label = '<img src=x onerror="window.launcherPwned = 1">Aide';
    const el = await fixture<SupportLauncher>(html`<support-launcher lang="fr" label=${label} .config=${glpiConfig()}></support-launcher>`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(root(el).querySelector('.label')!.textContent).to.equal(label);
    expect(root(el).querySelector('img')).to.equal(null);
    expect(w.launcherPwned).to.equal(undefined);
  });
});
