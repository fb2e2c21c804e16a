import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createBackend } from '../../src/backends/index.js';
import { RestBackend } from '../../src/backends/rest/rest-backend.js';
import { parseConfig, type RestBackendConfig } from '../../src/config/index.js';
import type { NewTicket } from '../../src/core/ticket.js';
import { createRestFake, REST_COLLEAGUE, REST_DEMO_PERSON, REST_SESSION_COOKIE, type RestFake, type RestFakeOptions } from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { expectValid, requestDefinition } from '../mocks/rest-schema.js';
import { rejection } from '../support/errors.js';

const API = 'https://app.example.com/api/support';
const TOKEN = { userToken: REST_DEMO_PERSON.token };
const ALL = { categories: true, attachments: true, approval: true, organisationTickets: true, articles: true };

let fake: RestFake;
/** The JSON and multipart bodies the adapter sent, by path under the root. */
let sent: { path: string; body: unknown; files: string[]; headers: Headers; credentials: RequestCredentials }[];

async function start(options: RestFakeOptions = {}): Promise<void> {
  fake = createRestFake({ baseUrl: API, ...options });
  sent = [];
  // Looks at each request, then lets the fake answer it.
  const spy = http.all(`${fake.baseUrl}/*`, async ({ request }) => {
    const path = new URL(request.url).pathname.replace('/api/support/', '');
    const copy = request.clone();
    let body: unknown;
    let files: string[] = [];
    if (/json/.test(copy.headers.get('Content-Type') ?? '')) body = await copy.json();
    else if (request.method === 'POST') {
      const form = await copy.formData();
      const field = form.get('ticket');
      body = typeof field === 'string' ? JSON.parse(field) : { text: form.get('text') };
      files = form.getAll('files').map((file) => (file as File).name);
    }
    sent.push({ path, body, files, headers: request.headers, credentials: request.credentials });
  });
  await useHandlers(spy, ...fake.handlers);
}

function rest(fields: Partial<RestBackendConfig> = {}): RestBackend {
  return new RestBackend({ type: 'rest', url: API, cookies: 'same-origin', features: ALL, timeout: 5000, auth: TOKEN, ...fields });
}

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    type: 'incident',
    urgency: 'high',
    title: 'Export CSV : colonnes décalées',
    description: 'Depuis lundi la colonne Montant est décalée.',
    answers: [{ id: 'account', label: 'Compte', value: 'acme-compta' }],
    callbackPhone: '+33 6 00 00 00 00',
    followUp: { byEmail: true, email: 'camille@example.org' },
    attachments: [],
    ...overrides,
  };
}

describe('RestBackend', () => {
  beforeEach(() => start());

  describe('configuration and capabilities', () => {
    it('takes its optional features from the configuration, all off by default', () => {
      const parsed = parseConfig({ backend: { type: 'rest', url: '/api/support' } });
      expect(parsed.ok).to.equal(true);
      const config = (parsed as { config: { backend: RestBackendConfig } }).config.backend;
      expect(config).to.deep.include({ cookies: 'same-origin', features: { categories: false, attachments: false, approval: false, organisationTickets: false, articles: false } });
      expect(createBackend(config).capabilities).to.deep.equal({
        categories: false,
        equipment: false,
        attachments: false,
        passwordSignIn: false,
        tickets: true,
        organisationTickets: false,
        reply: true,
        approval: false,
        closeReopen: true,
        cc: false,
        articles: false,
      });
      expect(rest().capabilities).to.deep.include({ categories: true, attachments: true, approval: true, organisationTickets: true, articles: true });
    });

    it('refuses unknown keys and wrong values in its configuration', () => {
      const result = parseConfig({ backend: { type: 'rest', url: 'ftp://x', cookies: 'always', features: { tickets: true }, headers: { 'X-CSRF-Token': '' } } });
      expect(result.ok).to.equal(false);
      const keys = (result as { problems: { key: string }[] }).problems.map((problem) => problem.key);
      expect(keys).to.include.members(['backend.url', 'backend.cookies', 'backend.features.tickets', 'backend.headers.X-CSRF-Token']);
    });

    it('is loaded lazily by createBackend and needs no sign-in step', async () => {
      const backend = createBackend({ type: 'rest', url: API, cookies: 'same-origin', features: ALL, timeout: 5000, auth: TOKEN });
      expect(backend.hasCredentials()).to.equal(true);
      expect((await backend.listTickets({ scope: 'mine', start: 0, limit: 5 })).tickets).to.deep.equal([]);
    });
  });

  describe('requests', () => {
    it('sends bodies that match the published schema, with the bearer token, the CSRF header and the host’s extra headers', async () => {
      const backend = rest({ headers: { 'X-CSRF-Token': 'csrf-123' }, ticketUrl: 'https://app.example.com/support/{id}' });
      const { id } = await backend.createTicket(newTicket({ categoryId: 'export' }), { submissionId: 'sub-42' });
      await backend.reply(id, { text: 'Capture jointe.', attachments: [new File(['png'], 'capture.png', { type: 'image/png' })] });
      await backend.reply(id, { text: 'Sans fichier.', attachments: [] });
      await backend.closeTicket(id);
      await backend.reopenTicket(id, 'Toujours décalé.');
      fake.state.solve(id, 'Corrigé.');
      await backend.refuseSolution(id, 'Non.');
      fake.state.solve(id, 'Corrigé pour de bon.');
      await backend.approveSolution(id);
      const posts = sent.filter((request) => request.body !== undefined);
      expect(posts.map((request) => request.path)).to.deep.equal([
        'tickets',
        `tickets/${id}/replies`,
        `tickets/${id}/replies`,
        ...Array(4).fill(`tickets/${id}/transitions`),
      ]);
      for (const request of posts) {
        await expectValid(request.body, requestDefinition(request.path), request.path);
        expect(request.headers.get('Authorization')).to.equal(`Bearer ${REST_DEMO_PERSON.token}`);
        expect(request.headers.get('X-Requested-With')).to.equal('support-widgets');
        expect(request.headers.get('X-CSRF-Token')).to.equal('csrf-123');
      }
      expect(posts[0].headers.get('Idempotency-Key')).to.equal('sub-42');
      expect(posts[0].body).to.deep.include({
        title: 'Export CSV : colonnes décalées',
        categoryId: 'export',
        callbackPhone: '+33 6 00 00 00 00',
        followUp: { byEmail: true, email: 'camille@example.org' },
      });
      expect((posts[0].body as { content: { text: string } }).content.text).to.equal(
        'Depuis lundi la colonne Montant est décalée.\n\nCompte: acme-compta\nPhone to call back: +33 6 00 00 00 00',
      );
      expect(posts[1].files).to.deep.equal(['capture.png']);
      expect(posts.slice(3).map((request) => request.body)).to.deep.equal([
        { action: 'close' },
        { action: 'reopen', reason: 'Toujours décalé.' },
        { action: 'refuse', reason: 'Non.' },
        { action: 'approve' },
      ]);
    });

    it('sends the host’s session cookie to its own origin, and to another only with cookies: include', async () => {
      document.cookie = `${REST_SESSION_COOKIE}=${REST_DEMO_PERSON.session}; path=/`;
      try {
        expect((await rejection(rest({ auth: undefined }).listTickets({ scope: 'mine', start: 0, limit: 5 }))).kind, 'another origin').to.equal('auth');
        await rest({ auth: undefined, cookies: 'include' }).listTickets({ scope: 'mine', start: 0, limit: 5 });
        await start({ baseUrl: '/api/support' });
        const sameOrigin = new RestBackend({ type: 'rest', url: '/api/support', cookies: 'same-origin', features: ALL, timeout: 5000 });
        const { id } = await sameOrigin.createTicket(newTicket(), { submissionId: 'cookie-1' });
        expect(fake.state.ticket(id)!.requesterId).to.equal(REST_DEMO_PERSON.id);
        expect(sent.map((request) => request.credentials)).to.deep.equal(['same-origin']);
      } finally {
        document.cookie = `${REST_SESSION_COOKIE}=; path=/; max-age=0`;
      }
    });

    it('asks a token provider on every call, and says auth when the provider fails', async () => {
      let calls = 0;
      const backend = rest({ auth: undefined });
      backend.setCredentials(() => (++calls, TOKEN));
      await backend.listTickets({ scope: 'mine', start: 0, limit: 1 });
      await backend.listTickets({ scope: 'mine', start: 0, limit: 1 });
      expect(calls).to.equal(2);
      backend.setCredentials(() => Promise.reject(new Error('host session ended')));
      expect((await rejection(backend.listTickets({ scope: 'mine', start: 0, limit: 1 }))).kind).to.equal('auth');
    });

    it('checks a token given at sign-in, and refuses a password', async () => {
      const backend = rest({ auth: undefined });
      expect((await rejection(backend.signIn({ userToken: 'wrong' }))).kind).to.equal('auth');
      await backend.signIn(TOKEN);
      expect((await rejection(backend.signIn({ login: 'camille', password: 'x' }))).kind).to.equal('setup');
    });
  });

  describe('tickets', () => {
    it('creates with files in one multipart request, and lists the files the server refused', async () => {
      const created = await rest().createTicket(
        newTicket({ attachments: [new File(['log'], 'app.log', { type: 'text/plain' }), new File(['MZ'], 'outil.exe')] }),
        { submissionId: 'files-1' },
      );
      expect(created.failedAttachments).to.deep.equal([{ name: 'outil.exe', reason: 'executable files are not accepted' }]);
      expect(sent[0].files).to.deep.equal(['app.log', 'outil.exe']);
      expect(fake.state.ticket(created.id)!.entries[0].documents.map((document) => document.file.name)).to.deep.equal(['app.log']);
    });

    it('sends no file when the host declared no attachments, and says so per file', async () => {
      const backend = rest({ features: { ...ALL, attachments: false } });
      const created = await backend.createTicket(newTicket({ attachments: [new File(['x'], 'a.txt')] }));
      expect(created.failedAttachments).to.deep.equal([{ name: 'a.txt', reason: 'this helpdesk takes no files' }]);
      expect(sent[0].headers.get('Content-Type')).to.equal('application/json');
    });

    it('creates once per submission id: a lost answer, then the same request again, gives the same ticket', async () => {
      const backend = rest();
      fake.state.failNext('lost-answer', { path: 'tickets', method: 'POST' });
      const lost = await rejection(backend.createTicket(newTicket(), { submissionId: 'once-1' }));
      expect(lost.kind).to.equal('network');
      const found = await backend.createTicket(newTicket(), { submissionId: 'once-1', mayExist: true });
      expect(fake.state.tickets.map((ticket) => ticket.id)).to.deep.equal([found.id]);
    });

    it('after a timeout, the retry finds the ticket the server made meanwhile', async () => {
      await start({ hangMs: 1500 });
      const backend = rest({ timeout: 1000 });
      fake.state.failNext('timeout');
      expect((await rejection(backend.createTicket(newTicket(), { submissionId: 'slow-1' }))).kind).to.equal('timeout');
      await new Promise((resolve) => setTimeout(resolve, 700));
      const again = await backend.createTicket(newTicket(), { submissionId: 'slow-1', mayExist: true });
      expect(fake.state.tickets.map((ticket) => ticket.id)).to.deep.equal([again.id]);
    });

    it('reads the ticket link from the answer, else from ticketUrl', async () => {
      await start({ ticketUrl: 'https://app.example.com/tickets/{id}' });
      const { id, url } = await rest({ ticketUrl: 'ignored/{id}' }).createTicket(newTicket());
      expect(url).to.equal(`https://app.example.com/tickets/${id}`);
      await start();
      const other = await rest({ ticketUrl: 'https://app.example.com/help#/t/{id}' }).createTicket(newTicket());
      expect(other.url).to.equal(`https://app.example.com/help#/t/${other.id}`);
      expect((await rest({ ticketUrl: 'https://app.example.com/help#/t/{id}' }).getTicket(other.id)).url).to.equal(other.url);
    });

    it('drops a ticket link from the server that is not a safe URL (it becomes an href), and falls back to ticketUrl', async () => {
      await start({ ticketUrl: 'javascript:alert(document.cookie)//{id}' });
      const { id, url } = await rest({ ticketUrl: 'https://app.example.com/t/{id}' }).createTicket(newTicket());
      expect(url).to.equal(`https://app.example.com/t/${id}`);
      expect((await rest().getTicket(id)).url).to.equal(undefined);
    });

    it('lists a page with dates, statuses in both languages and the total', async () => {
      fake.state.seed(5, 'Ligne');
      const page = await rest().listTickets({ scope: 'mine', start: 1, limit: 2 });
      expect(page.tickets.map((ticket) => ticket.title)).to.deep.equal(['Ligne 2', 'Ligne 3']);
      expect(page).to.deep.include({ total: 5, more: true });
      expect(page.tickets[0].status).to.deep.equal({ group: 'open', code: 'new', label: { en: 'New', fr: 'Nouveau' } });
      expect(page.tickets[0].updatedAt).to.be.instanceOf(Date);
      expect(page.tickets[0].updatedAt.getTime()).to.equal(fake.state.tickets[1].updatedAt.getTime());
    });

    it('lists the organisation’s tickets with their requester, only when declared', async () => {
      fake.state.addTicket({ title: 'De Julien', requesterId: REST_COLLEAGUE.id });
      const page = await rest().listTickets({ scope: 'organisation', start: 0, limit: 10 });
      expect(page.tickets.map((ticket) => [ticket.title, ticket.requester])).to.deep.equal([['De Julien', 'Julien Dupont']]);
      const off = rest({ features: { ...ALL, organisationTickets: false } });
      expect((await rejection(off.listTickets({ scope: 'organisation', start: 0, limit: 10 }))).kind).to.equal('setup');
    });

    it('reads the thread with documents that download back', async () => {
      const backend = rest();
      const { id } = await backend.createTicket(newTicket({ attachments: [new File(['E-204'], 'erreur.txt', { type: 'text/plain' })] }));
      fake.state.reply(id, '<p>Quel <strong>navigateur</strong> ?</p>', { html: true, waiting: true });
      const ticket = await backend.getTicket(id);
      expect(ticket.status.group).to.equal('waiting');
      expect(ticket.entries.map((entry) => [entry.kind, entry.body.format, entry.author])).to.deep.equal([
        ['description', 'text', 'Camille Martin'],
        ['followup', 'html', 'Sacha Bernard (support)'],
      ]);
      expect(ticket.actions).to.deep.equal({ reply: true, approve: false, close: true, reopen: false });
      const [document] = ticket.entries[0].documents;
      expect(document).to.deep.include({ name: 'erreur.txt', mime: 'text/plain', size: 5 });
      const blob = await backend.downloadDocument(id, document);
      expect([blob.type, await blob.text()]).to.deep.equal(['text/plain', 'E-204']);
    });

    it('hides approval states when the host did not declare approval', async () => {
      const { id } = fake.state.addTicket({ title: 'Solved' });
      fake.state.solve(id, 'Done.');
      const ticket = await rest({ features: { ...ALL, approval: false } }).getTicket(id);
      expect(ticket.actions.approve).to.equal(false);
      expect(ticket.entries[1].approval).to.equal(undefined);
      expect((await rejection(rest({ features: { ...ALL, approval: false } }).approveSolution(id))).kind).to.equal('setup');
    });

    it('lists categories of the chosen type, and asks nothing when categories are off', async () => {
      expect((await rest().listCategories('incident')).map((category) => category.id)).to.deep.equal(['access', 'bug', 'export']);
      sent = [];
      expect(await rest({ features: { ...ALL, categories: false } }).listCategories('incident')).to.deep.equal([]);
      expect(sent).to.deep.equal([]);
    });

    it('refuses an empty reply and an empty reason before any call', async () => {
      const backend = rest();
      expect((await rejection(backend.reply('1', { text: ' ', attachments: [] }))).fields).to.deep.equal(['text']);
      expect((await rejection(backend.reopenTicket('1', ' '))).fields).to.deep.equal(['reason']);
      expect(sent).to.deep.equal([]);
    });
  });

  describe('errors', () => {
    it('reads the problem body: kind, code, detail and fields', async () => {
      const backend = rest();
      const invalid = await rejection(backend.createTicket(newTicket({ title: 'x'.repeat(300) })));
      expect(invalid).to.deep.include({ kind: 'validation', status: 422, code: 'invalid', fields: ['title'] });
      const { id } = fake.state.addTicket({ title: 'Closed', status: 'closed' });
      const closed = await rejection(backend.closeTicket(id));
      expect(closed).to.deep.include({ kind: 'validation', status: 409, code: 'not-allowed' });
      expect((await rejection(backend.getTicket('424242'))).kind).to.equal('not-found');
      expect((await rejection(rest({ auth: { userToken: 'old' } }).getTicket(id))).kind).to.equal('auth');
    });

    it('takes a 409 in-progress for a ticket still being made: worth sending again after Retry-After', async () => {
      await useHandlers(http.post(`${API}/tickets`, () => HttpResponse.json({ title: 'Busy', status: 409, code: 'in-progress' }, { status: 409, headers: { 'Retry-After': '2' } })));
      const error = await rejection(rest().createTicket(newTicket(), { submissionId: 'busy' }));
      expect(error).to.deep.include({ kind: 'server', retryAfter: 2 });
      expect(error.transient).to.equal(true);
    });

    it('turns rate limits, proxy pages, login pages and cuts into typed errors', async () => {
      const backend = rest();
      const list = () => backend.listTickets({ scope: 'mine', start: 0, limit: 5 });
      fake.state.failNext('429');
      expect(await rejection(list())).to.deep.include({ kind: 'rate-limited', retryAfter: 30 });
      fake.state.failNext('429', { retryAfter: null });
      expect((await rejection(list())).retryAfter).to.equal(undefined);
      fake.state.failNext('502');
      expect((await rejection(list())).kind).to.equal('server');
      fake.state.failNext('html');
      const html = await rejection(list());
      expect(html.kind).to.equal('bad-response');
      expect(html.detail).to.contain('the support API');
      fake.state.failNext('network');
      expect((await rejection(list())).kind).to.equal('network');
      await list();
    });

    it('refuses answers that are not the protocol’s: a date without its offset, an unknown status group, a page instead of a file', async () => {
      const row = { id: 1, title: 't', status: { group: 'open', code: 'new' }, openedAt: '2025-01-01T10:00:00Z', updatedAt: '2025-01-01T10:00:00Z' };
      await useHandlers(http.get(`${API}/tickets`, () => HttpResponse.json({ tickets: [{ ...row, updatedAt: '2025-01-01 10:00:00' }], more: false })));
      expect((await rejection(rest().listTickets({ scope: 'mine', start: 0, limit: 5 }))).kind).to.equal('bad-response');
      await useHandlers(http.get(`${API}/tickets`, () => HttpResponse.json({ tickets: [{ ...row, status: { group: 'pending', code: 'x' } }], more: false })));
      expect((await rejection(rest().listTickets({ scope: 'mine', start: 0, limit: 5 }))).detail).to.contain('/tickets/0/status/group');
      await useHandlers(http.get(`${API}/tickets`, () => HttpResponse.json({ tickets: [row], more: false })));
      expect((await rest().listTickets({ scope: 'mine', start: 0, limit: 5 })).tickets[0].id, 'an integer id is read as a string').to.equal('1');
      await useHandlers(http.get(`${API}/tickets/1/documents/2`, () => new HttpResponse('<html><body>Sign in</body></html>', { headers: { 'Content-Type': 'text/html' } })));
      expect((await rejection(rest().downloadDocument('1', { id: '2', name: 'a.pdf', mime: 'application/pdf' }))).kind).to.equal('bad-response');
    });
  });
});
