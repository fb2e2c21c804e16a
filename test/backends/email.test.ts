import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createBackend, type HelpdeskBackend } from '../../src/backends/index.js';
import { EmailBackend } from '../../src/backends/email/email-backend.js';
import { buildEmailMessage, MAILTO_MAX_LENGTH, mailtoUrl, SHORTENED_MARK } from '../../src/backends/email/message.js';
import { parseConfig, type EmailBackendConfig } from '../../src/config/index.js';
import type { NewTicket } from '../../src/core/ticket.js';
import { createEmailFake, type EmailFake, type EmailFakeOptions } from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { rejection } from '../support/errors.js';

const TO = 'acme@assistance.example.fr';
const ENDPOINT = 'https://www.example.fr/support-mail';

let fake: EmailFake;

async function start(options: EmailFakeOptions = {}): Promise<void> {
  fake = createEmailFake({ endpoint: ENDPOINT, to: TO, ...options });
  await useHandlers(...fake.handlers);
}

const email = (fields: Partial<EmailBackendConfig> = {}) => new EmailBackend({ type: 'email', to: TO, timeout: 5000, ...fields });
const viaEndpoint = () => email({ endpoint: ENDPOINT });

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    type: 'incident',
    urgency: 'very-high',
    title: 'Mails rejetés depuis machine@truc.bidule vers machin@asso.truc',
    description: 'Depuis 9 h 12 ce matin, tous les mails vers asso.truc reviennent.\nMessage : 550 5.7.1 relay denied.',
    answers: [{ id: 'site', label: 'Site concerné', value: 'Arras' }],
    callbackPhone: '03 21 00 00 00',
    followUp: { byEmail: true, email: 'camille@asso.truc' },
    labels: { callbackPhone: 'Téléphone pour vous rappeler', type: 'Type : Incident', urgency: 'Urgence : Très haute', followUpEmail: 'Adresse pour le suivi' },
    attachments: [],
    ...overrides,
  };
}

/** What a mail client reads from a mailto: link (RFC 6068). */
function readMailto(url: string): { to: string; subject: string; body: string } {
  const [, to, query] = /^mailto:([^?]*)\?(.*)$/.exec(url)!;
  const params = Object.fromEntries(query.split('&').map((pair) => pair.split('=').map(decodeURIComponent)));
  return { to: decodeURIComponent(to), subject: params.subject, body: params.body };
}

describe('EmailBackend', () => {
  beforeEach(() => start());

  describe('configuration and capabilities', () => {
    it('wants a support address, and an http(s) endpoint when there is one', () => {
      expect(parseConfig({ backend: { type: 'email', to: TO } }).ok).to.equal(true);
      const wrong = parseConfig({ backend: { type: 'email', to: 'support at example', endpoint: 'mailto:x@y.z' } });
      expect((wrong as { problems: { key: string }[] }).problems.map((problem) => problem.key)).to.deep.equal(['backend.to', 'backend.endpoint']);
    });

    it('can do nothing but send, and take files only through an endpoint', () => {
      const none = { categories: false, equipment: false, attachments: false, passwordSignIn: false, tickets: false, organisationTickets: false, reply: false, approval: false, closeReopen: false, cc: false, articles: false };
      expect(createBackend({ type: 'email', to: TO, timeout: 5000 }).capabilities).to.deep.equal(none);
      expect(createBackend({ type: 'email', to: TO, endpoint: ENDPOINT, timeout: 5000 }).capabilities).to.deep.equal({ ...none, attachments: true });
      // Help pages listed in the configuration, or in a JSON file it names.
      expect(createBackend({ type: 'email', to: TO, articles: '/aide/articles.json', timeout: 5000 }).capabilities).to.deep.equal({ ...none, articles: true });
      expect(email().hasCredentials()).to.equal(true);
    });

    it('says there is nothing to list or follow, rather than pretending', async () => {
      const backend: HelpdeskBackend = email();
      for (const call of [backend.listTickets({ scope: 'mine', start: 0, limit: 1 }), backend.getTicket('1'), backend.reply('1', { text: 'x', attachments: [] })]) {
        expect((await rejection(call)).kind).to.equal('setup');
      }
      expect(await backend.listCategories('incident')).to.deep.equal([]);
    });
  });

  describe('the message', () => {
    it('has the title as subject, then type and urgency, the structured description, and where to reply', () => {
      const message = buildEmailMessage(newTicket(), TO);
      expect(message.to).to.equal(TO);
      expect(message.subject).to.equal('Mails rejetés depuis machine@truc.bidule vers machin@asso.truc');
      expect(message.body).to.equal(
        [
          'Type : Incident\nUrgence : Très haute',
          'Depuis 9 h 12 ce matin, tous les mails vers asso.truc reviennent.\nMessage : 550 5.7.1 relay denied.',
          'Site concerné: Arras\nTéléphone pour vous rappeler: 03 21 00 00 00',
          'Adresse pour le suivi: camille@asso.truc',
        ].join('\n\n'),
      );
    });

    it('writes English lines when the form gave no words, and no reply line without an address', () => {
      const { body } = buildEmailMessage(newTicket({ labels: undefined, followUp: { byEmail: false }, urgency: 'very-low', type: 'request' }), TO);
      expect(body.split('\n\n')[0]).to.equal('Type: Request\nUrgency: Very low');
      expect(body).to.not.contain('camille@');
    });

    it('keeps the subject on one line, whatever was pasted into the title', () => {
      expect(buildEmailMessage(newTicket({ title: 'Help\r\nBcc: everyone@example.org' }), TO).subject).to.equal('Help Bcc: everyone@example.org');
    });
  });

  describe('without an endpoint: a mailto: link', () => {
    it('that a mail client reads back exactly: address, subject, body with CRLF line breaks', async () => {
      const created = await email().createTicket(newTicket({ title: 'Accents & symboles : 100 % ? #1 +=' }), { submissionId: 'sub-1' });
      const mail = created.mail!;
      expect(created.id).to.equal('sub-1');
      expect(mail.shortened).to.equal(false);
      expect(mail.url.startsWith(`mailto:${TO}?subject=`), 'the @ stays as it is').to.equal(true);
      expect(mail.url).to.not.match(/[\s&]body=.*[\s]|\+/, 'no raw space, no "+" that some clients read as a space');
      const read = readMailto(mail.url);
      expect(read.to).to.equal(TO);
      expect(read.subject).to.equal('Accents & symboles : 100 % ? #1 +=');
      expect(read.body).to.equal(mail.body.replace(/\n/g, '\r\n'));
      expect(new URL(mail.url).protocol).to.equal('mailto:');
    });

    it('encodes what is unsafe in the address itself', () => {
      const { url } = mailtoUrl({ to: 'support+acme?x@example.fr', subject: 's', body: 'b' });
      expect(url.startsWith('mailto:support+acme%3Fx@example.fr?subject=')).to.equal(true);
    });

    it(`stays within ${MAILTO_MAX_LENGTH} characters: a long body is cut at a line, marked, and said shortened`, async () => {
      const description = Array.from({ length: 60 }, (_, i) => `Ligne ${i + 1} : le serveur répond « 550 relay denied » à l’envoi 😕.`).join('\n');
      const { mail } = await email().createTicket(newTicket({ description }));
      expect(mail!.shortened).to.equal(true);
      expect(mail!.url.length).to.be.at.most(MAILTO_MAX_LENGTH);
      expect(mail!.url.length, 'not much room left unused').to.be.above(MAILTO_MAX_LENGTH - 200);
      const read = readMailto(mail!.url).body.replace(/\r\n/g, '\n');
      expect(read.endsWith(SHORTENED_MARK)).to.equal(true);
      const kept = read.slice(0, -SHORTENED_MARK.length);
      expect(mail!.body.startsWith(kept), 'the start of the same message').to.equal(true);
      expect(kept).to.match(/\.$/, 'cut at the end of a line');
      expect(mail!.body, 'the whole message stays available to copy').to.contain('Ligne 60');
    });

    it('never splits an emoji or a multi-byte character when cutting', () => {
      const body = '😕'.repeat(400);
      const { url, shortened } = mailtoUrl({ to: TO, subject: 's', body });
      expect(shortened).to.equal(true);
      expect(() => decodeURIComponent(url.split('body=')[1])).to.not.throw();
    });

    it('cannot carry files: each is listed to be attached in the mail client', async () => {
      const created = await email().createTicket(newTicket({ attachments: [new File(['x'], 'capture.png')] }));
      expect(created.failedAttachments).to.deep.equal([{ name: 'capture.png', reason: 'attach it in your mail client' }]);
      expect(fake.state.requests, 'nothing went over the network').to.deep.equal([]);
    });
  });

  describe('with a form-post endpoint', () => {
    it('posts the message as multipart fields with its files, the submission id as Idempotency-Key and field', async () => {
      let form: FormData | undefined;
      let key: string | null = null;
      await useHandlers(
        http.post(ENDPOINT, async ({ request }) => {
          key = request.headers.get('Idempotency-Key');
          form = await request.clone().formData();
        }),
        ...fake.handlers,
      );
      const created = await viaEndpoint().createTicket(newTicket({ attachments: [new File(['log'], 'smtp.log', { type: 'text/plain' })] }), { submissionId: 'sub-7' });
      expect(created).to.deep.equal({ id: 'msg-1', failedAttachments: [] });
      expect(key).to.equal('sub-7');
      // Multipart encoding sends line breaks as CRLF, as mail does.
      const fields = Object.fromEntries([...form!.entries()].filter(([, value]) => typeof value === 'string').map(([name, value]) => [name, (value as string).replace(/\r\n/g, '\n')]));
      const message = buildEmailMessage(newTicket(), TO);
      expect(fields).to.deep.equal({
        to: TO,
        subject: message.subject,
        body: message.body,
        replyTo: 'camille@asso.truc',
        submissionId: 'sub-7',
        type: 'incident',
        urgency: 'very-high',
        callbackPhone: '03 21 00 00 00',
      });
      expect(form!.getAll('attachments').map((file) => (file as File).name)).to.deep.equal(['smtp.log']);
      expect(fake.state.sent[0].attachments.map((file) => file.name)).to.deep.equal(['smtp.log']);
    });

    it('sends once per submission id: after a lost answer the endpoint drops the second copy', async () => {
      fake.state.failNext('lost-answer');
      expect((await rejection(viaEndpoint().createTicket(newTicket(), { submissionId: 'sub-8' }))).transient).to.equal(true);
      const again = await viaEndpoint().createTicket(newTicket(), { submissionId: 'sub-8', mayExist: true });
      expect(fake.state.sent.map((message) => message.id)).to.deep.equal([again.id]);
    });

    it('takes any 2xx as sent: JSON with an id, a plain "OK", or no content', async () => {
      await start({ answer: 'text' });
      expect((await viaEndpoint().createTicket(newTicket(), { submissionId: 'text-1' })).id).to.equal('text-1');
      await start({ answer: 'empty' });
      expect((await viaEndpoint().createTicket(newTicket(), { submissionId: 'empty-1' })).id).to.equal('empty-1');
      expect(fake.state.sent).to.have.length(1);
    });

    it('takes a 200 HTML page for what it is: the URL does not reach the endpoint (a login page)', async () => {
      fake.state.failNext('html');
      const error = await rejection(viaEndpoint().createTicket(newTicket()));
      expect(error.kind).to.equal('bad-response');
      expect(error.detail).to.contain('the email endpoint');
    });

    it('reads what the endpoint said when it refused', async () => {
      await start({ to: 'other@example.fr' });
      const refused = await rejection(viaEndpoint().createTicket(newTicket()));
      expect(refused).to.deep.include({ kind: 'validation', status: 400, detail: 'this endpoint only writes to its own support address', fields: ['to'] });
      await start({ maxSize: 10 });
      const tooBig = await rejection(viaEndpoint().createTicket(newTicket({ attachments: [new File(['x'.repeat(20)], 'big.txt')] })));
      expect(tooBig).to.deep.include({ kind: 'validation', status: 413, fields: ['attachments'] });
      fake.state.failNext('500');
      expect(await rejection(viaEndpoint().createTicket(newTicket()))).to.deep.include({ kind: 'server', detail: 'Mail server unreachable' });
      await useHandlers(http.post(ENDPOINT, () => new HttpResponse('Forbidden', { status: 403 })));
      expect((await rejection(viaEndpoint().createTicket(newTicket()))).kind).to.equal('forbidden');
    });

    it('waits as long as the endpoint says after a 429, and says server for a proxy page', async () => {
      fake.state.failNext('429');
      expect(await rejection(viaEndpoint().createTicket(newTicket()))).to.deep.include({ kind: 'rate-limited', retryAfter: 60 });
      fake.state.failNext('502');
      expect((await rejection(viaEndpoint().createTicket(newTicket()))).kind).to.equal('server');
    });
  });

  describe('articles: the provider’s help pages', () => {
    const pages = [
      { title: 'Réinitialiser son mot de passe', body: 'Choisissez « Mot de passe oublié ».\nPuis suivez le SMS.' },
      { title: 'VPN : coupures', body: '<p>Mettez le <b>client</b> à jour.</p>', url: 'https://aide.example.fr/vpn' },
      { title: 'Imprimante', body: 'Le mot de passe du copieur est au dos.' },
    ];

    it('finds the pages holding the words, the most first, accents ignored; reads one with its body as text or HTML', async () => {
      const source = await email({ articles: pages }).articles();
      const hits = await source.search(['reinitialiser', 'passe'], { limit: 3 });
      expect(hits.map((hit) => hit.title)).to.deep.equal(['Réinitialiser son mot de passe', 'Imprimante']);
      expect(hits[0]).to.not.have.property('body');
      expect((await source.search(['client'], { limit: 3 }))[0]).to.deep.equal({ id: '2', title: 'VPN : coupures', excerpt: 'Mettez le client à jour.', url: 'https://aide.example.fr/vpn' });
      expect((await source.read('1')).body).to.deep.equal({ format: 'text', value: pages[0].body });
      expect((await source.read('2')).body).to.deep.equal({ format: 'html', value: pages[1].body });
      expect((await rejection(source.read('9'))).kind).to.equal('not-found');
    });

    it('reads a JSON file once per page, and says what is wrong with one that is not a list of pages', async () => {
      let reads = 0;
      await useHandlers(
        http.get('/aide/articles.json', () => ((reads += 1), HttpResponse.json(pages))),
        http.get('/aide/wrong.json', () => HttpResponse.json([{ title: 'No body' }])),
      );
      const source = await email({ articles: '/aide/articles.json' }).articles();
      await source.search(['vpn'], { limit: 3 });
      expect((await source.search(['imprimante'], { limit: 3 })).map((hit) => hit.title)).to.deep.equal(['Imprimante']);
      expect(reads).to.equal(1);
      const wrong = await rejection((await email({ articles: '/aide/wrong.json' }).articles()).search(['vpn'], { limit: 3 }));
      expect([wrong.kind, wrong.detail]).to.deep.equal(['bad-response', 'the articles file is not a list of { title, body, url? } (at [0].body: Invalid input)']);
    });
  });
});
