import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createBackend } from '../../src/backends/index.js';
import { RtBackend } from '../../src/backends/rt/rt-backend.js';
import { rt as rtDescriptor } from '../../src/backends/rt/capabilities.js';
import { statusOf, urgencyOf, DEFAULT_PRIORITIES } from '../../src/backends/rt/answers.js';
import type { Credentials } from '../../src/backends/types.js';
import type { RtBackendConfig } from '../../src/config/index.js';
import type { NewTicket } from '../../src/core/ticket.js';
import {
  createRtFake,
  RT_AGENT,
  RT_OTHER_REQUESTER,
  RT_REQUESTER,
  RT_SITE_FIELD,
  RT_SUBMISSION_FIELD,
  type RtFake,
  type RtFakeOptions,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { rejection } from '../support/errors.js';

const API = 'https://support.example.fr/rt/REST/2.0';
const TOKEN = { userToken: RT_REQUESTER.token! };
const PASSWORD: Credentials = { login: RT_REQUESTER.name, password: RT_REQUESTER.password };

let fake: RtFake;

async function start(options: RtFakeOptions = {}): Promise<void> {
  fake = createRtFake({ baseUrl: API, ...options });
  await useHandlers(...fake.handlers);
}

function rt(config: Partial<RtBackendConfig> = {}): RtBackend {
  return new RtBackend({
    type: 'rt',
    url: API,
    queue: 'Support',
    contentType: 'text/html',
    submissionField: RT_SUBMISSION_FIELD.name,
    customFields: { site: RT_SITE_FIELD.name },
    statuses: {},
    timeout: 5000,
    ...config,
  });
}

const withToken = (config: Partial<RtBackendConfig> = {}) => rt({ auth: TOKEN, ...config });

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    type: 'incident',
    urgency: 'high',
    title: 'Imprimante du 2e étage hors ligne',
    description: 'Elle ne répond plus depuis ce matin.',
    answers: [{ id: 'site', label: 'Site', value: 'Lyon 3e' }],
    attachments: [],
    ...overrides,
  };
}

const requests = (method: string, pattern: RegExp) => fake.state.requests.filter((request) => request.method === method && pattern.test(request.endpoint));
const bodyOf = (method: string, pattern: RegExp) => JSON.parse(requests(method, pattern).at(-1)!.body) as Record<string, unknown>;

describe('RtBackend', () => {
  beforeEach(async () => {
    await start();
  });

  it('is made by createBackend, loads lazily, and says what RT lets a requester do', async () => {
    const config = { type: 'rt', url: API, queue: 'Support', contentType: 'text/html', customFields: {}, statuses: {}, timeout: 5000 } as const;
    const backend = createBackend(config);
    expect(backend.type).to.equal('rt');
    expect(backend.capabilities).to.deep.equal({
      categories: false,
      equipment: false,
      attachments: true,
      passwordSignIn: true,
      tickets: true,
      organisationTickets: false,
      reply: true,
      approval: false,
      closeReopen: true,
      cc: true,
      articles: true,
    });
    expect(backend.hasCredentials(), 'no token: the person signs in').to.equal(false);
    expect(rtDescriptor.signedIn({ ...config, auth: TOKEN })).to.equal(true);
    expect(createBackend({ ...config, auth: TOKEN }).hasCredentials()).to.equal(true);
    expect(await backend.listCategories('incident')).to.deep.equal([]);
    expect(await backend.listEquipment()).to.deep.equal([]);
  });

  describe('authentication', () => {
    it('sends the auth token on every call, asking manually for redirects and bypassing the cache', async () => {
      const backend = withToken();
      await backend.listTickets({ scope: 'mine', start: 0, limit: 10 });
      const [request] = fake.state.requests;
      expect(request.headers.authorization).to.equal(`token ${RT_REQUESTER.token}`);
      expect(request.headers['if-modified-since']).to.equal(undefined);
    });

    it('signs in with a login and password (Basic, UTF-8), and keeps them in memory for the next calls', async () => {
      fake.state.users.push({ id: 40, name: 'zoé', realName: 'Zoé', email: 'zoe@example.fr', password: 'mot-de-passe-été', privileged: false });
      const backend = rt();
      await backend.signIn({ login: 'zoé', password: 'mot-de-passe-été' });
      expect(backend.hasCredentials()).to.equal(true);
      const utf8 = btoa(String.fromCharCode(...new TextEncoder().encode('zoé:mot-de-passe-été')));
      expect(fake.state.requests[0].headers.authorization).to.equal(`Basic ${utf8}`);
      expect(fake.state.requests[0].endpoint).to.equal('user/zo%C3%A9'.replace('%C3%A9', 'é'));
      await backend.listTickets({ scope: 'mine', start: 0, limit: 10 });
      expect(fake.state.requests.at(-1)!.headers.authorization).to.equal(`Basic ${utf8}`);
      const stored = [localStorage, sessionStorage].flatMap((storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`));
      expect(stored.filter((entry) => entry.includes('mot-de-passe') || entry.includes(utf8)), 'the password is never stored').to.deep.equal([]);
    });

    it('reads RT’s redirect to its login page as auth, and forgets a refused password', async () => {
      const backend = rt();
      const error = await rejection(backend.signIn({ login: RT_REQUESTER.name, password: 'wrong' }));
      expect(error.kind).to.equal('auth');
      expect(backend.hasCredentials()).to.equal(false);
      expect((await rejection(backend.listTickets({ scope: 'mine', start: 0, limit: 10 }))).kind).to.equal('auth');
      expect(fake.state.requests, 'no call without credentials').to.have.length(1);
    });

    it('keeps a token RT refuses (the host gave it) but says auth', async () => {
      const backend = rt({ auth: { userToken: '1-27-revoked' } });
      expect((await rejection(backend.listTickets({ scope: 'mine', start: 0, limit: 10 }))).kind).to.equal('auth');
      expect(backend.hasCredentials()).to.equal(true);
    });

    it('keeps a password that could not be tried because of the network', async () => {
      const backend = rt();
      backend.setCredentials(PASSWORD);
      fake.state.failNext('network');
      expect((await rejection(backend.listTickets({ scope: 'mine', start: 0, limit: 10 }))).kind).to.equal('network');
      expect((await backend.listTickets({ scope: 'mine', start: 0, limit: 10 })).tickets).to.deep.equal([]);
    });

    it('asks a provider once, and again after RT refused what it gave', async () => {
      const backend = rt();
      const given: Credentials[] = [{ userToken: '1-27-revoked' }, TOKEN];
      let asked = 0;
      backend.setCredentials(() => given[asked++]);
      expect(backend.hasCredentials()).to.equal(true);
      expect((await rejection(backend.listTickets({ scope: 'mine', start: 0, limit: 10 }))).kind).to.equal('auth');
      await backend.listTickets({ scope: 'mine', start: 0, limit: 10 });
      await backend.listTickets({ scope: 'mine', start: 0, limit: 10 });
      expect(asked).to.equal(2);
    });

    it('says auth without calling RT when there are no credentials, and after sign-out', async () => {
      const backend = withToken();
      await backend.signOut();
      expect(backend.hasCredentials()).to.equal(false);
      expect((await rejection(backend.getTicket('1'))).kind).to.equal('auth');
      const provider = rt();
      provider.setCredentials(() => undefined);
      expect((await rejection(provider.listTickets({ scope: 'mine', start: 0, limit: 1 }))).kind).to.equal('auth');
      expect(fake.state.requests).to.have.length(0);
    });

    it('ignores the same credentials set again, and forgets who the person was when they change', async () => {
      const backend = rt();
      backend.setCredentials(PASSWORD);
      await backend.createTicket(newTicket());
      backend.setCredentials({ ...PASSWORD });
      await backend.createTicket(newTicket());
      expect(requests('GET', /^user\//)).to.have.length(1);
      backend.setCredentials({ login: RT_OTHER_REQUESTER.name, password: RT_OTHER_REQUESTER.password });
      await backend.createTicket(newTicket());
      expect(requests('GET', /^user\//)).to.have.length(2);
      expect(fake.state.tickets.at(-1)!.requestors).to.deep.equal([RT_OTHER_REQUESTER.id]);
    });

    it('refuses a token that is not of RT’s form, since the requester could not be named', async () => {
      const error = await rejection(rt({ auth: { userToken: 'not-an-rt-token' } }).createTicket(newTicket()));
      expect(error.kind).to.equal('setup');
      expect(fake.state.tickets).to.have.length(0);
    });
  });

  describe('creating', () => {
    it('creates the ticket in the queue with the person as requester, the priority, the fields and the body as HTML', async () => {
      const created = await withToken().createTicket(newTicket({ callbackPhone: '+33 4 00 00 00 01' }), { submissionId: 'sub-1' });
      expect(created).to.deep.equal({ id: '1', url: 'https://support.example.fr/rt/SelfService/Display.html?id=1', failedAttachments: [] });
      const body = bodyOf('POST', /^ticket$/);
      expect(body).to.deep.include({ Queue: 'Support', Subject: 'Imprimante du 2e étage hors ligne', Requestor: RT_REQUESTER.id, ContentType: 'text/html', Priority: 75 });
      expect(body.CustomFields).to.deep.equal({ Site: 'Lyon 3e', 'Widget submission': 'sub-1' });
      expect(body.Content).to.equal('<p>Elle ne répond plus depuis ce matin.</p><p><strong>Site:</strong> Lyon 3e</p><p><strong>Phone to call back:</strong> +33 4 00 00 00 01</p>');
      const ticket = fake.state.tickets[0];
      expect(ticket.requestors).to.deep.equal([RT_REQUESTER.id]);
      expect(ticket.customFields.get(RT_SUBMISSION_FIELD.id)).to.deep.equal(['sub-1']);
    });

    it('sends plain text when configured so, the configured priorities, and no custom fields when none apply', async () => {
      await withToken({ contentType: 'text/plain', priorities: { high: 90 }, customFields: {}, submissionField: undefined }).createTicket(newTicket());
      const body = bodyOf('POST', /^ticket$/);
      expect(body).to.deep.include({ ContentType: 'text/plain', Priority: 90, Content: 'Elle ne répond plus depuis ce matin.\n\nSite: Lyon 3e' });
      expect(body).not.to.have.property('CustomFields');
      expect(body).not.to.have.property('Attachments');
    });

    it('sends the files in the same request, in base64', async () => {
      const bytes = new Uint8Array(70_000).map((_, index) => index % 251);
      const files = [new File([bytes], 'dump.bin'), new File(['E-204 paper jam'], 'log.txt', { type: 'text/plain' })];
      await withToken().createTicket(newTicket({ attachments: files }));
      const body = bodyOf('POST', /^ticket$/);
      expect((body.Attachments as { FileName: string; FileType: string }[]).map(({ FileName, FileType }) => [FileName, FileType])).to.deep.equal([
        ['dump.bin', 'application/octet-stream'],
        ['log.txt', 'text/plain'],
      ]);
      const stored = fake.state.attachments.filter((part) => part.filename);
      expect(stored.map((part) => part.filename)).to.deep.equal(['dump.bin', 'log.txt']);
      expect([...stored[0].content]).to.deep.equal([...bytes]);
    });

    it('finds the ticket an earlier attempt created with the same submission id, among the person’s own', async () => {
      const backend = withToken();
      fake.state.addTicket({ subject: 'Julien’s', requestor: RT_OTHER_REQUESTER.id, customFields: { [RT_SUBMISSION_FIELD.name]: 'sub-2' } });
      const first = await backend.createTicket(newTicket(), { submissionId: 'sub-2' });
      const again = await backend.createTicket(newTicket(), { submissionId: 'sub-2', mayExist: true });
      expect(again.id).to.equal(first.id);
      expect(fake.state.tickets).to.have.length(2);
      const search = requests('GET', /^tickets$/)[0];
      expect(new URL(search.url).searchParams.get('query')).to.equal("Requestor.id = '__CurrentUser__' AND CF.{Widget submission} = 'sub-2'");
    });

    it('finds it by field id too, and creates it when no earlier attempt arrived', async () => {
      const created = await withToken({ submissionField: RT_SUBMISSION_FIELD.id }).createTicket(newTicket(), { submissionId: "it's-1", mayExist: true });
      expect(new URL(requests('GET', /^tickets$/)[0].url).searchParams.get('query')).to.contain("CF.1 = 'it\\'s-1'");
      expect(fake.state.ticket(Number(created.id))!.customFields.get(RT_SUBMISSION_FIELD.id)).to.deep.equal(["it's-1"]);
    });

    it('without a submission field, cannot look and sends the ticket again', async () => {
      const backend = withToken({ submissionField: undefined });
      await backend.createTicket(newTicket(), { submissionId: 'sub-3' });
      await backend.createTicket(newTicket(), { submissionId: 'sub-3', mayExist: true });
      expect(requests('GET', /^tickets$/)).to.have.length(0);
      expect(fake.state.tickets).to.have.length(2);
    });

    it('after a lost answer, finds the ticket instead of creating a second one', async () => {
      const backend = withToken();
      fake.state.failNext('lost-answer', { endpoint: 'ticket', method: 'POST' });
      const lost = await rejection(backend.createTicket(newTicket(), { submissionId: 'sub-4' }));
      expect(lost.kind).to.equal('network');
      const found = await backend.createTicket(newTicket(), { submissionId: 'sub-4', mayExist: true });
      expect(found.id).to.equal('1');
      expect(fake.state.tickets).to.have.length(1);
    });

    it('after a timeout, asks the next attempt to wait twice the timeout', async () => {
      await start({ hangMs: 3000 });
      fake.state.failNext('timeout', { endpoint: 'ticket', method: 'POST' });
      const backend = withToken({ timeout: 1000 });
      await backend.signIn();
      const error = await rejection(backend.createTicket(newTicket(), { submissionId: 'sub-5' }));
      expect([error.kind, error.retryAfter]).to.deep.equal(['timeout', 2]);
    });

    it('says forbidden when the person may not create tickets in the queue, and validation without a queue RT knows', async () => {
      const refused = await rejection(withToken({ queue: 'General' }).createTicket(newTicket()));
      expect([refused.kind, refused.status, refused.detail]).to.deep.equal(['forbidden', 403, "No permission to create tickets in the queue 'General'"]);
      await useHandlers(http.all(`${API}/*`, () => HttpResponse.json({ message: 'Could not create ticket. Queue not set' }, { status: 400 })));
      const invalid = await rejection(withToken().createTicket(newTicket()));
      expect([invalid.kind, invalid.detail]).to.deep.equal(['validation', 'Could not create ticket. Queue not set']);
    });
  });

  describe('the list', () => {
    it('lists the person’s tickets, newest activity first, with RT’s statuses and the urgency read from the priority', async () => {
      const now = Date.now();
      fake.state.addTicket({ subject: 'Old', created: new Date(now - 7_200_000), priority: 0 });
      fake.state.addTicket({ subject: 'Julien’s', requestor: RT_OTHER_REQUESTER.id });
      const recent = fake.state.addTicket({ subject: 'Recent <b>&"\'', created: new Date(now - 3_600_000), priority: 80 });
      fake.state.setStatus(recent.id, 'stalled');
      const page = await withToken().listTickets({ scope: 'organisation', start: 0, limit: 50 });
      expect(page.tickets.map((ticket) => ticket.title)).to.deep.equal(['Recent <b>&"\'', 'Old']);
      expect(page.tickets[0]).to.deep.include({ urgency: 'high', status: { group: 'waiting', code: 'stalled', label: { en: 'Stalled', fr: 'Stagnant' } } });
      expect(page.tickets[1].urgency).to.equal('very-low');
      expect([page.total, page.more]).to.deep.equal([2, false]);
      const query = new URL(fake.state.requests.at(-1)!.url).searchParams;
      expect(query.get('query')).to.equal("Requestor.id = '__CurrentUser__'");
      expect(query.getAll('orderby')).to.deep.equal(['LastUpdated', 'id']);
      expect(query.getAll('order')).to.deep.equal(['DESC', 'DESC']);
    });

    it('turns start and limit into RT’s pages, 100 rows at most', async () => {
      fake.state.generateTickets(130, 'T');
      const backend = withToken();
      const first = await backend.listTickets({ scope: 'mine', start: 0, limit: 1000 });
      expect([first.tickets.length, first.total, first.more]).to.deep.equal([100, 130, true]);
      const rest = await backend.listTickets({ scope: 'mine', start: 100, limit: 1000 });
      expect([rest.tickets.length, rest.more, rest.tickets[0].title]).to.deep.equal([30, false, 'T 101']);
      // A start inside a page: the rest of that page.
      const inside = await backend.listTickets({ scope: 'mine', start: 15, limit: 10 });
      expect(inside.tickets.map((ticket) => ticket.title)).to.deep.equal(['T 16', 'T 17', 'T 18', 'T 19', 'T 20']);
      expect(inside.more).to.equal(true);
      const query = new URL(fake.state.requests.at(-1)!.url).searchParams;
      expect([query.get('page'), query.get('per_page')]).to.deep.equal(['2', '10']);
    });

    it('goes on while pages are full when RT does not count ($UseSQLForACLChecks off)', async () => {
      await start({ aclChecksInSql: false });
      fake.state.generateTickets(15, 'T');
      const backend = withToken();
      const first = await backend.listTickets({ scope: 'mine', start: 0, limit: 10 });
      expect([first.tickets.length, first.total, first.more]).to.deep.equal([10, undefined, true]);
      const second = await backend.listTickets({ scope: 'mine', start: 10, limit: 10 });
      expect([second.tickets.length, second.more]).to.deep.equal([5, false]);
    });

    it('reads statuses of a custom lifecycle as configured, others as open', () => {
      expect(statusOf('waiting for customer', { statuses: { 'waiting for customer': 'waiting' } })).to.deep.equal({
        group: 'waiting',
        code: 'waiting for customer',
        label: 'Waiting for customer',
      });
      expect(statusOf('in progress', { statuses: {} }).group).to.equal('open');
      expect(statusOf('rejected', { statuses: {} }).group).to.equal('closed');
      expect(statusOf('resolved', { statuses: {} }).group).to.equal('solved');
    });

    it('reads the urgency as the highest whose priority is reached, and none when RT hides it', () => {
      expect(urgencyOf('49', DEFAULT_PRIORITIES)).to.equal('low');
      expect(urgencyOf(50, DEFAULT_PRIORITIES)).to.equal('medium');
      expect(urgencyOf('120', DEFAULT_PRIORITIES)).to.equal('very-high');
      expect(urgencyOf('-3', DEFAULT_PRIORITIES)).to.equal('very-low');
      expect(urgencyOf('', DEFAULT_PRIORITIES)).to.equal(undefined);
    });
  });

  describe('a ticket and its thread', () => {
    it('shows the creation and the correspondence with their files, never a comment, and what the person may do', async () => {
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket({ attachments: [new File(['jam'], 'log.txt', { type: 'text/plain' })] }));
      fake.state.comment(Number(id), 'Internal: toner is fine');
      fake.state.reply(Number(id), '<p>Which <em>model</em>?</p>', { files: [{ name: 'guide.pdf', type: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) }] });
      fake.state.addMessage(fake.state.ticket(Number(id))!, 'Correspond', RT_REQUESTER.id, { content: 'HP 4250', contentType: 'text/plain' });
      const ticket = await backend.getTicket(id);
      expect(ticket).to.deep.include({ id, title: 'Imprimante du 2e étage hors ligne', urgency: 'high', url: `https://support.example.fr/rt/SelfService/Display.html?id=${id}` });
      expect(ticket.status.group).to.equal('open');
      expect(ticket.entries.map((entry) => [entry.kind, entry.author, entry.body.format])).to.deep.equal([
        ['description', RT_REQUESTER.realName, 'html'],
        ['followup', RT_AGENT.realName, 'html'],
        ['followup', RT_REQUESTER.realName, 'text'],
      ]);
      expect(ticket.entries[0].body.value).to.contain('Elle ne répond plus depuis ce matin.');
      expect(ticket.entries[1].body.value).to.equal('<p>Which <em>model</em>?</p>');
      expect(ticket.entries[2].body.value).to.equal('HP 4250');
      expect(ticket.entries.map((entry) => entry.documents.map((document) => document.name))).to.deep.equal([['log.txt'], ['guide.pdf'], []]);
      expect(ticket.entries[1].documents[0]).to.deep.include({ mime: 'application/pdf', size: 4 });
      expect(JSON.stringify(ticket)).not.to.contain('Internal');
      expect(ticket.documents).to.deep.equal([]);
      expect(ticket.actions).to.deep.equal({ reply: true, approve: false, close: true, reopen: false, addPeople: true });
      expect(ticket.cc).to.deep.equal([]);
    });

    it('reads every page of a long history, though RT drops the comments from its pages', async () => {
      const { id } = await withToken().createTicket(newTicket());
      for (let n = 1; n <= 120; n++) {
        if (n % 3) fake.state.comment(Number(id), `note ${n}`);
        else fake.state.reply(Number(id), `<p>answer ${n}</p>`);
      }
      const ticket = await withToken().getTicket(id);
      expect(ticket.entries).to.have.length(41);
      expect(ticket.entries.at(-1)!.body.value).to.equal('<p>answer 120</p>');
      expect(requests('GET', /\/history$/).length).to.be.greaterThan(1);
    });

    it('decodes text RT sent in Latin-1, and shows an empty body for a message without text', async () => {
      await useHandlers(
        http.get(`${API}/ticket/7`, () => HttpResponse.json({ id: 7, Subject: 'Café', Status: 'resolved', Created: '2026-01-02T10:00:00Z', LastUpdated: '2026-01-03T10:00:00Z', Resolved: '2026-01-03T10:00:00Z', Priority: '' })),
        http.get(`${API}/ticket/7/history`, () =>
          HttpResponse.json({ count: 2, page: 1, per_page: 100, total: 2, pages: 1, items: [
            { id: '10', type: 'transaction', Type: 'Create', Created: '2026-01-02T10:00:00Z', Creator: 'camille' },
            { id: '11', type: 'transaction', Type: 'Correspond', Created: '2026-01-02T11:00:00Z' },
          ] }),
        ),
        http.get(`${API}/ticket/7/attachments`, () =>
          HttpResponse.json({ count: 1, page: 1, per_page: 100, total: 1, pages: 1, items: [{ id: '20', TransactionId: { id: '10' }, ContentType: 'text/plain', Filename: '' }] }),
        ),
        http.get(`${API}/attachment/20`, () => HttpResponse.json({ id: 20, ContentType: 'text/plain', Content: btoa('caf\xe9') })),
      );
      const ticket = await withToken().getTicket('7');
      expect(ticket.entries.map((entry) => [entry.author, entry.body.value])).to.deep.equal([
        ['camille', 'café'],
        [undefined, ''],
      ]);
      expect(ticket.urgency).to.equal(undefined);
      expect(ticket.solvedAt?.toISOString()).to.equal('2026-01-03T10:00:00.000Z');
      expect(ticket.actions).to.deep.equal({ reply: false, approve: false, close: false, reopen: false, addPeople: false });
    });

    it('says not-found and forbidden as RT does, before asking anything for an id RT could not have made', async () => {
      const backend = withToken();
      expect((await rejection(backend.getTicket('42'))).kind).to.equal('not-found');
      const theirs = fake.state.addTicket({ subject: 'Julien’s', requestor: RT_OTHER_REQUESTER.id });
      expect((await rejection(backend.getTicket(String(theirs.id)))).kind).to.equal('forbidden');
      const count = fake.state.requests.length;
      expect((await rejection(backend.getTicket('../rt'))).kind).to.equal('not-found');
      expect(fake.state.requests).to.have.length(count);
    });

    it('downloads a file from its base64 content, typed as RT says', async () => {
      const backend = withToken();
      const bytes = new Uint8Array([0, 255, 128, 10, 13]);
      const { id } = await backend.createTicket(newTicket({ attachments: [new File([bytes], 'raw.bin', { type: 'application/x-thing' })] }));
      const [document] = (await backend.getTicket(id)).entries[0].documents;
      const blob = await backend.downloadDocument(id, document);
      expect(blob.type).to.equal('application/x-thing');
      expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([...bytes]);
      const theirs = fake.state.addTicket({ subject: 'x', requestor: RT_OTHER_REQUESTER.id, files: [{ name: 'secret.txt', type: 'text/plain', content: new Uint8Array([1]) }] });
      const secret = fake.state.attachments.find((part) => part.filename === 'secret.txt')!;
      expect((await rejection(backend.downloadDocument(String(theirs.id), { id: String(secret.id), name: 'secret.txt' }))).kind).to.equal('forbidden');
      await useHandlers(http.get(`${API}/attachment/5`, () => HttpResponse.json({ id: 5, Content: '%%%' })));
      expect((await rejection(backend.downloadDocument(id, { id: '5', name: 'x' }))).kind).to.equal('bad-response');
    });

    it('uses the configured ticket URL, and none when the URL is not a REST2 root', async () => {
      const { id } = await withToken({ ticketUrl: 'https://rt.example.fr/Ticket/Display.html?id={id}' }).createTicket(newTicket());
      expect((await withToken({ ticketUrl: 'https://rt.example.fr/Ticket/Display.html?id={id}' }).getTicket(id)).url).to.equal(`https://rt.example.fr/Ticket/Display.html?id=${id}`);
      const other = createRtFake({ baseUrl: 'https://proxy.example.fr/rt-api' });
      other.state.addTicket({ subject: 'x' });
      await useHandlers(...other.handlers);
      expect((await withToken({ url: 'https://proxy.example.fr/rt-api/' }).getTicket('1')).url).to.equal(undefined);
    });
  });

  describe('answering, closing and reopening', () => {
    it('adds the person’s answer with its files as one correspondence, which opens a new ticket', async () => {
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket());
      const posted = await backend.reply(id, { text: 'Toujours en panne.\n\nMerci', attachments: [new File(['x'], 'photo.txt', { type: 'text/plain' })] });
      expect(posted).to.deep.equal({ failedAttachments: [] });
      const body = bodyOf('POST', /\/correspond$/);
      expect(body).to.deep.include({ Content: '<p>Toujours en panne.</p><p>Merci</p>', ContentType: 'text/html' });
      expect((body.Attachments as unknown[]).length).to.equal(1);
      expect(fake.state.ticket(Number(id))!.status).to.equal('open');
      await backend.reply(id, { text: '  ', attachments: [new File(['y'], 'more.txt')] });
      expect(bodyOf('POST', /\/correspond$/)).not.to.have.property('Content');
      expect((await rejection(backend.reply(id, { text: ' ', attachments: [] }))).kind).to.equal('validation');
    });

    it('sends a plain-text answer as typed when configured so', async () => {
      const backend = withToken({ contentType: 'text/plain' });
      const { id } = await backend.createTicket(newTicket());
      await backend.reply(id, { text: ' <b>not markup</b> ', attachments: [] });
      expect(bodyOf('POST', /\/correspond$/)).to.deep.equal({ Content: '<b>not markup</b>', ContentType: 'text/plain' });
    });

    it('reads RT’s 400 “Permission Denied” on an answer as forbidden', async () => {
      const theirs = fake.state.addTicket({ subject: 'x', requestor: RT_OTHER_REQUESTER.id });
      const error = await rejection(withToken().reply(String(theirs.id), { text: 'hi', attachments: [] }));
      expect([error.kind, error.status, error.detail]).to.deep.equal(['forbidden', 400, 'Permission Denied']);
    });

    it('closes as resolved, then reopens with the reason as an answer', async () => {
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket());
      await backend.closeTicket(id);
      expect(bodyOf('PUT', /^ticket\/\d+$/)).to.deep.equal({ Status: 'resolved' });
      const closed = await backend.getTicket(id);
      expect(closed.status.group).to.equal('solved');
      expect(closed.solvedAt).to.be.instanceOf(Date);
      expect(closed.actions).to.deep.equal({ reply: true, approve: false, close: false, reopen: true, addPeople: false });
      await backend.reopenTicket(id, 'Ça recommence.');
      expect(fake.state.ticket(Number(id))!.status).to.equal('open');
      expect(fake.state.textOf(Number(id)).text).to.contain('Ça recommence.');
      expect(requests('PUT', /^ticket\//), 'the scrip reopened it').to.have.length(1);
      expect((await rejection(backend.reopenTicket(id, ' '))).kind).to.equal('validation');
    });

    it('says forbidden when RT kept the ticket open (no right to change its status)', async () => {
      fake.state.queues.find((queue) => queue.name === 'Support')!.requestersModify = false;
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket());
      expect((await backend.getTicket(id)).actions.close).to.equal(false);
      const error = await rejection(backend.closeTicket(id));
      expect([error.kind, error.detail]).to.deep.equal(['forbidden', `Ticket ${id}: Permission Denied`]);
    });

    it('reopens through the lifecycle when RT has no scrip that reopens on an answer, and says so when it may not', async () => {
      await start({ openOnCorrespond: false });
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket());
      fake.state.resolve(Number(id), '<p>Done</p>');
      await backend.reopenTicket(id, 'Not done');
      expect(bodyOf('PUT', /^ticket\/\d+$/)).to.deep.equal({ Status: 'open' });
      expect(fake.state.ticket(Number(id))!.status).to.equal('open');
      fake.state.setStatus(Number(id), 'rejected');
      fake.state.queues.find((queue) => queue.name === 'Support')!.requestersModify = false;
      const error = await rejection(backend.reopenTicket(id, 'Still not done'));
      expect(error.kind).to.equal('forbidden');
      expect(fake.state.textOf(Number(id)).text, 'the answer itself was added').to.contain('Still not done');
    });

    it('has no solution to approve or refuse', async () => {
      expect((await rejection(withToken().approveSolution())).kind).to.equal('forbidden');
      expect((await rejection(withToken().refuseSolution())).kind).to.equal('forbidden');
    });
  });

  describe('people kept informed (Cc)', () => {
    const ccIds = (id: string) => fake.state.ticket(Number(id))!.cc.map((one) => fake.state.user(one)!.name);

    it('reads the Cc list, and sends it whole with the new addresses as an array: a role key replaces its members', async () => {
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket({ cc: ['anne@example.com'] }));
      expect((await backend.getTicket(id)).cc).to.deep.equal(['anne@example.com']);
      const after = await backend.addPeople(id, [' bob@example.com ', 'Carl@Example.com', 'carl@example.com', RT_OTHER_REQUESTER.email]);
      expect(bodyOf('PUT', /^ticket\/\d+$/)).to.deep.equal({ Cc: ['anne@example.com', 'bob@example.com', 'Carl@Example.com', RT_OTHER_REQUESTER.email] });
      // A known user's address is listed under their login, as RT names them.
      expect(after).to.deep.equal(['anne@example.com', 'bob@example.com', 'Carl@Example.com', RT_OTHER_REQUESTER.name]);
      expect(ccIds(id)).to.deep.equal(after);
      expect((await backend.getTicket(id)).cc).to.deep.equal(after);
      const puts = requests('PUT', /^ticket\//).length;
      expect(await backend.addPeople(id, ['ANNE@example.com']), 'already there: nothing to send').to.deep.equal(after);
      expect(await backend.addPeople(id, [RT_OTHER_REQUESTER.email]), 'there under their login: RT changes nothing').to.deep.equal(after);
      expect(requests('PUT', /^ticket\//)).to.have.length(puts + 1);
    });

    it('says forbidden, naming who was not added, where RT answers “Permission denied” (no ModifyTicket); no add offered there', async () => {
      fake.state.queues.find((queue) => queue.name === 'Support')!.requestersModify = false;
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket({ cc: ['anne@example.com'] }));
      expect((await backend.getTicket(id)).actions.addPeople).to.equal(false);
      const error = await rejection(backend.addPeople(id, ['bob@example.com']));
      expect([error.kind, error.fields, error.detail]).to.deep.equal(['forbidden', ['cc'], 'RT did not add bob@example.com: Permission denied']);
      expect(ccIds(id)).to.deep.equal(['anne@example.com']);
    });

    it('checks the addresses before any call, one address per entry', async () => {
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket());
      const count = fake.state.requests.length;
      for (const emails of [[], [' '], ['bob'], ['bob@example.com', 'a@b.c, d@e.f'], ['x@example.com;y@example.com']]) {
        const error = await rejection(backend.addPeople(id, emails));
        expect([error.kind, error.fields], JSON.stringify(emails)).to.deep.equal(['validation', ['cc']]);
      }
      expect((await rejection(backend.addPeople('x1', ['bob@example.com']))).kind).to.equal('not-found');
      expect(fake.state.requests).to.have.length(count);
    });

    it('offers no adding on an inactive ticket, and says forbidden or not-found as RT does for a ticket not the person’s', async () => {
      const backend = withToken();
      const { id } = await backend.createTicket(newTicket());
      fake.state.resolve(Number(id), '<p>Done</p>');
      expect((await backend.getTicket(id)).actions.addPeople).to.equal(false);
      const theirs = fake.state.addTicket({ subject: 'x', requestor: RT_OTHER_REQUESTER.id });
      expect((await rejection(backend.addPeople(String(theirs.id), ['bob@example.com']))).kind).to.equal('forbidden');
      expect((await rejection(backend.addPeople('4242', ['bob@example.com']))).kind).to.equal('not-found');
    });
  });

  describe('articles', () => {
    const words = (...list: string[]) => list;

    beforeEach(() => {
      fake.state.publishArticle('VPN drops every ten minutes', '<p>Update the <strong>VPN client</strong>.</p>\n<p>Then sign in again.</p>', { summary: 'When working from home' });
      fake.state.publishArticle('Printer jam', '<p>Open the front cover.</p>', { summary: 'Paper stuck, also on the VPN printer' });
      fake.state.publishArticle('Wi-Fi', 'Choose CORP.\nGuests: CORP-GUEST.', { summary: '' });
    });

    it('finds the articles holding any word in their title, summary or body, best first, with a plain excerpt and RT’s self-service page', async () => {
      const source = await withToken().articles();
      const hits = await source.search(words('vpn', 'client'), { limit: 5 });
      expect(hits.map((hit) => hit.title)).to.deep.equal(['VPN drops every ten minutes', 'Printer jam']);
      expect(hits[0]).to.deep.equal({
        id: '1',
        title: 'VPN drops every ten minutes',
        excerpt: 'Update the VPN client . Then sign in again.',
        url: 'https://support.example.fr/rt/SelfService/Article/Display.html?id=1',
      });
      expect(await source.search(words('guest'), { limit: 5 }), 'a word of the body only').to.have.length(1);
      expect(await source.search(words('nowhere'), { limit: 5 })).to.deep.equal([]);
      expect(await source.search(words('vpn'), { limit: 1 })).to.have.length(1);
      const [list] = requests('GET', /^articles/);
      const url = new URL(list.url);
      expect(JSON.parse(url.searchParams.get('query')!)).to.deep.equal([{ field: 'id', operator: '>', value: 0 }]);
      expect([url.searchParams.get('fields'), url.searchParams.get('per_page')]).to.deep.equal(['Name,Summary,CustomFields', '100']);
    });

    it('downloads the list once for the searches of a few minutes, again for another person or after that', async () => {
      const backend = withToken();
      const source = await backend.articles();
      expect(await backend.articles(), 'one source').to.equal(source);
      await Promise.all([source.search(words('vpn'), { limit: 3 }), source.search(words('printer'), { limit: 3 })]);
      await source.search(words('wifi'), { limit: 3 });
      // One page of three, then an empty one: RT does not count the articles of a class-level right.
      expect(requests('GET', /^articles/)).to.have.length(2);
      backend.setCredentials(PASSWORD);
      await source.search(words('vpn'), { limit: 3 });
      expect(requests('GET', /^articles/)).to.have.length(4);
      const aborted = new AbortController();
      aborted.abort(new DOMException('gone', 'AbortError'));
      expect(await source.search(words('vpn'), { limit: 3, signal: aborted.signal }).catch((error: DOMException) => error.name)).to.equal('AbortError');
    });

    it('reads every page of a large knowledge base, though RT drops the articles the person may not read from each', async () => {
      fake.state.articleClasses.push({ id: 2, name: 'Staff notes', readers: 'staff' });
      for (let n = 1; n <= 130; n++) fake.state.publishArticle(`Note ${String(n).padStart(3, '0')}`, `<p>vpn note ${n}</p>`, { classId: n % 2 ? 1 : 2 });
      const hits = await (await withToken().articles()).search(words('note'), { limit: 500 });
      expect(hits).to.have.length(65);
      expect(requests('GET', /^articles/).length).to.be.greaterThan(2);
    });

    it('reads an article whole: a Text field as RT shows it (HTML, its line breaks kept), an HTML field as it is', async () => {
      const source = await withToken().articles();
      const article = await source.read('3');
      expect(article).to.deep.equal({
        id: '3',
        title: 'Wi-Fi',
        excerpt: 'Choose CORP. Guests: CORP-GUEST.',
        url: 'https://support.example.fr/rt/SelfService/Article/Display.html?id=3',
        body: { format: 'html', value: 'Choose CORP.<br />Guests: CORP-GUEST.' },
      });
      fake.state.articleField.type = 'HTML';
      const html = await (await withToken().articles()).read('1');
      expect(html.body).to.deep.equal({ format: 'html', value: '<p>Update the <strong>VPN client</strong>.</p>\n<p>Then sign in again.</p>' });
      expect(requests('GET', /^customfield\//), 'the field’s type is asked once per source').to.have.length(2);
    });

    it('says not-found for an article gone or hidden from the person, and asks nothing for an id RT could not have made', async () => {
      fake.state.articleClasses.push({ id: 2, name: 'Staff notes', readers: 'staff' });
      const hidden = fake.state.publishArticle('Staff only', '<p>secret</p>', { classId: 2 });
      const source = await withToken().articles();
      expect((await source.search(words('secret', 'staff'), { limit: 5 })).map((hit) => hit.title)).to.deep.equal([]);
      expect((await rejection(source.read(String(hidden.id)))).kind).to.equal('not-found');
      expect((await rejection(source.read('999'))).kind).to.equal('not-found');
      const count = fake.state.requests.length;
      expect((await rejection(source.read('../ticket/1'))).kind).to.equal('not-found');
      expect(fake.state.requests).to.have.length(count);
    });

    it('shows the summary when the person may not see the body, and RT’s default type when the field itself is refused', async () => {
      fake.state.articleField.everyoneSees = false;
      const source = await withToken().articles();
      expect((await source.search(words('home'), { limit: 3 })).map((hit) => [hit.title, hit.excerpt])).to.deep.equal([['VPN drops every ten minutes', 'When working from home']]);
      expect((await source.read('1')).body).to.deep.equal({ format: 'text', value: 'When working from home' });
    });

    it('gives no link when the URL is not a REST2 root', async () => {
      const other = createRtFake({ baseUrl: 'https://proxy.example.fr/rt-api' });
      other.state.publishArticle('VPN', '<p>vpn</p>');
      await useHandlers(...other.handlers);
      const [hit] = await (await withToken({ url: 'https://proxy.example.fr/rt-api/' }).articles()).search(words('vpn'), { limit: 3 });
      expect(hit.url).to.equal(undefined);
    });
  });

  describe('failures', () => {
    for (const [failure, kind] of [
      ['500', 'server'],
      ['502', 'server'],
      ['503', 'server'],
      ['html', 'bad-response'],
      ['truncated', 'bad-response'],
      ['network', 'network'],
    ] as const) {
      it(`turns ${failure} into ${kind}`, async () => {
        fake.state.failNext(failure);
        expect((await rejection(withToken().listTickets({ scope: 'mine', start: 0, limit: 10 }))).kind).to.equal(kind);
      });
    }

    it('reads Retry-After of a 429', async () => {
      fake.state.failNext('429', { retryAfter: '30' });
      const error = await rejection(withToken().listTickets({ scope: 'mine', start: 0, limit: 10 }));
      expect([error.kind, error.retryAfter]).to.deep.equal(['rate-limited', 30]);
    });

    it('says where an answer of the wrong shape came from', async () => {
      await useHandlers(http.get(`${API}/tickets`, () => HttpResponse.json({ items: 'none' })));
      const error = await rejection(withToken().listTickets({ scope: 'mine', start: 0, limit: 10 }));
      expect(error.kind).to.equal('bad-response');
      expect(error.detail).to.match(/^tickets answer: .* at \/count/);
    });

    it('falls back to the status when the error body is not RT’s', async () => {
      await useHandlers(http.get(`${API}/tickets`, () => HttpResponse.json(['nope'], { status: 404 })));
      expect((await rejection(withToken().listTickets({ scope: 'mine', start: 0, limit: 10 }))).kind).to.equal('not-found');
    });
  });
});
