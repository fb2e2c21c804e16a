/**
 * Compact by default (issue 14, point 1): with the demo's GLPI configuration, an incident
 * with its required fields filled fits a 1366×768 window — the send button is on screen
 * without scrolling — in French and English, whatever the urgency (the highest shows the
 * most: the honest-urgency warning and every channel). What a person may skip is under
 * "More details", which opens by itself when it holds something.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createGlpiFake, type GlpiFake } from '../../src/mocks/index.js';
import { signOutEverywhere } from '../../src/index.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import { demoConfig } from '../../demo/helpdesk-config.js';
import { URGENCIES } from '../../src/core/urgency.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import '../support/benign-errors.js';
import { $, choose, reloadForm, signIn, submit, type } from '../support/form.js';

let fake: GlpiFake;

beforeEach(async () => {
  fake = createGlpiFake({ baseUrl: demoConfig.backend.url });
  await useHandlers(...fake.handlers);
  await clearStores();
  sessionStorage.clear();
  await setViewport({ width: 1366, height: 768 });
  document.body.style.margin = '0';
});

afterEach(async () => {
  await signOutEverywhere();
  document.body.style.margin = '';
  await setViewport({ width: 800, height: 600 });
});

async function demoForm(lang: 'fr' | 'en'): Promise<SupportTicketForm> {
  const el = await fixture<SupportTicketForm>(html`<support-ticket-form lang=${lang} .config=${demoConfig}></support-ticket-form>`);
  await el.updateComplete;
  await signIn(el);
  await waitUntil(() => !$(el, '#login'), 'the sign-in block stays');
  await el.updateComplete;
  return el;
}

/** Opens or closes a disclosure as a click does, once the browser said so (`toggle` comes a task later). */
async function toggle(details: HTMLDetailsElement): Promise<void> {
  const toggled = oneEvent(details, 'toggle');
  details.querySelector('summary')!.click();
  await toggled;
}

/** How far below the window's bottom the send button ends (≤ 0: on screen), the page scrolled to its top. */
function overflow(el: SupportTicketForm): number {
  window.scrollTo(0, 0);
  return $(el, 'button[part="submit"]')!.getBoundingClientRect().bottom - window.innerHeight;
}

describe('the form fits a 1366×768 window', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`with an incident and its required fields, at every urgency (${lang})`, async () => {
      const el = await demoForm(lang);
      await choose(el, '#type-incident');
      await type(el, '#field-title', lang === 'fr' ? 'Imprimante du 3e étage hors ligne depuis 9 h' : 'Printer on 3rd floor offline since 9am');
      await type(el, '#field-description', lang === 'fr' ? 'L’imprimante HP près de la salle 312 est « hors ligne » sur tous les postes.' : 'The HP printer near room 312 shows “offline” on every workstation.');
      await type(el, '#q-account', 'durand-fils');
      for (const urgency of URGENCIES) {
        await choose(el, `#urgency-${urgency}`);
        const below = overflow(el);
        expect(below, `${lang}, ${urgency}: the send button ends ${below.toFixed(0)} px below the window`).to.be.at.most(0);
      }
      // Everything is still there: the channels, the honest warning, the examples on demand, the optional fields folded.
      const guidance = $(el, 'contact-guidance')!.shadowRoot!;
      expect(guidance.querySelectorAll('li').length, 'every channel at the highest urgency').to.equal(3);
      expect($(el, '.honest')).to.exist;
      expect(($(el, '.examples') as HTMLDetailsElement).open).to.equal(false);
      const more = $(el, 'details.more') as HTMLDetailsElement;
      expect(more.open).to.equal(false);
      expect(more.querySelector('#q-stations'), 'an optional question is under "More details"').to.exist;
      expect(more.querySelector('#field-phone')).to.exist;
      expect(more.querySelector('#q-account'), 'a required question stays on the main path').to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('opens "More details" by itself when it holds a problem, and the summary’s link reaches the field', async () => {
    const el = await demoForm('en');
    await choose(el, '#type-incident');
    await choose(el, '#urgency-medium');
    await type(el, '#field-title', 'Printer on 3rd floor offline since 9am');
    await type(el, '#field-description', 'The HP printer near room 312 shows “offline” on every workstation.');
    await type(el, '#q-account', 'durand-fils');
    const more = $(el, 'details.more') as HTMLDetailsElement;
    // The person opens it, asks to be told by email at a wrong address, and closes it again.
    await toggle(more);
    expect(more.open).to.equal(true);
    await type(el, '#field-followUpEmail', 'marie.durand@');
    await toggle(more);
    await submit(el);
    await waitUntil(() => $(el, '#summary'), 'no summary of what is missing');
    expect(more.open, 'a problem inside opens it').to.equal(true);
    const link = $(el, '#summary a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('#field-followUpEmail');
    link.click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('field-followUpEmail');
  });

  it('keeps a phone number typed earlier in view: a draft restored with it opens "More details"', async () => {
    const el = await demoForm('fr');
    await type(el, '#field-title', 'Imprimante du 3e étage hors ligne depuis 9 h');
    const more = $(el, 'details.more') as HTMLDetailsElement;
    await toggle(more);
    await type(el, '#field-phone', '+33 6 12 34 56 78');
    await toggle(more);
    // The person closed it: it stays closed while they work, though it holds something.
    expect(more.open).to.equal(false);
    const again = await reloadForm(el, demoConfig, 'fr');
    await waitUntil(() => ($(again, '#field-phone') as HTMLInputElement | null)?.value === '+33 6 12 34 56 78', 'the draft is not restored');
    await again.updateComplete;
    expect(($(again, 'details.more') as HTMLDetailsElement).open).to.equal(true);
  });
});
