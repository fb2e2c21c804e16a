import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createBackend, descriptorOf, type HelpdeskBackend } from '../../src/backends/index.js';
import { FreshdeskBackend, submissionTag } from '../../src/backends/freshdesk/freshdesk-backend.js';
import { parseConfig, type FreshdeskBackendConfig } from '../../src/config/index.js';
import type { NewTicket } from '../../src/core/ticket.js';
import {
  createFreshdeskFake,
  FRESHDESK_CLOSED,
  FRESHDESK_COLLEAGUE,
  FRESHDESK_DRAFT,
  FRESHDESK_PENDING,
  FRESHDESK_REQUESTER,
  FRESHDESK_RESOLVED,
  type FreshdeskFake,
  type FreshdeskFakeOptions,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { rejection } from '../support/errors.js';

const RELAY = '/support/freshdesk';

let fake: FreshdeskFake;

async function start(options: FreshdeskFakeOptions = {}, ...extra: Parameters<typeof useHandlers>): Promise<void> {
  fake = createFreshdeskFake({ baseUrl: RELAY, ...options });
  await useHandlers(...extra, ...fake.handlers);
}

function config(overrides: Record<string, unknown> = {}): FreshdeskBackendConfig {
  const parsed = parseConfig({ backend: { type: 'freshdesk', url: RELAY, timeout: 5000, ...overrides } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config.backend as FreshdeskBackendConfig;
}

const freshdesk = (overrides: Record<string, unknown> = {}) => new FreshdeskBackend(config(overrides));

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    type: 'incident',
    urgency: 'high',
    title: 'Station 4 : horloge décalée',
    description: 'Deux minutes d’avance depuis lundi.',
    answers: [],
    attachments: [],
    ...overrides,
  };
}

const calls = (method: string, path: string | RegExp) =>
  fake.state.requests.filter((request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)));

/** The JSON body Freshdesk got, read again from the fake's records of what it stored. */
const lastTicket = () => fake.state.tickets.at(-1)!;

const file = (name: string, content: string | number) => new File([typeof content === 'number' ? new Uint8Array(content) : content], name, { type: 'text/plain' });

describe('FreshdeskBackend', () => {
  beforeEach(() => start());

  describe('configuration and capabilities', () => {
    it('is loaded by createBackend, needs no sign-in, and says what a requester can do', async () => {
      const backend = createBackend(config());
      expect(backend.type).to.equal('freshdesk');
      expect(backend.hasCredentials()).to.equal(true);
      expect(descriptorOf(config()).signedIn(config())).to.equal(true);
      expect(backend.capabilities).to.deep.equal({
        categories: false,
        equipment: false,
        attachments: true,
        passwordSignIn: false,
        tickets: true,
        organisationTickets: false,
        reply: true,
        approval: false,
        closeReopen: true,
        cc: false,
        articles: true,
      });
      const created = await backend.createTicket(newTicket());
      expect(created.id).to.equal(String(lastTicket().id));
    });

    it('copies people on a new ticket only where the relay allows it, as the configuration says (backend.cc)', async () => {
      const cc = ['anne.martin@example.fr', 'bob.durand@example.fr'];
      // The example relay refuses cc_emails by default: the widget sends none and offers none.
      const plain = createBackend(config());
      expect(plain.capabilities.cc).to.equal(false);
      await plain.createTicket(newTicket({ cc }));
      expect(lastTicket().cc_emails).to.deep.equal([]);
      const allowed = createBackend(config({ cc: true }));
      expect(allowed.capabilities.cc).to.equal(true);
      // A relay that still refuses them says which field, as Freshdesk does.
      const refused = await rejection(allowed.createTicket(newTicket({ cc })));
      expect(refused.fields).to.deep.equal(['cc_emails']);
      await start({ allowCc: 2 });
      await allowed.createTicket(newTicket({ cc }));
      expect(lastTicket().cc_emails).to.deep.equal(cc);
      await allowed.createTicket(newTicket({ cc, attachments: [new File(['log'], 'vpn.log', { type: 'text/plain' })] }));
      expect(lastTicket().cc_emails, 'with files too (multipart)').to.deep.equal(cc);
    });

    it('refuses Freshdesk itself as the URL: the agent key would have to be in the page', () => {
      const refused = parseConfig({ backend: { type: 'freshdesk', url: 'https://acme.freshdesk.com/api/v2' } });
      expect(!refused.ok && refused.problems[0]).to.deep.include({ key: 'backend.url' });
      expect(parseConfig({ backend: { type: 'freshdesk', url: 'https://extranet.acme.fr/freshdesk' } }).ok).to.equal(true);
    });

    it('defaults to same-origin cookies, Incident / Question, no custom field nor status', () => {
      const { cookies, types, customFields, statuses } = config();
      expect({ cookies, types, customFields, statuses }).to.deep.equal({
        cookies: 'same-origin',
        types: { incident: 'Incident', request: 'Question' },
        customFields: {},
        statuses: {},
      });
      const bad = parseConfig({ backend: { type: 'freshdesk', url: RELAY, customFields: { site: 'site' }, statuses: { '4': { group: 'open', label: 'x' } } } });
      expect(!bad.ok && bad.problems.map((problem) => problem.key)).to.have.members(['backend.customFields.site', 'backend.statuses.4']);
    });

    it('sends the host’s cookie as configured, and the configured headers', async () => {
      await freshdesk().listTickets({ scope: 'mine', start: 0, limit: 10 });
      await freshdesk({ cookies: 'include', headers: { 'X-CSRF-Token': 'abc' } }).listTickets({ scope: 'mine', start: 0, limit: 10 });
      const [first, second] = fake.state.requests;
      expect(first.credentials).to.equal('same-origin');
      expect(second.credentials).to.equal('include');
      expect(second.headers['x-csrf-token']).to.equal('abc');
      expect(first.headers.authorization, 'never a key from the browser').to.equal(undefined);
    });

    it('has no categories nor equipment, and nothing to sign in or out of', async () => {
      const backend: HelpdeskBackend = freshdesk();
      expect(await backend.listCategories('incident')).to.deep.equal([]);
      expect(await backend.listEquipment()).to.deep.equal([]);
      await backend.signIn();
      await backend.signOut();
      expect(backend.hasCredentials()).to.equal(true);
      expect(fake.state.requests).to.have.length(0);
    });
  });

  describe('creating a ticket', () => {
    it('sends subject, HTML description with the answers, open status, priority, type and the submission tag; the relay adds the requester', async () => {
      const created = await freshdesk({ ticketUrl: 'https://support.example.com/support/tickets/{id}' }).createTicket(
        newTicket({ answers: [{ id: 'station', label: 'Station', value: 'ST-4' }], callbackPhone: '+33 4 00 00 00 00' }),
        { submissionId: '3f1c2a54-8b0e-4c1d-9a7e-2b5d6e7f8a90' },
      );
      const ticket = lastTicket();
      expect(created).to.deep.equal({ id: String(ticket.id), url: `https://support.example.com/support/tickets/${ticket.id}`, failedAttachments: [] });
      expect(ticket).to.deep.include({ subject: 'Station 4 : horloge décalée', status: 2, priority: 3, type: 'Incident', requester_id: FRESHDESK_REQUESTER.id });
      expect(ticket.description).to.equal(
        '<div><p>Deux minutes d’avance depuis lundi.</p><p><strong>Station:</strong> ST-4</p><p><strong>Phone to call back:</strong> +33 4 00 00 00 00</p></div>',
      );
      expect(ticket.tags).to.deep.equal([submissionTag('3f1c2a54-8b0e-4c1d-9a7e-2b5d6e7f8a90')]);
      expect(calls('POST', 'tickets')[0].headers['content-type']).to.equal('application/json');
    });

    it('maps the five urgencies onto the four priorities, and the types as configured', async () => {
      const backend = freshdesk({ types: { incident: 'Problem', request: 'Feature Request' } });
      const priorities: number[] = [];
      for (const urgency of ['very-low', 'low', 'medium', 'high', 'very-high'] as const) {
        await backend.createTicket(newTicket({ urgency, type: urgency === 'medium' ? 'request' : 'incident' }));
        priorities.push(lastTicket().priority);
      }
      expect(priorities).to.deep.equal([1, 1, 2, 3, 4]);
      expect(fake.state.tickets.map((ticket) => ticket.type)).to.deep.equal(['Problem', 'Problem', 'Feature Request', 'Problem', 'Problem']);
    });

    it('fills the custom fields of configured questions, keeping the answers in the description too', async () => {
      await freshdesk({ customFields: { site: 'cf_site', ref: 'cf_client_ref' } }).createTicket(
        newTicket({
          answers: [
            { id: 'site', label: 'Site', value: ' Lyon 3e ' },
            { id: 'ref', label: 'Votre référence', value: '' },
            { id: 'other', label: 'Autre', value: 'rien' },
            { id: 'constructor', label: 'Not a field', value: 'Object.prototype has one' },
          ],
        }),
      );
      expect(lastTicket().custom_fields).to.deep.equal({ cf_site: 'Lyon 3e', cf_station: null, cf_client_ref: null });
      expect(lastTicket().description).to.contain('<strong>Site:</strong> Lyon 3e').and.contain('<strong>Autre:</strong> rien');
    });

    it('sends files in the same request, as multipart attachments[]', async () => {
      await freshdesk({ customFields: { site: 'cf_site' } }).createTicket(
        newTicket({ answers: [{ id: 'site', label: 'Site', value: 'Lyon' }], attachments: [file('a.txt', 'abc'), file('b.txt', 'de')] }),
        { submissionId: 'sub-1' },
      );
      expect(calls('POST', 'tickets')[0].headers['content-type']).to.match(/^multipart\/form-data; boundary=/);
      const ticket = lastTicket();
      expect(ticket.attachments.map((one) => `${one.name}:${one.size}`)).to.deep.equal(['a.txt:3', 'b.txt:2']);
      expect([ticket.priority, ticket.status, ticket.tags, ticket.custom_fields.cf_site]).to.deep.equal([3, 2, ['sw-sub-1'], 'Lyon']);
    });

    it('refuses more than 20 MB of files before sending anything (seed 003)', async () => {
      const error = await rejection(freshdesk().createTicket(newTicket({ attachments: [file('a.mp4', 12 * 1024 * 1024), file('b.mp4', 9 * 1024 * 1024)] })));
      expect(error.kind).to.equal('validation');
      expect(error.fields).to.deep.equal(['attachments']);
      expect(error.detail).to.contain('21.0 MB');
      expect(fake.state.requests).to.have.length(0);
    });

    it('names the person’s field when Freshdesk refuses it, and calls the rest a setup problem', async () => {
      fake.state.settings.customFields = ['cf_site'];
      const mine = await rejection(
        freshdesk({ customFields: { site: 'cf_site' } }).createTicket(newTicket({ title: ' ', answers: [{ id: 'site', label: 'Site', value: 'Lyon' }] })),
      );
      expect([mine.kind, mine.status, mine.code]).to.deep.equal(['validation', 400, 'invalid_value']);
      expect(mine.fields).to.deep.equal(['title']);
      const setup = await rejection(freshdesk({ types: { incident: 'Bug', request: 'Question' }, customFields: { x: 'cf_gone' } }).createTicket(newTicket({ answers: [{ id: 'x', label: 'X', value: '1' }] })));
      expect(setup.kind).to.equal('setup');
      expect(setup.fields).to.deep.equal(['type', 'x']);
      expect(setup.detail).to.contain("type: It should be one of these values: 'Question,Incident,Problem,Feature Request,Refund'");
    });

    it('never sends a refused or failed creation again by itself', async () => {
      fake.state.failNext('500');
      expect((await rejection(freshdesk().createTicket(newTicket()))).kind).to.equal('server');
      fake.state.failNext('429', { retryAfter: '42' });
      const limited = await rejection(freshdesk().createTicket(newTicket()));
      expect([limited.kind, limited.retryAfter]).to.deep.equal(['rate-limited', 42]);
      expect(calls('POST', 'tickets')).to.have.length(2);
      expect(fake.state.tickets).to.have.length(0);
    });

    it('after a timeout, asks to wait twice the timeout: Freshdesk may still be making the ticket', async () => {
      await start({ hangMs: 3000 });
      fake.state.failNext('timeout', { method: 'POST' });
      const error = await rejection(freshdesk({ timeout: 1000 }).createTicket(newTicket()));
      expect([error.kind, error.retryAfter]).to.deep.equal(['timeout', 2]);
    });
  });

  describe('exactly once', () => {
    it('writes a short, case-free tag that Freshdesk accepts (≤ 32 characters)', () => {
      const tag = submissionTag('3f1c2a54-8b0e-4c1d-9a7e-2b5d6e7f8a90');
      expect(tag).to.match(/^sw-[0-9a-z]{1,25}$/);
      expect(submissionTag('3F1C2A54-8B0E-4C1D-9A7E-2B5D6E7F8A90')).to.equal(tag);
      expect(submissionTag('ffffffff-ffff-4fff-bfff-ffffffffffff').length).to.be.at.most(32);
      expect(submissionTag('Form-42')).to.equal('sw-form-42');
      const long = submissionTag('a submission id with spaces and more than thirty characters');
      expect(long).to.match(/^sw-h[0-9a-z]+$/).and.have.length.at.most(32);
      expect(long).to.not.equal(submissionTag('a submission id with spaces and more than thirty characterz'));
    });

    it('returns the ticket an earlier attempt created, found by its tag in the person’s latest tickets', async () => {
      const submissionId = crypto.randomUUID();
      fake.state.generateTickets(40, 'Autre');
      const first = await freshdesk().createTicket(newTicket({ attachments: [file('a.txt', 'abc')] }), { submissionId });
      fake.state.generateTickets(5, 'Encore');
      const again = await freshdesk().createTicket(newTicket({ attachments: [file('a.txt', 'abc')] }), { submissionId, mayExist: true });
      expect(again.id).to.equal(first.id);
      expect(fake.state.ticketsTitled('Station 4 : horloge décalée')).to.have.length(1);
      const [lookup] = calls('GET', 'tickets');
      expect(new URL(lookup.url).search).to.equal('?updated_since=2000-01-01T00:00:00Z&order_by=created_at&order_type=desc&per_page=100&page=1');
    });

    it('creates the ticket when the lookup finds none, and does not look without mayExist', async () => {
      await freshdesk().createTicket(newTicket(), { submissionId: 'first' });
      await freshdesk().createTicket(newTicket(), { submissionId: 'second', mayExist: true });
      expect(fake.state.tickets.map((ticket) => ticket.tags)).to.deep.equal([['sw-first'], ['sw-second']]);
      expect(calls('GET', 'tickets')).to.have.length(1);
    });

    it('reads the tags of same-titled tickets one by one if a list leaves tags out', async () => {
      // The list as a Freshdesk without tags in its rows would give it: the fake's, tags removed.
      const untagged = http.get(`${RELAY}/api/v2/tickets`, async ({ request }) => {
        const rows = (await (await fetch(request.url.replace(RELAY, `${RELAY}/inner`))).json()) as Record<string, unknown>[];
        rows.forEach((row) => delete row.tags);
        return HttpResponse.json(rows);
      });
      await start();
      await useHandlers(untagged, ...createFreshdeskFake({ baseUrl: `${RELAY}/inner`, state: fake.state }).handlers, ...fake.handlers);
      const mine = fake.state.addTicket({ subject: 'Station 4 : horloge décalée', tags: ['sw-mine'], created: new Date(Date.now() - 60_000) });
      fake.state.addTicket({ subject: 'Station 4 : horloge décalée', tags: ['sw-other'] });
      fake.state.addTicket({ subject: 'Autre', tags: ['sw-mine'] });
      const found = await freshdesk().createTicket(newTicket(), { submissionId: 'mine', mayExist: true });
      expect(found.id).to.equal(String(mine.id));
      expect(fake.state.tickets).to.have.length(3);
      expect(calls('GET', /^tickets\/\d+$/), 'the two same-titled ones, newest first').to.have.length(2);
    });

    it('after a lost answer, the next attempt finds the ticket instead of making a second', async () => {
      fake.state.failNext('lost-answer', { method: 'POST', path: 'tickets' });
      const lost = await rejection(freshdesk().createTicket(newTicket(), { submissionId: 'lost-1' }));
      expect(lost.kind).to.equal('network');
      const found = await freshdesk().createTicket(newTicket(), { submissionId: 'lost-1', mayExist: true });
      expect(found.id).to.equal(String(lastTicket().id));
      expect(fake.state.tickets).to.have.length(1);
    });
  });

  describe('the list', () => {
    it('asks for the person’s tickets of all time, last updated first, and reads them', async () => {
      fake.state.addTicket({ subject: 'Vieux', status: FRESHDESK_CLOSED, priority: 1, type: 'Question', created: new Date(Date.now() - 90 * 86_400_000) });
      fake.state.addTicket({ subject: 'En attente <b>&"\'', status: FRESHDESK_PENDING, priority: 4, type: 'incident' });
      fake.state.addTicket({ subject: 'Autre', requester: FRESHDESK_COLLEAGUE.id });
      const page = await freshdesk().listTickets({ scope: 'mine', start: 0, limit: 50 });
      const [request] = calls('GET', 'tickets');
      expect(new URL(request.url).search).to.equal('?updated_since=2000-01-01T00:00:00Z&order_by=updated_at&order_type=desc&per_page=50&page=1');
      expect(page.more).to.equal(false);
      expect(page.total).to.equal(undefined);
      const [pending, old] = page.tickets;
      expect(page.tickets).to.have.length(2);
      expect(pending).to.deep.include({ title: 'En attente <b>&"\'', urgency: 'very-high', type: 'incident' });
      expect(pending.status).to.deep.equal({ group: 'waiting', code: '3', label: { en: 'Pending', fr: 'En attente' } });
      expect(old).to.deep.include({ title: 'Vieux', urgency: 'low', type: 'request' });
      expect(old.status.group).to.equal('closed');
      expect(old.openedAt.getTime()).to.be.below(Date.now() - 89 * 86_400_000);
    });

    it('pages with page/per_page and the link header, aligned or not', async () => {
      fake.state.generateTickets(25, 'T');
      const backend = freshdesk();
      const titles = async (start: number, limit: number) => {
        const page = await backend.listTickets({ scope: 'mine', start, limit });
        return [page.tickets.map((ticket) => ticket.title.slice(2)).join(','), page.more];
      };
      expect(await titles(0, 10)).to.deep.equal(['1,2,3,4,5,6,7,8,9,10', true]);
      expect(await titles(20, 10)).to.deep.equal(['21,22,23,24,25', false]);
      expect(await titles(5, 10)).to.deep.equal(['6,7,8,9,10,11,12,13,14,15', true]);
      expect(await titles(15, 10)).to.deep.equal(['16,17,18,19,20,21,22,23,24,25', false]);
      expect(await titles(0, 250)).to.deep.equal([Array.from({ length: 25 }, (_, i) => i + 1).join(','), false]);
      expect(calls('GET', 'tickets').map((request) => new URL(request.url).searchParams.get('per_page'))).to.include('100').and.not.include('250');
    });

    it('reads custom statuses as configured, unknown ones as being handled', async () => {
      fake.state.addTicket({ subject: 'Attente client', status: 6 });
      fake.state.addTicket({ subject: 'À déployer', status: 9 });
      const page = await freshdesk({ statuses: { '6': { group: 'waiting', label: { en: 'Waiting on customer', fr: 'En attente client' } } } }).listTickets({
        scope: 'mine',
        start: 0,
        limit: 10,
      });
      expect(page.tickets.map((ticket) => ticket.status)).to.deep.equal([
        { group: 'open', code: '9', label: { en: 'Status 9', fr: 'Statut 9' } },
        { group: 'waiting', code: '6', label: { en: 'Waiting on customer', fr: 'En attente client' } },
      ]);
    });
  });

  describe('a ticket and its thread', () => {
    it('reads the description first, then the public conversations; the person’s carry their name', async () => {
      const ticket = fake.state.addTicket({ subject: 'Alarmes', description: '<p>En double</p>', files: [file('capture.png', 'png')], created: new Date(Date.now() - 3_600_000) });
      fake.state.reply(ticket.id, '<p>Envoyez le log</p>', { status: FRESHDESK_PENDING, date: new Date(Date.now() - 1_800_000) });
      fake.state.addConversation(ticket.id, { body: '<p>Le voici</p>', incoming: true, private: false, user_id: FRESHDESK_REQUESTER.id, source: 2, files: [file('collector.log', 'log')] });
      const detail = await freshdesk({ ticketUrl: '/tickets/{id}' }).getTicket(String(ticket.id));
      expect(detail).to.deep.include({ id: String(ticket.id), title: 'Alarmes', url: `/tickets/${ticket.id}` });
      expect(detail.entries.map((entry) => [entry.kind, entry.author, entry.body.value])).to.deep.equal([
        ['description', 'Camille Martin', '<div><p>En double</p></div>'],
        ['followup', undefined, '<div><p>Envoyez le log</p></div>'],
        ['followup', 'Camille Martin', '<div><p>Le voici</p></div>'],
      ]);
      expect(detail.entries[0].documents.map((document) => [document.name, document.size, document.mime])).to.deep.equal([['capture.png', 3, 'text/plain']]);
      expect(detail.entries[2].documents.map((document) => document.name)).to.deep.equal(['collector.log']);
      expect(detail.documents).to.deep.equal([]);
      expect(detail.actions).to.deep.equal({ reply: true, approve: false, close: true, reopen: false });
      expect(calls('GET', `tickets/${ticket.id}`)[0].url).to.match(/\?include=requester$/);
    });

    it('drops private notes even when a relay lets them through', async () => {
      await start({ relayHidesPrivateNotes: false });
      const { id } = fake.state.addTicket({ subject: 'Mine' });
      fake.state.note(id, '<p>Client pénible</p>');
      fake.state.reply(id, '<p>Bonjour</p>');
      const detail = await freshdesk().getTicket(String(id));
      expect(detail.entries.map((entry) => entry.body.value)).to.deep.equal(['<div><p>Mine</p></div>', '<div><p>Bonjour</p></div>']);
    });

    it('walks every page of a long thread', async () => {
      const { id } = fake.state.addTicket({ subject: 'Long', created: new Date(Date.now() - 86_400_000) });
      for (let i = 1; i <= 130; i++) fake.state.reply(id, `<p>${i}</p>`, { date: new Date(Date.now() - 86_400_000 + i * 1000) });
      const detail = await freshdesk().getTicket(String(id));
      expect(detail.entries).to.have.length(131);
      expect(detail.entries.at(-1)!.body.value).to.equal('<div><p>130</p></div>');
      expect(calls('GET', `tickets/${id}/conversations`)).to.have.length(2);
    });

    it('offers closing until closed, and reopening once resolved or closed', async () => {
      const backend = freshdesk();
      const actions = async (status: number) => (await backend.getTicket(String(fake.state.addTicket({ subject: String(status), status }).id))).actions;
      expect(await actions(FRESHDESK_PENDING)).to.deep.equal({ reply: true, approve: false, close: true, reopen: false });
      expect(await actions(FRESHDESK_RESOLVED)).to.deep.equal({ reply: true, approve: false, close: true, reopen: true });
      expect(await actions(FRESHDESK_CLOSED)).to.deep.equal({ reply: false, approve: false, close: false, reopen: true });
    });

    it('says a ticket does not exist, or is someone else’s', async () => {
      const backend = freshdesk();
      expect((await rejection(backend.getTicket('987654'))).kind).to.equal('not-found');
      const theirs = fake.state.addTicket({ subject: 'Theirs', requester: FRESHDESK_COLLEAGUE.id });
      const forbidden = await rejection(backend.getTicket(String(theirs.id)));
      expect([forbidden.kind, forbidden.code]).to.deep.equal(['forbidden', 'access_denied']);
      expect((await rejection(backend.getTicket('../contacts'))).kind).to.equal('not-found');
      expect(fake.state.requests.filter((request) => request.path.includes('contacts'))).to.have.length(0);
    });

    it('downloads a file through the relay’s route', async () => {
      const ticket = fake.state.addTicket({ subject: 'Mine', files: [file('log.txt', 'E-204')] });
      const backend = freshdesk();
      const [document] = (await backend.getTicket(String(ticket.id))).entries[0].documents;
      const blob = await backend.downloadDocument(String(ticket.id), document);
      expect(await blob.text()).to.equal('E-204');
      expect(blob.type).to.equal('text/plain');
      expect((await rejection(backend.downloadDocument(String(ticket.id), { ...document, id: '999999' }))).kind).to.equal('not-found');
    });
  });

  describe('replying, closing, reopening', () => {
    it('replies as a public incoming note, with files in the same request', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine' });
      const posted = await freshdesk().reply(String(id), { text: 'Voici le log.\n\nÀ 10:05 encore.', attachments: [file('collector.log', 'log')] });
      expect(posted).to.deep.equal({ failedAttachments: [] });
      const [note] = fake.state.conversationsOf(id);
      expect(note).to.deep.include({ incoming: true, private: false, user_id: FRESHDESK_REQUESTER.id, body: '<div><p>Voici le log.</p><p>À 10:05 encore.</p></div>' });
      expect(note.attachments.map((one) => one.name)).to.deep.equal(['collector.log']);
    });

    // The relay reopens (examples/freshdesk-relay.mjs, reopenAfterReply): Freshdesk's notes set
    // no status, a customer's email reply moves the ticket back to Open (support.freshdesk.com 37600).
    it('leaves a Pending or Resolved ticket Open for the agents after a reply, and the thread says so', async () => {
      const backend = freshdesk();
      for (const status of [FRESHDESK_PENDING, FRESHDESK_RESOLVED]) {
        const { id } = fake.state.addTicket({ subject: `Status ${status}`, status });
        expect(await backend.reply(String(id), { text: 'Toujours en panne.', attachments: [] })).to.deep.equal({ failedAttachments: [] });
        const thread = await backend.getTicket(String(id));
        expect([thread.status.group, thread.status.code]).to.deep.equal(['open', '2']);
        expect(thread.actions).to.include({ reply: true, close: true, reopen: false });
      }
      // The adapter sent notes and reads; the PUTs were the relay's own.
      expect(calls('PUT', /./)).to.have.length(0);
      expect(fake.state.upstream.map((one) => `${one.method} ${one.body.status} ${one.status}`)).to.deep.equal(['PUT 2 200', 'PUT 2 200']);
    });

    it('counts a reply as posted, once, when the relay could not reopen the ticket', async () => {
      const { id } = fake.state.addTicket({ subject: 'Pending', status: FRESHDESK_PENDING });
      fake.state.failNext('503', { upstream: true });
      const backend = freshdesk();
      expect(await backend.reply(String(id), { text: 'Voici le log.', attachments: [] })).to.deep.equal({ failedAttachments: [] });
      expect(fake.state.conversationsOf(id).map((one) => one.body)).to.deep.equal(['<div><p>Voici le log.</p></div>']);
      expect(calls('POST', `tickets/${id}/notes`)).to.have.length(1);
      expect(fake.state.ticket(id)?.status).to.equal(FRESHDESK_PENDING);
      expect((await backend.getTicket(String(id))).status.group).to.equal('waiting');
    });

    it('introduces files sent alone by their names, and refuses an empty reply', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine' });
      await freshdesk().reply(String(id), { text: ' ', attachments: [file('photo.jpg', 'x')] });
      expect(fake.state.conversationsOf(id)[0].body).to.equal('<div><p>photo.jpg</p></div>');
      const empty = await rejection(freshdesk().reply(String(id), { text: '  ', attachments: [] }));
      expect([empty.kind, empty.fields]).to.deep.equal(['validation', ['text']]);
    });

    it('refuses files that would take a ticket it read past 20 MB, before sending', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine', files: [file('a.bin', 15 * 1024 * 1024)] });
      const backend = freshdesk();
      await backend.getTicket(String(id));
      const before = fake.state.requests.length;
      const error = await rejection(backend.reply(String(id), { text: 'encore', attachments: [file('b.bin', 6 * 1024 * 1024)] }));
      expect([error.kind, error.fields]).to.deep.equal(['validation', ['attachments']]);
      expect(fake.state.requests).to.have.length(before);
      // Without a read first, Freshdesk's own refusal says the same.
      const unread = await rejection(freshdesk().reply(String(id), { text: 'encore', attachments: [file('b.bin', 6 * 1024 * 1024)] }));
      expect([unread.kind, unread.fields]).to.deep.equal(['validation', ['attachments']]);
    });

    it('closes with status 5, reopens with status 2 then the reason as the person’s note', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine' });
      const backend = freshdesk();
      await backend.closeTicket(String(id));
      expect(fake.state.ticket(id)?.status).to.equal(FRESHDESK_CLOSED);
      await backend.reopenTicket(String(id), 'Ça recommence.');
      expect(fake.state.ticket(id)?.status).to.equal(2);
      expect(fake.state.conversationsOf(id).map((one) => [one.body, one.incoming, one.private])).to.deep.equal([['<div><p>Ça recommence.</p></div>', true, false]]);
      expect(fake.state.requests.map((request) => `${request.method} ${request.path}`)).to.deep.equal([`PUT tickets/${id}`, `PUT tickets/${id}`, `POST tickets/${id}/notes`]);
      // The reason comes on an Open ticket: the relay has nothing to reopen.
      expect(fake.state.upstream).to.deep.equal([]);
    });

    it('approves by closing and refuses by reopening, for callers that ignore `approval`', async () => {
      const { id } = fake.state.addTicket({ subject: 'Mine', status: FRESHDESK_RESOLVED });
      await freshdesk().refuseSolution(String(id), 'Pas réglé.');
      expect(fake.state.ticket(id)?.status).to.equal(2);
      await freshdesk().approveSolution(String(id));
      expect(fake.state.ticket(id)?.status).to.equal(FRESHDESK_CLOSED);
    });
  });

  describe('failures', () => {
    const list = () => freshdesk().listTickets({ scope: 'mine', start: 0, limit: 10 });

    it('reads a 401 as the host session having ended', async () => {
      fake.state.signOut();
      const error = await rejection(list());
      expect([error.kind, error.status, error.code]).to.deep.equal(['auth', 401, 'invalid_credentials']);
    });

    it('turns every transport failure into its kind', async () => {
      const kinds: string[] = [];
      for (const failure of ['500', '502', '503', 'html', 'network'] as const) {
        fake.state.failNext(failure);
        kinds.push((await rejection(list())).kind);
      }
      expect(kinds).to.deep.equal(['server', 'server', 'server', 'bad-response', 'network']);
      fake.state.exhaustRateLimit();
      const limited = await rejection(list());
      expect(limited.kind).to.equal('rate-limited');
      expect(limited.retryAfter).to.be.within(1, 60);
    });

    it('calls a relay that speaks another way a setup problem', async () => {
      await start({}, http.get(`${RELAY}/api/v2/tickets`, () => new HttpResponse(null, { status: 406 })));
      expect((await rejection(list())).kind).to.equal('setup');
      await start({}, http.get(`${RELAY}/api/v2/tickets`, () => HttpResponse.json({ code: 'account_suspended', message: 'Account suspended' }, { status: 403 })));
      const suspended = await rejection(list());
      expect([suspended.kind, suspended.detail]).to.deep.equal(['setup', 'Account suspended']);
      await start({}, http.get(`${RELAY}/api/v2/tickets`, () => HttpResponse.json([{ id: 'x' }])));
      const shape = await rejection(list());
      expect([shape.kind, shape.detail]).to.deep.equal(['bad-response', 'tickets answer: Invalid input at /0/id']);
    });
  });

  describe('solution articles', () => {
    it('searches all the words in one call through the relay, ranks and cuts the published articles, and reads one', async () => {
      await start({ portalUrl: 'https://support.example.com' });
      const vpn = fake.state.publishArticle('Le VPN se déconnecte', '<p>Mettez le <strong>client VPN</strong> à jour.</p>');
      fake.state.publishArticle('Imprimante : bourrage papier', '<p>Ouvrez le capot avant.</p>');
      fake.state.publishArticle('Wi-Fi : le VPN est-il nécessaire ?', '<p>Non.</p>');
      fake.state.publishArticle('VPN : brouillon', '<p>Pas relu.</p>', { status: FRESHDESK_DRAFT });
      const source = await freshdesk().articles();
      const hits = await source.search(['vpn', 'deconnecte'], { limit: 1 });
      const [search] = calls('GET', 'search/solutions');
      expect(new URL(search.url).searchParams.get('term')).to.equal('vpn deconnecte');
      expect(search.credentials, 'the host’s cookie goes along').to.equal('same-origin');
      expect(hits).to.deep.equal([
        { id: String(vpn.id), title: 'Le VPN se déconnecte', excerpt: 'Mettez le client VPN à jour.', url: `https://support.example.com/support/solutions/articles/${vpn.id}` },
      ]);
      const article = await source.read(hits[0].id);
      expect(article).to.deep.equal({ ...hits[0], body: { format: 'html', value: vpn.description } });
      expect(calls('GET', `solutions/articles/${vpn.id}`).length).to.equal(1);
    });

    it('says not found for an article hidden from customers, or an id that is not Freshdesk’s', async () => {
      const draft = fake.state.publishArticle('VPN : brouillon', '<p>Pas relu.</p>', { status: FRESHDESK_DRAFT });
      const agents = fake.state.publishArticle('VPN : procédure interne', '<p>Agents.</p>', { visibility: 3 });
      const source = await freshdesk().articles();
      for (const id of [String(draft.id), String(agents.id), '999999999', 'vpn']) expect((await rejection(source.read(id))).kind, id).to.equal('not-found');
      expect(calls('GET', /^solutions/).length, 'no call for an id Freshdesk could not have made').to.equal(3);
    });

    it('finds nothing, and stops asking, behind a relay that has no articles routes', async () => {
      let asked = 0;
      const missing = http.get(`${RELAY}/api/v2/search/solutions`, () => {
        asked++;
        return new HttpResponse(null, { status: 404 });
      });
      await start({}, missing);
      const source = await freshdesk().articles();
      expect(await source.search(['vpn'], { limit: 3 })).to.deep.equal([]);
      expect(await source.search(['client'], { limit: 3 })).to.deep.equal([]);
      expect(asked).to.equal(1);
      // Other failures are the relay's or Freshdesk's, and say so.
      await useHandlers(...fake.handlers);
      fake.state.failNext('500', { path: 'search/solutions' });
      expect((await rejection((await freshdesk().articles()).search(['vpn'], { limit: 3 }))).kind).to.equal('server');
    });

    it('leaves out drafts and agents’ folders itself when a relay passes Freshdesk’s rows whole', async () => {
      const row = (id: number, status: number, folder_visibility: number) => ({ id, title: `VPN ${id}`, status, folder_visibility, description: '<p>VPN</p>', description_text: 'VPN', hits: 3 });
      await start({}, http.get(`${RELAY}/api/v2/search/solutions`, () => HttpResponse.json([row(1, 2, 1), row(2, 1, 1), row(3, 2, 3), row(4, 2, 2), row(5, 2, 4)])));
      const hits = await (await freshdesk().articles()).search(['vpn'], { limit: 10 });
      expect(hits.map((hit) => hit.id)).to.deep.equal(['1', '4']);
    });
  });
});
