/**
 * A French page, in its own file so that its page has loaded no language before the
 * first test: elements wait for their language before their first render, the English
 * strings are never requested, and a language loaded once costs the next element no wait.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { ContactGuidance } from '../../src/elements/contact-guidance/contact-guidance.js';
import type { Messages } from '../../src/i18n/en.js';
import { registerTranslation } from '../../src/i18n/index.js';
import '../../src/contact-guidance.js';

/** Every script this page requested, also those past the resource timing buffer. */
const seen = new Set(performance.getEntriesByType('resource').map((entry) => entry.name));
new PerformanceObserver((list) => list.getEntries().forEach((entry) => seen.add(entry.name))).observe({ type: 'resource', buffered: true });
const requested = (pattern: RegExp) => [...seen, ...performance.getEntriesByType('resource').map((entry) => entry.name)].some((name) => pattern.test(new URL(name).pathname));

const EN = /\/src\/i18n\/en\.ts$/;
const FR = /\/src\/i18n\/fr\.ts$/;

function guidance(lang: string): ContactGuidance {
  const el = document.createElement('contact-guidance');
  el.lang = lang;
  el.urgency = 'high';
  el.contacts = [{ kind: 'phone', label: 'Agence', value: '+33 4 00 00 00 00', from: 'low' }];
  document.body.append(el);
  return el;
}

const heading = (el: ContactGuidance) => el.shadowRoot!.querySelector('h3')?.textContent ?? '';

describe('a French page', () => {
  after(() => document.querySelectorAll('contact-guidance').forEach((el) => el.remove()));

  it('renders nothing before its strings are in; updateComplete resolves after the first real render', async () => {
    expect(requested(FR)).to.equal(false);
    const el = guidance('fr');
    await Promise.resolve();
    await Promise.resolve();
    expect(el.hasUpdated).to.equal(false);
    expect(el.shadowRoot!.childNodes).to.have.length(0);
    await el.updateComplete;
    expect(heading(el)).to.equal('Comment nous joindre pour cette urgence');
    expect(requested(FR)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('never requests the English strings', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requested(EN)).to.equal(false);
  });

  it('renders a second element of a loaded language at once (fr-FR reads French)', async () => {
    const el = guidance('fr-FR');
    await Promise.resolve();
    expect(el.hasUpdated).to.equal(true);
    expect(heading(el)).to.equal('Comment nous joindre pour cette urgence');
    expect(requested(EN)).to.equal(false);
  });

  it('keeps its strings while another language loads, then re-renders in it', async () => {
    const el = document.querySelector('contact-guidance')!;
    let deliver!: (messages: Messages) => void;
    registerTranslation('de', () => new Promise<Messages>((resolve) => (deliver = resolve)));
    el.lang = 'de';
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(heading(el)).to.equal('Comment nous joindre pour cette urgence');
    const { fr } = await import('../../src/i18n/fr.js');
    deliver({ ...fr, lang: 'de', contacts: { ...fr.contacts, heading: 'So erreichen Sie uns bei dieser Dringlichkeit' } });
    await waitUntil(() => heading(el) === 'So erreichen Sie uns bei dieser Dringlichkeit', 'German');
    // A host language ends its chain on English: a key it lacks reads in English rather than breaking.
    expect(requested(EN)).to.equal(true);
  });
});
