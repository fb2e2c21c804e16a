import { expect } from '@open-wc/testing';
import {
  addRestDemoTickets,
  createRestExampleServer,
  createRestFake,
  REST_COLLEAGUE,
  REST_DEMO_PERSON,
  REST_OUTSIDER,
  REST_SESSION_COOKIE,
  RestStore,
  type RestExampleServer,
  type RestFeatures,
  type RestPerson,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';
import { answerDefinition, expectValid, restSchema } from './rest-schema.js';

const ROOT = 'https://app.example.com/api/support';

interface Call {
  /** Bearer token of this person (the default: the demo person). */
  as?: RestPerson | null;
  /** Authenticate with the session cookie instead of the token. */
  cookie?: string;
  json?: unknown;
  form?: FormData;
  body?: string;
  headers?: Record<string, string>;
}

let server: RestExampleServer;
/** Every definition an answer matched, to prove the walk covers the whole schema. */
const matched = new Set<string>();

function start(features: Partial<RestFeatures> = {}, store = new RestStore()): RestExampleServer {
  server = createRestExampleServer({ basePath: '/api/support', store, features, maxFileSize: 1000, ticketUrl: 'https://app.example.com/support/{id}' });
  return server;
}

/** One request to the example server, its answer checked against the schema whatever it is. */
async function call(method: string, path: string, options: Call = {}): Promise<{ response: Response; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...options.headers };
  const person = options.as === undefined ? REST_DEMO_PERSON : options.as;
  if (person && !options.cookie) headers.Authorization = `Bearer ${person.token}`;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const request = new Request(`${ROOT}/${path}`, {
    method,
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : (options.form ?? options.body),
  });
  const response = await server.handle(request, options.cookie ? { cookies: { [REST_SESSION_COOKIE]: options.cookie } } : {});
  const definition = answerDefinition(method, path, response.status);
  if (!definition) return { response, body: {} };
  const type = response.headers.get('Content-Type');
  expect(type, `${method} ${path} answers JSON`).to.equal(definition === 'Problem' ? 'application/problem+json' : 'application/json');
  const body = (await response.json()) as Record<string, unknown>;
  await expectValid(body, definition, `${method} ${path} → ${response.status}`);
  if (definition === 'Problem') expect(body.status, 'the problem repeats the status').to.equal(response.status);
  matched.add(definition);
  return { response, body };
}

function newTicket(fields: Record<string, unknown> = {}) {
  return {
    type: 'incident',
    urgency: 'high',
    title: 'Export CSV: shifted columns',
    description: 'Since Monday the CSV export shifts the amount column.',
    content: { text: 'Since Monday the CSV export shifts the amount column.\n\nAccount: acme', html: '<p>Since Monday…</p><p><strong>Account:</strong> acme</p>' },
    answers: [{ id: 'account', label: 'Account', value: 'acme' }],
    ...fields,
  };
}

const form = (ticket: unknown, ...files: File[]) => {
  const data = new FormData();
  data.append('ticket', JSON.stringify(ticket));
  for (const file of files) data.append('files', file, file.name);
  return data;
};

describe('REST example server', () => {
  beforeEach(() => start());

  describe('answers exactly what schema/rest-protocol.schema.json says', () => {
    it('on every route, in every outcome, and every answer definition of the schema is met at least once', async () => {
      // Creation, with and without files, its replay, its refusals.
      const { response: createdResponse, body: created } = await call('POST', 'tickets', { json: newTicket(), headers: { 'Idempotency-Key': 'sub-1' } });
      expect(createdResponse.status).to.equal(201);
      await call('POST', 'tickets', { form: form(newTicket({ title: 'With files', categoryId: 'export' }), new File(['log'], 'log.txt'), new File(['MZ'], 'setup.exe')) });
      await call('POST', 'tickets', { json: newTicket(), headers: { 'Idempotency-Key': 'sub-1' } });
      await call('POST', 'tickets', { json: newTicket({ title: 'Other' }), headers: { 'Idempotency-Key': 'sub-1' } });
      await call('POST', 'tickets', { json: { title: '' } });
      await call('POST', 'tickets', { body: 'not json', headers: { 'Content-Type': 'application/json' } });
      await call('POST', 'tickets', { body: 'title=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      const id = String(created.id);

      // Lists, both scopes, and a page past the end.
      store().seed(3, 'Seeded');
      store().addTicket({ title: 'Colleague’s', requesterId: REST_COLLEAGUE.id });
      await call('GET', 'tickets?scope=mine&start=0&limit=2');
      await call('GET', 'tickets?scope=organisation&start=0&limit=100');
      await call('GET', 'tickets?scope=mine&start=50&limit=10');
      await call('GET', 'tickets?scope=everyone');

      // The thread, replies, transitions, documents, categories.
      await call('POST', `tickets/${id}/replies`, { json: { text: 'More detail.' } });
      const data = new FormData();
      data.append('text', '');
      data.append('files', new File(['png'], 'screen.png', { type: 'image/png' }));
      await call('POST', `tickets/${id}/replies`, { form: data });
      await call('POST', `tickets/${id}/replies`, { json: { text: '  ' } });
      store().reply(id, '<p>Which <em>browser</em>?</p>', { waiting: true, html: true });
      store().solve(id, 'Fixed in 4.12.1.');
      const { body: detail } = await call('GET', `tickets/${id}`);
      expect((detail.entries as unknown[]).length).to.equal(5);
      await call('POST', `tickets/${id}/transitions`, { json: { action: 'refuse', reason: 'Still shifted.' } });
      await call('POST', `tickets/${id}/transitions`, { json: { action: 'approve' } });
      await call('POST', `tickets/${id}/transitions`, { json: { action: 'close' } });
      await call('POST', `tickets/${id}/transitions`, { json: { action: 'close' } });
      await call('POST', `tickets/${id}/transitions`, { json: { action: 'reopen' } });
      await call('POST', `tickets/${id}/transitions`, { json: { action: 'reopen', reason: 'Back again.' } });
      await call('GET', 'categories?type=request');
      await call('GET', 'categories?type=other');
      const documents = (detail.entries as { documents: { id: string }[] }[]).flatMap((entry) => entry.documents);
      await call('GET', `tickets/${id}/documents/${documents[0].id}`);
      await call('GET', `tickets/${id}/documents/999999`);

      // Articles: found, read, one that does not exist.
      store().publishArticle('Le VPN se déconnecte', '<p>Mettez le <em>client</em> à jour.</p>');
      const { body: found } = await call('GET', `articles?q=${encodeURIComponent('vpn reseau')}&limit=3`);
      expect((found.articles as { title: string }[]).map((article) => article.title)).to.deep.equal(['Le VPN se déconnecte']);
      await call('GET', `articles/${(found.articles as { id: string }[])[0].id}`);
      await call('GET', 'articles/999999');

      // Who may ask what.
      await call('GET', 'tickets', { as: null });
      await call('GET', 'tickets', { as: { ...REST_DEMO_PERSON, token: 'wrong' } });
      await call('GET', `tickets/${id}`, { as: REST_OUTSIDER });
      await call('POST', `tickets/${id}/replies`, { cookie: REST_DEMO_PERSON.session, json: { text: 'no CSRF header' } });
      await call('DELETE', `tickets/${id}`);
      await call('GET', 'nothing-here');

      expect([...matched].sort()).to.deep.equal(['Article', 'ArticleList', 'CategoryList', 'CreatedTicket', 'PostedReply', 'Problem', 'TicketDetail', 'TicketPage', 'TicketSummary']);
    });

    it('for the demo data: every list and every ticket', async () => {
      start({}, demoStore());
      for (const person of [REST_DEMO_PERSON, REST_COLLEAGUE]) {
        const { body } = await call('GET', 'tickets?scope=organisation&limit=100', { as: person });
        for (const row of body.tickets as { id: string }[]) await call('GET', `tickets/${row.id}`, { as: person });
      }
    });

    it('defines every body the protocol exchanges, requests included', async () => {
      const definitions = Object.keys((await restSchema()).$defs as object);
      expect(definitions).to.include.members(['NewTicket', 'NewReply', 'Transition', 'CreatedTicket', 'TicketPage', 'TicketDetail', 'PostedReply', 'CategoryList', 'ArticleList', 'Article', 'Problem']);
    });
  });

  describe('creation', () => {
    it('answers 201 with Location, then the same ticket with 200 for the same Idempotency-Key', async () => {
      const first = await call('POST', 'tickets', { json: newTicket(), headers: { 'Idempotency-Key': 'abc-1' } });
      expect(first.response.headers.get('Location')).to.equal(`/api/support/tickets/${first.body.id}`);
      expect(first.body.url).to.equal(`https://app.example.com/support/${first.body.id}`);
      const again = await call('POST', 'tickets', { json: newTicket(), headers: { 'Idempotency-Key': 'abc-1' } });
      expect(again.response.status).to.equal(200);
      expect(again.response.headers.get('Idempotent-Replayed')).to.equal('true');
      expect(again.body.id).to.equal(first.body.id);
      expect(store().countTitled('Export CSV: shifted columns')).to.equal(1);
    });

    it('keeps each person’s keys apart, and refuses a key used for another ticket', async () => {
      const mine = await call('POST', 'tickets', { json: newTicket(), headers: { 'Idempotency-Key': 'same' } });
      const theirs = await call('POST', 'tickets', { json: newTicket(), headers: { 'Idempotency-Key': 'same' }, as: REST_COLLEAGUE });
      expect(theirs.body.id).to.not.equal(mine.body.id);
      const reused = await call('POST', 'tickets', { json: newTicket({ title: 'Another' }), headers: { 'Idempotency-Key': 'same' } });
      expect(reused.response.status).to.equal(422);
      expect(reused.body).to.deep.include({ code: 'key-reused', fields: ['Idempotency-Key'] });
    });

    it('names every wrong field', async () => {
      const { response, body } = await call('POST', 'tickets', { json: { type: 'bug', urgency: 'urgent!', title: 'x'.repeat(256), answers: 'no', categoryId: 'nope' } });
      expect(response.status).to.equal(422);
      expect(body.fields).to.deep.equal(['type', 'urgency', 'title', 'description', 'content', 'answers', 'categoryId']);
    });

    it('stores the files with the description, refusing too big and executable ones while taking the ticket', async () => {
      const { body } = await call('POST', 'tickets', {
        form: form(newTicket(), new File(['log'], 'log.txt', { type: 'text/plain' }), new File(['MZ'], 'setup.exe'), new File(['x'.repeat(1001)], 'big.bin')),
      });
      expect(body.rejectedFiles).to.deep.equal([
        { name: 'setup.exe', reason: 'executable files are not accepted' },
        { name: 'big.bin', reason: 'larger than 1000 bytes' },
      ]);
      expect(store().ticket(String(body.id))!.entries[0].documents.map((document) => document.file.name)).to.deep.equal(['log.txt']);
    });

    it('refuses files when the attachments feature is off', async () => {
      start({ attachments: false });
      const { response, body } = await call('POST', 'tickets', { form: form(newTicket(), new File(['log'], 'log.txt')) });
      expect(response.status).to.equal(422);
      expect(body.fields).to.deep.equal(['files']);
    });
  });

  describe('lists and tickets', () => {
    it('lists newest activity first, 100 rows at most, with the total and whether more remain', async () => {
      store().seed(120, 'Row');
      const { body } = await call('GET', 'tickets?scope=mine&start=10&limit=500');
      const titles = (body.tickets as { title: string }[]).map((row) => row.title);
      expect(titles).to.have.length(100);
      expect(titles[0]).to.equal('Row 11');
      expect(body).to.deep.include({ total: 120, more: true });
      const bad = await call('GET', 'tickets?start=-1&limit=0');
      expect(bad.body.fields).to.deep.equal(['start', 'limit']);
    });

    it('shows the organisation’s tickets with their requester, and only when that feature is on', async () => {
      store().addTicket({ title: 'Colleague’s', requesterId: REST_COLLEAGUE.id });
      store().addTicket({ title: 'Outsider’s', requesterId: REST_OUTSIDER.id });
      const { body } = await call('GET', 'tickets?scope=organisation');
      expect((body.tickets as { title: string; requester: string }[]).map(({ title, requester }) => [title, requester])).to.deep.equal([['Colleague’s', 'Julien Dupont']]);
      start({ organisationTickets: false }, store());
      expect((await call('GET', 'tickets?scope=organisation')).response.status).to.equal(400);
      const colleagues = store().tickets.find((ticket) => ticket.requesterId === REST_COLLEAGUE.id)!;
      expect((await call('GET', `tickets/${colleagues.id}`)).response.status, 'not even by its id').to.equal(404);
    });

    it('says what the person may do as the ticket moves', async () => {
      const { id } = store().addTicket({ title: 'Moving' });
      const actions = async () => (await call('GET', `tickets/${id}`)).body.actions;
      expect(await actions()).to.deep.equal({ reply: true, approve: false, close: true, reopen: false });
      store().solve(id, 'Done.');
      expect(await actions()).to.deep.equal({ reply: true, approve: true, close: false, reopen: false });
      await call('POST', `tickets/${id}/transitions`, { json: { action: 'approve' } });
      expect(await actions()).to.deep.equal({ reply: false, approve: false, close: false, reopen: true });
      const refused = await call('POST', `tickets/${id}/replies`, { json: { text: 'After closing' } });
      expect(refused.response.status).to.equal(409);
      expect(refused.body.code).to.equal('not-allowed');
    });

    it('without the approval feature, a solved ticket is closed or reopened, and approve is not an action', async () => {
      start({ approval: false });
      const { id } = store().addTicket({ title: 'No approval' });
      store().solve(id, 'Done.');
      expect((await call('GET', `tickets/${id}`)).body.actions).to.deep.equal({ reply: true, approve: false, close: true, reopen: true });
      const { body } = await call('POST', `tickets/${id}/transitions`, { json: { action: 'approve' } });
      expect(body.fields).to.deep.equal(['action']);
      expect((await call('GET', `tickets/${id}`)).body.entries).to.satisfy((entries: { approval?: string }[]) => entries.every((entry) => !entry.approval));
    });

    it('reopens with the reason in the thread, by the person', async () => {
      const { id } = store().addTicket({ title: 'Reopen me', status: 'closed' });
      const { body } = await call('POST', `tickets/${id}/transitions`, { json: { action: 'reopen', reason: 'It is back.' } });
      expect(body.status).to.deep.include({ group: 'open', code: 'in-progress' });
      expect(store().ticket(id)!.entries.at(-1)).to.deep.include({ kind: 'followup', body: 'It is back.', authorName: 'Camille Martin' });
    });

    it('sends a document with its type, size and an RFC 6266 name', async () => {
      const { id } = store().addTicket({ title: 'File' });
      const [document] = store().addEntry(store().ticket(id)!, 'followup', 'see', { authorId: REST_DEMO_PERSON.id, files: [new File(['héhé'], 'résumé "v2".txt', { type: 'text/plain' })] }).documents;
      const { response } = await call('GET', `tickets/${id}/documents/${document.id}`);
      expect(response.headers.get('Content-Type')).to.equal('text/plain');
      expect(response.headers.get('Content-Disposition')).to.equal(`attachment; filename="r_sum_ _v2_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.txt`);
      expect(await response.text()).to.equal('héhé');
    });

    it('lists categories per type, and has no such route when the feature is off', async () => {
      const { body } = await call('GET', 'categories?type=request');
      expect((body.categories as { id: string }[]).map((category) => category.id)).to.deep.equal(['access', 'billing', 'export']);
      start({ categories: false });
      expect((await call('GET', 'categories')).response.status).to.equal(404);
    });
  });

  describe('who is asking', () => {
    it('takes the host’s session cookie, and wants X-Requested-With with it for changes (CSRF)', async () => {
      expect((await call('GET', 'tickets', { cookie: REST_DEMO_PERSON.session })).response.status).to.equal(200);
      const refused = await call('POST', 'tickets', { cookie: REST_DEMO_PERSON.session, json: newTicket() });
      expect(refused.response.status).to.equal(403);
      const accepted = await call('POST', 'tickets', { cookie: REST_DEMO_PERSON.session, json: newTicket(), headers: { 'X-Requested-With': 'support-widgets' } });
      expect(accepted.response.status).to.equal(201);
    });

    it('answers 401 with WWW-Authenticate for a missing or wrong token or session', async () => {
      for (const options of [{ as: null }, { as: { ...REST_DEMO_PERSON, token: 'x' } }, { cookie: 'expired' }] as Call[]) {
        const { response, body } = await call('GET', 'tickets', options);
        expect(response.status).to.equal(401);
        expect(response.headers.get('WWW-Authenticate')).to.match(/^Bearer/);
        expect(body.code).to.equal('unauthenticated');
      }
    });
  });

  describe('as msw handlers (createRestFake)', () => {
    const token = { Authorization: `Bearer ${REST_DEMO_PERSON.token}` };
    const list = () => fetch(`${ROOT}/tickets`, { headers: token });

    it('fails on demand as servers and proxies do, and records every exchange', async () => {
      const fake = createRestFake({ baseUrl: ROOT, hangMs: 50 });
      await useHandlers(...fake.handlers);
      fake.state.failNext('429');
      fake.state.failNext('429', { retryAfter: null });
      fake.state.failNext('503');
      fake.state.failNext('html');
      fake.state.failNext('500');
      const first = await list();
      expect([first.status, first.headers.get('Retry-After')]).to.deep.equal([429, '30']);
      await expectValid(await first.json(), 'Problem');
      expect((await list()).headers.get('Retry-After')).to.equal(null);
      const proxy = await list();
      expect([proxy.status, await proxy.text()]).to.satisfy(([status, text]: [number, string]) => status === 503 && text.includes('503 Service Temporarily Unavailable'));
      expect((await list()).headers.get('Content-Type')).to.match(/^text\/html/);
      expect((await list()).status).to.equal(500);
      fake.state.failNext('network');
      let error: unknown;
      await list().catch((caught: unknown) => (error = caught));
      expect(error).to.be.instanceOf(TypeError);
      expect((await list()).status).to.equal(200);
      expect(fake.state.exchanges.map((exchange) => [exchange.status, exchange.failure ?? ''])).to.deep.equal([
        [429, '429'],
        [429, '429'],
        [503, '503'],
        [200, 'html'],
        [500, '500'],
        [0, 'network'],
        [200, ''],
      ]);
    });

    it('carries out the request whose answer it loses, or answers late', async () => {
      const fake = createRestFake({ baseUrl: ROOT, hangMs: 50 });
      await useHandlers(...fake.handlers);
      fake.state.failNext('lost-answer', { path: 'tickets', method: 'POST' });
      const send = () => fetch(`${ROOT}/tickets`, { method: 'POST', headers: { ...token, 'Content-Type': 'application/json', 'Idempotency-Key': 'k' }, body: JSON.stringify(newTicket()) });
      await send().then(
        () => expect.fail('the answer was to be lost'),
        () => undefined,
      );
      expect(fake.state.tickets).to.have.length(1);
      fake.state.failNext('timeout');
      const late = await send();
      expect(late.status).to.equal(200);
      expect(fake.state.tickets).to.have.length(1);
    });

    it('has demo tickets in every status behind demoTickets', () => {
      const { state } = createRestFake({ demoTickets: true });
      const mine = state.tickets.filter((ticket) => ticket.requesterId === REST_DEMO_PERSON.id);
      expect([...new Set(mine.map((ticket) => ticket.status))].sort()).to.deep.equal(['closed', 'new', 'solved', 'waiting']);
      expect(state.tickets.some((ticket) => ticket.requesterId === REST_COLLEAGUE.id)).to.equal(true);
    });
  });
});

function store(): RestStore {
  return server.store;
}

function demoStore(): RestStore {
  const demo = new RestStore();
  addRestDemoTickets(demo);
  return demo;
}
