import { expect, waitUntil } from '@open-wc/testing';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { signOutEverywhere } from '../../src/index.js';
import { senderOptions } from '../../src/services/outbox-sender.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import { createEmailFake, type EmailFake } from '../../src/mocks/index.js';
import { drafts } from '../../src/store/drafts.js';
import { outbox } from '../../src/store/outbox.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';
import { $, $$, focused, formWith, press, submit, text, type } from '../support/form.js';

const TO = 'acme@assistance.example.fr';
const ENDPOINT = '/fake-mail/send';

let fake: EmailFake;
/** The mailto: links the form opened (their navigation cancelled: no mail client in a test). */
let opened: string[];
let stop: (() => void) | undefined;

const mailtoConfig = (): HelpdeskConfigInput => ({
  backend: { type: 'email', to: TO },
  questions: [{ id: 'site', label: { en: 'Site', fr: 'Site' }, required: true }],
});
const endpointConfig = (): HelpdeskConfigInput => ({ backend: { type: 'email', to: TO, endpoint: ENDPOINT } });

/** Catches the form's mailto: clicks before the browser hands them to a mail client. */
function catchMailto(el: SupportTicketForm): void {
  const listener = (event: Event) => {
    const link = event.composedPath()[0] as HTMLAnchorElement;
    if (link.href?.startsWith('mailto:')) {
      event.preventDefault();
      opened.push(link.href);
    }
  };
  el.shadowRoot!.addEventListener('click', listener, { capture: true });
  stop = () => el.shadowRoot!.removeEventListener('click', listener, { capture: true });
}

/** What a mail client reads from the link. */
function readMailto(url: string) {
  const [, to, query] = /^mailto:([^?]*)\?(.*)$/.exec(url)!;
  const params = new Map(query.split('&').map((pair) => pair.split('=').map(decodeURIComponent) as [string, string]));
  return { to: decodeURIComponent(to), subject: params.get('subject')!, body: params.get('body')!.replace(/\r\n/g, '\n') };
}

/** Type, urgency, title and description with the keyboard alone. */
async function fillWithKeyboard(el: SupportTicketForm) {
  const description = 'Depuis 9 h 12, tous les mails vers asso.truc reviennent avec « 550 relay denied ».';
  $(el, '#type-incident')!.focus();
  await press(el, 'Space');
  await press(el, 'Tab');
  await press(el, 'ArrowRight');
  await press(el, 'ArrowRight');
  await press(el, 'ArrowRight');
  await type(el, '#field-title', 'Mails rejetés depuis machine@truc.bidule vers machin@asso.truc');
  await type(el, '#field-description', description);
}

async function sendWithKeyboard(el: SupportTicketForm) {
  $(el, 'button[part="submit"]')!.focus();
  await press(el, 'Enter');
}

beforeEach(async () => {
  fake = createEmailFake({ endpoint: ENDPOINT, to: TO });
  await useHandlers(...fake.handlers);
  await clearStores();
  opened = [];
});

afterEach(async () => {
  stop?.();
  stop = undefined;
  delete senderOptions.backoff;
  await signOutEverywhere();
});

describe('<support-ticket-form> for an email-only provider', () => {
  describe('without an endpoint (mailto:)', () => {
    it('says the form writes an email, offers no files but says where they go, and asks no follow-up address', async () => {
      const el = await formWith(mailtoConfig());
      expect(text(el, 'header')).to.contain(`This form writes an email to ${TO}: your mail client opens with it, ready to send.`);
      expect($(el, 'input[type="file"]')).to.equal(null);
      expect(text(el, '#attachments-mailto')).to.equal('Files cannot be added here: attach your screenshots or logs in your mail client once it opens with the message.');
      expect($(el, '#field-followUp')).to.equal(null);
      expect($(el, '#field-followUpEmail')).to.equal(null);
      expect($(el, '#field-phone'), 'the phone stays: seed 002 calls for urgent requests').to.exist;
      expect(text(el, 'button[part="submit"]')).to.equal('Open the message in my mail client');
      await expect(el).to.be.accessible();
    });

    it('checks the form as any other, then opens the mail client with the message; nothing is queued', async () => {
      const el = await formWith(mailtoConfig());
      catchMailto(el);
      let created = 0;
      el.addEventListener('support-ticket-created', () => created++);

      await fillWithKeyboard(el);
      await sendWithKeyboard(el);
      expect($$(el, '#summary li').map((li) => li.textContent!.trim())).to.deep.equal(['Site is required']);
      expect(opened).to.deep.equal([]);
      await type(el, '#q-site', 'Arras');
      await type(el, '#field-phone', '03 21 00 00 00');
      await sendWithKeyboard(el);

      await waitUntil(() => opened.length === 1, 'the mail client is asked to open');
      await el.updateComplete;
      const mail = readMailto(opened[0]);
      expect(mail.to).to.equal(TO);
      expect(mail.subject).to.equal('Mails rejetés depuis machine@truc.bidule vers machin@asso.truc');
      expect(mail.body).to.equal(
        [
          'Type: Incident\nUrgency: High',
          'Depuis 9 h 12, tous les mails vers asso.truc reviennent avec « 550 relay denied ».',
          'Site: Arras\nPhone number to call you back: 03 21 00 00 00',
        ].join('\n\n'),
      );

      expect(text(el, '#success-heading')).to.equal('Your mail client opened with the message');
      expect(text(el, '#success')).to.contain(`Send it from there: nothing reaches ${TO} until you do.`);
      expect(text(el, '#success')).to.contain('reply to the acknowledgement you receive: a new message would open a new request.');
      expect(text(el, '#success'), 'no ticket number: there is none').to.not.match(/Ticket \S+ is registered/);
      expect(($(el, '#mailto') as HTMLAnchorElement).href).to.equal(opened[0]);
      expect(($(el, '.mail-copy') as HTMLDetailsElement).open).to.equal(false);
      await waitUntil(() => focused(el)?.id === 'success', 'focus moves to the message');
      await expect(el).to.be.accessible();

      // "Open the message again" opens the same message.
      $(el, '#mailto')!.focus();
      await press(el, 'Enter');
      expect(opened).to.deep.equal([opened[0], opened[0]]);
      expect(created, 'nothing was created').to.equal(0);
      expect(await outbox().storage.entries(), 'nothing to send again').to.deep.equal([]);
      await waitUntil(async () => (await drafts().storage.entries()).length === 0, 'the draft is done with');
    });

    it('gives the whole text to copy when the message is too long for a mail link', async () => {
      const el = await formWith({ backend: { type: 'email', to: TO } });
      catchMailto(el);
      const long = Array.from({ length: 40 }, (_, i) => `Ligne ${i + 1} du journal : connexion refusée par le relais.`).join(' ');
      await fillWithKeyboard(el);
      // Pasted rather than typed: a real keyboard takes seconds for 2,400 characters.
      const description = $(el, '#field-description') as HTMLTextAreaElement;
      description.value = long;
      description.dispatchEvent(new Event('input', { bubbles: true }));
      await submit(el);
      await waitUntil(() => opened.length === 1, 'the mail client is asked to open');
      await el.updateComplete;
      expect(opened[0].length).to.be.at.most(2000);
      expect(readMailto(opened[0]).body.endsWith('[…]')).to.equal(true);
      expect(text(el, '#mail-shortened')).to.contain('too long for a mail link');
      expect(($(el, '.mail-copy') as HTMLDetailsElement).open, 'the text to copy is shown at once').to.equal(true);
      expect(($(el, '#mail-text') as HTMLTextAreaElement).value).to.contain('Ligne 40 du journal');
      expect(($(el, '#mail-subject') as HTMLInputElement).value).to.equal('Mails rejetés depuis machine@truc.bidule vers machin@asso.truc');
      $$(el, '.mail-copy button')[0].click();
      await waitUntil(
        () => text(el, '.mail-copy [role="status"]') === 'Copied.' || ($(el, '#mail-text') as HTMLTextAreaElement).selectionEnd > 0,
        'copied, or selected for the person to copy',
      );
      await expect(el).to.be.accessible();
    });

    it('speaks French', async () => {
      const el = await formWith({ backend: { type: 'email', to: TO } }, 'fr');
      catchMailto(el);
      expect(text(el, '#attachments-mailto')).to.contain('joignez vos captures d’écran ou journaux dans votre messagerie');
      await fillWithKeyboard(el);
      await submit(el);
      await waitUntil(() => opened.length === 1, 'the mail client is asked to open');
      await el.updateComplete;
      expect(readMailto(opened[0]).body.split('\n\n')[0]).to.equal('Type : Incident\nUrgence : Haute');
      expect(text(el, '#success-heading')).to.equal('Votre messagerie s’est ouverte avec le message');
      expect(text(el, '#success')).to.contain('répondez au mail d’accusé de réception que vous allez recevoir');
    });
  });

  describe('with a form-post endpoint', () => {
    it('asks where to answer, sends the message with its files, says it was sent and how to add information', async () => {
      const el = await formWith(endpointConfig());
      expect($(el, '#field-followUp'), 'no "keep me informed" box: the answer always comes by email').to.equal(null);
      await fillWithKeyboard(el);
      await sendWithKeyboard(el);
      expect($$(el, '#summary li').map((li) => li.textContent!.trim())).to.deep.equal(['Your email address is required']);
      await type(el, '#field-followUpEmail', 'camille@asso.truc');
      const input = $(el, 'input[type="file"]') as HTMLInputElement;
      const transfer = new DataTransfer();
      transfer.items.add(new File(['550 5.7.1'], 'smtp.log', { type: 'text/plain' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;

      const created = new Promise<CustomEvent>((resolve) => el.addEventListener('support-ticket-created', (event) => resolve(event as CustomEvent), { once: true }));
      await sendWithKeyboard(el);
      const { detail } = await created;
      expect(detail).to.deep.equal({ id: 'msg-1', url: undefined, backend: 'email' });
      await el.updateComplete;
      expect(text(el, '#success-heading')).to.equal(`Your message was sent to ${TO}`);
      expect(text(el, '#success')).to.contain('The support team answers by email.');
      expect(text(el, '#success')).to.contain('reply to the acknowledgement');
      expect(text(el, '#success')).to.not.contain('msg-1');
      await waitUntil(() => focused(el)?.id === 'success', 'focus moves to the message');
      await expect(el).to.be.accessible();

      const [sent] = fake.state.sent;
      expect(sent).to.deep.include({ to: TO, subject: 'Mails rejetés depuis machine@truc.bidule vers machin@asso.truc', replyTo: 'camille@asso.truc', urgency: 'high' });
      expect(sent.body).to.contain('Email address for follow-up: camille@asso.truc');
      expect(sent.attachments.map((file) => file.name)).to.deep.equal(['smtp.log']);
      expect(sent.submissionId, 'the endpoint can drop a second copy').to.match(/^[0-9a-f-]{36}$/);
    });

    it('keeps the message when the endpoint cannot be reached, and sends it once later', async () => {
      senderOptions.backoff = { base: 300, random: () => 0.9999 };
      const el = await formWith(endpointConfig());
      await fillWithKeyboard(el);
      await type(el, '#field-followUpEmail', 'camille@asso.truc');
      fake.state.failNext('503');
      await submit(el);
      await waitUntil(() => $(el, '#queued'), 'kept for later');
      expect(text(el, '#queued-heading')).to.equal('Your ticket is saved and will be sent');
      await waitUntil(() => $(el, '#success-heading'), 'sent by itself', { timeout: 5000 });
      expect(text(el, '#success-heading')).to.equal(`Your message was sent to ${TO}`);
      expect(fake.state.sent).to.have.length(1);
    });
  });
});
