/**
 * Languages a host registers (whole, or some strings over a base language), the
 * fallback chain fr-CA → fr → en, plurals by Intl.PluralRules, and texts of the
 * configuration keyed by any BCP 47 tag.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ContactGuidance } from '../../src/elements/contact-guidance/contact-guidance.js';
import { en, type Messages } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { plural, registerOverrides, registerTranslation, type MessageOverrides } from '../../src/i18n/index.js';
import { chainFor, loadStrings, stringsNow } from '../../src/i18n/translations.js';
import { languageFallbacks, localText } from '../../src/core/text.js';
import { localText as localTextSchema } from '../../src/core/schema.js';
import '../../src/contact-guidance.js';

describe('translations', () => {
  it('reads a regional tag from its base language, and stops at a built-in one', () => {
    expect(languageFallbacks('fr-CA')).to.deep.equal(['fr-ca', 'fr']);
    expect(languageFallbacks('zh-Hant-TW')).to.deep.equal(['zh-hant-tw', 'zh-hant', 'zh']);
    expect(chainFor('fr-BE')).to.deep.equal(['fr']);
    expect(chainFor('EN-gb')).to.deep.equal(['en']);
    // A language nobody registered reads English, as before.
    expect(chainFor('ja')).to.deep.equal(['en']);
  });

  it('lays a host’s regional strings over its base language (fr-CA → fr), without English', async () => {
    registerOverrides('fr-CA', { form: { heading: 'Ouvrir une demande de soutien' }, list: { refresh: 'Rafraîchir' } });
    expect(chainFor('fr-CA')).to.deep.equal(['fr-ca', 'fr']);
    const strings = await loadStrings('fr-ca');
    expect(strings.form.heading).to.equal('Ouvrir une demande de soutien');
    expect(strings.form.optional).to.equal('facultatif');
    expect(strings.list.refresh).to.equal('Rafraîchir');
    expect(strings.list.shown(0, 0)).to.equal('0 ticket');
    // French itself is untouched, and served without a copy.
    expect((await loadStrings('fr')).form.heading).to.equal('Ouvrir un ticket de support');
    expect(await loadStrings('fr')).to.equal(fr);
  });

  it('takes a whole host language, lazily, and fills a key it lacks from English', async () => {
    let loads = 0;
    const { form, ...rest } = fr;
    registerTranslation('pt', async () => {
      loads += 1;
      // A host written against an older version: no `form` strings at all (a JavaScript host, unchecked).
      return { ...rest, lang: 'pt', list: { ...fr.list, heading: 'Os seus pedidos' } } as unknown as Messages;
    });
    expect(form.heading).to.be.a('string');
    expect(chainFor('pt-BR')).to.deep.equal(['pt', 'en']);
    expect(stringsNow('pt-BR')).to.equal(undefined);
    const [one, two] = await Promise.all([loadStrings('pt-BR'), loadStrings('pt')]);
    expect(loads).to.equal(1);
    expect(one.list.heading).to.equal('Os seus pedidos');
    expect(one.form.heading).to.equal(en.form.heading);
    expect(two.list.heading).to.equal('Os seus pedidos');
    expect(stringsNow('pt-BR')).to.equal(one);
  });

  it('changes some English strings; later registrations win', async () => {
    registerOverrides('en', { list: { refresh: 'Reload' } });
    registerOverrides('en', { list: { retry: 'Retry now' } });
    const strings = await loadStrings('en-US');
    expect(strings.list.refresh).to.equal('Reload');
    expect(strings.list.retry).to.equal('Retry now');
    expect(strings.list.heading).to.equal('Your tickets');
    expect(en.list.refresh).to.equal('Refresh');
  });

  it('re-renders an element shown when a host registers strings for its language', async () => {
    const el = await fixture<ContactGuidance>(
      html`<contact-guidance lang="fr-LU" urgency="low" .contacts=${[{ kind: 'email', label: 'Support', value: 'support@example.fr' }]}></contact-guidance>`,
    );
    const heading = () => el.shadowRoot!.querySelector('h3')!.textContent;
    expect(heading()).to.equal('Comment nous joindre pour cette urgence');
    registerOverrides('fr-LU', { contacts: { heading: 'Pour nous joindre' } });
    await waitUntil(() => heading() === 'Pour nous joindre', 'the new strings');
  });

  it('refuses a language tag it cannot use, and checks strings against Messages', () => {
    expect(() => registerOverrides(' ', {})).to.throw(/language tag/);
    // Compile-time checks only: never called.
    const typed = () => {
      // @ts-expect-error a whole language must have every key
      registerTranslation('de', { lang: 'de' });
      // @ts-expect-error no such key
      registerOverrides('de', { form: { headline: 'x' } });
      // @ts-expect-error a message that takes arguments stays a function
      registerOverrides('de', { list: { shown: 'x' } });
      const fine: MessageOverrides = { list: { shown: (shown, all) => `${shown}/${all}` } };
      return fine;
    };
    expect(typed).to.be.a('function');
  });
});

describe('plurals (Intl.PluralRules)', () => {
  it('puts 0 and 1 in the singular in French, only 1 in English', () => {
    expect(plural('fr', 0, { one: 'un', other: 'plusieurs' })).to.equal('un');
    expect(plural('en', 0, { one: 'one', other: 'many' })).to.equal('many');
    expect(plural('fr', 1_000_000, { one: 'un', other: 'plusieurs' })).to.equal('plusieurs');
    expect(fr.list.shown(0, 0)).to.equal('0 ticket');
    expect(fr.list.shown(1, 1)).to.equal('1 ticket');
    expect(fr.list.shown(2, 2)).to.equal('2 tickets');
    expect(fr.list.shown(1, 4)).to.equal('1 ticket affiché sur 4');
    expect(fr.list.shown(0, 4)).to.equal('0 ticket affiché sur 4');
    expect(fr.list.shown(3, 4)).to.equal('3 tickets affichés sur 4');
    expect(en.list.shown(0, 0)).to.equal('0 tickets');
    expect(en.list.shown(1, 1)).to.equal('1 ticket');
    expect(en.list.shown(1, 4)).to.equal('1 of 4 tickets shown');
  });

  it('agrees every count message with its number', () => {
    expect(fr.list.cut(1, 3)).to.match(/^seul le plus récent sur 3 est listé ici/);
    expect(fr.list.cut(200)).to.match(/^seuls les 200 plus récents sont listés ici/);
    expect(en.list.cut(1, 3)).to.match(/^only the most recent of 3 is listed here/);
    expect(en.list.cut(200)).to.match(/^only the 200 most recent are listed here/);
    expect(fr.attachments.refused({ name: 'a.png', reason: 'too-many', limit: 1 }, '2 Mo')).to.equal('« a.png » est refusé : 1 fichier au maximum.');
    expect(fr.attachments.refused({ name: 'a.png', reason: 'too-many', limit: 0 }, '2 Mo')).to.equal('« a.png » est refusé : 0 fichier au maximum.');
    expect(fr.attachments.refused({ name: 'a.png', reason: 'too-many', limit: 5 }, '2 Mo')).to.equal('« a.png » est refusé : 5 fichiers au maximum.');
    expect(en.attachments.refused({ name: 'a.png', reason: 'too-many', limit: 1 }, '2 MB')).to.equal('“a.png” is refused: 1 file at most.');
    expect(en.attachments.refused({ name: 'a.png', reason: 'too-many', limit: 5 }, '2 MB')).to.equal('“a.png” is refused: 5 files at most.');
    expect(fr.detail.shortened(50_001)).to.contain('50\u202f001 caractères en tout');
    expect(en.detail.shortened(50_001)).to.contain('50,001 characters in all');
  });
});

describe('texts of the configuration, per language', () => {
  it('accepts any BCP 47 key and reads it with the same chain (fr-CA → fr → en → the first given)', () => {
    const text = { 'fr-CA': 'Courriel', fr: 'E-mail', en: 'Email', de: 'E-Mail' };
    expect(localText(text, 'fr-CA')).to.equal('Courriel');
    expect(localText(text, 'fr-ca')).to.equal('Courriel');
    expect(localText(text, 'fr-FR')).to.equal('E-mail');
    expect(localText(text, 'de-AT')).to.equal('E-Mail');
    expect(localText(text, 'ja')).to.equal('Email');
    expect(localText({ 'PT-br': 'Correio' }, 'pt-BR')).to.equal('Correio');
    expect(localText({ de: 'Drucker' }, 'fr')).to.equal('Drucker');
    expect(localText('Imprimante', 'en')).to.equal('Imprimante');
  });

  it('checks the keys are language tags, naming those that are not', () => {
    expect(localTextSchema.safeParse({ de: 'Drucker', 'fr-CA': 'Imprimante', 'zh-Hant-TW': '印表機' }).success).to.equal(true);
    const refused = localTextSchema.safeParse({ en: 'Printer', 'not a tag': 'x' });
    expect(refused.success).to.equal(false);
    expect(refused.error!.issues.map((issue) => issue.message)).to.deep.equal(['has keys that are not language tags such as "fr" or "fr-CA": "not a tag"']);
    expect(localTextSchema.safeParse({ fr: ' ' }).success).to.equal(false);
  });
});
