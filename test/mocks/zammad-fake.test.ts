import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import {
  createZammadFake,
  ZAMMAD_AGENT,
  ZAMMAD_COLLEAGUE,
  ZAMMAD_CUSTOMER,
  ZAMMAD_OUTSIDER,
  zammadDemoSeed,
  DEMO_ARTICLES,
  type ZammadFake,
  type ZammadFakeOptions,
} from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';

const API = 'https://helpdesk.example.fr/api/v1';
const CUSTOMER = { Authorization: `Token token=${ZAMMAD_CUSTOMER.tokens[0]}` };
const AGENT = { Authorization: `Token token=${ZAMMAD_AGENT.tokens[0]}` };

let fake: ZammadFake;

async function start(options: ZammadFakeOptions = {}): Promise<void> {
  fake = createZammadFake({ baseUrl: API, ...options });
  let time = Date.UTC(2025, 2, 10, 9);
  fake.state.clock = () => new Date((time += 60_000));
  await useHandlers(...fake.handlers);
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
  const { json, ...rest } = init;
  const headers = new Headers({ Accept: 'application/json', ...(rest.headers as Record<string, string>) });
  if (json !== undefined) headers.set('Content-Type', 'application/json');
  const response = await fetch(`${API}/${path}`, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // HTML
  }
  return { status: response.status, headers: response.headers, body };
}

const post = (path: string, json: unknown, headers: Record<string, string> = CUSTOMER) => call(path, { method: 'POST', headers, json });
const put = (path: string, json: unknown, headers: Record<string, string> = CUSTOMER) => call(path, { method: 'PUT', headers, json });
const get = (path: string, headers: Record<string, string> = CUSTOMER) => call(path, { headers });

type Row = Record<string, unknown>;
const base64 = (text: string) => btoa(text);

describe('fake Zammad', () => {
  beforeEach(() => start());

  describe('authentication', () => {
    it('takes an access token in each of the forms Rails parses, and Basic with login or email', async () => {
      for (const header of ['Token token=demo-customer-token', 'Token token="demo-customer-token"', 'Token demo-customer-token', 'Bearer demo-customer-token']) {
        const { status, body } = await get('users/me', { Authorization: header });
        expect([header, status]).to.deep.equal([header, 200]);
        expect((body as Row).login).to.equal(ZAMMAD_CUSTOMER.login);
      }
      const basic = await get('users/me', { Authorization: `Basic ${btoa(`${ZAMMAD_CUSTOMER.email.toUpperCase()}:demo`)}` });
      expect(basic.status).to.equal(200);
      expect(basic.body).to.not.have.property('password');
    });

    it('refuses as Zammad does: 403 without credentials, 401 with X-Failure for wrong ones', async () => {
      const none = await get('tickets', {});
      expect(none.status).to.equal(403);
      expect(none.body).to.deep.equal({ error: 'Authentication required', error_human: 'Authentication required' });
      expect(none.headers.get('X-Failure')).to.equal('Authentication required');

      const token = await get('tickets', { Authorization: 'Token token=nope' });
      expect(token.status).to.equal(401);
      expect(token.body).to.deep.equal({ error: "Can't find User for Token", error_human: "Can't find User for Token" });
      expect(token.headers.get('X-Failure')).to.equal("Can't find User for Token");

      const basic = await get('tickets', { Authorization: `Basic ${btoa('camille.martin@mairie-exemple.fr:wrong')}` });
      expect(basic.status).to.equal(401);
      expect((basic.body as Row).error).to.equal('Invalid BasicAuth credentials');
    });

    // Zammad 6.6.x (develop bfa96f03): app/controllers/application_controller/authenticates.rb
    // rescues Auth::Error::TwoFactorRequired, which lib/auth.rb raises only once the password
    // was right (Auth#verify_two_factor!); the token path checks no second factor.
    it('refuses Basic auth to an account with two-factor authentication, and takes its token', async () => {
      const user = fake.state.addUser({ login: 'alex', password: 'right', twoFactor: true });
      const refused = await get('users/me', { Authorization: `Basic ${btoa('alex:right')}` });
      expect(refused.status).to.equal(401);
      const message = 'Two-factor authentication is not supported with HTTP BasicAuth.';
      expect(refused.body).to.deep.equal({ error: message, error_human: message });
      expect(refused.headers.get('X-Failure')).to.equal(message);
      const wrong = await get('users/me', { Authorization: `Basic ${btoa('alex:wrong')}` });
      expect((wrong.body as Row).error, 'a wrong password says nothing of the second factor').to.equal('Invalid BasicAuth credentials');
      expect((await get('users/me', { Authorization: `Token token=${user.tokens[0]}` })).status).to.equal(200);
    });

    // lib/auth.rb (6.6.x): Auth::User#can_login? fails for an inactive account before any password check.
    it('refuses an inactive account’s password as invalid credentials, its token as a failed login', async () => {
      const user = fake.state.addUser({ login: 'gone', password: 'right', active: false });
      expect((await get('users/me', { Authorization: `Basic ${btoa('gone:right')}` })).body).to.deep.include({ error: 'Invalid BasicAuth credentials' });
      const token = await get('users/me', { Authorization: `Token token=${user.tokens[0]}` });
      expect([token.status, (token.body as Row).error]).to.deep.equal([401, 'Login failed. Have you double-checked your credentials and completed the email verification step?']);
    });

    it('refuses a kind of access the admin turned off', async () => {
      await start({ passwordAccess: false, tokenAccess: false });
      expect((await get('users/me', { Authorization: `Basic ${btoa('camille.martin@mairie-exemple.fr:demo')}` })).body).to.deep.include({ error: 'API password access disabled!' });
      expect((await get('users/me')).status).to.equal(403);
    });

    it('answers preflights without allowing Authorization, and adds CORS headers only to authenticated answers', async () => {
      const request = new Request(`${API}/tickets`, { method: 'POST' });
      Object.defineProperty(request, 'method', { value: 'OPTIONS' });
      const response = await getResponse(fake.handlers, request);
      expect(response?.status).to.equal(200);
      expect(response?.headers.get('Access-Control-Allow-Origin')).to.equal('*');
      expect(response?.headers.get('Access-Control-Allow-Headers')).to.not.match(/authorization/i);
      expect((await get('tickets')).headers.get('Access-Control-Allow-Origin')).to.equal('*');
      expect((await get('tickets', {})).headers.get('Access-Control-Allow-Origin')).to.equal(null);
    });

    it('answers an error as an HTML page when the request does not accept JSON', async () => {
      const response = await fetch(`${API}/tickets/999`, { headers: { ...CUSTOMER, Accept: 'application/octet-stream' } });
      expect(response.status).to.equal(404);
      expect(response.headers.get('Content-Type')).to.match(/text\/html/);
    });
  });

  describe('POST /tickets', () => {
    const ticket = (fields: Row = {}) => ({
      title: 'Imprimante HS',
      group: 'Users',
      article: { body: '<p>Elle ne démarre plus</p>', content_type: 'text/html', type: 'note', internal: false },
      ...fields,
    });

    it('creates the customer’s ticket with its first article and answers 201 with the full ticket', async () => {
      const { status, body } = await post('tickets', ticket({ priority: '3 high', customer_id: ZAMMAD_OUTSIDER.id, owner_id: ZAMMAD_AGENT.id }));
      expect(status).to.equal(201);
      const created = body as Row;
      expect(created).to.deep.include({ title: 'Imprimante HS', group_id: 1, priority_id: 3, state_id: 1, customer_id: ZAMMAD_CUSTOMER.id, owner_id: 1, organization_id: 1 });
      expect(created.article_ids).to.have.length(1);
      expect(created.number).to.match(/^\d+$/);
      expect(created).to.not.have.property('state');
      const [article] = fake.state.articles;
      expect(article).to.deep.include({ sender: 'Customer', type: 'note', internal: false, from: 'Camille Martin', content_type: 'text/html' });
    });

    it('names what ids point to with expand=true', async () => {
      const { body } = await post('tickets?expand=true', ticket());
      expect(body).to.deep.include({ state: 'new', priority: '2 normal', group: 'Users', customer: ZAMMAD_CUSTOMER.login, owner: '-', organization: "Mairie d'Exemple" });
    });

    it('forces a customer’s article public and from the customer, whatever was asked', async () => {
      await post('tickets', ticket({ article: { body: 'x', internal: true, sender: 'Agent', type: 'email' } }));
      expect(fake.state.articles[0]).to.deep.include({ internal: false, sender: 'Customer', type: 'note' });
    });

    it('stores attachments given as base64, and refuses bad ones without creating anything', async () => {
      const article = { body: 'x', attachments: [{ filename: 'log.txt', data: base64('E-204'), 'mime-type': 'text/plain' }] };
      expect((await post('tickets', ticket({ article }))).status).to.equal(201);
      expect(await fake.state.articles[0].attachments[0].file.text()).to.equal('E-204');

      const missing = await post('tickets', ticket({ article: { body: 'x', attachments: [{ filename: 'a.txt', data: base64('a') }] } }));
      expect(missing).to.deep.include({ status: 422 });
      expect((missing.body as Row).error).to.equal("Attachment needs 'mime-type' param for attachment with index '0'");
      const bad = await post('tickets', ticket({ article: { body: 'x', attachments: [{ filename: 'a.txt', data: '%%%', 'mime-type': 'text/plain' }] } }));
      expect((bad.body as Row).error).to.equal("Invalid base64 for attachment with index '0'");
      expect(fake.state.tickets).to.have.length(1);
    });

    it('refuses what Zammad refuses with 422 and its message', async () => {
      const refusals: [Row, string][] = [
        [{ group: undefined }, "The required value 'group_id' is missing."],
        [{ group: 'Nope' }, 'No lookup value found for \'group\': "Nope"'],
        [{ title: ' ' }, "Missing required value for field 'title'!"],
        [{ priority: '9 urgent' }, 'No lookup value found for \'priority\': "9 urgent"'],
        [{ article: { content_type: 'text/html' } }, "Need at least an 'article body' field."],
      ];
      for (const [fields, message] of refusals) {
        const { status, body } = await post('tickets', ticket(fields));
        expect([status, (body as Row).error]).to.deep.equal([422, message]);
      }
      expect(fake.state.tickets).to.have.length(0);
    });

    // Zammad 6.6.x (develop bfa96f03): ChecksCoreWorkflow#check_restrict_values raises
    // Exceptions::ApplicationModel, which HandlesErrors#humanize_error does not humanise: a
    // customer gets the masked 422 (app/models/concerns/checks_core_workflow.rb,
    // app/controllers/application_controller/handles_errors.rb).
    it('refuses a value the core workflow does not offer a customer with a masked 422, creating nothing', async () => {
      for (const fields of [{ group: 'Support N2' }, { state: 'open' }]) {
        const { status, body, headers } = await post('tickets', ticket(fields));
        expect(status).to.equal(422);
        expect(Object.keys(body as Row)).to.deep.equal(['error']);
        expect((body as Row).error).to.match(/^Error ID [\w-]{8}: Please contact your administrator\.$/);
        expect(headers.get('X-Failure')).to.equal(null);
      }
      expect(fake.state.tickets).to.have.length(0);
    });

    // CoreWorkflow::Attributes::Group#groups_customer (app/models/core_workflow/attributes/group.rb, 6.6.x):
    // the active groups of customer_ticket_create_group_ids, or every active group when it is empty.
    it('opens every active group to customers when customer_ticket_create_group_ids is empty', async () => {
      const seed = zammadDemoSeed();
      seed.groups = seed.groups.map((group) => ({ ...group, customerCreate: false }));
      seed.groups.push({ id: 4, name: 'Old', active: false, follow_up_possible: 'yes', customerCreate: false });
      await start({ seed });
      expect((await post('tickets', ticket({ group: 'Support N2' }))).status).to.equal(201);
      expect((await post('tickets', ticket({ group: 'Old' }))).status).to.equal(422);
    });

    it('refuses a priority from a customer when a core workflow forbids it, masked', async () => {
      await start({ customerPriority: false });
      const refused = await post('tickets', ticket({ priority: '1 low' }));
      expect(refused.status).to.equal(422);
      expect((refused.body as Row).error).to.match(/^Error ID [\w-]{8}: Please contact your administrator\.$/);
      expect((await post('tickets', ticket())).status).to.equal(201);
    });

    it('keeps the message id given with the article', async () => {
      await post('tickets', ticket({ article: { body: 'x', message_id: '<abc@support-widgets>' } }));
      const [article] = (await get('ticket_articles/by_ticket/1')).body as Row[];
      expect(article.message_id).to.equal('<abc@support-widgets>');
    });
  });

  describe('GET /tickets', () => {
    // Zammad 6.6.x (develop bfa96f03): app/controllers/tickets_controller.rb#index (`paginate_with(max: 100)`,
    // `reorder(id: :asc)`), app/controllers/concerns/can_paginate/pagination.rb (offset = (page - 1) × per_page).
    it('lists what the customer may see by id ascending, without a total, 100 at most a page', async () => {
      fake.state.generateTickets(130);
      fake.state.addTicket({ title: 'Colleague', customer: ZAMMAD_COLLEAGUE.id });
      fake.state.addTicket({ title: 'Outsider', customer: ZAMMAD_OUTSIDER.id });
      const first = await get('tickets?expand=true&page=1&per_page=500');
      const rows = first.body as Row[];
      expect(rows).to.have.length(100);
      expect(rows.map((row) => row.id)).to.deep.equal([...rows.map((row) => row.id as number)].sort((a, b) => a - b));
      expect(first.headers.get('Link')).to.equal(null);
      const second = (await get('tickets?expand=true&page=2&per_page=100')).body as Row[];
      // The shared organisation's ticket, never the outsider's.
      expect(second.map((row) => row.title)).to.include('Colleague').and.not.include('Outsider');
      expect(second).to.have.length(31);
      expect((await get('tickets?page=3&per_page=100')).body).to.deep.equal([]);
      expect((await get('tickets?limit=5')).body).to.have.length(5);
      // One row from any offset: the 101st, and none past the end.
      expect(((await get('tickets?page=101&per_page=1')).body as Row[]).map((row) => row.id)).to.deep.equal([second[0].id]);
      expect((await get('tickets?page=132&per_page=1')).body).to.deep.equal([]);
    });

    it('masks the database error of a page below 1', async () => {
      const { status, body } = await get('tickets?page=0&per_page=10');
      expect(status).to.equal(422);
      expect((body as Row).error).to.match(/^Error ID [\w-]+: Please contact your administrator\.$/);
      expect(body).to.not.have.property('error_human');
    });

    it('shows the outsider only their own', async () => {
      fake.state.generateTickets(3);
      fake.state.addTicket({ title: 'Mine', customer: ZAMMAD_OUTSIDER.id });
      const { body } = await get('tickets', { Authorization: 'Token token=outsider-customer-token' });
      expect((body as Row[]).map((row) => row.title)).to.deep.equal(['Mine']);
    });
  });

  describe('a ticket and its articles', () => {
    let id: number;
    beforeEach(() => {
      id = fake.state.addTicket({ title: 'VPN' }).id;
      fake.state.replyAsAgent(id, '<p>Which client version?</p>');
      fake.state.replyAsAgent(id, '<p>Check the gateway logs</p>', { internal: true });
    });

    it('404s an unknown ticket and 403s someone else’s', async () => {
      const unknown = await get('tickets/999');
      expect([unknown.status, unknown.body]).to.deep.equal([404, { error: "Couldn't find Ticket with 'id'=999", error_human: "Couldn't find Ticket with 'id'=999" }]);
      const other = await get(`tickets/${id}`, { Authorization: 'Token token=outsider-customer-token' });
      expect(other.status).to.equal(403);
      expect(other.headers.get('X-Failure')).to.equal('Not authorized');
    });

    it('never shows a customer an internal article; the agent sees it', async () => {
      const customer = (await get(`ticket_articles/by_ticket/${id}`)).body as Row[];
      expect(customer.map((article) => [article.sender, article.type, article.internal])).to.deep.equal([
        ['Customer', 'web', false],
        ['Agent', 'email', false],
      ]);
      expect((await get(`ticket_articles/by_ticket/${id}`, AGENT)).body).to.have.length(3);
    });

    it('opens a new ticket when the agent answers by email', async () => {
      expect((await get(`tickets/${id}?expand=true`)).body).to.deep.include({ state: 'open' });
    });

    it('adds the customer’s reply with a file that downloads back', async () => {
      const { status, body } = await post('ticket_articles', {
        ticket_id: id,
        body: '<p>4.2</p>',
        content_type: 'text/html',
        type: 'note',
        internal: false,
        attachments: [{ filename: 'version é.txt', data: base64('4.2.1'), 'mime-type': 'text/plain' }],
      });
      expect(status).to.equal(201);
      const article = body as { id: number; attachments: { id: number; filename: string; size: string; preferences: Row }[] };
      expect(article.attachments[0]).to.deep.include({ filename: 'version é.txt', size: '5', preferences: { 'Mime-Type': 'text/plain' } });
      const response = await fetch(`${API}/ticket_attachment/${id}/${article.id}/${article.attachments[0].id}`, { headers: CUSTOMER });
      expect(response.headers.get('Content-Type')).to.equal('text/plain');
      expect(response.headers.get('Content-Disposition')).to.contain("filename*=UTF-8''version%20%C3%A9.txt");
      expect(await response.text()).to.equal('4.2.1');
      const wrong = await get(`ticket_attachment/${id}/${article.id}/999`);
      expect([wrong.status, (wrong.body as Row).error]).to.deep.equal([403, 'The file does not belong to the specified article.']);
    });

    it('lets the customer close and reopen with an article, and nothing else', async () => {
      const closed = await put(`tickets/${id}?expand=true`, { state: 'closed' });
      expect(closed.body).to.deep.include({ state: 'closed' });
      const reopened = await put(`tickets/${id}?expand=true`, { state: 'open', article: { body: 'Back again', type: 'note', internal: false } });
      expect(reopened.body).to.deep.include({ state: 'open' });
      expect(fake.state.articlesOf(id).at(-1)).to.deep.include({ body: 'Back again', sender: 'Customer' });
      const pending = await put(`tickets/${id}`, { state: 'pending close' });
      expect(pending.status).to.equal(422);
      expect((pending.body as Row).error, 'masked, as ChecksCoreWorkflow refusals are').to.match(/^Error ID [\w-]{8}: /);
    });

    it('refuses to reopen a closed ticket of a group that wants a new ticket', async () => {
      const archived = fake.state.addTicket({ title: 'Old', group: 'Archives', state: 'closed' });
      const { status, body } = await put(`tickets/${archived.id}`, { state: 'open' });
      expect([status, (body as Row).error]).to.deep.equal([422, 'Cannot follow-up on a closed ticket. Please create a new ticket.']);
    });

    it('reads states with their types, and priorities', async () => {
      const states = (await get('ticket_states?expand=true')).body as Row[];
      expect(states.find((state) => state.name === 'pending close')).to.deep.include({ state_type: 'pending action', next_state: 'closed', state_type_id: 4 });
      const priorities = (await get('ticket_priorities')).body as Row[];
      expect(priorities.map((row) => row.name)).to.deep.equal(['1 low', '2 normal', '3 high']);
    });

    it('solves as an agent: a public answer, then pending close with a date', () => {
      fake.state.solve(id, '<p>Renewed the certificate</p>', { closesAt: new Date(Date.UTC(2025, 2, 20)) });
      const ticket = fake.state.ticket(id)!;
      expect(fake.state.state(ticket.state_id).name).to.equal('pending close');
      expect(ticket.pending_time).to.equal('2025-03-20T00:00:00.000Z');
    });
  });

  describe('failures', () => {
    it('loses the answer of a ticket it created', async () => {
      fake.state.failNext('lost-answer', { method: 'POST', endpoint: 'tickets' });
      await get('tickets');
      let error: unknown;
      try {
        await post('tickets', { title: 'T', group: 'Users', article: { body: 'x' } });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(TypeError);
      expect(fake.state.tickets).to.have.length(1);
    });

    it('answers proxy pages, masked errors, 429s and the web app instead of the API', async () => {
      fake.state.failNext('502');
      expect(await get('tickets')).to.deep.include({ status: 502 });
      fake.state.failNext('500');
      expect(((await get('tickets')).body as Row).error).to.match(/^Error ID /);
      fake.state.failNext('429', { retryAfter: null });
      const limited = await get('tickets');
      expect([limited.status, limited.headers.get('Retry-After')]).to.deep.equal([429, null]);
      fake.state.failNext('429');
      expect((await get('tickets')).headers.get('Retry-After')).to.equal('60');
      fake.state.failNext('html');
      const page = await get('tickets');
      expect([page.status, String(page.body)]).to.satisfy(([status, text]: [number, string]) => status === 200 && text.startsWith('<!DOCTYPE html>'));
      fake.state.failNext('token-expired');
      expect(((await get('tickets')).body as Row).error).to.equal('Not authorized (token expired)!');
      expect((await get('tickets')).status).to.equal(200);
    });

    it('answers an unknown route with a routing error', async () => {
      const { status, body } = await get('nope');
      expect([status, (body as Row).error]).to.deep.equal([404, `No route matches [GET] ${new URL(API).pathname}/nope`]);
    });
  });

  describe('the knowledge base', () => {
    const ANSWER = 'KnowledgeBase::Answer::Translation';
    const search = (json: Row, headers: Record<string, string> = {}) => post('knowledge_bases/search', json, headers);

    function publishSome() {
      const vpn = fake.state.publishArticle('Le VPN se déconnecte', '<p>Mettez le <strong>client VPN</strong> à jour.</p>');
      fake.state.publishArticle('VPN : brouillon', '<p>Pas relu.</p>', { state: 'draft' });
      fake.state.publishArticle('VPN interne', '<p>Pour les techniciens.</p>', { state: 'internal' });
      const archived = fake.state.publishArticle('Ancien VPN', '<p>Plus utilisé.</p>', { state: 'archived' });
      return { vpn, archived };
    }

    it('searches for anyone, without credentials or with a customer’s, and gives published answers in Zammad’s shape', async () => {
      const { vpn } = publishSome();
      const guest = await search({ query: 'vpn' });
      expect(guest.status).to.equal(200);
      // SetsHeaders: the CORS headers come only after a token or Basic authentication.
      expect(guest.headers.get('Access-Control-Allow-Origin')).to.equal(null);
      const title = 'Le <em>VPN</em> se déconnecte';
      const body = 'Mettez le client <em>VPN</em> à jour.';
      expect(guest.body).to.deep.equal({
        result: [{ id: vpn.translation.id, type: ANSWER, highlight: { title: [title], 'content.body': [body] } }],
        details: [
          {
            id: vpn.translation.id,
            type: ANSWER,
            icon: 'knowledge-base-answer',
            date: vpn.translation.updated_at,
            url: '/help/fr-fr/1-questions-frequentes/1-le-vpn-se-deconnecte',
            title,
            subtitle: 'Questions fréquentes',
            body,
            tags: [],
          },
        ],
      });
      const customer = await search({ query: 'vpn', flavor: 'agent' }, CUSTOMER);
      expect(customer.body).to.deep.equal(guest.body);
      expect(customer.headers.get('Access-Control-Allow-Origin')).to.equal('*');
      // authentication_check_only still refuses credentials that are wrong.
      expect((await search({ query: 'vpn' }, { Authorization: 'Token token=nope' })).status).to.equal(401);
      // An agent (knowledge_base.reader) asking for the agent flavor gets internal answers too.
      const agent = (await search({ query: 'vpn', flavor: 'agent' }, AGENT)).body as { details: Row[] };
      expect(agent.details.map((detail) => detail.title)).to.have.members([title, '<em>VPN</em> interne']);
    });

    it('matches every word, the last as a prefix, keeping accents; pages with limit; honours index, url_type and highlight_enabled', async () => {
      const { vpn } = publishSome();
      const printer = fake.state.publishArticle('Imprimantes : bourrage papier', `<p>${'Ouvrez le capot avant et retirez la feuille. '.repeat(4)}</p>`);
      const titles = async (json: Row) => ((await search(json)).body as { details: Row[] }).details.map((detail) => detail.title);
      expect(await titles({ query: 'imprimante' })).to.deep.equal(['<em>Imprimantes</em> : bourrage papier']);
      expect(await titles({ query: 'imprimante bourrage' })).to.deep.equal([]);
      expect(await titles({ query: 'bourrage imprimante' })).to.deep.equal(['<em>Imprimantes</em> : <em>bourrage</em> papier']);
      expect(await titles({ query: 'deconnecte' })).to.deep.equal([]);
      expect(await titles({ query: '   ' })).to.deep.equal([]);
      // Newest change first, `limit` (or `per_page`) a page.
      const ids = async (json: Row) => ((await search(json)).body as { details: Row[] }).details.map((detail) => detail.id);
      expect(await ids({ query: 'le', index: ANSWER })).to.deep.equal([printer.translation.id, vpn.translation.id]);
      expect(await ids({ query: 'le', index: ANSWER, limit: 1 })).to.deep.equal([printer.translation.id]);
      expect(await ids({ query: 'le', index: ANSWER, per_page: 1, page: 2 })).to.deep.equal([vpn.translation.id]);

      const plain = (await search({ query: 'capot', highlight_enabled: false, url_type: 'agent' })).body as { result: Row[]; details: Row[] };
      expect(plain.result).to.deep.equal([{ id: printer.translation.id, type: ANSWER }]);
      expect(plain.details[0]).to.deep.include({
        title: 'Imprimantes : bourrage papier',
        body: `${'Ouvrez le capot avant et retirez la feuille. '.repeat(3).slice(0, 97)}...`,
        url: `/api/v1/knowledge_bases/1/answers/${printer.id}?include_contents=${printer.translation.id}`,
      });
      // Without `index`, the category and the knowledge base are found too, and have no body.
      const category = (await search({ query: 'questions' })).body as { details: Row[] };
      expect(category.details).to.deep.equal([
        {
          id: 1,
          type: 'KnowledgeBase::Category::Translation',
          fontName: 'FontAwesome',
          date: printer.updated_at,
          url: '/help/fr-fr/1-questions-frequentes',
          icon: 'f115',
          subtitle: null,
          title: '<em>Questions</em> fréquentes',
        },
      ]);
      expect(vpn.id).to.not.equal(vpn.translation.id);
    });

    it('finds nothing, in the same shape, without a knowledge base or with an inactive one', async () => {
      expect((await search({ query: 'vpn' })).body).to.deep.equal({ result: [], details: [] });
      publishSome();
      fake.state.knowledgeBase!.active = false;
      expect((await search({ query: 'vpn' })).body).to.deep.equal({ result: [], details: [] });
    });

    it('gives a published answer with its assets and the contents asked for, those of this answer only', async () => {
      const { vpn } = publishSome();
      const other = fake.state.publishArticle('Wi-Fi', '<p>CORP</p>');
      // The knowledge base's segment is not read: the answer is found by its own id.
      const { status, body } = await get(`knowledge_bases/77/answers/${vpn.id}?include_contents=${vpn.content.id},${other.content.id}`);
      expect(status).to.equal(200);
      const { id, assets } = body as { id: number; assets: Record<string, Record<string, Row>> };
      expect(id).to.equal(vpn.id);
      expect(Object.keys(assets)).to.have.members([
        'KnowledgeBaseAnswer',
        'KnowledgeBaseCategory',
        'KnowledgeBase',
        'KnowledgeBaseLocale',
        'KnowledgeBaseTranslation',
        'KnowledgeBaseCategoryTranslation',
        'KnowledgeBaseAnswerTranslation',
        'KnowledgeBaseAnswerTranslationContent',
        'User',
      ]);
      expect(assets.KnowledgeBaseAnswer[vpn.id]).to.deep.include({ id: vpn.id, category_id: 1, translation_ids: [vpn.translation.id], published_at: vpn.published_at });
      expect(assets.KnowledgeBaseCategory[1]).to.deep.include({ knowledge_base_id: 1 });
      expect(assets.KnowledgeBaseAnswerTranslation).to.deep.equal({
        [vpn.translation.id]: {
          id: vpn.translation.id,
          title: 'Le VPN se déconnecte',
          kb_locale_id: 1,
          answer_id: vpn.id,
          content_id: vpn.content.id,
          created_by_id: ZAMMAD_AGENT.id,
          updated_by_id: ZAMMAD_AGENT.id,
          created_at: vpn.translation.created_at,
          updated_at: vpn.translation.updated_at,
        },
      });
      expect(assets.KnowledgeBaseAnswerTranslationContent).to.deep.equal({ [vpn.content.id]: { id: vpn.content.id, body: vpn.content.body, attachments: [] } });
      // Without include_contents, no content.
      expect(((await get(`knowledge_bases/1/answers/${vpn.id}`)).body as { assets: Row }).assets).to.not.have.property('KnowledgeBaseAnswerTranslationContent');
    });

    it('refuses an answer the person may not read: 404 unknown, 403 draft, internal or archived, 403 without credentials', async () => {
      const { vpn, archived } = publishSome();
      const [draft, internal] = fake.state.kbAnswers.slice(1, 3);
      const unknown = await get('knowledge_bases/1/answers/999');
      expect([unknown.status, unknown.body]).to.deep.equal([404, { error: "Couldn't find KnowledgeBase::Answer with 'id'=999", error_human: "Couldn't find KnowledgeBase::Answer with 'id'=999" }]);
      for (const answer of [draft, internal, archived]) {
        const refused = await get(`knowledge_bases/1/answers/${answer.id}`);
        expect([answer.translation.title, refused.status, refused.body]).to.deep.equal([answer.translation.title, 403, { error: 'Not authorized', error_human: 'Not authorized' }]);
      }
      expect((await get(`knowledge_bases/1/answers/${internal.id}`, AGENT)).status).to.equal(200);
      expect((await get(`knowledge_bases/1/answers/${draft.id}`, AGENT)).status).to.equal(403);
      const guest = await get(`knowledge_bases/1/answers/${vpn.id}`, {});
      expect([guest.status, (guest.body as Row).error]).to.deep.equal([403, 'Authentication required']);
    });

    it('holds the demo’s articles with the demo tickets', async () => {
      await start({ demoTickets: true });
      // The demo was written on the real clock, before the test's took over.
      fake.state.clock = () => new Date();
      expect(fake.state.kbAnswers.map((answer) => answer.translation.title)).to.deep.equal(DEMO_ARTICLES.map((article) => article.title));
      const found = (await search({ query: 'bourrage', index: ANSWER })).body as { details: Row[] };
      expect(found.details.map((detail) => detail.title)).to.deep.equal(['Imprimante : <em>bourrage</em> papier']);
    });
  });

  it('has demo tickets in every state a customer meets', async () => {
    await start({ demoTickets: true });
    const rows = (await get('tickets?expand=true')).body as Row[];
    expect([...new Set(rows.map((row) => row.state))]).to.have.members(['new', 'open', 'pending reminder', 'pending close', 'closed', 'merged']);
    expect(fake.state.articles.some((article) => article.internal)).to.equal(true);
  });
});
