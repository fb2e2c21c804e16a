import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createGlpiFake, type GlpiFake } from '../../src/mocks/index.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import { useHandlers } from '../support/msw.js';
import { useGlpiFake } from '../support/glpi.js';
import { $, $$, choose, fillGoodTicket, focused, formWith, glpiConfig, press, select, signIn, submit, text, type, unfold } from '../support/form.js';

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

describe('<support-ticket-form> creating a ticket', () => {
  it('is accessible when empty, and asks for type, urgency, title and description', async () => {
    const el = await formWith(glpiConfig());
    await expect(el).to.be.accessible();
    expect(text(el, 'h2')).to.equal('Open a support ticket');
    expect($(el, '#type-incident')).to.exist;
    expect($$(el, 'input[name="urgency"]')).to.have.length(5);
    expect($(el, '#field-title')).to.exist;
    expect($(el, '#field-description')).to.exist;
    expect(text(el, 'fieldset')).to.contain('Something is broken on an existing installation.');
  });

  it('creates a ticket filled with the keyboard alone, and says its number with a link', async () => {
    const el = await formWith(glpiConfig());
    const created = oneEvent(el, 'support-ticket-created');

    $(el, '#type-incident')!.focus();
    await press(el, 'Space');
    await press(el, 'Tab'); // to the urgency radios: the first level
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    expect((focused(el) as HTMLInputElement).id).to.equal('urgency-medium');
    await type(el, '#field-title', 'Mails rejected from machine@example.org to someone@example.net');
    await type(el, '#field-description', 'Since 9:40 this morning every mail to example.net bounces.');
    $(el, 'button[part="submit"]')!.focus();
    await press(el, 'Enter');

    const event = await created;
    expect(event.detail.id).to.match(/^\d+$/);
    expect(event.detail.backend).to.equal('glpi');
    expect(event.detail.url).to.equal(`/fake-glpi/front/ticket.form.php?id=${event.detail.id}`);
    await el.updateComplete;
    expect(text(el, '#success-heading')).to.equal(`Ticket ${event.detail.id} is registered`);
    expect($(el, '#success a')!.getAttribute('href')).to.equal(event.detail.url);
    await waitUntil(() => focused(el)?.id === 'success', 'focus moves to the confirmation');
    await expect(el).to.be.accessible();

    const ticket = fake.state.tickets.at(-1)!;
    expect(ticket.name).to.equal('Mails rejected from machine@example.org to someone@example.net');
    expect(ticket.type).to.equal(1);
    expect(ticket.urgency).to.equal(3);
  });

  it('lists what is missing, moves focus to the summary, and links each entry to its field', async () => {
    const el = await formWith(glpiConfig());
    await submit(el);
    const summary = $(el, '#summary')!;
    expect(summary).to.exist;
    await waitUntil(() => focused(el) === summary, 'focus moves to the summary');
    const entries = $$(el, '#summary li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(entries).to.deep.equal([
      'Incident or request is required',
      'Urgency is required',
      'Title is required',
      'Description is required',
    ]);
    expect($(el, '#field-title')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#field-title')!.getAttribute('aria-describedby')).to.contain('field-title-error');
    await expect(el).to.be.accessible();

    ($$(el, '#summary a')[2] as HTMLAnchorElement).click();
    expect(focused(el)?.id).to.equal('field-title');
    expect(fake.state.tickets).to.have.length(0);

    // Fixing a field removes it from the summary without another send.
    await type(el, '#field-title', 'Printer offline on the 3rd floor');
    expect($$(el, '#summary li')).to.have.length(3);
  });

  it('explains the band of the chosen urgency and shows the channels to use from their level up', async () => {
    const el = await formWith(glpiConfig());
    await choose(el, '#urgency-low');
    expect(text(el, '#urgency-explanation')).to.contain('Can be planned later');
    const guidance = () => $(el, 'contact-guidance')!;
    await (guidance() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const channels = () => [...guidance().shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(channels()).to.have.length(1);
    expect(guidance().shadowRoot!.textContent).to.contain('a ticket is needed');

    await choose(el, '#urgency-medium');
    expect(text(el, '#urgency-explanation')).to.contain('a new mailbox');
    expect(text(el, '#urgency-explanation')).not.to.contain('If everything is urgent');
    await (guidance() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(channels()).to.have.length(2);

    await choose(el, '#urgency-very-high');
    await (guidance() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(text(el, '#urgency-explanation')).to.contain('If everything is urgent, nothing is urgent');
    expect(text(el, '#urgency-explanation')).to.contain('a server down');
    expect(channels()).to.have.length(3);
    expect(guidance().shadowRoot!.querySelector('a[href="tel:+33600000000"]')).to.exist;
  });

  it('advises on a vague or shouting title while it is typed', async () => {
    const el = await formWith(glpiConfig());
    await type(el, '#field-title', 'URGENT!!! PROBLÈME');
    const advice = text(el, '#field-title-advice');
    expect(advice).to.contain('No need for capitals');
    expect(advice).to.contain('Exclamation marks');
    await expect(el).to.be.accessible();
  });

  it('helps describe with the QQOQCCP questions and ticks those answered', async () => {
    const el = await formWith(glpiConfig());
    ($(el, '.prompts summary') as HTMLElement).click();
    ($(el, '.prompts button') as HTMLButtonElement).click();
    await el.updateComplete;
    const textarea = $(el, '#field-description') as HTMLTextAreaElement;
    expect(textarea.value.split('\n')[0]).to.equal('Who: ');
    expect($$(el, '.prompts li.answered')).to.have.length(0);
    textarea.focus();
    textarea.setSelectionRange(5, 5);
    await type(el, '#field-description', '');
    const { sendKeys } = await import('@web/test-runner-commands');
    await sendKeys({ type: 'the accounting team' });
    await el.updateComplete;
    expect($$(el, '.prompts li.answered')).to.have.length(1);
  });

  it('warns before sending what looks like a password, and removes it on request', async () => {
    const el = await formWith(glpiConfig());
    await fillGoodTicket(el);
    await type(el, '#field-description', ' My password: Hunter2!x');
    expect(text(el, '#field-description-secret')).to.contain('looks like a secret');
    await submit(el);
    const panel = $(el, '#secrets')!;
    await waitUntil(() => focused(el) === panel, 'focus moves to the warning');
    expect(panel.textContent).to.contain('a password');
    expect(fake.state.tickets).to.have.length(0);
    await expect(el).to.be.accessible();

    const created = oneEvent(el, 'support-ticket-created');
    (panel.querySelector('button.primary') as HTMLButtonElement).click();
    await created;
    const content = fake.state.tickets[0]!.content;
    expect(content).not.to.contain('Hunter2');
    expect(content).to.contain('********');
  });

  it('keeps everything typed when the helpdesk refuses the ticket, says what happened, and sends on retry', async () => {
    const el = await formWith(glpiConfig());
    await fillGoodTicket(el);
    await type(el, '#field-phone', '+33 6 12 34 56 78');
    fake.state.failNext('html', { endpoint: 'Ticket' });
    const failed = oneEvent(el, 'support-error');
    await submit(el);
    const error = await failed;
    expect(error.detail.kind).to.equal('bad-response');
    await el.updateComplete;
    const panel = $(el, '#failure')!;
    await waitUntil(() => focused(el) === panel, 'focus moves to the failure');
    expect(panel.textContent).to.contain('answered something unexpected');
    expect(panel.textContent).to.contain('Everything you typed is still here.');
    expect(($(el, '#field-title') as HTMLInputElement).value).to.equal('Printer on 3rd floor offline since 9am');
    expect(($(el, '#field-phone') as HTMLInputElement).value).to.equal('+33 6 12 34 56 78');
    expect(($(el, '#urgency-medium') as HTMLInputElement).checked).to.equal(true);
    await expect(el).to.be.accessible();

    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.tickets).to.have.length(1);
    expect(fake.state.tickets[0]!.content).to.contain('Phone number to call you back');
    expect(fake.state.tickets[0]!.content).to.contain('+33 6 12 34 56 78');
  });

  it('keeps the ticket when the network is down, and says it will be sent', async () => {
    const el = await formWith(glpiConfig());
    await fillGoodTicket(el);
    fake.state.failNext('network', { endpoint: 'Ticket' });
    await submit(el);
    await waitUntil(() => $(el, '#queued'), 'the ticket is kept');
    expect(text(el, '#queued')).to.contain('will be sent by itself as soon as the helpdesk answers again');
  });

  it('creates one ticket on a double click', async () => {
    const el = await formWith(glpiConfig());
    await fillGoodTicket(el);
    const button = $(el, 'button[part="submit"]')!;
    button.click();
    button.click();
    await el.updateComplete;
    button.click();
    await waitUntil(() => $(el, '#success'), 'success shown');
    expect(fake.state.tickets).to.have.length(1);
  });

  it('is accessible while sending, and says so', async () => {
    fake = createGlpiFake({ baseUrl: '/fake-glpi/apirest.php', hangMs: 1000 });
    await useHandlers(...fake.handlers);
    const el = await formWith(glpiConfig());
    await fillGoodTicket(el);
    fake.state.failNext('timeout', { endpoint: 'Ticket' });
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    expect(text(el, 'button[part="submit"]')).to.equal('Sending…');
    expect($(el, 'button[part="submit"]')!.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    await created;
  });

  it('offers the categories matching the type and the person’s equipment, and sends them', async () => {
    const el = await formWith(glpiConfig());
    await choose(el, '#type-request');
    await waitUntil(() => ($(el, '#field-category') as HTMLSelectElement).options.length > 1, 'categories loaded');
    const names = [...($(el, '#field-category') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(names).to.include('Comptes utilisateurs > Demande d’accès'.replace('’', "'"));
    expect(names).not.to.include('Matériel > Imprimante');
    expect(names).not.to.include('Sécurité interne');

    await choose(el, '#type-incident');
    await waitUntil(
      () => [...($(el, '#field-category') as HTMLSelectElement).options].some((o) => o.textContent === 'Réseau & Wi-Fi'),
      'incident categories loaded and decoded',
    );
    await select(el, '#field-category', '9');
    await waitUntil(() => ($(el, '#field-equipment') as HTMLSelectElement | null)?.options.length, 'equipment loaded');
    await select(el, '#field-equipment', 'Computer:12');
    await choose(el, '#urgency-high');
    await type(el, '#field-title', 'Wi-Fi drops every 10 minutes in building B');
    await type(el, '#field-description', 'Since Monday, all laptops in building B lose the Wi-Fi.');
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    const ticket = fake.state.tickets[0]!;
    expect(ticket.itilcategories_id).to.equal(9);
    expect(ticket.items).to.deep.equal([{ itemtype: 'Computer', items_id: 12 }]);
  });

  it('refuses files over the size limit before sending, naming the file, and uploads the others', async () => {
    const el = await formWith(glpiConfig({ attachments: { maxFiles: 2, maxFileSize: 1024 } }));
    const input = $(el, '#field-attachments') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'.repeat(2048)], 'huge.log', { type: 'text/plain' }));
    transfer.items.add(new File(['hello'], 'screen.png', { type: 'image/png' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(text(el, '#field-attachments-refused')).to.contain('“huge.log” is refused: it is larger than');
    expect(text(el, '.files')).to.contain('screen.png');
    await expect(el).to.be.accessible();

    await fillGoodTicket(el);
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.documents.map((d) => d.filename)).to.deep.equal(['screen.png']);
  });

  it('asks the provider’s questions for the right type only, and requires the required ones', async () => {
    const el = await formWith(
      glpiConfig({
        questions: [
          { id: 'account', label: { en: 'Account name', fr: 'Nom du compte' }, required: true },
          { id: 'stations', label: { en: 'Workstations affected', fr: 'Postes impactés' }, input: 'number', onlyFor: { type: 'incident' } },
        ],
      }),
    );
    expect($(el, '#q-account')).to.exist;
    expect($(el, '#q-stations')).not.to.exist;
    await choose(el, '#type-incident');
    expect($(el, '#q-stations')).to.exist;
    await choose(el, '#urgency-medium');
    await type(el, '#field-title', 'Phones of the call centre do not ring');
    await type(el, '#field-description', 'Incoming calls go to voicemail directly.');
    await submit(el);
    expect(text(el, '#summary')).to.contain('Account name is required');
    await type(el, '#q-account', 'cebox-acme');
    await type(el, '#q-stations', '12');
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.tickets[0]!.content).to.contain('cebox-acme');
    expect(fake.state.tickets[0]!.content).to.contain('Workstations affected');
  });

  it('writes a date-and-time answer with its time zone, for a technician in another one', async () => {
    const el = await formWith(glpiConfig({ questions: [{ id: 'since', label: 'Since when', input: 'datetime-local' }] }));
    await fillGoodTicket(el);
    const since = $(el, '#q-since') as HTMLInputElement;
    await unfold(el, since);
    since.value = '2026-12-06T14:30';
    since.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    const offset = -new Date('2026-12-06T14:30').getTimezoneOffset();
    const zone = `UTC${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    expect(fake.state.tickets[0]!.content).to.contain(`2026-12-06 14:30 ${zone}`);
  });

  it('sends the call-back phone and the email follow-up choice', async () => {
    const el = await formWith(glpiConfig());
    await fillGoodTicket(el);
    await type(el, '#field-phone', '04 00 00 00 01');
    await type(el, '#field-followUpEmail', 'camille@example.fr');
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.tickets[0]!.requesterNotification).to.deep.equal({ use_notification: [1], alternative_email: ['camille@example.fr'] });
  });

  it('escapes markup typed by the person in the ticket content', async () => {
    const el = await formWith(glpiConfig());
    await fillGoodTicket(el);
    await type(el, '#field-description', ' <img src=x onerror=alert(1)>');
    const created = oneEvent(el, 'support-ticket-created');
    await submit(el);
    await created;
    expect(fake.state.tickets[0]!.content).not.to.contain('<img');
    expect(fake.state.tickets[0]!.content).to.contain('&lt;img');
  });
});

describe('<support-ticket-form> signing in', () => {
  it('asks to sign in when no token is configured, lets the person fill the form meanwhile, then sends', async () => {
    const el = await formWith(glpiConfig({}, false));
    expect($(el, '#login')).to.exist;
    await expect(el).to.be.accessible();
    await fillGoodTicket(el);
    await submit(el);
    await waitUntil(() => focused(el)?.id === 'login', 'focus moves to the login');
    expect(fake.state.tickets).to.have.length(0);

    await type(el, '#login', 'demo');
    await type(el, '#password', 'wrong');
    await press(el, 'Enter');
    await waitUntil(() => $(el, '#sign-in-error'), 'bad password reported');
    // Said as it is: the login or the password is wrong (not "sign in again, then send").
    expect(text(el, '#sign-in-error')).to.equal('Wrong login or password: check them, then sign in again.');
    await expect(el).to.be.accessible();

    (($(el, '#password') as HTMLInputElement).value = '');
    await type(el, '#password', 'demo');
    const created = oneEvent(el, 'support-ticket-created');
    await press(el, 'Enter');
    await created;
    expect(fake.state.tickets).to.have.length(1);
    expect(JSON.stringify({ ...sessionStorage })).not.to.contain('demo"');
  });

  it('lets the person sign out, on a shared computer, forgetting the session', async () => {
    const el = await formWith(glpiConfig({}, false));
    await signIn(el);
    await waitUntil(() => !$(el, '#login'), 'signed in');
    // The sign-in block is gone: focus goes on to the form's first field, not to the page.
    await waitUntil(() => focused(el)?.id === 'type-incident', 'focus goes to the first field');
    // GLPI keeps the session under the person's key and names that key as the tab's last session.
    expect(Object.keys(sessionStorage)).to.have.length(2);
    ($$(el, 'header button')[0] as HTMLButtonElement).click();
    await waitUntil(() => $(el, '#login'), 'signed out');
    expect(Object.keys(sessionStorage)).to.have.length(0);
    expect($$(el, 'header button')).to.have.length(0);
  });

  it('asks to sign in again when the session ends mid-way, keeping the ticket', async () => {
    const el = await formWith(glpiConfig({}, false));
    await signIn(el);
    await waitUntil(() => !$(el, '#login'), 'signed in');
    await fillGoodTicket(el);
    fake.state.expireSessions();
    await submit(el);
    await waitUntil(() => text(el, '#sign-in-intro').includes('session has ended'), 'asked to sign in again');
    expect(($(el, '#field-title') as HTMLInputElement).value).to.equal('Printer on 3rd floor offline since 9am');
    const created = oneEvent(el, 'support-ticket-created');
    await signIn(el);
    await created;
    expect(fake.state.tickets).to.have.length(1);
  });
});

describe('<support-ticket-form> configuration', () => {
  it('names the categories the configuration lists in the page’s language', async () => {
    const categories = [
      { id: 2, name: { fr: 'Imprimante', en: 'Printer' }, types: ['incident' as const] },
      { id: 6, name: 'Messagerie' },
    ];
    for (const [lang, names] of [['en', ['Printer', 'Messagerie']], ['fr', ['Imprimante', 'Messagerie']]] as const) {
      const el = await formWith({ ...glpiConfig(), backend: { ...glpiConfig().backend, categories } } as Parameters<typeof formWith>[0], lang);
      await choose(el, '#type-incident');
      await waitUntil(() => (($(el, '#field-category') as HTMLSelectElement | null)?.options.length ?? 0) > 2, 'categories listed');
      expect($$(el, '#field-category option').slice(1).map((option) => option.textContent!.trim())).to.have.members([...names]);
    }
  });

  it('reads the JSON script named by the config attribute', async () => {
    const wrapper = await fixture(html`<div>
      <script type="application/json" id="helpdesk-json">
        { "backend": { "type": "glpi", "url": "/fake-glpi/apirest.php", "auth": { "userToken": "demo-user-token" } } }
      </script>
      <support-ticket-form config="helpdesk-json" lang="fr"></support-ticket-form>
    </div>`);
    const el = wrapper.querySelector('support-ticket-form') as SupportTicketForm;
    await el.updateComplete;
    expect(text(el, 'h2')).to.equal('Ouvrir un ticket de support');
    expect(text(el, 'legend')).to.contain('Est-ce un incident ou une demande ?');
  });

  it('works with the plain backend and endpoint attributes', async () => {
    const el = await fixture<SupportTicketForm>(
      // An API of its own: a session the previous test's form opened late (under load) would be restored here.
      html`<support-ticket-form backend="glpi" endpoint="/attributes-only/apirest.php" lang="en"></support-ticket-form>`,
    );
    await el.updateComplete;
    expect($(el, '#login')).to.exist; // no token: the person signs in
    expect($(el, '#field-title')).to.exist;
  });

  it('shows a readable error naming the bad key instead of throwing', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const el = await formWith({ backend: { type: 'glpi', url: 'ftp://nope' }, contcts: [] } as never);
      expect(text(el, '[part="config-error"]')).to.contain('backend.url must be an https:// URL or a path on this site starting with / (ftp: is refused)');
      expect(text(el, '[part="config-error"]')).to.contain('contcts unknown key');
      await expect(el).to.be.accessible();
      expect(errors.join('\n')).to.contain('backend.url');
    } finally {
      console.error = original;
    }
  });

  it('refuses a javascript: ticket link with a readable error naming backend.ticketUrl, and no form that could link to it', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const el = await formWith(glpiConfig({ backend: { type: 'glpi', url: '/fake-glpi/apirest.php', ticketUrl: 'javascript:alert(document.domain)//{id}' } }));
      expect(text(el, '[part="config-error"]')).to.contain('backend.ticketUrl must be an https:// URL or a path on this site starting with / (javascript: is refused)');
      expect($(el, '#field-title')).to.equal(null);
      expect(el.shadowRoot!.querySelector('a[href^="javascript:" i]')).to.equal(null);
      await expect(el).to.be.accessible();
      expect(errors.join('\n')).to.contain('backend.ticketUrl');
    } finally {
      console.error = original;
    }
  });

  it('switches language when the page language changes', async () => {
    const el = await fixture<SupportTicketForm>(html`<support-ticket-form .config=${glpiConfig()}></support-ticket-form>`);
    const before = document.documentElement.lang;
    try {
      document.documentElement.lang = 'fr';
      await waitUntil(() => text(el, 'h2') === 'Ouvrir un ticket de support', 'French');
      document.documentElement.lang = 'en';
      await waitUntil(() => text(el, 'h2') === 'Open a support ticket', 'English');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('is accessible in dark mode', async () => {
    const el = await formWith(glpiConfig());
    el.setAttribute('theme', 'dark');
    await submit(el);
    await expect(el).to.be.accessible();
    expect(getComputedStyle($(el, '.base')!).backgroundColor).to.equal('rgb(22, 25, 29)');
  });
});

describe('<support-ticket-form> layout', () => {
  it('keeps the urgency row still when a level is chosen, and a required mark with its word', async () => {
    const el = await formWith(glpiConfig(), 'fr');
    $(el, '#type-incident')!.click();
    await el.updateComplete;
    const pills = () => $$(el, '.level').map((pill) => Math.round(pill.getBoundingClientRect().width));
    const before = pills();
    $(el, '#urgency-very-high')!.click();
    await el.updateComplete;
    expect(pills()).to.deep.equal(before);
    // A no-break space joins the mark to the label's last word: "*" never starts a line alone.
    expect($(el, 'label[for="field-title"]')!.textContent).to.match(/Titre\u00a0\s*\*/);
  });
});
