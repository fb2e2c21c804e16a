/**
 * Answers before tickets (issue 15): as a person types a problem, the helpdesk's articles
 * and their own open tickets on the same subject appear under the description; an article
 * opens inline; "This answers my question" clears the draft, "I still need help" goes back
 * to the ticket as typed; an open ticket takes what was typed as a reply instead.
 * Through the REST example server (its `articles` routes), with the real keyboard.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createRestFake, REST_DEMO_PERSON, type RestFake } from '../../src/mocks/index.js';
import { signOutEverywhere } from '../../src/index.js';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import type { SupportSuggestions } from '../../src/elements/support-suggestions/support-suggestions.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import '../support/benign-errors.js';
import { $, choose, formWith, text, type } from '../support/form.js';

let rest: RestFake;

const config = (articles: Partial<{ enabled: boolean; max: number; minChars: number }> = {}): HelpdeskConfigInput => ({
  backend: {
    type: 'rest',
    url: rest.baseUrl,
    auth: { userToken: REST_DEMO_PERSON.token },
    features: { categories: false, attachments: false, approval: false, organisationTickets: false, articles: true },
  },
  articles: { enabled: true, ...articles },
});

/** Searches the example server answered, in order: what the widget asked, never per keystroke. */
const searches = () => rest.state.exchanges.filter((exchange) => exchange.method === 'GET' && exchange.path === 'articles');

const suggestions = (el: HTMLElement) => $(el, 'support-suggestions') as SupportSuggestions | null;
const inside = (el: HTMLElement, selector: string) => suggestions(el)?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const shown = (el: HTMLElement) => [...(suggestions(el)?.shadowRoot?.querySelectorAll('li button') ?? [])].map((button) => button.textContent!.trim());

beforeEach(async () => {
  rest = createRestFake({ baseUrl: '/suggest-app/api/support', articleUrl: 'https://app.example.com/help/{id}' });
  rest.state.publishArticle('Le VPN se déconnecte toutes les 10 minutes', '<p>Mettez le client à jour.</p><img src=x onerror="window.hacked=1"><script>window.hacked=2</script>');
  rest.state.publishArticle('Réinitialiser son mot de passe Windows', '<p>Choisissez <strong>Mot de passe oublié</strong>.</p>');
  rest.state.publishArticle('Imprimante : bourrage papier', '<p>Ouvrez le capot avant.</p>');
  await useHandlers(...rest.handlers);
  await clearStores();
});

afterEach(() => signOutEverywhere());

describe('suggestions while a problem is typed', () => {
  it('shows the matching articles after a pause: one search per pause, none per keystroke, none under three letters', async () => {
    const el = await formWith(config(), 'fr');
    await type(el, '#field-title', 'vp');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(searches(), 'two letters: nothing asked').to.have.length(0);
    await type(el, '#field-title', 'n se déconnecte');
    await waitUntil(() => shown(el).length, 'no suggestion', { timeout: 3000 });
    expect(shown(el)).to.deep.equal(['Le VPN se déconnecte toutes les 10 minutes']);
    expect(searches(), '15 keys typed in one go: one search').to.have.length(1);
    expect(new URLSearchParams(searches()[0].query).get('q'), 'the words as typed, in lower case').to.equal('vpn déconnecte');
    expect(inside(el, 'li p')!.textContent, 'the excerpt is text').to.contain('Mettez le client à jour');
    await expect(el).to.be.accessible();

    // The same words again (a space, then erased) ask nothing more: the page keeps the answers.
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Backspace' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(searches()).to.have.length(1);
  });

  it('waits for a pause in the typing, which every key starts again, a space or a short word included', async () => {
    const el = await formWith(config());
    $(el, '#field-title')!.focus();
    // A key every 100 ms: no pause of 150 ms until the last one, though "vpn se " changes no searched word for four keys.
    for (const key of 'vpn se déconnecte') {
      await sendKeys({ type: key });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitUntil(() => shown(el).length, 'no suggestion', { timeout: 3000 });
    expect(searches().map((search) => new URLSearchParams(search.query).get('q'))).to.deep.equal(['vpn déconnecte']);
  });

  it('opens an article inline, sanitised, with a link to the helpdesk; "I still need help" goes back to the ticket as typed', async () => {
    const el = await formWith(config());
    await choose(el, '#type-incident');
    await type(el, '#field-title', 'VPN déconnecte');
    await waitUntil(() => shown(el).length, 'no suggestion', { timeout: 3000 });
    const viewed = oneEvent(el, 'support-article-viewed');
    // Keyboard only: the suggestion is a button reached with Tab.
    inside(el, 'li button')!.focus();
    await sendKeys({ press: 'Enter' });
    const { detail } = await viewed;
    expect(detail).to.include({ backend: 'rest', title: 'Le VPN se déconnecte toutes les 10 minutes' });
    await waitUntil(() => inside(el, 'article .rich'), 'the article does not show', { timeout: 3000 });
    expect(suggestions(el)!.shadowRoot!.activeElement?.id, 'focus on the article’s title').to.equal('article-title');
    expect(inside(el, 'article')!.textContent).to.contain('Mettez le client à jour');
    expect(inside(el, 'article img, article script'), 'no markup of the helpdesk runs').to.equal(null);
    expect((window as { hacked?: number }).hacked).to.equal(undefined);
    expect(inside(el, 'article a[target="_blank"]')!.getAttribute('href')).to.match(/^https:\/\/app\.example\.com\/help\/\d+$/);
    await expect(el).to.be.accessible();

    const stillNeed = [...suggestions(el)!.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.includes('still need help'))!;
    stillNeed.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(() => !inside(el, 'section'), 'the suggestions stay');
    expect(el.shadowRoot!.activeElement?.id, 'back to the description').to.equal('field-description');
    expect(($(el, '#field-title') as HTMLInputElement).value, 'what was typed is there').to.equal('VPN déconnecte');
    expect(($(el, '#type-incident') as HTMLInputElement).checked).to.equal(true);
    await type(el, '#field-description', 'Depuis ce matin.');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(shown(el), 'not offered again').to.deep.equal([]);
  });

  it('"This answers my question" clears the draft and the form, and says so', async () => {
    const el = await formWith(config());
    await type(el, '#field-title', 'mot de passe Windows oublié');
    await waitUntil(() => shown(el).length, 'no suggestion', { timeout: 3000 });
    inside(el, 'li button')!.click();
    await waitUntil(() => inside(el, 'article .rich'), 'the article does not show', { timeout: 3000 });
    const helpful = oneEvent(el, 'support-article-helpful');
    [...suggestions(el)!.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent!.includes('answers my question'))!.click();
    expect((await helpful).detail.title).to.equal('Réinitialiser son mot de passe Windows');
    await waitUntil(() => ($(el, '#field-title') as HTMLInputElement).value === '', 'the form keeps the ticket');
    expect(inside(el, '.panel.success')!.textContent).to.contain('Nothing was sent');
    await expect(el).to.be.accessible();
    // Nothing left to restore after a reload.
    const again = await formWith(config());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(($(again, '#field-title') as HTMLInputElement).value).to.equal('');
  });

  it('never blocks the form: a failed search shows nothing, and the ticket goes', async () => {
    const el = await formWith(config());
    rest.state.failNext('500', { path: 'articles' });
    await type(el, '#field-title', 'VPN déconnecte');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(shown(el)).to.deep.equal([]);
    expect(text(el, '[part~="failure"]')).to.equal('');
    await type(el, '#field-description', 'Le VPN se coupe toutes les dix minutes depuis lundi.');
    await waitUntil(() => shown(el).length, 'the next pause searches again', { timeout: 3000 });
  });

  it('asks the helpdesk of the configuration set last, with its credentials', async () => {
    const other = createRestFake({ baseUrl: '/suggest-other/api/support' });
    other.state.publishArticle('VPN : le guide du nouveau client', '<p>Installez la version 6.</p>');
    await useHandlers(...rest.handlers, ...other.handlers);
    const el = await formWith(config());
    await type(el, '#field-title', 'VPN déconnecte');
    await waitUntil(() => shown(el).length, 'no suggestion', { timeout: 3000 });
    el.config = { ...config(), backend: { ...(config().backend as object), url: other.baseUrl } } as HelpdeskConfigInput;
    await el.updateComplete;
    await type(el, '#field-title', ' encore');
    await waitUntil(() => shown(el)[0] === 'VPN : le guide du nouveau client', `still ${JSON.stringify(shown(el))}`, { timeout: 3000 });
    expect(other.state.exchanges.filter((exchange) => exchange.path === 'articles')).to.have.length(1);
  });

  it('takes the form’s theme (a page that forces dark gets dark suggestions)', async () => {
    const el = await formWith(config());
    el.theme = 'dark';
    await type(el, '#field-title', 'VPN déconnecte');
    await waitUntil(() => shown(el).length, 'no suggestion', { timeout: 3000 });
    expect(getComputedStyle(suggestions(el)!).colorScheme).to.equal('dark');
  });

  it('is not loaded at all when the configuration leaves it off', async () => {
    const el = await formWith({ ...config(), articles: { enabled: false } });
    await type(el, '#field-title', 'VPN déconnecte');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(suggestions(el)).to.equal(null);
    expect(searches()).to.have.length(0);
  });
});

describe('one request, one ticket (seed 002)', () => {
  it('offers the person’s open ticket on the same problem, and adds what was typed as a reply on it', async () => {
    const open = rest.state.addTicket({ title: 'VPN drops every 10 minutes', status: 'in-progress' });
    rest.state.addTicket({ title: 'VPN drops at night', status: 'closed' });
    const el = await formWith(config());
    await type(el, '#field-title', 'VPN drops again');
    await type(el, '#field-description', 'Since this morning, every ten minutes.');
    await waitUntil(() => inside(el, '.ticket'), 'the open ticket is not offered', { timeout: 3000 });
    expect(inside(el, '.ticket')!.textContent).to.contain(open.id).and.contain('VPN drops every 10 minutes');
    expect(suggestions(el)!.shadowRoot!.querySelectorAll('.ticket'), 'a closed ticket is not offered').to.have.length(1);
    await expect(el).to.be.accessible();

    inside(el, '.ticket button')!.click();
    const dialog = () => inside(el, 'dialog') as HTMLDialogElement;
    await waitUntil(() => dialog()?.open, 'no dialog');
    const detail = () => dialog().querySelector('ticket-detail') as HTMLElement & { updateComplete: Promise<unknown> };
    const reply = () => detail()?.shadowRoot?.querySelector<HTMLTextAreaElement>('#reply-text');
    await waitUntil(() => reply()?.value, 'the reply box is not filled', { timeout: 5000 });
    expect(reply()!.value).to.equal('VPN drops again\n\nSince this morning, every ten minutes.');
    await waitUntil(() => detail().shadowRoot!.activeElement?.id === 'ticket-title', 'focus is not on the ticket’s title');
    await expect(el).to.be.accessible();

    const updated = oneEvent(detail(), 'support-ticket-updated');
    detail().shadowRoot!.querySelector<HTMLButtonElement>('form button[type="submit"], button.primary')!.click();
    await updated;
    expect(rest.state.ticket(open.id)!.entries.at(-1)!.body).to.contain('Since this morning');
    await waitUntil(() => dialog().querySelector('.panel.success'), 'no confirmation');
    [...dialog().querySelectorAll('button')].find((button) => button.textContent!.includes('Clear the new ticket'))!.click();
    await waitUntil(() => !dialog() && ($(el, '#field-title') as HTMLInputElement).value === '', 'the new ticket stays');
    expect(rest.state.tickets.filter((ticket) => ticket.title === 'VPN drops again'), 'no second ticket').to.have.length(0);
  });
});
